package dev.pillar.core.screening;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Dated;
import java.time.LocalDate;
import java.util.List;

/**
 * The screening section of a rule pack: what a confirmed hit on each list means ({@link ListRule}, dated), and whether a
 * decision on a date for which no list is in force must go to REVIEW ({@code requireLists}) or may pass with its
 * parties reported as not screened.
 */
public record ScreeningRules(List<ListRule> lists, boolean requireLists) {
    public ScreeningRules {
        lists = Check.list("screening.lists", lists);
        Dated.requireNoOverlap("screening.lists", lists, r -> r.list() + "/" + r.source());
    }

    /**
     * The rule in force on {@code day} for the entry's list and source: a rule naming the source before one naming the
     * whole list ({@code source: "*"}); null if the rule data says nothing of it.
     */
    public ListRule ruleFor(ListEntry entry, LocalDate day) {
        ListRule whole = null;
        for (ListRule r : lists) {
            if (r.covers(entry) && r.inForce(day)) {
                if (!r.source().equals("*")) {
                    return r;
                }
                whole = whole == null ? r : whole;
            }
        }
        return whole;
    }
}
