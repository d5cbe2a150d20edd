package dev.pillar.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.boot.Pillar;
import dev.pillar.http.ServerConfig;
import dev.pillar.store.JdbcStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone with write access to the database changes, deletes, reorders, inserts or truncates stored log entries:
 * {@code pillar audit verify} must say so, and where.
 */
class TamperTest {
    @TempDir
    Path tmp;

    record Run(int code, String out) {}

    static Run verify(Path data) {
        StringWriter out = new StringWriter();
        int code = dev.pillar.boot.Main.run(new String[] {"audit", "verify", "--data", data.toString()}, new PrintWriter(out),
                new PrintWriter(Writer.nullWriter()));
        return new Run(code, out.toString());
    }

    /** A data directory with a log of the seeded world plus 3 × 10 decisions, with a checkpoint after each ten. */
    private Path logWithCheckpoints(String name) {
        Path data = tmp.resolve(name);
        try (Pillar s = Pillar.start(ServerConfig.defaults(0, data), new PrintWriter(Writer.nullWriter()))) {
            for (int round = 0; round < 3; round++) {
                List<StoredDecision> ds = new java.util.ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    String id = new UUID((at.toEpochMilli() << 16) | 0x7000L | (round * 10 + i), 0x8000000000000000L | UUID.randomUUID().getLeastSignificantBits() >>> 2).toString();
                    ds.add(new StoredDecision(id, at, "admin", "PERMIT", "aukus@r1", LocalDate.of(2024, 10, 1), "A-UNDERSEA-001", "GB-X",
                            "UNDERSEA-1", "{\"n\":" + i + "}", "{\"outcome\":\"PERMIT\",\"basis\":[\"22 CFR 126.7\"]}",
                            List.of("22 CFR 126.7")));
                }
                s.store().saveDecisions(ds);
                s.audit().checkpoint();
            }
        }
        return data;
    }

    private static void sql(Path data, Consumer<Statement> change) throws Exception {
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("pillar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "pillar", ""); Statement st = c.createStatement()) {
            change.accept(st);
        }
    }

    /** The SQL that turns a PERMIT into a DENY inside the stored bundle holding entry {@code target}. */
    private static String rewrite(long target) {
        return "UPDATE audit_bundles SET entries = REPLACE(entries, CAST('\"PERMIT\"' AS VARBINARY), CAST('\"DENY!!\"' AS VARBINARY)) "
                + "WHERE first_index <= " + target + " AND first_index + entry_count > " + target;
    }

    private static void exec(Statement st, String sql) {
        try {
            st.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Test
    void anUntouchedLogVerifies() {
        Path data = logWithCheckpoints("clean");
        Run r = verify(data);
        assertThat(r.out()).contains("verified");
        assertThat(r.code()).isZero();
    }

    @Test
    void aChangedEntryIsFoundBetweenTheCheckpointsAroundIt() throws Exception {
        Path data = logWithCheckpoints("changed");
        long size;
        try (JdbcStore s = JdbcStore.embedded(data)) {
            size = s.auditSize();
        }
        long target = size - 15; // in the second ten
        sql(data, st -> exec(st, rewrite(target)));
        Run r = verify(data);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("FAIL: checkpoint of size " + (size - 10) + " does not match the stored entries",
                "at or after entry " + (size - 20));
    }

    @Test
    void aCheckpointKeptOutsideTheStoreFindsARewriteWhoseCheckpointRowsWereDeleted() throws Exception {
        Path data = logWithCheckpoints("external");
        long size;
        String last;
        try (JdbcStore s = JdbcStore.embedded(data)) {
            size = s.auditSize();
            last = s.checkpoints().get(s.checkpoints().lastKey());
        }
        Path saved = tmp.resolve("saved-checkpoint");
        java.nio.file.Files.writeString(saved, last);
        Run clean = verifyWith(data, saved);
        assertThat(clean.code()).as(clean.out()).isZero();
        assertThat(clean.out()).contains("and 1 from outside the store, verified", "entries 0-" + (size - 1) + " are bound by a signed checkpoint");

        long target = size - 15;
        sql(data, st -> {
            exec(st, rewrite(target));
            exec(st, "DELETE FROM audit_checkpoints");
        });
        // the log alone can no longer tell; the stored decision the rewritten entry records still can ...
        Run alone = verify(data);
        assertThat(alone.code()).isEqualTo(3);
        assertThat(alone.out()).doesNotContain("tree size").contains("differs from its audit entry (stored PERMIT, logged DENY!!)");
        // ... the checkpoint kept outside it can
        Run outside = verifyWith(data, saved);
        assertThat(outside.code()).isEqualTo(3);
        assertThat(outside.out()).contains("FAIL: external checkpoint 1 (tree size " + size + ") does not match the stored entries",
                "is not among the store's kept checkpoints: checkpoint rows were deleted");
    }

    static Run verifyWith(Path data, Path checkpoint) {
        StringWriter out = new StringWriter();
        int code = dev.pillar.boot.Main.run(new String[] {"audit", "verify", "--data", data.toString(), "--checkpoint", checkpoint.toString()},
                new PrintWriter(out), new PrintWriter(Writer.nullWriter()));
        return new Run(code, out.toString());
    }

    @Test
    void aServerStartedOnARewrittenLogRefusesToSignAndIsNotReady() throws Exception {
        Path data = logWithCheckpoints("restarted");
        long size;
        int kept;
        try (JdbcStore s = JdbcStore.embedded(data)) {
            size = s.auditSize();
            kept = s.checkpoints().size();
        }
        long target = size - 5; // in the last ten, under the last checkpoint
        sql(data, st -> exec(st, rewrite(target)));
        try (Pillar s = Pillar.start(ServerConfig.defaults(0, data), new PrintWriter(Writer.nullWriter()))) {
            assertThat(s.services().ready()).as("not ready on a rewritten log").isFalse();
            assertThat(s.services().auditProblem()).hasValueSatisfying(p -> assertThat(p).contains("do not match the last signed checkpoint"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.audit().checkpoint()).isInstanceOf(AuditLog.Broken.class)
                    .hasMessageContaining("refuses to sign");
            try (java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient()) {
                var ready = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + s.port() + "/health/ready")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("\"audit\":\"DOWN\"", "auditProblem");
            }
            Thread.sleep(1500); // the background signer runs every second
        }
        try (JdbcStore s = JdbcStore.embedded(data)) {
            assertThat(s.checkpoints()).as("no checkpoint signed over the rewritten tree").hasSize(kept);
        }
    }

    @Test
    void deletedReorderedInsertedAndTruncatedEntriesAreFound() throws Exception {
        Path deleted = logWithCheckpoints("deleted");
        sql(deleted, st -> exec(st, "DELETE FROM audit_bundles WHERE first_index = (SELECT MAX(first_index) FROM audit_bundles)"));
        Run r = verify(deleted);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("FAIL: the log's size is");

        Path reordered = logWithCheckpoints("reordered");
        sql(reordered, st -> {
            exec(st, "UPDATE audit_bundles SET first_index = -1 WHERE first_index = (SELECT MAX(first_index) FROM audit_bundles)");
            exec(st, "UPDATE audit_bundles SET first_index = (SELECT MAX(first_index) FROM audit_bundles) + 10 "
                    + "WHERE first_index = (SELECT MAX(first_index) FROM audit_bundles)");
            exec(st, "UPDATE audit_bundles SET first_index = (SELECT MAX(first_index) FROM audit_bundles) - 10 WHERE first_index = -1");
        });
        assertThat(verify(reordered).out()).contains("does not match the stored entries");

        Path truncated = logWithCheckpoints("truncated");
        sql(truncated, st -> {
            exec(st, "DELETE FROM audit_bundles WHERE first_index = (SELECT MAX(first_index) FROM audit_bundles)");
            exec(st, "UPDATE store_meta SET meta_value = meta_value - 10 WHERE meta_key = 'audit_size'");
        });
        r = verify(truncated);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("covers more entries than the log holds", "truncated");

        Path inserted = logWithCheckpoints("inserted");
        sql(inserted, st -> {
            exec(st, "UPDATE audit_bundles SET first_index = first_index + 1 WHERE first_index >= 20 ORDER BY first_index DESC");
            exec(st, "INSERT INTO audit_bundles (first_index, entry_count, entries) VALUES (20, 1, X'0000000278 7a')".replace(" 7a", "7a"));
            exec(st, "UPDATE store_meta SET meta_value = meta_value + 1 WHERE meta_key = 'audit_size'");
        });
        assertThat(verify(inserted).out()).contains("does not match the stored entries");
    }
}
