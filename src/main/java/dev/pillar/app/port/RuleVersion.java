package dev.pillar.app.port;

import java.time.Instant;

/** One version of the rule data: the whole rules document, a note saying what changed, who made it and when. */
public record RuleVersion(long version, String body, String note, Instant createdAt, String createdBy) {}
