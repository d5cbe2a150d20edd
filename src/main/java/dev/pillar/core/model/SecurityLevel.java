package dev.pillar.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A classification or clearance level within a national scheme, written {@code SCHEME:LEVEL}, e.g. {@code USA:SECRET}
 * or {@code GBR:OFFICIAL}. Whether the level exists is checked against the world's security policies, not here.
 */
public record SecurityLevel(String scheme, String level) {
    private static final Pattern PART = Pattern.compile("[A-Z0-9][A-Z0-9_ -]{0,63}");

    public SecurityLevel {
        Check.text("scheme", scheme);
        Check.text("level", level);
        Check.that(PART.matcher(scheme).matches(), "scheme", "'" + scheme + "' is not a scheme id: use capitals, e.g. USA");
        Check.that(PART.matcher(level).matches(), "level", "'" + level + "' is not a level name: use capitals, e.g. SECRET");
    }

    /** Parses {@code SCHEME:LEVEL}; the level may contain spaces ({@code USA:TOP SECRET}) or underscores. */
    public static SecurityLevel parse(String field, String text) {
        Check.text(field, text);
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new InvalidValueException(field, "'" + text + "' is not SCHEME:LEVEL, e.g. USA:SECRET or GBR:OFFICIAL");
        }
        String scheme = text.substring(0, colon).strip().toUpperCase(Locale.ROOT);
        String level = text.substring(colon + 1).strip().toUpperCase(Locale.ROOT).replace('_', ' ');
        try {
            return new SecurityLevel(scheme, level);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(field, "'" + text + "': " + e.problem());
        }
    }

    @Override
    public String toString() {
        return scheme + ":" + level;
    }
}
