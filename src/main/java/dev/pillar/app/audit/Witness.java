package dev.pillar.app.audit;

import java.util.Arrays;
import java.util.List;

/**
 * What a witness checks before it cosigns a log's checkpoint (docs/audit.md, witnesses): the log's signature by the
 * pinned log key, the origin, and that the new tree extends the last one the witness saw (a consistency proof). A
 * witness never cosigns a smaller tree, another tree of the same size, or a tree its proof does not show to extend
 * the one it saw.
 *
 * <p>The cosignature is an Ed25519 signature line of the C2SP signed-note format by the witness's key over the
 * checkpoint text, which Go's {@code golang.org/x/mod/sumdb/note} verifies; the C2SP {@code cosignature/v1} type
 * (0x04, with a timestamp) is not used because that package cannot verify it.
 */
public final class Witness {
    private Witness() {}

    /** A checkpoint the witness will not cosign, and why. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** Gives the consistency proof from the tree of size {@code from} to the tree of size {@code to}. */
    @FunctionalInterface
    public interface Proofs {
        List<byte[]> consistency(long from, long to);
    }

    /**
     * Checks {@code next} against the log key and the last checkpoint seen ({@code null} on the first run, when there
     * is nothing to be consistent with) and returns it, read. Throws {@link Refused} otherwise.
     */
    public static Checkpoint check(NoteKey logKey, Checkpoint last, SignedNote next, Proofs proofs) {
        if (!next.verifiedBy(logKey)) {
            throw new Refused("the checkpoint is not signed by the log's key " + logKey.name() + " (or its signature is wrong)");
        }
        Checkpoint cp;
        try {
            cp = Checkpoint.parse(next.text());
        } catch (IllegalArgumentException e) {
            throw new Refused("the signed text is not a checkpoint: " + e.getMessage());
        }
        if (!cp.origin().equals(logKey.name())) {
            throw new Refused("the checkpoint names origin '" + cp.origin() + "', but this witness follows the log '" + logKey.name() + "'");
        }
        if (last == null) {
            return cp;
        }
        if (!last.origin().equals(cp.origin())) {
            throw new Refused("the checkpoint names origin '" + cp.origin() + "', but the last one seen names '" + last.origin() + "'");
        }
        if (cp.size() < last.size()) {
            throw new Refused("the checkpoint's tree has " + cp.size() + " entries, fewer than the " + last.size()
                    + " of the last checkpoint seen: a log only grows (was it truncated or rolled back?)");
        }
        if (cp.size() == last.size()) {
            if (!Arrays.equals(cp.root(), last.root())) {
                throw new Refused("the checkpoint has the same size as the last one seen (" + cp.size()
                        + ") but another root hash: the log shows two different trees (a fork)");
            }
            return cp;
        }
        if (last.size() == 0) {
            return cp; // every tree extends the empty one
        }
        List<byte[]> proof;
        try {
            proof = proofs.consistency(last.size(), cp.size());
        } catch (RuntimeException e) {
            throw new Refused("no consistency proof from size " + last.size() + " to " + cp.size() + ": " + e.getMessage());
        }
        if (!Merkle.verifyConsistency(last.size(), cp.size(), last.root(), cp.root(), proof)) {
            throw new Refused("the consistency proof from size " + last.size() + " to " + cp.size()
                    + " does not verify: the new tree does not extend the one seen (entries were changed, removed or reordered)");
        }
        return cp;
    }

    /** The checkpoint with the log's signature(s) and one more line, by the witness's key. */
    public static SignedNote cosign(SignedNote checked, NoteKey witnessKey) {
        if (!witnessKey.canSign()) {
            throw new IllegalArgumentException("the witness key '" + witnessKey.name() + "' has no private half: give the signer key file");
        }
        return checked.cosign(witnessKey);
    }
}
