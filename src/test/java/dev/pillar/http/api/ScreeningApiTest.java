package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.codec.screening.ListReadersTest;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Restricted-party screening against a running server: before any list is imported decisions say their parties were
 * not screened; after the Consolidated Screening List is imported, a recipient with exactly the name of an SDN entry is
 * DENY, one whose name may be it is REVIEW until an officer clears the match, a transferor on the Entity List needs a
 * licence, a decision as of a date before the list's publication is unchanged; the import opened screening cases; a
 * wrong file is refused and nothing stored changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScreeningApiTest {
    @TempDir
    static Path data;
    static ApiServer app;
    static String officer;

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
        officer = app.token("compliance-officer");
        String secretariat = app.token("secretariat");
        // the first is a dual national of Russia, as the SDN entry is; the second only British (a disagreeing country: a possible match)
        for (String[] p : new String[][] {{"t-antonov-exact", "Viktor Sergeyevich Antonov", "\"GBR\",\"RUS\""}, {"t-antonov-maybe", "Victor Antonov", "\"GBR\""}}) {
            ApiServer.Response r = app.post("/api/v1/people", secretariat, "{\"id\":\"" + p[0] + "\",\"name\":\"" + p[1]
                    + "\",\"citizenships\":[" + p[2] + "],\"location\":\"GBR\",\"organisation\":\"GB-BRITANNIA-SONAR\",\"fictional\":true}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        app.closeCheckingContract();
    }

    static JsonNode decide(String recipient, String asOf, String transferor) {
        String body = "{\"asOf\":\"" + asOf + "\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"" + recipient + "\""
                + (transferor == null ? "" : ",\"transferor\":" + transferor) + "}";
        ApiServer.Response r = app.post("/api/v1/decisions", officer, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return ApiBehaviourTest.object(r.body());
    }

    static JsonNode screeningReason(JsonNode decision) {
        for (JsonNode r : decision.get("reasons")) {
            if (r.get("layer").asString().equals("screening")) {
                return r;
            }
        }
        throw new AssertionError("no screening reason in " + decision);
    }

    static ApiServer.Response importList(String source, String fixture, String published) {
        return app.send(app.request("/api/v1/screening/lists?source=" + source + (published == null ? "" : "&published=" + published), officer)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(ListReadersTest.fixture(fixture))));
    }

    @Test
    @Order(1)
    void withoutListsDecisionsSayTheirPartiesWereNotScreened() {
        JsonNode d = decide("t-antonov-maybe", "2026-12-01", null);
        JsonNode s = screeningReason(d);
        assertThat(s.get("ruleId").asString()).as(d.toString()).isEqualTo("screening.no-lists");
        assertThat(s.get("outcome").asString()).as(d.toString()).isEqualTo("PERMIT");
    }

    @Test
    @Order(2)
    void aWrongFileIsRefusedNamingTheFieldAndNothingIsStored() {
        ApiServer.Response r = importList("us-csl", "bad/csl-missing-column.csv", "2026-11-01");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("name");
        ApiServer.Response asUk = importList("us-csl", "uk-sample.csv", "2026-11-01");
        assertThat(asUk.status()).isEqualTo(400);
        assertThat(asUk.body()).contains("uk-sanctions");
        assertThat(app.post("/api/v1/screening/lists?source=us-csl", app.token("engineer"), "{}").status()).as("officers only").isEqualTo(403);
        assertThat(ApiBehaviourTest.object(app.get("/api/v1/screening/lists", officer).body()).get("versions")).isEmpty();
    }

    @Test
    @Order(3)
    void afterTheImportHitsChangeTheAnswerWithTheListsCitation() {
        ApiServer.Response r = importList("us-csl", "csl-sample.json", "2026-11-01");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode imported = ApiBehaviourTest.object(r.body());
        assertThat(imported.get("entries").asInt()).isEqualTo(13);
        assertThat(imported.get("casesOpened").asInt()).as("continuous screening found the two Antonovs").isGreaterThanOrEqualTo(2);

        JsonNode exact = decide("t-antonov-exact", "2026-12-01", null);
        assertThat(exact.get("outcome").asString()).isEqualTo("DENY");
        JsonNode s = screeningReason(exact);
        assertThat(s.get("ruleId").asString()).isEqualTo("screening.prohibited");
        assertThat(s.get("citation").asString()).contains("31 CFR");

        JsonNode maybe = decide("t-antonov-maybe", "2026-12-01", null);
        assertThat(screeningReason(maybe).get("ruleId").asString()).isEqualTo("screening.possible-match");
        assertThat(maybe.get("outcome").asString()).isIn("REVIEW", "DENY");

        JsonNode before = decide("t-antonov-exact", "2026-10-01", null);
        assertThat(screeningReason(before).get("ruleId").asString()).as("the list was published after that date").isEqualTo("screening.no-lists");

        JsonNode entity = decide("p-gbr-engineer", "2026-12-01",
                "{\"name\":\"Meridian Photonics Limited\",\"country\":\"AUS\",\"kind\":\"industry\"}");
        boolean licence = false;
        for (JsonNode x : entity.get("reasons")) {
            if (x.get("ruleId").asString().equals("screening.licence-required")) {
                licence = true;
                assertThat(x.get("citation").asString()).contains("744.11");
            }
        }
        assertThat(licence).as("the transferor is on the Entity List: " + entity).isTrue();
        assertThat(entity.get("outcome").asString()).isNotEqualTo("PERMIT");
    }

    @Test
    @Order(4)
    void anOfficersVerdictClearsThePossibleMatchAndClosesItsCase() {
        JsonNode cases = ApiBehaviourTest.object(app.get("/api/v1/screening/cases?state=open", officer).body()).get("cases");
        String entry = null;
        for (JsonNode c : cases) {
            if (c.get("party").asString().equals("t-antonov-maybe")) {
                entry = c.get("entry").asString();
            }
        }
        assertThat(entry).as("an open screening case for the possible match: " + cases).isNotNull();
        ApiServer.Response v = app.post("/api/v1/screening/verdicts", officer, "{\"party\":\"t-antonov-maybe\",\"entry\":\"" + entry.replace("\"", "\\\"")
                + "\",\"sameParty\":false,\"evidence\":\"CASE-S1/passport-check.pdf\"}");
        assertThat(v.status()).as(v.body()).isEqualTo(201);
        JsonNode s = screeningReason(decide("t-antonov-maybe", "2026-12-01", null));
        assertThat(s.get("ruleId").asString()).isEqualTo("screening.clear");
        assertThat(s.get("outcome").asString()).isEqualTo("PERMIT");
        JsonNode still = ApiBehaviourTest.object(app.get("/api/v1/screening/cases?state=open", officer).body()).get("cases");
        for (JsonNode c : still) {
            assertThat(c.get("party").asString() + " " + c.get("entry").asString()).isNotEqualTo("t-antonov-maybe " + entry);
        }
        ApiServer.Response noEvidence = app.post("/api/v1/screening/verdicts", officer, "{\"party\":\"t-antonov-maybe\",\"entry\":\"x\",\"sameParty\":false}");
        assertThat(noEvidence.status()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void aNameIsScreenedByHandWithEveryHitExplained() {
        ApiServer.Response r = app.get("/api/v1/screening/check?name=Viktor%20Antonov&type=individual&country=RUS&asOf=2026-12-01", officer);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode hits = ApiBehaviourTest.object(r.body()).get("hits");
        assertThat(hits).isNotEmpty();
        JsonNode h = hits.get(0);
        assertThat(h.get("source").asString()).isEqualTo("Specially Designated Nationals (SDN) - Treasury Department");
        assertThat(h.get("score").asDouble()).isGreaterThan(0.85);
        assertThat(h.get("entryName").asString()).isNotBlank();
        assertThat(app.get("/api/v1/screening/check?name=Viktor&country=ZZZ", officer).status()).isEqualTo(400);
    }
}
