package dev.pillar.http.console;

import dev.pillar.core.model.Country;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Project;
import dev.pillar.core.world.World;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;

/** How the console writes values: markings, dates, intervals, amounts. */
final class Fmt {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Fmt() {}

    /**
     * The banner marking, e.g. {@code SECRET//REL TO USA, AUS, GBR}: as the SPIF of the item's scheme renders it, or the
     * level without its scheme and the REL TO or NOFORN marking for a scheme written as a table.
     */
    static String banner(World world, Item it) {
        return world.marking(it);
    }

    static String control(ExportControl c) {
        return ExportControl.format(c);
    }

    /** The item's capability area: its own or its project's. */
    static String area(World world, Item it) {
        if (it.area() != null) {
            return it.area();
        }
        Project p = it.project() == null ? null : world.project(it.project());
        return p == null ? null : p.area();
    }

    static String or(String s) {
        return s == null ? "" : s;
    }

    static String date(LocalDate d) {
        return d == null || d.equals(LocalDate.MIN) ? "" : d.toString();
    }

    static String instant(Instant i) {
        return i == null ? "" : INSTANT.format(i);
    }

    /** {@code " (from 2024-09-17)"}, {@code " (2025-01-01 to 2025-12-31)"} or empty for always. */
    static String interval(Interval i) {
        if (i == null || (i.from().equals(LocalDate.MIN) && i.until() == null)) {
            return "";
        }
        if (i.until() == null) {
            return " (from " + i.from() + ")";
        }
        return " (" + (i.from().equals(LocalDate.MIN) ? "until " + i.until() : i.from() + " to " + i.until()) + ")";
    }

    static String registration(Organisation.Registration r) {
        if (r == null) {
            return "";
        }
        String ref = r.reference().isEmpty() ? "yes" : r.reference();
        return ref + interval(r.interval());
    }

    static String countries(Collection<Country> cs) {
        return String.join(", ", cs.stream().map(Country::code).sorted().toList());
    }

    static String usd(long v) {
        return String.format(Locale.ROOT, "US$%,d", v);
    }
}
