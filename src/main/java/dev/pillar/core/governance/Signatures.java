package dev.pillar.core.governance;

import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.MemberKey;

/**
 * The port through which the core checks signed votes and statements and digests proposals, nominations and key
 * enrolments (implemented with JWS and canonical JSON by an adapter). Malformed input is reported as
 * {@link InvalidValueException}.
 */
public interface Signatures {
    /** A vote as read from its compact JWS, with the key id of its header; the signature is not checked here. */
    record Signed(String kid, Vote vote) {}

    /** Reads a compact JWS vote; throws InvalidValueException naming the problem if it is not one. */
    Signed read(String jws);

    /** True if the signature of {@code jws} verifies with {@code key}. */
    boolean verifies(String jws, MemberKey key);

    /** The digest of a proposal's content (what votes name). */
    String digest(Proposal proposal);

    /** The digest of a nomination's content (what the participations it creates cite). */
    String digest(Nomination nomination);

    /** The digest of a key enrolment request (what co-signatures and confirmations name). */
    String digest(KeyEnrolment enrolment);

    /** The JWK thumbprint (RFC 7638) of the Ed25519 public key {@code x}: the only valid key id for it. */
    String thumbprint(String x);

    /**
     * True if {@code jws} is a compact JWS whose header names {@code kid}, whose payload is exactly the canonical form
     * of {@code statement}, and whose signature verifies with the Ed25519 public key {@code x}.
     */
    boolean signs(String jws, Statement statement, String kid, String x);
}
