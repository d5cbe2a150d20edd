package dev.pillar.core.impact;

import dev.pillar.core.decision.Layer;
import dev.pillar.core.decision.Outcome;
import java.util.List;

/**
 * What the decision engine answered for one item and one recipient, reduced to what the report counts: the outcome,
 * the reasons that decided it when it is not PERMIT (the blocking reasons) and, for LICENSE_REQUIRED, the licence that
 * would unlock it.
 */
public record Finding(Outcome outcome, List<Blocker> blockers, LicenceNeed need) {
    public Finding {
        blockers = List.copyOf(blockers);
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
