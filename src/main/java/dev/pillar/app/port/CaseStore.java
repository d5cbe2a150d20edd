package dev.pillar.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compliance cases: the held releases (REVIEW and LICENSE_REQUIRED decisions) that compliance officers work through.
 * At most one case is open for an item, recipient and reason; a decision for them joins it. Opening and closing a case
 * append their {@link AuditEntry.Case} entries in the same transaction.
 */
public interface CaseStore {
    /** A case as stored; {@code state} is open, resolved or rejected; the resolution fields are null while it is open. */
    record StoredCase(long id, String state, String outcome, String reason, String item, String recipient, String organisation,
                      String country, String project, Instant openedAt, String openedBy, int decisions, String lastDecision,
                      String resolution, String reference, String note, String resolvedBy, Instant resolvedAt, long version) {
        public boolean open() {
            return state.equals("open");
        }
    }

    /** A held decision to open a case for or to join to the open one. */
    record Held(String outcome, String reason, String item, String recipient, String organisation, String country, String project,
                String decisionId, String askedBy, Instant at) {}

    /** A decision of a case and who asked for it. */
    record CaseDecision(String decisionId, String askedBy, Instant at) {}

    /** Filters of the queue (null: any); {@code openedBefore} keeps cases at least that old. Oldest first. */
    record CaseQuery(String state, String outcome, String reason, String country, String project, String organisation,
                     Instant openedBefore, String askedBy, int offset, int limit) {}

    /**
     * For each held decision, in one transaction: opens a case, or adds the decision to the open case of the same item,
     * recipient and reason. Returns the case of each, in order.
     */
    List<StoredCase> openOrJoin(List<Held> held);

    Optional<StoredCase> storedCase(long id);

    List<StoredCase> cases(CaseQuery query);

    /** How many cases match (for paging). */
    long countCases(CaseQuery query);

    List<CaseDecision> caseDecisions(long id);

    /** The case a decision joined, if any. */
    Optional<Long> caseOfDecision(String decisionId);

    /**
     * Closes an open case that is still at {@code expectedVersion} (state resolved or rejected);
     * a {@link StoreException} CONFLICT if it was closed or changed meanwhile, and nothing changes.
     */
    StoredCase closeCase(long id, long expectedVersion, String state, String resolution, String reference, String note, String actor);

    /** Open cases by outcome. */
    Map<String, Long> openCases();
}
