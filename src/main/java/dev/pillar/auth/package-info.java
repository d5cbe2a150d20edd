/**
 * Sign-in: bearer JWTs checked against Pillar's own embedded issuer (an ES256 key kept in the data directory) or a
 * configured OIDC issuer's JWKS, the roles they carry, and password hashing for the embedded issuer's users.
 */
package dev.pillar.auth;
