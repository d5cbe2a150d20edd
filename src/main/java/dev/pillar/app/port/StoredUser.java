package dev.pillar.app.port;

import java.time.Instant;

/** A user of the embedded issuer: role, the member country of a delegate, the organisation of an engineer. */
public record StoredUser(String username, String passwordHash, String role, String country, String organisation,
                         boolean disabled, long version, Instant createdAt) {}
