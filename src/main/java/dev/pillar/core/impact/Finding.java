package dev.pillar.core.impact;

import dev.pillar.core.decision.Layer;
import dev.pillar.core.decision.Outcome;
import java.util.List;

/**
 * What the decision engine answered for one item and one recipient, reduced to what the report counts: the outcome,
 * the reasons that decided it when it is not PERMIT (the blocking reasons), for LICENSE_REQUIRED the licence that
 * would unlock it, and for PERMIT what it rests on ({@code permitBasis}, e.g. {@code 22 CFR 126.7} or a licence).
 */
public record Finding(Outcome outcome, List<Blocker> blockers, LicenceNeed need, List<String> permitBasis) {
    public Finding {
        blockers = List.copyOf(blockers);
        permitBasis = permitBasis == null ? List.of() : List.copyOf(permitBasis);
    }

    public Finding(Outcome outcome, List<Blocker> blockers, LicenceNeed need) {
        this(outcome, blockers, need, List.of());
    }

    /**
     * What the answer rests on, as the decision's basis: for PERMIT the bases of the permitting layers, otherwise the
     * citations of the reasons that decide the outcome.
     */
    public List<String> basis() {
        if (outcome == Outcome.PERMIT) {
            return permitBasis;
        }
        return blockers.stream().map(Blocker::citation).distinct().toList();
    }

    /** The outcome with its deciding rule ids and basis, e.g. {@code DENY itar.denied-national [22 CFR 126.1(d)(1)]}. */
    public String summary() {
        if (outcome == Outcome.PERMIT) {
            return "PERMIT [" + String.join("; ", permitBasis) + "]";
        }
        return outcome + " " + String.join(", ", blockers.stream().map(b -> b.layer().id() + ":" + b.ruleId() + " [" + b.citation() + "]").toList());
    }

    /** A reason that keeps an item from PERMIT: the layer, the rule id and the citation the engine gave. */
    public record Blocker(Layer layer, Outcome outcome, String ruleId, String citation) {}

    /**
     * A licence that would turn a LICENSE_REQUIRED answer into PERMIT: its regime (ITAR, EAR, GBR, AUS), the recipient's
     * organisation as party, the control entry it must cover, the destinations it must name (as the engine computed
     * them) and whether it must cover classified data.
     */
    public record LicenceNeed(String regime, String organisation, String entry, String destinations, boolean classified) {
        /** The same licence without the classified flag (a classified licence also covers unclassified data). */
        LicenceNeed unclassified() {
            return classified ? new LicenceNeed(regime, organisation, entry, destinations, false) : this;
        }
    }
}
