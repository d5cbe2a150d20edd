package dev.pillar.app.port;

import java.time.Instant;

/**
 * A governance act as stored: its number in the record (from 1, no gaps), kind ({@code proposal}, {@code vote},
 * {@code outcome}), proposal, slot ({@code proposal}, {@code vote:GBR}, {@code outcome}; unique per proposal), its
 * canonical JSON body, the body's SHA-256 and who recorded it when.
 */
public record StoredAct(long seq, String kind, String proposalId, String slot, String body, String digest, Instant recordedAt,
                        String recordedBy) {}
