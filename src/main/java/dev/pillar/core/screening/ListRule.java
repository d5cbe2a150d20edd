package dev.pillar.core.screening;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Source;

/**
 * Rule data: what a confirmed hit on one source list means, in force over {@code interval}. {@code list} and
 * {@code source} name the list (a source within the Consolidated Screening List, or the whole UK or Australian list
 * when {@code source} is "*"); {@code effect} is DENY for a list that prohibits any release (debarment, blocking),
 * LICENSE_REQUIRED for one that requires a licence (the Entity List), REVIEW for one that needs a person to look (the
 * Unverified List). {@code citation} is the provision behind the effect.
 */
public record ListRule(String list, String source, Effect effect, String title, String citation, Interval interval, Source sourceRef) implements Dated {
    public ListRule {
        Check.text("list", list);
        Check.text("source", source);
        Check.present("effect", effect);
        Check.text("title", title);
        Check.text("citation", citation);
        Check.present("interval", interval);
    }

    /** What a confirmed hit means; a hit never permits by itself. */
    public enum Effect {
        DENY, LICENSE_REQUIRED, REVIEW;

        /** Parses deny, license-required (or licence-required) and review; null if none. */
        public static Effect parse(String text) {
            if (text == null) {
                return null;
            }
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
                case "deny" -> DENY;
                case "license-required", "licence-required" -> LICENSE_REQUIRED;
                case "review" -> REVIEW;
                default -> null;
            };
        }
    }

    /** True if this rule is about entries of {@code entry}'s list and source. */
    public boolean covers(ListEntry entry) {
        return list.equals(entry.list()) && (source.equals("*") || source.equalsIgnoreCase(entry.source()));
    }
}
