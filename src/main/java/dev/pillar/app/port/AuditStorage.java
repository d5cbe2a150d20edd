package dev.pillar.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * Where the audit log is kept: its entries (appended by the other ports in the transactions that make the changes),
 * the signed checkpoints, the core members' witness keys and their cosignatures. Entries are kept as the bytes that
 * were appended; {@link AuditEntry#parse} gives the typed entry of those bytes.
 */
public interface AuditStorage {
    /** The number of entries in the audit log. */
    long auditSize();

    /** Calls {@code each} with every entry in {@code [from, to)} (its stored bytes) and its index, in index order. */
    void auditEntries(long from, long to, ObjLongConsumer<byte[]> each);

    /** Calls {@code each} with every entry in {@code [from, to)}, typed and as stored, in index order. */
    default void auditRecords(long from, long to, Consumer<AuditRecord> each) {
        auditEntries(from, to, (bytes, index) -> each.accept(new AuditRecord(index, AuditEntry.parse(bytes), bytes)));
    }

    /** An entry of the log: its index, the typed entry, and its bytes as stored (which the Merkle tree hashes). */
    record AuditRecord(long index, AuditEntry entry, byte[] bytes) {}

    /** Keeps a signed checkpoint of the given tree size (the first one kept for a size stays). */
    void saveCheckpoint(long treeSize, String note);

    /** The kept checkpoint of a tree size. */
    Optional<String> checkpointAt(long treeSize);

    /** Every kept checkpoint by tree size. */
    SortedMap<Long, String> checkpoints();

    /** A kept checkpoint: its tree size, the signed note as the log signed it, and when it was kept. */
    record KeptCheckpoint(long treeSize, String note, Instant createdAt) {}

    /** Up to {@code limit} kept checkpoints of tree size below {@code beforeSize}, the largest first, skipping the first {@code offset}. */
    List<KeptCheckpoint> checkpointsBefore(long beforeSize, int offset, int limit);

    /** The kept checkpoint of a tree size, with its time. */
    Optional<KeptCheckpoint> keptCheckpoint(long treeSize);

    /** A core member's witness key (verifier key text), when and by whom it was registered. */
    record WitnessKey(String member, String verifierKey, String keyName, Instant registeredAt, String registeredBy, Instant revokedAt,
                      String revokedBy) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /**
     * Revokes a registered witness key, appending an entry to the audit log in the same transaction; NOT_FOUND if the
     * key is not registered for {@code member}, CONFLICT if it is revoked already.
     */
    WitnessKey revokeWitnessKey(String member, String verifierKey, String actor);

    /**
     * Registers a witness key of {@code member}, appending an entry to the audit log in the same transaction; CONFLICT
     * if the key is registered already.
     */
    WitnessKey addWitnessKey(String member, String verifierKey, String keyName, String actor);

    /** Every registered witness key, oldest first. */
    List<WitnessKey> witnessKeys();

    /** A witness's signature line (as in a signed note) on the kept checkpoint of {@code treeSize}. */
    record Cosignature(long treeSize, String verifierKey, String line, Instant receivedAt) {}

    /** Keeps a cosignature; false if this key's cosignature of that size is kept already (the first one stays). */
    boolean saveCosignature(long treeSize, String verifierKey, String line);

    /** The cosignatures kept for checkpoints of tree sizes in {@code [fromSize, toSize]}. */
    List<Cosignature> cosignatures(long fromSize, long toSize);

    /** Sets who hears of appends to the audit log (after their transaction committed; possibly out of order). */
    void onAuditAppend(AuditListener listener);

    /** Told of every append to the audit log after its transaction committed; appends may be told out of order. */
    interface AuditListener {
        void appended(long firstIndex, List<byte[]> entries);
    }
}
