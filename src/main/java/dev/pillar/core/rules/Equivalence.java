package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.model.Source;
import java.util.List;

/**
 * Levels of different national schemes that a security agreement treats as equivalent (e.g. USA:SECRET, GBR:SECRET,
 * AUS:SECRET), in force over an interval.
 */
public record Equivalence(String id, List<SecurityLevel> levels, Interval interval, Source source) implements Dated {
    public Equivalence {
        Check.id("id", id);
        levels = Check.list("levels", levels);
        Check.that(levels.size() >= 2, "levels", "an equivalence relates at least two levels of different schemes");
        Check.that(levels.stream().map(SecurityLevel::scheme).distinct().count() == levels.size(), "levels",
                "an equivalence names each scheme at most once");
        Check.present("interval", interval);
        Check.present("source", source);
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
