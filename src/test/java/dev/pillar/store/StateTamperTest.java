package dev.pillar.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.boot.Pillar;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.http.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored state bound to the log (issue "trust no single role", finding 6): someone with write access to the database
 * edits what the server serves, leaving the log itself intact. Each edit used to pass {@code pillar audit verify};
 * now each is found and named.
 */
class StateTamperTest {
    @TempDir
    Path data;
    String denied;
    String held;

    record Run(int code, String out) {}

    static Run verify(Path data) {
        StringWriter out = new StringWriter();
        int code = dev.pillar.boot.Main.run(new String[] {"audit", "verify", "--data", data.toString()}, new PrintWriter(out),
                new PrintWriter(Writer.nullWriter()));
        return new Run(code, out.toString());
    }

    @BeforeEach
    void world() {
        try (Pillar s = Pillar.start(ServerConfig.defaults(0, data), new PrintWriter(Writer.nullWriter()))) {
            Principal admin = new Principal("admin", Role.ADMIN, null, null);
            var decisions = s.services().decisions();
            denied = decisions.decide(admin, WorldDocuments.mapper().readTree(
                    "{\"asOf\":\"2024-10-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-kor-engineer\"}")).decision().decisionId();
            held = decisions.decide(admin, WorldDocuments.mapper().readTree(
                    "{\"asOf\":\"2025-06-01\",\"item\":\"X-SONAR-TRAINING-006\",\"recipient\":\"p-kor-engineer\",\"transferor\":\"US-ACME-MARINE\"}"))
                    .decision().decisionId();
            s.services().accounts().create(admin, "eng-tamper", new dev.pillar.app.AccountService.UserChange("correct horse battery staple",
                    "engineer", null, "GB-BRITANNIA-SONAR", false));
            // an unclassified ITAR XI(a) item of MAS-1: Japan needs a licence, so the decision opens a case
            s.services().worlds().create(dev.pillar.app.port.Kind.ITEM, WorldDocuments.mapper().readTree("{\"id\":\"T-XIA\",\"originator\":\"USA\","
                    + "\"classification\":\"USA:UNCLASSIFIED\",\"control\":\"ITAR:XI(a)\",\"project\":\"MAS-1\"}"), new Principal("sec", Role.SECRETARIAT, null, null));
            String licensed = s.services().decisions().decide(admin, WorldDocuments.mapper().readTree(
                    "{\"asOf\":\"2026-12-01\",\"item\":\"T-XIA\",\"recipient\":\"p-jpn-engineer\"}")).caseId();
            assertThat(licensed).isNotNull();
            s.audit().checkpoint();
        }
    }

    interface Sql {
        void run(Connection c) throws Exception;
    }

    void sql(Sql change) throws Exception {
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("pillar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "pillar", "")) {
            change.run(c);
        }
    }

    static void exec(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Rewrites the stored chunk that holds decision {@code id}, turning its DENY into PERMIT, as an attacker with SQL would. */
    void denyToPermit(String id) throws Exception {
        sql(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT seq, body FROM decision_chunks")) {
                while (rs.next()) {
                    List<StoredDecision> chunk = DecisionChunks.decode(rs.getBytes(2));
                    if (chunk.stream().noneMatch(d -> d.id().equals(id))) {
                        continue;
                    }
                    List<StoredDecision> edited = new ArrayList<>();
                    for (StoredDecision d : chunk) {
                        edited.add(!d.id().equals(id) ? d : new StoredDecision(d.id(), d.createdAt(), d.actor(), "PERMIT", d.worldVersion(), d.asOf(),
                                d.itemId(), d.organisation(), d.project(), d.request(), d.response().replace("\"DENY\"", "\"PERMIT\""), d.basis()));
                    }
                    try (PreparedStatement up = c.prepareStatement("UPDATE decision_chunks SET body = ? WHERE seq = ?")) {
                        up.setBytes(1, DecisionChunks.encode(edited).getFirst().body());
                        up.setLong(2, rs.getLong(1));
                        up.executeUpdate();
                    }
                }
            }
        });
    }

    @Test
    void anUntouchedStoreVerifies() {
        Run r = verify(data);
        assertThat(r.code()).as(r.out()).isZero();
    }

    @Test
    void aStoredDecisionTurnedFromDenyToPermitIsFound() throws Exception {
        denyToPermit(denied);
        Run r = verify(data);
        assertThat(r.code()).as(r.out()).isEqualTo(3);
        assertThat(r.out()).contains("FAIL: decision " + denied + " differs from its audit entry (stored PERMIT, logged DENY)");
    }

    @Test
    void aDecisionTurnedFromDenyToPermitIsNotServedOnRead() throws Exception {
        denyToPermit(denied);
        sql(c -> exec(c, "UPDATE decision_index SET audit_index = NULL WHERE id = '" + held + "'")); // found by a scan instead
        try (Pillar s = Pillar.start(ServerConfig.defaults(0, data), new PrintWriter(Writer.nullWriter()))) {
            Principal admin = new Principal("admin", Role.ADMIN, null, null);
            var decisions = s.services().decisions();
            assertThatThrownBy(() -> decisions.find(admin, denied)).isInstanceOfSatisfying(dev.pillar.app.Refusal.class, r -> {
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.getMessage()).contains("decision " + denied + " as stored differs from its audit entry (logged DENY, stored PERMIT)");
            });
            assertThatThrownBy(() -> decisions.again(denied)).isInstanceOf(dev.pillar.app.Refusal.class);
            // an untouched decision is served, whether its entry is found by the kept index or by a scan of the log
            assertThat(decisions.find(admin, held)).get().extracting(StoredDecision::id).isEqualTo(held);
        }
    }

    /**
     * Rewrites the audit entry of decision {@code id} so that it records a PERMIT with the digest of the PERMIT answer
     * {@link #denyToPermit} stores: the stored log then agrees with the edited decision.
     */
    void forgeEntry(String id) throws Exception {
        sql(c -> {
            String permitted = null;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT body FROM decision_chunks")) {
                while (rs.next()) {
                    for (StoredDecision d : DecisionChunks.decode(rs.getBytes(1))) {
                        if (d.id().equals(id)) {
                            permitted = d.response();
                        }
                    }
                }
            }
            String response = permitted;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT first_index, entry_count, entries FROM audit_bundles")) {
                while (rs.next()) {
                    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(rs.getBytes(3));
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    boolean changed = false;
                    for (int i = 0; i < rs.getInt(2); i++) {
                        byte[] e = new byte[in.getInt()];
                        in.get(e);
                        if (dev.pillar.app.port.AuditEntry.parse(e) instanceof dev.pillar.app.port.AuditEntry.Decision d && d.decisionId().equals(id)) {
                            e = new dev.pillar.app.port.AuditEntry.Decision(d.actor(), d.asOf(), d.basis(), d.decisionId(), "PERMIT", d.requestSha256(),
                                    dev.pillar.crypto.CanonicalJson.sha256(response.getBytes(java.nio.charset.StandardCharsets.UTF_8)), d.time(), d.worldVersion()).encode();
                            changed = true;
                        }
                        out.write(java.nio.ByteBuffer.allocate(4).putInt(e.length).array());
                        out.write(e);
                    }
                    if (changed) {
                        try (PreparedStatement up = c.prepareStatement("UPDATE audit_bundles SET entries = ? WHERE first_index = ?")) {
                            up.setBytes(1, out.toByteArray());
                            up.setLong(2, rs.getLong(1));
                            up.executeUpdate();
                        }
                    }
                }
            }
        });
    }

    @Test
    void aDecisionWhoseEntryWasRewrittenToMatchIsNotServed() throws Exception {
        denyToPermit(denied);
        forgeEntry(denied);
        try (Pillar s = Pillar.start(ServerConfig.defaults(0, data), new PrintWriter(Writer.nullWriter()))) {
            // the stored entry now agrees with the stored PERMIT; the signed checkpoint over it does not
            assertThatThrownBy(() -> s.services().decisions().find(new Principal("admin", Role.ADMIN, null, null), denied))
                    .isInstanceOfSatisfying(dev.pillar.app.Refusal.class, r -> assertThat(r.getMessage())
                            .contains("decision " + denied + " as stored cannot be checked: the stored audit log disagrees with its last signed checkpoint"));
        }
    }

    @Test
    void aDecisionPointedAtAnotherEntryIsNotServed() throws Exception {
        sql(c -> exec(c, "UPDATE decision_index SET audit_index = (SELECT audit_index FROM decision_index WHERE id = '" + held
                + "') WHERE id = '" + denied + "'"));
        try (Pillar s = Pillar.start(ServerConfig.defaults(0, data), new PrintWriter(Writer.nullWriter()))) {
            assertThatThrownBy(() -> s.services().decisions().find(new Principal("admin", Role.ADMIN, null, null), denied))
                    .isInstanceOf(dev.pillar.app.Refusal.class).hasMessageContaining("differs from its audit entry");
        }
    }

    @Test
    void aDeletedDecisionIsFound() throws Exception {
        sql(c -> exec(c, "DELETE FROM decision_chunks"));
        assertThat(verify(data).out()).contains("decision " + denied + " is in the audit log but not in the store");
    }

    @Test
    void anItemsReleasabilityWidenedInTheStoreIsFound() throws Exception {
        sql(c -> exec(c, "UPDATE documents SET body = REPLACE(body, '\"AUS\",\"GBR\"]', '\"AUS\",\"GBR\",\"JPN\"]') WHERE kind = 'item' AND id = 'A-UNDERSEA-001'"));
        Run r = verify(data);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("FAIL: item/A-UNDERSEA-001 version 1 differs from its latest audit entry");
    }

    @Test
    void anEngineerMadeAdminInTheStoreIsFound() throws Exception {
        sql(c -> exec(c, "UPDATE users SET role = 'ADMIN', organisation = NULL WHERE username = 'eng-tamper'"));
        Run r = verify(data);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("FAIL: user eng-tamper (stored: ADMIN, version 1) differs from its latest audit entry (ENGINEER, version 1)");
    }

    @Test
    void deletedUsersDocumentsAndRuleEditsAreFound() throws Exception {
        sql(c -> {
            exec(c, "DELETE FROM users WHERE username = 'eng-tamper'");
            exec(c, "DELETE FROM documents WHERE kind = 'licence' AND id = 'TA-2025-0001'");
            exec(c, "UPDATE rule_versions SET body = REPLACE(body, '126.7', '126.9') WHERE version = 1");
        });
        Run r = verify(data);
        assertThat(r.out()).contains("user eng-tamper is in the audit log but not in the store",
                "licence/TA-2025-0001 is in the audit log (version 1) but not in the store", "rule data version 1 differs from its audit entry");
    }

    @Test
    void aCaseClosedOrALicencesUseResetInTheStoreIsFound() throws Exception {
        sql(c -> {
            exec(c, "UPDATE cases SET state = 'resolved', version = 2");
            exec(c, "UPDATE licence_usage SET used_usd = 0, releases = 0");
        });
        Run r = verify(data);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("is resolved (version 2) in the store but open (version 1) in the audit log",
                "licence TA-2025-0001 has 0 USD used in 0 releases in the store");
    }

    @Test
    void aWitnessKeyAddedInTheStoreIsFound() throws Exception {
        // a key the member never signed, inserted behind the server's back to make a checkpoint look cosigned
        String key = dev.pillar.app.audit.NoteKey.generate("forged.example/witness").verifierText();
        sql(c -> exec(c, "INSERT INTO audit_witness_keys (verifier_key, member, key_name, registered_at, registered_by) VALUES ('" + key
                + "', 'USA', 'forged.example/witness', CURRENT_TIMESTAMP, 'sec')"));
        Run r = verify(data);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("witness key forged.example/witness of USA is stored but the audit log never recorded its registration");
    }
}
