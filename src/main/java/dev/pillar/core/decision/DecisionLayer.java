package dev.pillar.core.decision;

import java.util.List;

/** One independent layer of the decision; it adds at least one reason to {@code out}. */
interface DecisionLayer {
    Layer layer();

    void evaluate(Context ctx, List<Reason> out);
}
