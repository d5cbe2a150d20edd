package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.model.Source;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A national classification scheme such as USA's or GBR's: its levels from lowest to highest. Levels whose
 * {@code requiresClearance} is false (UNCLASSIFIED, OFFICIAL) may be read without a clearance.
 */
public record ClassificationScheme(String id, String name, List<Level> levels, Source source) {
    /** One level of the scheme; its rank is its position in {@link #levels()}. */
    public record Level(String name, boolean requiresClearance) {
        public Level {
            Check.text("name", name);
        }
    }

    public ClassificationScheme {
        Check.text("id", id);
        Check.text("name", name);
        levels = Check.list("levels", levels);
        Check.that(!levels.isEmpty(), "levels", "a scheme needs at least one level");
        Set<String> seen = new HashSet<>();
        boolean clearanceNeeded = false;
        for (int i = 0; i < levels.size(); i++) {
            Level l = levels.get(i);
            try {
                new SecurityLevel(id, l.name());
            } catch (InvalidValueException e) {
                throw new InvalidValueException("levels[" + i + "].name", "'" + l.name() + "' cannot be used in SCHEME:LEVEL: use capitals, digits, spaces, '-' or '_'");
            }
            if (!seen.add(l.name())) {
                throw new InvalidValueException("levels[" + i + "].name", "duplicate level '" + l.name() + "'");
            }
            if (clearanceNeeded && !l.requiresClearance()) {
                throw new InvalidValueException("levels[" + i + "].requiresClearance",
                        "a level above one that requires a clearance must require one too (levels go from lowest to highest)");
            }
            clearanceNeeded |= l.requiresClearance();
        }
    }

    /** The rank of {@code level} (0 = lowest), or -1 if the scheme has no such level. */
    public int rank(String level) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).name().equals(level)) {
                return i;
            }
        }
        return -1;
    }
}
