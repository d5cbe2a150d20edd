package dev.pillar.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Pillar's time: one {@link Clock} and the partnership's time zone, built once by the composition root and passed to
 * every service that needs "now" or "today" (UTC unless configured; docs/architecture.md). Tests pass a fixed clock.
 */
public record PillarClock(Clock clock, ZoneId zone) {
    public PillarClock {
        if (clock == null || zone == null) {
            throw new IllegalArgumentException("a clock and a time zone are required");
        }
    }

    /** The system clock in UTC, the default partnership time zone. */
    public static PillarClock systemUtc() {
        return new PillarClock(Clock.systemUTC(), ZoneOffset.UTC);
    }

    /** A clock that always reads {@code instant}, in UTC (for tests). */
    public static PillarClock fixed(Instant instant) {
        return new PillarClock(Clock.fixed(instant, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    /** Now, to the microsecond (what a database keeps). */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Now, to the second (governance acts, tokens). */
    public Instant nowToSecond() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Today in the partnership's time zone: the default date of a decision. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The day of {@code time} in the partnership's time zone. */
    public LocalDate day(Instant time) {
        return LocalDate.ofInstant(time, zone);
    }

    /** Milliseconds since the epoch (UUIDv7 decision ids). */
    public long millis() {
        return clock.millis();
    }
}
