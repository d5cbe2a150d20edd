package dev.pillar.app.port;

import java.time.Duration;

/** Issues bearer tokens for signed-in users and publishes the keys that verify them (as a JWK set). */
public interface TokenIssuer {
    /** A signed token for {@code p}, valid for {@code ttl}. */
    String issue(Principal p, Duration ttl);

    /** The public keys, as JWK set JSON. */
    String jwksJson();
}
