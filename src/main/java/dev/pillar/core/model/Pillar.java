package dev.pillar.core.model;

import java.util.Locale;

/** The two pillars of the partnership: Pillar I stays with the core members; Pillar II opens project by project. */
public enum Pillar {
    I, II;

    public static Pillar parse(String field, String text) {
        String t = Check.text(field, text).toUpperCase(Locale.ROOT).replace("PILLAR", "").strip();
        return switch (t) {
            case "I", "1" -> I;
            case "II", "2" -> II;
            default -> throw new InvalidValueException(field, "'" + text + "' is not a pillar: use I or II");
        };
    }
}
