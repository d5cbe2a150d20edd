package dev.pillar.core.governance;

import dev.pillar.core.model.InvalidValueException;
import java.util.Locale;

/** A core member's vote on a proposal. */
public enum Choice {
    APPROVE, OBJECT;

    public static Choice parse(String field, String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (Choice c : values()) {
            if (c.name().equals(t)) {
                return c;
            }
        }
        throw new InvalidValueException(field, "'" + text + "' is not a choice: use APPROVE or OBJECT");
    }
}
