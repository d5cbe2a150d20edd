package dev.pillar.core.decision;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Decision id generators. */
final class DecisionIds {
    private DecisionIds() {}

    /** UUIDv7-style ids timed by {@code clock}: time-ordered, unique without coordination, cheap enough for the hot path. */
    static Supplier<String> timeOrdered(Clock clock) {
        return () -> {
            long ms = clock.millis();
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long msb = (ms << 16) | 0x7000L | (r.nextInt() & 0x0FFF);
            long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb).toString();
        };
    }
}
