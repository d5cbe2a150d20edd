package dev.pillar.core.decision;

import dev.pillar.core.rules.Obligation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One layer's finding: its outcome, the rule id and citation behind it, the basis it supplies when it permits (e.g.
 * {@code 22 CFR 126.7} or a licence number) and its obligations. The message, the facts used and what would turn it
 * into PERMIT are computed on first use.
 */
public final class Reason {
    /** The lazily built part of a reason. */
    public record Explanation(String message, Map<String, String> facts, List<String> toPermit) {
        public Explanation {
            facts = Collections.unmodifiableMap(facts);
            toPermit = List.copyOf(toPermit);
        }
    }

    private final Layer layer;
    private final Outcome outcome;
    private final String ruleId;
    private final String citation;
    private final String basis;
    private final List<Obligation> obligations;
    private Supplier<Explanation> explainer;
    private volatile Explanation explanation;

    public Reason(Layer layer, Outcome outcome, String ruleId, String citation, String basis,
                  List<Obligation> obligations, Supplier<Explanation> explainer) {
        this.layer = layer;
        this.outcome = outcome;
        this.ruleId = ruleId;
        this.citation = citation;
        this.basis = basis;
        this.obligations = obligations == null ? List.of() : obligations;
        this.explainer = explainer;
    }

    public Layer layer() { return layer; }
    public Outcome outcome() { return outcome; }
    public String ruleId() { return ruleId; }
    public String citation() { return citation; }
    /** What this layer rests on when it permits; null when it does not permit or needs no basis. */
    public String basis() { return basis; }
    public List<Obligation> obligations() { return obligations; }

    public String message() { return explanation().message(); }
    public Map<String, String> facts() { return explanation().facts(); }
    /** Facts that would turn this layer into PERMIT; empty when it permits. */
    public List<String> toPermit() { return explanation().toPermit(); }

    public Explanation explanation() {
        Explanation e = explanation;
        if (e == null) {
            synchronized (this) {
                e = explanation;
                if (e == null) {
                    try {
                        e = explainer.get();
                    } catch (RuntimeException ex) {
                        e = new Explanation("explanation unavailable: " + ex.getClass().getSimpleName(), Map.of(), List.of());
                    }
                    explanation = e;
                    explainer = null;
                }
            }
        }
        return e;
    }

    @Override
    public String toString() {
        return layer.id() + " " + outcome + " " + ruleId + " [" + citation + "]";
    }
}
