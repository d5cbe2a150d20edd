package dev.pillar.core.label;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The marking data of one element of a policy (the policy, a classification, a tag or a category) in one language:
 * the qualifiers (prefix, suffix, separator) and the phrases with their codes. {@code lang} is the {@code xml:lang}
 * tag, empty for the default.
 */
public record Marking(String lang, String prefix, String suffix, String separator, List<Phrase> phrases) {
    /**
     * A {@code markingData} entry: its codes and its phrase ({@code null} when the entry has no phrase attribute). An
     * entry without a location code applies at every location.
     */
    public record Phrase(Set<MarkingCode> codes, String text) {
        public Phrase {
            codes = codes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(codes));
        }

        boolean appliesAt(MarkingCode location) {
            if (codes.contains(location)) {
                return true;
            }
            for (MarkingCode c : codes) {
                if (MarkingCode.LOCATIONS.contains(c)) {
                    return false;
                }
            }
            return true;
        }
    }

    public Marking {
        lang = lang == null ? "" : lang;
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
        separator = separator == null ? "" : separator;
        phrases = List.copyOf(phrases);
    }

    /** The first phrase entry that applies at {@code location}, or null. */
    Phrase at(MarkingCode location) {
        for (Phrase p : phrases) {
            if (p.appliesAt(location)) {
                return p;
            }
        }
        return null;
    }

    /**
     * What stands for an element named {@code name} at {@code location}: nothing when its marking or name is not to be
     * displayed, the name when the phrase replaces the policy name (or there is no phrase), else the phrase.
     */
    String text(MarkingCode location, String name) {
        Phrase p = at(location);
        if (p == null) {
            return name;
        }
        if (p.codes().contains(MarkingCode.NO_MARKING_DISPLAY) || p.codes().contains(MarkingCode.NO_NAME_DISPLAY)) {
            return "";
        }
        if (p.codes().contains(MarkingCode.REPLACE_POLICY) || p.text() == null) {
            return name;
        }
        return p.text();
    }

    /** The phrase that replaces the policy name at {@code location} (the element's name when the entry has none). */
    String policyText(MarkingCode location, String name) {
        Phrase p = at(location);
        return p == null || p.text() == null ? name : p.text();
    }

    boolean has(MarkingCode location, MarkingCode code) {
        Phrase p = at(location);
        return p != null && p.codes().contains(code);
    }
}
