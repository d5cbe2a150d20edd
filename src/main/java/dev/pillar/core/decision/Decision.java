package dev.pillar.core.decision;

import dev.pillar.core.rules.Obligation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The answer to a request: the outcome (the most restrictive of the layers), every layer's reason, the date and world
 * version it was decided on and an id. Basis, obligations and what would change the answer are derived from the
 * reasons.
 */
public record Decision(String decisionId, Outcome outcome, LocalDate asOf, String worldVersion, List<Reason> reasons) {
    public Decision {
        reasons = List.copyOf(reasons);
    }

    /**
     * What the answer rests on. For PERMIT the bases of the permitting layers (e.g. {@code 22 CFR 126.7}, a licence
     * number); otherwise the citations of the layers that decided the outcome.
     */
    public List<String> basis() {
        Set<String> out = new LinkedHashSet<>();
        for (Reason r : reasons) {
            if (outcome == Outcome.PERMIT) {
                if (r.basis() != null) {
                    out.add(r.basis());
                }
            } else if (r.outcome() == outcome) {
                out.add(r.citation());
            }
        }
        return new ArrayList<>(out);
    }

    /** The duties that come with the release (provisos, marking, records); none when the answer is DENY. */
    public List<Obligation> obligations() {
        if (outcome == Outcome.DENY) {
            return List.of();
        }
        Set<Obligation> out = new LinkedHashSet<>();
        for (Reason r : reasons) {
            out.addAll(r.obligations());
        }
        return new ArrayList<>(out);
    }

    /** The facts that together would turn this answer into PERMIT: one set per layer that does not permit. */
    public List<String> toPermit() {
        Set<String> out = new LinkedHashSet<>();
        for (Reason r : reasons) {
            if (r.outcome() != Outcome.PERMIT) {
                out.addAll(r.toPermit());
            }
        }
        return new ArrayList<>(out);
    }

    /** The reasons of one layer (the export-control layer may give more than one). */
    public List<Reason> reasons(Layer layer) {
        return reasons.stream().filter(r -> r.layer() == layer).toList();
    }
}
