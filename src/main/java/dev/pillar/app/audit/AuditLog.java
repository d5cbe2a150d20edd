package dev.pillar.app.audit;

import dev.pillar.app.port.AuditStorage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The audit log of a store: the Merkle tree over its entries (kept in memory, rebuilt from the store at start), signed
 * checkpoints and proofs. The store appends entries in the transactions that make the changes; this class hears of
 * each append after its commit, puts appends back in index order, and extends the tree.
 */
public final class AuditLog {
    private final AuditStorage store;
    private final NoteKey key;
    private final String origin;
    private final TreeHashes tree = new TreeHashes();
    private final TreeMap<Long, List<byte[]>> waiting = new TreeMap<>();
    private volatile SignedNote lastSigned;
    /** Why the log refuses to sign (the rebuilt tree disagrees with its last signed checkpoint), or null. */
    private final String broken;

    /** Thrown instead of signing a checkpoint over a tree that disagrees with the log's last signed checkpoint. */
    public static final class Broken extends IllegalStateException {
        public Broken(String message) {
            super(message);
        }
    }

    /** Opens the log of {@code store}, signing checkpoints with {@code key} under {@code origin}. */
    public AuditLog(AuditStorage store, NoteKey key, String origin) {
        if (!key.canSign()) {
            throw new IllegalArgumentException("the audit log needs a signing key");
        }
        this.store = store;
        this.key = key;
        this.origin = origin;
        new Checkpoint(origin, 0, Merkle.emptyRoot()); // checks the origin
        synchronized (this) {
            store.onAuditAppend(this::appended);
            long size = store.auditSize();
            store.auditEntries(0, size, (entry, index) -> {
                if (index == tree.size()) {
                    tree.appendLeafHash(Merkle.leafHash(entry));
                }
            });
            if (tree.size() != size) {
                throw new IllegalStateException("the audit log holds " + tree.size() + " readable entries but its size is " + size
                        + ": run `pillar audit verify` to see where");
            }
            this.broken = checkLastSigned();
        }
    }

    /**
     * The rebuilt tree against the largest checkpoint the log signed and kept: null if it agrees, else what is wrong.
     * A stored entry changed, removed or reordered after a checkpoint was signed over it changes the root at that
     * size, so a server never signs a new checkpoint over a rewritten history.
     */
    private String checkLastSigned() {
        var last = store.checkpointsBefore(Long.MAX_VALUE, 0, 1);
        if (last.isEmpty()) {
            return null;
        }
        var kept = last.getFirst();
        try {
            SignedNote note = SignedNote.parse(kept.note());
            Checkpoint cp = Checkpoint.parse(note.text());
            if (!note.verifiedBy(key) || !cp.origin().equals(origin) || cp.size() != kept.treeSize()) {
                return "the last kept checkpoint (tree size " + kept.treeSize() + ") is not one this log signed";
            }
            if (cp.size() > tree.size()) {
                return "the last signed checkpoint covers " + cp.size() + " entries but the store holds " + tree.size() + ": entries were deleted";
            }
            if (!Arrays.equals(Merkle.root(tree, cp.size()), cp.root())) {
                return "the stored entries do not match the last signed checkpoint (tree size " + cp.size() + "): an entry was changed";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "the last kept checkpoint (tree size " + kept.treeSize() + ") cannot be read: " + e.getMessage();
        }
    }

    /** Why the log refuses to sign new checkpoints (its stored entries disagree with its last signed checkpoint), if so. */
    public java.util.Optional<String> broken() {
        return java.util.Optional.ofNullable(broken);
    }

    private synchronized void appended(long first, List<byte[]> entries) {
        if (first < tree.size()) {
            return; // read at start already
        }
        waiting.put(first, entries);
        Map.Entry<Long, List<byte[]>> next;
        while ((next = waiting.firstEntry()) != null && next.getKey() == tree.size()) {
            waiting.pollFirstEntry();
            for (byte[] e : next.getValue()) {
                tree.appendLeafHash(Merkle.leafHash(e));
            }
        }
    }

    /** The number of entries the tree holds (appends not yet in order are not counted). */
    public long size() {
        return tree.size();
    }

    public String origin() {
        return origin;
    }

    /** The verifier key of the log's checkpoints. */
    public String verifierKey() {
        return key.verifierText();
    }

    /** A checkpoint of the current tree, signed, and kept in the store. */
    public SignedNote checkpoint() {
        if (broken != null) {
            throw new Broken("the audit log refuses to sign a checkpoint: " + broken + "; run `pillar audit verify` and restore the store");
        }
        long size;
        byte[] root;
        synchronized (this) {
            size = tree.size();
            root = Merkle.root(tree, size);
        }
        SignedNote last = lastSigned;
        if (last != null && Checkpoint.parse(last.text()).size() == size) {
            return last;
        }
        var kept = store.checkpointAt(size);
        if (kept.isEmpty()) {
            store.saveCheckpoint(size, SignedNote.sign(new Checkpoint(origin, size, root).text(), key).render());
            kept = store.checkpointAt(size); // the one kept, if another server signed this size at the same moment
        }
        SignedNote note = SignedNote.parse(kept.orElseThrow());
        lastSigned = note;
        return note;
    }

    /**
     * True if {@code entry} is the entry at {@code index} of the tree this log holds in memory: the tree rebuilt at start
     * (and checked against the last signed checkpoint) and extended by every append since, so an entry rewritten in
     * the store while the server runs is not taken for the one the log recorded.
     */
    public synchronized boolean holds(long index, byte[] entry) {
        return index >= 0 && index < tree.size() && java.util.Arrays.equals(tree.node(0, index), Merkle.leafHash(entry));
    }

    /** The entry at {@code index}. */
    public byte[] entry(long index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("entry " + index + " is not in the log of size " + size() + ": use 0 to " + (size() - 1));
        }
        byte[][] out = new byte[1][];
        store.auditEntries(index, index + 1, (e, i) -> out[0] = e);
        return out[0];
    }

    /** The entries {@code [from, to)} by index, in order. */
    public SortedMap<Long, byte[]> entries(long from, long to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("entries " + from + " to " + to + " are not in the log of size " + size());
        }
        SortedMap<Long, byte[]> out = new TreeMap<>();
        store.auditEntries(from, to, (e, i) -> out.put(i, e));
        return out;
    }

    public List<byte[]> inclusionProof(long index, long treeSize) {
        checkSize(treeSize);
        return Merkle.inclusionProof(tree, index, treeSize);
    }

    public List<byte[]> consistencyProof(long from, long to) {
        checkSize(to);
        return Merkle.consistencyProof(tree, from, to);
    }

    public byte[] root(long treeSize) {
        checkSize(treeSize);
        return Merkle.root(tree, treeSize);
    }

    private void checkSize(long treeSize) {
        if (treeSize < 0 || treeSize > size()) {
            throw new IllegalArgumentException("the log has " + size() + " entries; a tree size must be 0 to " + size());
        }
    }

    /** What {@link #verify} found. */
    /**
     * What verification found: the entries, the kept checkpoints, the problems, and {@code covered}: the largest tree size
     * whose entries a verified checkpoint (kept or given from outside) binds; entries after it are checked for order and
     * completeness only, since no signature covers them yet.
     */
    public record Report(long entries, int checkpoints, List<String> problems, long covered, int external) {
        public Report(long entries, int checkpoints, List<String> problems) {
            this(entries, checkpoints, problems, 0, 0);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /** This report with {@code more} problems (what the stored state check found). */
        public Report with(List<String> more) {
            List<String> all = new ArrayList<>(problems);
            all.addAll(more);
            return new Report(entries, checkpoints, List.copyOf(all), covered, external);
        }
    }

    /**
     * Recomputes the tree from the stored entries and checks every kept checkpoint against it: its signature by
     * {@code verifier}, its origin, and its root at its size. Reports the first entry index where the log and a
     * checkpoint part ways.
     */
    public static Report verify(AuditStorage store, NoteKey verifier, String origin) {
        return verify(store, verifier, origin, List.of());
    }

    /**
     * As {@link #verify(AuditStorage, NoteKey, String)}, also checking {@code external} signed checkpoints kept outside the
     * store (a witness's last checkpoint, a saved {@code pillar audit checkpoint}): each must be signed by {@code verifier}
     * and match the stored entries at its size, so deleting the store's checkpoint rows along with rewritten entries is
     * found as long as one copy survives elsewhere.
     */
    public static Report verify(AuditStorage store, NoteKey verifier, String origin, List<String> external) {
        List<String> problems = new ArrayList<>();
        TreeHashes recomputed = new TreeHashes();
        long size = store.auditSize();
        long[] expected = {0};
        store.auditEntries(0, size, (entry, index) -> {
            if (index != expected[0]) {
                problems.add("entry " + expected[0] + " is missing (the next stored entry is " + index + ")");
                expected[0] = index;
            }
            recomputed.appendLeafHash(Merkle.leafHash(entry));
            expected[0]++;
        });
        if (expected[0] != size) {
            problems.add("the log's size is " + size + " but it holds entries up to " + expected[0]);
        }
        int n = 0;
        long covered = 0;
        for (int i = 0; i < external.size(); i++) {
            String where = "external checkpoint " + (i + 1);
            try {
                SignedNote note = SignedNote.parse(external.get(i));
                Checkpoint cp = Checkpoint.parse(note.text());
                if (!note.verifiedBy(verifier) || !cp.origin().equals(origin)) {
                    problems.add(where + " (tree size " + cp.size() + ") is not signed by this log (" + verifier.name() + ")");
                } else if (cp.size() > recomputed.size()) {
                    problems.add(where + " covers " + cp.size() + " entries but the store holds " + recomputed.size()
                            + ": entries were deleted or the log was truncated");
                } else if (!Arrays.equals(Merkle.root(recomputed, cp.size()), cp.root())) {
                    problems.add(where + " (tree size " + cp.size() + ") does not match the stored entries: the first changed entry is "
                            + firstDifference(store, recomputed, cp));
                } else {
                    covered = Math.max(covered, cp.size());
                }
                if (!store.checkpointAt(cp.size()).isPresent() && cp.size() <= recomputed.size()) {
                    problems.add(where + " (tree size " + cp.size() + ") is not among the store's kept checkpoints: checkpoint rows were deleted");
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + " cannot be read: " + e.getMessage());
            }
        }
        for (Map.Entry<Long, String> c : store.checkpoints().entrySet()) {
            n++;
            SignedNote note;
            Checkpoint cp;
            try {
                note = SignedNote.parse(c.getValue());
                cp = Checkpoint.parse(note.text());
            } catch (IllegalArgumentException e) {
                problems.add("checkpoint of size " + c.getKey() + " cannot be read: " + e.getMessage());
                continue;
            }
            if (!note.verifiedBy(verifier)) {
                problems.add("checkpoint of size " + cp.size() + " is not signed by " + verifier.name());
            }
            if (!cp.origin().equals(origin) || cp.size() != c.getKey()) {
                problems.add("checkpoint of size " + c.getKey() + " names origin '" + cp.origin() + "' and size " + cp.size());
            }
            if (cp.size() > recomputed.size()) {
                problems.add("checkpoint of size " + cp.size() + " covers more entries than the log holds (" + recomputed.size()
                        + "): entries were deleted or the log was truncated");
                continue;
            }
            if (!Arrays.equals(Merkle.root(recomputed, cp.size()), cp.root())) {
                problems.add("checkpoint of size " + cp.size() + " does not match the stored entries: the first changed entry is "
                        + firstDifference(store, recomputed, cp));
            } else if (note.verifiedBy(verifier)) {
                covered = Math.max(covered, cp.size());
            }
        }
        return new Report(recomputed.size(), n, problems, covered, external.size());
    }

    /**
     * The first entry index whose stored content disagrees with the checkpoint: found by bisection over the sizes
     * whose recomputed roots are provably consistent with the checkpoint is not possible without the original
     * hashes, so this names the smallest prefix size whose root differs from every earlier signed checkpoint.
     */
    private static String firstDifference(AuditStorage store, TreeHashes recomputed, Checkpoint cp) {
        long lo = 0;
        for (Map.Entry<Long, String> c : store.checkpoints().entrySet()) {
            if (c.getKey() >= cp.size()) {
                break;
            }
            Checkpoint earlier = Checkpoint.parse(SignedNote.parse(c.getValue()).text());
            if (Arrays.equals(Merkle.root(recomputed, earlier.size()), earlier.root())) {
                lo = earlier.size();
            }
        }
        return "at or after entry " + lo + " (the entries before it still match an earlier signed checkpoint)";
    }
}
