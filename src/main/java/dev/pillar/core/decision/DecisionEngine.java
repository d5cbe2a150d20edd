package dev.pillar.core.decision;

import dev.pillar.core.screening.Screener;
import dev.pillar.core.world.World;
import java.time.Clock;

/**
 * Decides requests against one world. Implementations never throw for a request: an internal failure in any layer
 * becomes a DENY reason, so an error can never permit a release.
 */
public interface DecisionEngine {
    Decision decide(DecisionRequest request);

    /** The world this engine decides against. */
    World world();

    /**
     * The standard engine with the five layers, screening against no list,, whose decision ids are UUIDv7 timed by {@code clock} (the application
     * layer passes its one clock, so that recorded decisions are timed as everything else).
     */
    static DecisionEngine standard(World world, Clock clock) {
        return standard(world, clock, Screener.NONE);
    }

    /** The standard engine whose screening layer asks {@code screener} (the lists the store holds, with officers' verdicts). */
    static DecisionEngine standard(World world, Clock clock, Screener screener) {
        return new LayeredDecisionEngine(world, DecisionLayers.standard(screener), DecisionIds.timeOrdered(clock));
    }

    /** The standard engine for decisions that are not recorded (impact analysis, the CLI on world files): ids timed by the system's UTC clock. */
    static DecisionEngine standard(World world) {
        return standard(world, Clock.systemUTC());
    }
}
