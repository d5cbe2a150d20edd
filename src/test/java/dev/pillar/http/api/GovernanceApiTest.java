package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.core.governance.Choice;
import dev.pillar.core.governance.Vote;
import dev.pillar.core.model.Country;
import dev.pillar.crypto.Ed25519Keys;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Governance through the API as the secretariat and three delegates use it: keys registered in the partnership, a
 * proposal to admit KOR to MAS-1, the delegates' signed votes, every refusal (with nothing recorded), adoption, the
 * partnership and decisions after it, the bundle and the verification. Every exchange is checked against the OpenAPI
 * description.
 */
class GovernanceApiTest {
    @TempDir
    static Path data;
    static ApiServer app;
    static final Map<String, Ed25519Keys.SigningKey> KEYS = new LinkedHashMap<>();
    static final Map<String, String> DELEGATES = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
        DELEGATES.put("GBR", app.token("delegate"));
        for (String m : List.of("AUS", "USA")) {
            app.createUser("delegate-" + m.toLowerCase(), "delegate", m, null);
            DELEGATES.put(m, app.signIn("delegate-" + m.toLowerCase()));
        }
        dev.pillar.app.KeyCeremony.enrolFresh(app.server.governance()).forEach((m, k) -> KEYS.put(m.code(), k));
        // KOR is only considered in the built-in world: consensus (from tomorrow), then formal discussions (the day after)
        adopt("{\"candidate\":\"KOR\",\"action\":\"consensus\",\"effective\":\"" + today(1) + "\",\"deadline\":\"" + today(0)
                + "\",\"sources\":[{\"title\":\"Core members' minutes (fictional)\",\"date\":\"" + today(0) + "\"}]}");
        adopt("{\"candidate\":\"KOR\",\"action\":\"formal-discussions\",\"effective\":\"" + today(2) + "\",\"deadline\":\"" + today(1)
                + "\",\"sources\":[{\"title\":\"Core members' minutes (fictional)\",\"date\":\"" + today(0) + "\"}]}");
    }

    static void adopt(String proposal) {
        ApiServer.Response made = app.post("/api/v1/governance/proposals", app.token("secretariat"), proposal);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        for (String m : List.of("AUS", "GBR", "USA")) {
            ApiServer.Response v = app.post("/api/v1/governance/proposals/" + made.json().get("id").asString() + "/votes", DELEGATES.get(m),
                    vote(made.json(), m, Choice.APPROVE, m));
            assertThat(v.status()).as(v.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        app.closeCheckingContract();
    }

    static String today(int plus) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(plus).toString();
    }

    static String proposal(String candidate, String action, String projects) {
        return "{\"candidate\":\"" + candidate + "\",\"action\":\"" + action + "\"" + (projects == null ? "" : ",\"projects\":" + projects)
                + ",\"effective\":\"" + today(4) + "\",\"deadline\":\"" + today(2) + "\",\"sources\":[{\"title\":\"Core members' minutes (fictional)\","
                + "\"citation\":\"admission to maritime autonomous systems\",\"date\":\"" + today(0) + "\"}]}";
    }

    static String vote(JsonNode proposal, String member, Choice choice, String keyOf) {
        return ApiServer.json("jws", GovernanceCodec.sign(new Vote(proposal.get("id").asString(), proposal.get("digest").asString(), Country.of(member),
                choice, choice == Choice.OBJECT ? "not yet" : null, Instant.now().truncatedTo(ChronoUnit.SECONDS)), KEYS.get(keyOf)));
    }

    static String acts() {
        return app.get("/api/v1/governance/acts", app.token("admin")).body();
    }

    static ApiServer.Response refused(int status, String field, ApiServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(r.json().get("field").asString()).isEqualTo(field);
        }
        return r;
    }

    @Test
    void koreaIsAdmittedToMas1ByTheSignedVotesOfAllThreeMembers() {
        String sec = app.token("secretariat");
        String before = acts();
        refused(400, "candidate", app.post("/api/v1/governance/proposals", sec, proposal("FRA", "consensus", null)));
        refused(400, "projects[0]", app.post("/api/v1/governance/proposals", sec, proposal("KOR", "admit", "[\"SSN-1\"]")));
        refused(400, "sources", app.post("/api/v1/governance/proposals", sec, "{\"candidate\":\"KOR\",\"action\":\"consensus\",\"effective\":\""
                + today(4) + "\",\"deadline\":\"" + today(2) + "\"}"));
        refused(400, "effective", app.post("/api/v1/governance/proposals", sec, proposal("KOR", "consensus", null).replace(today(4), today(1))));
        assertThat(app.post("/api/v1/governance/proposals", app.token("engineer"), proposal("KOR", "consensus", null)).status()).isEqualTo(403);
        assertThat(acts()).as("nothing recorded").isEqualTo(before);

        ApiServer.Response made = app.post("/api/v1/governance/proposals", sec, proposal("KOR", "admit", "[\"MAS-1\"]"));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        JsonNode p = made.json();
        String id = p.get("id").asString();
        assertThat(made.header("Location")).isEqualTo("/api/v1/governance/proposals/" + id);
        assertThat(p.get("status").asString()).isEqualTo("OPEN");
        assertThat(p.get("voters").toString()).isEqualTo("[\"AUS\",\"GBR\",\"USA\"]");
        refused(409, "candidate", app.post("/api/v1/governance/proposals", sec, proposal("KOR", "consensus", null)));
        String votes = "/api/v1/governance/proposals/" + id + "/votes";

        String recorded = acts();
        refused(400, "member", app.post(votes, DELEGATES.get("GBR"), vote(p, "USA", Choice.APPROVE, "USA")));
        refused(400, "jws", app.post(votes, DELEGATES.get("GBR"), vote(p, "GBR", Choice.APPROVE, "USA")));
        refused(400, "jws", app.post(votes, DELEGATES.get("GBR"), "{\"jws\":\"not-a-jws\"}"));
        refused(400, "jws", app.post(votes, DELEGATES.get("GBR"), "{}"));
        ObjectNode other = ((ObjectNode) p.deepCopy()).put("digest", "0".repeat(64));
        refused(409, "proposalDigest", app.post(votes, DELEGATES.get("GBR"), vote(other, "GBR", Choice.APPROVE, "GBR")));
        refused(404, null, app.post("/api/v1/governance/proposals/P-999/votes", DELEGATES.get("GBR"), vote(p, "GBR", Choice.APPROVE, "GBR")));
        assertThat(app.post(votes, app.token("secretariat"), vote(p, "GBR", Choice.APPROVE, "GBR")).status()).isEqualTo(403);
        assertThat(acts()).as("nothing recorded").isEqualTo(recorded);

        String gbr = vote(p, "GBR", Choice.APPROVE, "GBR");
        ApiServer.Response first = app.post(votes, DELEGATES.get("GBR"), gbr);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("votes").get(0).get("castBy").asString()).isEqualTo("delegate-gbr");
        assertThat(refused(409, "jws", app.post(votes, DELEGATES.get("GBR"), gbr)).json().get("detail").asString()).contains("replayed vote");
        assertThat(app.post(votes, DELEGATES.get("AUS"), vote(p, "AUS", Choice.APPROVE, "AUS")).status()).isEqualTo(201);
        String requestAfter = "{\"asOf\":\"" + today(5) + "\",\"item\":\"MAS-NAV-004\",\"recipient\":\"p-kor-engineer\"}";
        ApiServer.Response twoOfThree = app.post("/api/v1/decisions", app.token("compliance-officer"), requestAfter);
        assertThat(twoOfThree.json().at("/reasons/0/message").asString())
                .as("two approvals of three: %s", twoOfThree.body()).contains("KOR does not take part in MAS-1");

        ApiServer.Response last = app.post(votes, DELEGATES.get("USA"), vote(p, "USA", Choice.APPROVE, "USA"));
        assertThat(last.status()).isEqualTo(201);
        assertThat(last.json().get("status").asString()).isEqualTo("ADOPTED");
        assertThat(last.json().at("/outcome/approvals").toString()).isEqualTo("[\"AUS\",\"GBR\",\"USA\"]");

        // the partnership and decisions follow the act from its date
        JsonNode mas1 = null;
        for (JsonNode project : app.get("/api/v1/partnership/projects", app.token("engineer")).json()) {
            if (project.get("id").asString().equals("MAS-1")) {
                mas1 = project;
            }
        }
        assertThat(mas1.get("participants").toString()).contains("{\"country\":\"KOR\",\"from\":\"" + today(4) + "\",\"until\":null}");
        JsonNode after = app.post("/api/v1/decisions", app.token("compliance-officer"), requestAfter).json();
        assertThat(after.at("/reasons/0/message").asString()).doesNotContain("KOR does not take part").contains("KR-HANBIT-DEFENCE is not a participant");
        JsonNode dayBefore = app.post("/api/v1/decisions", app.token("compliance-officer"), requestAfter.replace(today(5), today(3))).json();
        assertThat(dayBefore.at("/reasons/0/message").asString()).contains("KOR does not take part in MAS-1");
        String kor = app.get("/api/v1/partnership/candidates", app.token("engineer")).json().toString();
        assertThat(kor).contains("\"stage\":\"partner\",\"date\":\"" + today(4) + "\"", "governance act " + id);

        assertThat(refused(409, "jws", app.post(votes, DELEGATES.get("GBR"), vote(p, "GBR", Choice.OBJECT, "GBR"))).json().get("detail").asString())
                .contains("each member votes once");

        JsonNode bundle = app.get("/api/v1/governance/proposals/" + id + "/bundle", app.token("engineer")).json();
        assertThat(bundle.get("votes")).hasSize(3);
        assertThat(bundle.get("proposalDigest").asString()).isEqualTo(p.get("digest").asString());
        JsonNode verify = app.get("/api/v1/governance/verify", app.token("engineer")).json();
        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
        // 12 acts of the key ceremony (3 requests, 6 co-signatures, 3 confirmations), 5 for each of consensus and formal
        // discussions (proposal, three votes, outcome) and 5 for the admission
        assertThat(verify.get("acts").asInt()).isEqualTo(27);
        assertThat(app.get("/api/v1/governance/proposals/P-999", app.token("engineer")).status()).isEqualTo(404);
        assertThat(app.get("/api/v1/governance/proposals/P-999/bundle", app.token("engineer")).status()).isEqualTo(404);
    }
}
