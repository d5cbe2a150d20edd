package dev.pillar.app.port;

import java.util.List;
import java.util.Optional;

/** The decisions asked through the API, as answered; each one is appended to the audit log as it is stored. */
public interface DecisionStore {
    /**
     * Stores decisions in one transaction; returns only once they are durable. Their ids must be UUIDv7, as the
     * decision engine makes them (the store finds a decision by the time in its id). A list with a record that lacks a
     * required value or has another kind of id is refused whole with an {@link IllegalArgumentException}.
     * Callers on a hot path go through a {@code dev.pillar.app.DecisionWriter}, which gathers concurrent callers into
     * one call.
     */
    void saveDecisions(List<StoredDecision> decisions);

    Optional<StoredDecision> decision(String id);

    /** The latest decisions recorded about an item (by id), newest first, at most {@code limit}. */
    List<StoredDecision> decisionsForItem(String itemId, int limit);

    /** Every stored decision, in no particular order (for checking the store against the audit log). */
    void eachDecision(java.util.function.Consumer<StoredDecision> each);
}
