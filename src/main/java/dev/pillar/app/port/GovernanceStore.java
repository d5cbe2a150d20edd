package dev.pillar.app.port;

import java.util.List;

/** The governance record: signed acts (proposals, votes, outcomes), append-only. */
public interface GovernanceStore {
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
}
