package dev.pillar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Failed sign-ins are limited per account and per address over a sliding window (issue "trust no single role", finding
 * 11, and compliance operations' accounts): the sixth failure in 15 minutes locks the account, the twenty-first the
 * address, each until enough failures leave the window; before, any number of guesses were checked.
 */
class SignInThrottleTest {
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    final ManualClock clock = new ManualClock();
    final SignInThrottle t = new SignInThrottle(clock);

    @Test
    void theSixthAttemptAfterFiveFailuresIsRefusedUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 5; i++) {
            t.check("alice", "10.0.0." + i);
            t.failed("alice", "10.0.0." + i);
            clock.now = clock.now.plusSeconds(60);
        }
        Refusal r = catchThrowableOfType(Refusal.class, () -> t.check("alice", "10.9.9.9"));
        assertThat(r.kind()).isEqualTo(Refusal.Kind.TOO_MANY_REQUESTS);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.retryAfterSeconds()).isEqualTo(Duration.ofMinutes(10).toSeconds()); // first failure at 0, now 5 min
        t.check("bob", "10.9.9.9"); // another account from another address is not affected
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        t.check("alice", "10.9.9.9"); // the first failure left the window
    }

    @Test
    void anAddressSprayingManyAccountsIsRefusedAfterTwentyFailures() {
        for (int i = 0; i < 20; i++) {
            t.check("user" + i, "203.0.113.7");
            t.failed("user" + i, "203.0.113.7");
        }
        Refusal r = catchThrowableOfType(Refusal.class, () -> t.check("someone-else", "203.0.113.7"));
        assertThat(r).isNotNull();
        assertThat(r.getMessage()).contains("too many failed sign-ins");
        t.check("someone-else", "198.51.100.1");
    }
}
