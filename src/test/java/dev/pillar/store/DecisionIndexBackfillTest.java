package dev.pillar.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.app.port.DecisionStore;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.boot.Pillar;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.http.ServerConfig;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory from before the decision index (migration V6): its decisions are indexed once when the store opens,
 * their recipient and rule ids read from the stored request and answer, and are then found by search.
 */
class DecisionIndexBackfillTest {
    @TempDir
    Path data;

    @Test
    void aDecisionTheLogNeverRecordedIsMarkedAndRefusedWithoutAScan() throws Exception {
        String recorded;
        try (Pillar s = Pillar.start(ServerConfig.defaults(0, data), new PrintWriter(Writer.nullWriter()))) {
            recorded = s.services().decisions().decide(new Principal("admin", Role.ADMIN, null, null), WorldDocuments.mapper().readTree(
                    "{\"asOf\":\"2025-06-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\"}")).decision().decisionId();
        }
        // an index row of a decision stored before the log existed (no entry records it), and one whose index was lost
        String unlogged = "01900000-0000-7000-8000-000000000001";
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("pillar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "pillar", ""); Statement st = c.createStatement()) {
            st.execute("INSERT INTO decision_index (id, created_ms, actor, outcome, as_of, world_version) VALUES ('" + unlogged
                    + "', 1718000000000, 'admin', 'PERMIT', DATE '2024-06-10', 'aukus@r1')");
            st.execute("UPDATE decision_index SET audit_index = NULL WHERE id = '" + recorded + "'");
            st.execute("UPDATE store_meta SET meta_value = 0 WHERE meta_key = 'decision_audit_index'");
        }
        try (JdbcStore store = JdbcStore.embedded(data)) {
            assertThat(store.auditIndex(unlogged)).hasValue(-1);
            assertThat(store.auditIndex(recorded).orElseThrow()).isNotNegative();
        }
    }

    @Test
    void decisionsStoredBeforeTheIndexAreFoundAfterTheNextStart() throws Exception {
        String id;
        try (Pillar s = Pillar.start(ServerConfig.defaults(0, data), new PrintWriter(Writer.nullWriter()))) {
            id = s.services().decisions().decide(new Principal("admin", Role.ADMIN, null, null), WorldDocuments.mapper().readTree(
                    "{\"asOf\":\"2025-06-01\",\"item\":\"X-SONAR-TRAINING-006\",\"recipient\":\"p-kor-engineer\",\"transferor\":\"US-ACME-MARINE\"}"))
                    .decision().decisionId();
        }
        // as a store of the release before V6 would be: chunks, no index
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("pillar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "pillar", ""); Statement st = c.createStatement()) {
            st.execute("DELETE FROM decision_index");
            st.execute("DELETE FROM decision_terms");
            st.execute("UPDATE store_meta SET meta_value = 0 WHERE meta_key = 'decision_index'");
            st.execute("UPDATE store_meta SET meta_value = 0 WHERE meta_key = 'decision_audit_index'");
        }
        try (JdbcStore store = JdbcStore.embedded(data)) {
            // the index row made again holds the index of the decision's audit entry, found by one read of the log
            long at = store.auditIndex(id).orElseThrow();
            String[] entry = {null};
            store.auditEntries(at, at + 1, (e, i) -> entry[0] = new String(e, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(entry[0]).contains("\"decisionId\":\"" + id + "\"");
            List<DecisionStore.Found> found = store.search(new DecisionStore.DecisionQuery("p-kor-engineer", null, null, null, null, "itar.licence",
                    null, null, null, null, null, null, 10));
            assertThat(found).extracting(DecisionStore.Found::id).containsExactly(id);
            assertThat(found.getFirst().basis()).contains("TAA TA-2025-0001");
        }
        try (JdbcStore again = JdbcStore.embedded(data)) { // indexed once: a second start adds nothing
            assertThat(again.search(new DecisionStore.DecisionQuery(null, null, null, null, null, null, null, null, null, null, null, null, 100)))
                    .hasSize(1);
        }
    }
}
