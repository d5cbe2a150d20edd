package dev.pillar.app.port;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A decision asked through the API, as answered: the request and response JSON with searchable columns, and the basis
 * of the decision (the rules and citations it rests on, as in the answer's {@code basis}), which its audit entry
 * records. Decisions stored before the store kept the basis are read with an empty one. {@code recipient} (the person's
 * id, null for an inline recipient) and {@code ruleIds} (of its reasons) are indexed for search when it is stored; a
 * decision read back from the store carries them only as its request and answer do.
 */
public record StoredDecision(String id, Instant createdAt, String actor, String outcome, String worldVersion, LocalDate asOf,
                             String itemId, String organisation, String project, String request, String response, List<String> basis,
                             String recipient, List<String> ruleIds) {
    public StoredDecision {
        basis = basis == null ? null : List.copyOf(basis);
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
    }

    /** A decision without the search-only fields (read back from the store, or made by a tool). */
    public StoredDecision(String id, Instant createdAt, String actor, String outcome, String worldVersion, LocalDate asOf,
                          String itemId, String organisation, String project, String request, String response, List<String> basis) {
        this(id, createdAt, actor, outcome, worldVersion, asOf, itemId, organisation, project, request, response, basis, null, List.of());
    }
}
