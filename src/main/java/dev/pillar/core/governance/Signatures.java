package dev.pillar.core.governance;

import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.MemberKey;

/**
 * The port through which the core checks signed votes and digests proposals (implemented with JWS and canonical JSON
 * by an adapter). Malformed input is reported as {@link InvalidValueException}.
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
}
