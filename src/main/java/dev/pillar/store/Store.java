package dev.pillar.store;

import java.util.List;
import java.util.Optional;

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

    /** Stores decisions; returns only once they are durable. */
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

    /** True if the store answers a trivial query. */
    boolean healthy();

    @Override
    void close();
}
