package dev.pillar.app;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Limits password guessing and keeps password hashing from starving decisions. Failed sign-ins are counted per
 * account and per client address over a sliding window: once an account has {@link #PER_ACCOUNT} failures in the
 * window, or an address {@link #PER_ADDRESS}, further attempts for it are refused (429, with the seconds to wait)
 * until the oldest failure leaves the window, whether or not the password is right. At most {@link #HASHING} password
 * checks (PBKDF2, about a tenth of a second of CPU each) run at once; a sign-in that cannot start one within a few
 * seconds is refused as too many at once, rather than queueing the server's cores away from decisions.
 */
public final class SignInThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int PER_ACCOUNT = 5;
    public static final int PER_ADDRESS = 20;
    public static final int HASHING = 1;

    private final Clock clock;
    private final Map<String, Deque<Long>> accounts = new HashMap<>();
    private final Map<String, Deque<Long>> addresses = new HashMap<>();
    private final Semaphore hashing = new Semaphore(HASHING, true);

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Refuses (429) when {@code username} or {@code address} has too many recent failures. */
    public synchronized void check(String username, String address) {
        long now = clock.millis();
        long wait = Math.max(waitFor(accounts, username, PER_ACCOUNT, now), waitFor(addresses, address, PER_ADDRESS, now));
        if (wait > 0) {
            long seconds = Math.max(1, (wait + 999) / 1000);
            throw new Refusal(Refusal.Kind.TOO_MANY_REQUESTS, "Too many requests",
                    "too many failed sign-ins for this account or from this address: try again in " + seconds + " s", null).retryAfter(seconds);
        }
    }

    /** Records a failed sign-in. */
    public synchronized void failed(String username, String address) {
        long now = clock.millis();
        record(accounts, username, now);
        record(addresses, address, now);
    }

    /** Runs the password check {@code f} with one of the hashing permits, or refuses when none frees up in time. */
    public <T> T hashing(Supplier<T> f) {
        boolean got;
        try {
            got = hashing.tryAcquire(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            throw new Refusal(Refusal.Kind.TOO_MANY_REQUESTS, "Too many requests", "too many sign-ins at once: try again in a few seconds", null)
                    .retryAfter(5);
        }
        try {
            return f.get();
        } finally {
            hashing.release();
        }
    }

    private void record(Map<String, Deque<Long>> by, String key, long now) {
        if (key == null) {
            return;
        }
        Deque<Long> d = by.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(d, now);
        d.addLast(now);
        if (by.size() > 100_000) { // bound the memory an address-spraying client can take
            by.values().removeIf(q -> {
                prune(q, now);
                return q.isEmpty();
            });
        }
    }

    private static long waitFor(Map<String, Deque<Long>> by, String key, int limit, long now) {
        Deque<Long> d = key == null ? null : by.get(key);
        if (d == null) {
            return 0;
        }
        prune(d, now);
        if (d.size() < limit) {
            return 0;
        }
        // the attempt is allowed again when enough failures have left the window to go below the limit
        return d.stream().skip(d.size() - limit).findFirst().orElse(now) + WINDOW.toMillis() - now;
    }

    private static void prune(Deque<Long> d, long now) {
        while (!d.isEmpty() && d.peekFirst() <= now - WINDOW.toMillis()) {
            d.pollFirst();
        }
    }
}
