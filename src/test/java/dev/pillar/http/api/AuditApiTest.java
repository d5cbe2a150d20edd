package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.audit.Checkpoint;
import dev.pillar.app.audit.Merkle;
import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.audit.SignedNote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The audit log through the API, checked as an outside verifier would: with the published key only, and Pillar's
 * proofs checked by the verification code, never trusted.
 */
class AuditApiTest {
    @TempDir
    static Path data;
    static ApiServer app;
    static String admin;

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
        admin = app.token("admin");
    }

    @AfterAll
    static void stop() {
        app.closeCheckingContract();
    }

    private static List<byte[]> hashes(JsonNode a) {
        List<byte[]> out = new ArrayList<>();
        a.forEach(h -> out.add(Base64.getDecoder().decode(h.asString())));
        return out;
    }

    private static Checkpoint checkpoint(NoteKey key) {
        SignedNote note = SignedNote.parse(app.get("/api/v1/audit/checkpoint", admin).body());
        assertThat(note.verifiedBy(key)).as("signed by the published key").isTrue();
        return Checkpoint.parse(note.text());
    }

    @Test
    void everyDecisionAndChangeIsLoggedAndProvablyInTheSignedTree() {
        NoteKey key = NoteKey.verifier(app.get("/api/v1/audit/key", admin).body());
        Checkpoint before = checkpoint(key);
        assertThat(before.size()).as("the seeded world and the users are logged").isGreaterThan(10);

        String decisionId = app.post("/api/v1/decisions", admin, ApiBehaviourTest.GBR_DECISION).json().get("decisionId").asString();
        String storedRequest = app.get("/api/v1/decisions/" + decisionId, admin).json().get("request").toString();
        assertThat(app.post("/api/v1/decisions/batch?view=outcome", admin, ApiBehaviourTest.batch(5)).status()).isEqualTo(200);
        Checkpoint after = checkpoint(key);
        // six decisions, the release under the capped TAA of the sonar training item, and the opening of a compliance case
        // for each held decision that no case held yet
        List<String> types = new ArrayList<>();
        for (long i = before.size(); i < after.size(); i++) {
            types.add(ApiServer.JSON.readTree(app.get("/api/v1/audit/entries/" + i, admin).json().get("entry").asString()).get("type").asString());
        }
        assertThat(types.stream().filter("decision"::equals).count()).isEqualTo(6);
        assertThat(types).contains("release").isSubsetOf("decision", "case", "release");

        // the single decision is the first entry after the earlier checkpoint
        long index = before.size();
        JsonNode e = app.get("/api/v1/audit/entries/" + index, admin).json();
        JsonNode entry = ApiServer.JSON.readTree(e.get("entry").asString());
        assertThat(entry.get("type").asString()).isEqualTo("decision");
        assertThat(entry.get("decisionId").asString()).isEqualTo(decisionId);
        assertThat(entry.get("outcome").asString()).isEqualTo("PERMIT");
        assertThat(entry.get("basis").get(0).asString()).isEqualTo("22 CFR 126.7");
        assertThat(entry.get("actor").asString()).isEqualTo("admin");
        assertThat(entry.has("requestSha256")).isTrue();
        assertThat(storedRequest).isNotBlank();
        byte[] bytes = e.get("entry").asString().getBytes(StandardCharsets.UTF_8);

        JsonNode inc = app.get("/api/v1/audit/proof/inclusion?index=" + index + "&size=" + after.size(), admin).json();
        assertThat(Merkle.verifyInclusion(Merkle.leafHash(bytes), index, after.size(), hashes(inc.get("proof")), after.root())).isTrue();
        byte[] forged = "{\"type\":\"decision\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(Merkle.verifyInclusion(Merkle.leafHash(forged), index, after.size(), hashes(inc.get("proof")), after.root())).isFalse();

        JsonNode con = app.get("/api/v1/audit/proof/consistency?from=" + before.size() + "&to=" + after.size(), admin).json();
        assertThat(Merkle.verifyConsistency(before.size(), after.size(), before.root(), after.root(), hashes(con.get("proof")))).isTrue();

        // a change of a document is logged too
        ApiServer.Response created = app.post("/api/v1/items", app.token("secretariat"), ApiBehaviourTest.item("T-AUDIT-1", "Logged (fictional)"));
        assertThat(created.status()).isEqualTo(201);
        Checkpoint third = checkpoint(key);
        JsonNode change = ApiServer.JSON.readTree(app.get("/api/v1/audit/entries/" + (third.size() - 1), admin).json().get("entry").asString());
        assertThat(change.get("type").asString()).isEqualTo("document");
        assertThat(change.get("action").asString()).isEqualTo("create");
        assertThat(change.get("id").asString()).isEqualTo("T-AUDIT-1");

        AuditLog.Report report = AuditLog.verify(app.server.store(), key, after.origin());
        assertThat(report.problems()).isEmpty();
        assertThat(report.checkpoints()).isGreaterThanOrEqualTo(3);
        assertThat(report.entries()).isEqualTo(third.size());
    }

    @Test
    void badProofRequestsAreRefusedNamingTheParameter() {
        ApiServer.Response r = app.get("/api/v1/audit/proof/inclusion", admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("index");
        r = app.get("/api/v1/audit/proof/inclusion?index=abc", admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("'abc'");
        r = app.get("/api/v1/audit/proof/inclusion?index=99999999", admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("index");
        r = app.get("/api/v1/audit/proof/consistency?from=0", admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("from");
        assertThat(app.get("/api/v1/audit/entries/99999999", admin).status()).isEqualTo(404);
    }
}
