package dev.pillar.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.store.JdbcStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the entry of a decision: by its exact id, wherever it lies among the windows the scan reads. */
class AuditLookupTest {
    @TempDir
    Path tmp;

    @Test
    void findsEveryDecisionsEntryAcrossWindowsAndNothingForAnUnknownOrPrefixId() {
        try (JdbcStore store = JdbcStore.embedded(tmp)) {
            List<String> ids = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                List<StoredDecision> ds = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    String id = new UUID((at.toEpochMilli() << 16) | 0x7000L | (round * 10 + i),
                            0x8000000000000000L | UUID.randomUUID().getLeastSignificantBits() >>> 2).toString();
                    ids.add(id);
                    ds.add(new StoredDecision(id, at, "admin", "PERMIT", "aukus@r1", LocalDate.of(2024, 10, 1), "A-UNDERSEA-001",
                            "GB-X", "UNDERSEA-1", "{\"n\":" + i + "}", "{\"outcome\":\"PERMIT\",\"basis\":[]}", List.of()));
                }
                store.saveDecisions(ds);
            }
            long size = store.auditSize();
            for (long window : new long[] {1, 2, 5, AuditLookup.WINDOW}) {
                for (String id : ids) {
                    OptionalLong at = AuditLookup.decision(store, size, id, window);
                    assertThat(at).as("decision %s with window %d", id, window).isPresent();
                    assertThat(entryText(store, at.getAsLong())).contains("\"decisionId\":\"" + id + "\"");
                }
                assertThat(AuditLookup.decision(store, size, UUID.randomUUID().toString(), window)).isEmpty();
                assertThat(AuditLookup.decision(store, size, ids.getFirst().substring(0, 20), window)).as("a prefix is not an id").isEmpty();
            }
            // among the first entries only: a later decision is not found there
            OptionalLong last = AuditLookup.decision(store, size, ids.getLast(), 2);
            assertThat(AuditLookup.decision(store, last.getAsLong(), ids.getLast(), 2)).isEmpty();
        }
    }

    @Test
    void theLogHoldsAnEntryOnlyAsItRecordedIt() {
        try (JdbcStore store = JdbcStore.embedded(tmp)) {
            AuditLog log = new AuditLog(store, NoteKey.generate("test.example/log"), "test.example/log");
            String id = new UUID((Instant.now().toEpochMilli() << 16) | 0x7001L, 0x8000000000000000L | 7).toString();
            store.saveDecisions(List.of(new StoredDecision(id, Instant.now().truncatedTo(ChronoUnit.MICROS), "admin", "DENY", "aukus@r1",
                    LocalDate.of(2024, 10, 1), "A-UNDERSEA-001", "GB-X", "UNDERSEA-1", "{}", "{\"outcome\":\"DENY\",\"basis\":[]}", List.of())));
            long at = AuditLookup.decision(store, store.auditSize(), id).orElseThrow();
            byte[] entry = log.entry(at);
            assertThat(log.holds(at, entry)).isTrue();
            // the same entry with its outcome rewritten (as someone with the database would) is not the one the log holds
            byte[] rewritten = new String(entry, StandardCharsets.UTF_8).replace("\"DENY\"", "\"PERMIT\"").getBytes(StandardCharsets.UTF_8);
            assertThat(log.holds(at, rewritten)).isFalse();
            assertThat(log.holds(at + 1, entry)).as("beyond the tree").isFalse();
            assertThat(log.holds(-1, entry)).isFalse();
        }
    }

    private static String entryText(JdbcStore store, long index) {
        String[] out = new String[1];
        store.auditEntries(index, index + 1, (e, i) -> out[0] = new String(e, StandardCharsets.UTF_8));
        return out[0];
    }
}
