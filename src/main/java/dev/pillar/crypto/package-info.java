/**
 * Cryptography adapters, written from the specifications: RFC 8785 canonical JSON ({@link dev.pillar.crypto.CanonicalJson}),
 * RFC 7515 compact JWS with EdDSA over Ed25519 ({@link dev.pillar.crypto.Jws}, RFC 8037) and Ed25519 keys as JWKs with
 * RFC 7638 thumbprints ({@link dev.pillar.crypto.Ed25519Keys}).
 *
 * <p>Signatures use the JDK's own Ed25519 ({@code Signature.getInstance("Ed25519")}); nothing here knows the domain.
 * The governance core verifies votes through these, never by itself, so that the core stays free of I/O and crypto.
 */
package dev.pillar.crypto;
