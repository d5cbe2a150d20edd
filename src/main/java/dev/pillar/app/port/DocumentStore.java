package dev.pillar.app.port;

import java.util.List;
import java.util.Optional;

/**
 * The world's documents and rule data versions. Every change of a document or rule version increments
 * {@link #revision()} in the same transaction, so a world compiled from the store can be named by the revision it
 * reflects. Writes use optimistic concurrency: an update or delete names the version it read and fails with
 * {@link StoreException.Reason#STALE} if another writer got there first. Every change is appended to the audit log in
 * its transaction.
 */
public interface DocumentStore {
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

    /** The number of changes to the world so far (documents, rule versions and governance acts). */
    long revision();

    /**
     * On the first start only: stores the given documents and rule version in one transaction and marks the store as
     * seeded. Returns false, changing nothing, if the store was seeded before.
     */
    boolean seedOnce(List<NewDoc> docs, String rulesBody, String actor);

    /** A document to create. */
    record NewDoc(Kind kind, String id, String body, DocFields fields) {}
}
