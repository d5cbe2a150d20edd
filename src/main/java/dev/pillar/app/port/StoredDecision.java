package dev.pillar.app.port;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A decision asked through the API, as answered: the request and response JSON with searchable columns, and the basis
 * of the decision (the rules and citations it rests on, as in the answer's {@code basis}), which its audit entry
 * records. Decisions stored before the store kept the basis are read with an empty one.
 */
public record StoredDecision(String id, Instant createdAt, String actor, String outcome, String worldVersion, LocalDate asOf,
                             String itemId, String organisation, String project, String request, String response, List<String> basis) {
    public StoredDecision {
        basis = basis == null ? null : List.copyOf(basis);
    }
}
