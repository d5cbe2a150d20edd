package dev.pillar.app.port;

import java.time.Instant;
import java.time.LocalDate;
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

    /**
     * The index of the audit entry that records decision {@code id}, if the store kept it; -1 for a decision the log
     * never recorded (stored before the log existed).
     */
    java.util.OptionalLong auditIndex(String id);

    /** The latest decisions recorded about an item (by id), newest first, at most {@code limit}. */
    List<StoredDecision> decisionsForItem(String itemId, int limit);

    /** Every stored decision, in no particular order (for checking the store against the audit log). */
    void eachDecision(java.util.function.Consumer<StoredDecision> each);

    /**
     * Who may see which decisions in a search: null fields do not restrict. An engineer's scope is their own decisions
     * ({@code self}) and those about items of {@code projects} whose recipient is inline or of {@code organisations}.
     */
    record Scope(String self, java.util.Set<String> projects, java.util.Set<String> organisations) {}

    /** Where a page ends: the time and id of its last decision (pages run newest first). */
    record Cursor(long createdMs, String id) {}

    /**
     * A search of the decisions, newest first: each filter, when not null, must hold ({@code basis} matches a basis of
     * the answer, e.g. a licence number or citation, or the rule id of one of its reasons; {@code fromMs} and
     * {@code toMs} bound the recording time, inclusive and exclusive).
     */
    record DecisionQuery(String recipient, String item, String organisation, String project, String outcome, String basis, Long fromMs,
                         Long toMs, String worldVersion, String askedBy, Scope scope, Cursor after, int limit) {}

    /** One decision found: what the search shows of it. */
    record Found(String id, Instant createdAt, String actor, String outcome, LocalDate asOf, String worldVersion, String item,
                 String recipient, String organisation, String project, List<String> basis) {}

    /** The decisions matching {@code query}, newest first, at most its limit. */
    List<Found> search(DecisionQuery query);
}
