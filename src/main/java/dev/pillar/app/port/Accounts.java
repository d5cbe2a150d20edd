package dev.pillar.app.port;


/**
 * The users of Pillar's embedded issuer as they stand now. A token of the embedded issuer is accepted only while its
 * user still {@link #holds holds} what the token says: so disabling a user, or changing their role, country or
 * organisation, stops their tokens at once (their next request gets 401), even while the token is trusted from the cache.
 */
@FunctionalInterface
public interface Accounts {
    /** True if the user {@code p} names exists, is not disabled, and still has {@code p}'s role, country and organisation. */
    boolean holds(Principal p);
}
