package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.model.Source;
import java.util.List;

/**
 * Levels of different national schemes that a security agreement treats as equivalent (e.g. USA:SECRET, GBR:SECRET,
 * AUS:SECRET), in force over an interval. {@code from} is null for an equivalence that holds both ways; a one-way
 * equivalence (a SPIF's {@code equivalentClassification} applied only when translating one way) maps a label at
 * {@code from} to the other levels and not back.
 */
public record Equivalence(String id, List<SecurityLevel> levels, Interval interval, Source source, SecurityLevel from) implements Dated {
    /** An equivalence that holds both ways. */
    public Equivalence(String id, List<SecurityLevel> levels, Interval interval, Source source) {
        this(id, levels, interval, source, null);
    }

    public Equivalence {
        Check.id("id", id);
        levels = Check.list("levels", levels);
        Check.that(levels.size() >= 2, "levels", "an equivalence relates at least two levels of different schemes");
        Check.that(levels.stream().map(SecurityLevel::scheme).distinct().count() == levels.size(), "levels",
                "an equivalence names each scheme at most once");
        Check.present("interval", interval);
        Check.present("source", source);
        Check.that(from == null || levels.contains(from), "from", "a one-way equivalence maps from one of its own levels");
    }

    /**
     * The level of {@code scheme} that a classification at {@code level} corresponds to under this equivalence, or null
     * (no level of that scheme, or a one-way equivalence that does not map from {@code level}).
     */
    public SecurityLevel mapping(SecurityLevel level, String scheme) {
        if (from != null && !from.equals(level)) {
            return null;
        }
        return in(scheme);
    }

    /** The level of {@code scheme} in this equivalence, or null. */
    public SecurityLevel in(String scheme) {
        for (SecurityLevel l : levels) {
            if (l.scheme().equals(scheme)) {
                return l;
            }
        }
        return null;
    }
}
