package dev.pillar.core.decision;

import dev.pillar.core.world.World;

/**
 * Decides requests against one world. Implementations never throw for a request: an internal failure in any layer
 * becomes a DENY reason, so an error can never permit a release.
 */
public interface DecisionEngine {
    Decision decide(DecisionRequest request);

    /** The world this engine decides against. */
    World world();

    /** The standard engine with the four layers. */
    static DecisionEngine standard(World world) {
        return new LayeredDecisionEngine(world, DecisionLayers.standard(), DecisionIds.timeOrdered());
    }
}
