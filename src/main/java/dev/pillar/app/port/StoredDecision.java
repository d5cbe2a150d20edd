package dev.pillar.app.port;

import java.time.Instant;
import java.time.LocalDate;

/** A decision asked through the API, as answered: the request and response JSON with searchable columns. */
public record StoredDecision(String id, Instant createdAt, String actor, String outcome, String worldVersion, LocalDate asOf,
                             String itemId, String organisation, String project, String request, String response) {}
