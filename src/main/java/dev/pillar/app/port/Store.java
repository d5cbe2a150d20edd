package dev.pillar.app.port;


import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.ObjLongConsumer;

/**
 * Everything Pillar persists. Every change of a world document or rule version increments {@link #revision()} in the
 * same transaction, so a world compiled from the store can be named by the revision it reflects. Writes use optimistic
 * concurrency: an update or delete names the version it read and fails with {@link StoreException.Reason#STALE} if
 * another writer got there first.
 */
public interface Store extends AutoCloseable {
    Optional<Doc> get(Kind kind, String id);

    Page<Doc> list(Kind kind, Query query);

    /** Every document of a kind, in id order (to compile the world). */
    List<Doc> all(Kind kind);

    /** Creates a document; CONFLICT if the id exists. */
    Doc create(Kind kind, String id, String body, DocFields fields, String actor);

    /** Replaces a document if its version is still {@code expectedVersion}; NOT_FOUND or STALE otherwise. */
    Doc update(Kind kind, String id, String body, DocFields fields, long expectedVersion, String actor);

    /** Deletes a document if its version is still {@code expectedVersion}; NOT_FOUND or STALE otherwise. */
    void delete(Kind kind, String id, long expectedVersion, String actor);

    /** Adds a rule data version (it becomes the one in force). */
    RuleVersion addRuleVersion(String body, String note, String actor);

    List<RuleVersion> ruleVersions();

    Optional<RuleVersion> ruleVersion(long version);

    Optional<RuleVersion> latestRules();

    /**
     * Stores decisions in one transaction; returns only once they are durable. Their ids must be UUIDv7, as the
     * decision engine makes them (the store finds a decision by the time in its id). A list with a record that lacks a
     * required value or has another kind of id is refused whole with an {@link IllegalArgumentException}.
     * Callers on a hot path go through a {@code DecisionWriter} of the application layer, which gathers concurrent callers into one call.
     */
    void saveDecisions(List<StoredDecision> decisions);

    Optional<StoredDecision> decision(String id);

    /** The latest decisions recorded about an item (by id), newest first, at most {@code limit}. */
    List<StoredDecision> decisionsForItem(String itemId, int limit);

    Optional<StoredUser> user(String username);

    List<StoredUser> users();

    StoredUser createUser(StoredUser user);

    /** Replaces a user's role, country, organisation, disabled flag and password hash if the version still matches. */
    StoredUser updateUser(StoredUser user, long expectedVersion);

    /**
     * Appends governance acts, in order, in one transaction, numbered on from the last act; they change the world, so
     * the revision grows. CONFLICT, storing none of them, if a proposal's slot (its proposal, a member's vote, its
     * outcome) is taken. Acts are never updated or deleted: the store has no operation that would.
     */
    List<StoredAct> appendActs(List<NewAct> acts, String actor);

    /** Every governance act, in the order recorded. */
    List<StoredAct> acts();

    /** A governance act to append: kind, proposal, slot, canonical JSON body and its SHA-256 (hex). */
    record NewAct(String kind, String proposalId, String slot, String body, String digest) {}

    /** The number of changes to the world so far. */
    long revision();

    /**
     * On the first start only: stores the given documents and rule version in one transaction and marks the store as
     * seeded. Returns false, changing nothing, if the store was seeded before.
     */
    boolean seedOnce(List<NewDoc> docs, String rulesBody, String actor);

    /** A document to create. */
    record NewDoc(Kind kind, String id, String body, DocFields fields) {}

    // ---- the audit log: every decision and change is appended in the transaction that stores it ----------------------

    /** The number of entries in the audit log. */
    long auditSize();

    /** Calls {@code each} with every entry in {@code [from, to)} and its index, in index order. */
    void auditEntries(long from, long to, ObjLongConsumer<byte[]> each);

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
    record WitnessKey(String member, String verifierKey, String keyName, Instant registeredAt, String registeredBy) {}

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

    /** True if the store answers a trivial query. */
    boolean healthy();

    @Override
    void close();
}
