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
        }
        try (JdbcStore store = JdbcStore.embedded(data)) {
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
