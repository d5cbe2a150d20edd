/**
 * Credentials and keys, an adapter of the application's authentication port: bearer JWTs checked against Pillar's own
 * embedded issuer (an ES256 key kept in the data directory) or a configured OIDC issuer's JWKS, and the key files of
 * the data directory (the issuer's key, the audit log's signing key, a witness's state), written readable by their
 * owner only.
 */
package dev.pillar.auth;
