package dev.pillar.core.governance;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Source;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The secretariat's nomination of an organisation to a Pillar II project over {@code interval}: the only way an
 * organisation of a partner country comes to take part in a project. It is checked against the country's participation
 * (it must lie within it) and takes effect from its first day, never before the day it is recorded.
 */
public record Nomination(String id, String organisation, String project, Interval interval, List<Source> sources, String note,
                         String nominatedBy, Instant nominatedAt) {
    public Nomination {
        Check.id("id", id);
        Check.id("organisation", organisation);
        Check.id("project", project);
        Check.present("from", interval);
        sources = Check.list("sources", sources);
        Check.that(!sources.isEmpty(), "sources", "cite at least one source: the secretariat's minutes or the partner's notification, with its date");
        for (int i = 0; i < sources.size(); i++) {
            Check.that(sources.get(i).date() != null, "sources[" + i + "].date", "is required: the date of the minutes or notification");
        }
        note = note == null ? "" : note.strip();
        Check.text("nominatedBy", nominatedBy);
        Check.present("nominatedAt", nominatedAt);
        if (interval.from().isBefore(nominatedAt.atOffset(ZoneOffset.UTC).toLocalDate())) {
            throw new InvalidValueException("from", "is " + interval.from() + ", before the nomination is recorded ("
                    + nominatedAt.atOffset(ZoneOffset.UTC).toLocalDate() + "): a nomination never changes the answer for a past day");
        }
    }

    public LocalDate from() {
        return interval.from();
    }
}
