package dev.pillar.core.label;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The marking data of one element in every language it defines. {@link #forLanguage} falls back from a language tag
 * to its primary subtag and then to the default (untagged) marking: {@code fr-CA} finds {@code fr}, {@code en-GB} the
 * default.
 */
public record Markings(Map<String, Marking> byLanguage) {
    public static final Markings NONE = new Markings(Map.of());

    public Markings {
        Map<String, Marking> lower = new HashMap<>();
        byLanguage.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        byLanguage = Map.copyOf(lower);
    }

    /** The marking for {@code lang} (exact, primary subtag, default), or null when none applies. */
    public Marking forLanguage(String lang) {
        if (byLanguage.isEmpty()) {
            return null;
        }
        String l = lang == null ? "" : lang.toLowerCase(Locale.ROOT);
        Marking m = byLanguage.get(l);
        if (m == null) {
            int dash = l.indexOf('-') >= 0 ? l.indexOf('-') : l.indexOf('_');
            if (dash > 0) {
                m = byLanguage.get(l.substring(0, dash));
            }
        }
        return m != null ? m : byLanguage.get("");
    }
}
