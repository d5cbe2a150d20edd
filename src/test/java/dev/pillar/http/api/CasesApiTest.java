package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compliance cases against a running server: a LICENSE_REQUIRED release opens a case, the officer records the licence,
 * the repeated request is PERMIT under it with the value drawn down, a release beyond what is left is not authorised by
 * it; a REVIEW case resolved with a determination turns the next decision to PERMIT; and the refusals.
 */
class CasesApiTest {
    @TempDir
    static Path data;
    static ApiServer app;
    static String officer;
    static String admin;

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
        officer = app.token("compliance-officer");
        admin = app.token("admin");
        app.createUser("officer2", "compliance-officer", null, null);
        // an unclassified ITAR XI(a) item of MAS-1, worth 600,000 USD: no licence on file covers it for Japan
        item("CASE-XIA-001", "ITAR:XI(a)", "MAS-1", 600_000);
        // an unclassified ITAR XI(d) item of UNDERSEA-1: to a GBR/CHN dual national it needs the 126.18 screening
        item("CASE-XID-002", "ITAR:XI(d)", "UNDERSEA-1", 0);
    }

    static void item(String id, String control, String project, long value) {
        ObjectNode it = ApiServer.JSON.createObjectNode().put("id", id).put("title", "Case test item (fictional)").put("originator", "USA")
                .put("classification", "USA:UNCLASSIFIED").put("control", control).put("project", project).put("valueUsd", value);
        it.putArray("technologies").add("autonomy");
        ApiServer.Response r = app.post("/api/v1/items", app.token("secretariat"), it.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        app.closeCheckingContract();
    }

    static ApiServer.Response ask(String token, String item, String recipient) {
        return app.post("/api/v1/decisions", token, ApiServer.json("asOf", "2026-12-01", "item", item, "recipient", recipient));
    }

    static ApiServer.Response resolve(String token, String caseId, String etag, String body) {
        HttpRequest.Builder b = app.request("/api/v1/cases/" + caseId + "/resolution", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (etag != null) {
            b.header("If-Match", etag);
        }
        return app.send(b);
    }

    @Test
    void aLicenceRecordedOnTheCaseAuthorisesTheReleaseUntilItsValueIsUsed() {
        ApiServer.Response first = ask(admin, "CASE-XIA-001", "p-jpn-engineer");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("outcome").asString()).isEqualTo("LICENSE_REQUIRED");
        String caseId = first.header("Pillar-Case");
        assertThat(caseId).startsWith("C-");
        // the same request again joins the open case
        ApiServer.Response again = ask(app.token("delegate"), "CASE-XIA-001", "p-jpn-engineer");
        assertThat(again.header("Pillar-Case")).isEqualTo(caseId);

        JsonNode queue = app.get("/api/v1/cases?outcome=LICENSE_REQUIRED&country=JPN", officer).json();
        assertThat(queue.get("cases").findValuesAsString("id")).contains(caseId);
        ApiServer.Response c = app.get("/api/v1/cases/" + caseId, officer);
        assertThat(c.json().get("decisionCount").asInt()).isEqualTo(2);
        assertThat(c.json().get("reasons").get(0).asString()).isEqualTo("itar.licence-required");
        // the requester sees the state of their request
        JsonNode record = app.get("/api/v1/decisions/" + first.json().get("decisionId").asString(), admin).json();
        assertThat(record.get("case").get("state").asString()).isEqualTo("open");

        String licence = """
                {"action": "licence", "note": "DSP-5 approved by DDTC", "licence": {"number": "DSP5-CASE-0001", "type": "DSP-5", "regime": "ITAR",
                 "parties": ["JP-KAIYO-ROBOTICS"], "covers": ["XI(a)"], "countries": ["JPN"], "from": "2026-11-01", "until": "2027-10-31",
                 "valueCapUsd": 1000000, "source": {"title": "DSP-5 (fictional)", "citation": "22 CFR 123.1"}}}""";
        // a licence with its dates in the wrong order is refused naming the field, and the case stays open
        ApiServer.Response badDates = resolve(officer, caseId, c.header("ETag"), licence.replace("\"until\": \"2027-10-31\"", "\"until\": \"2026-01-31\""));
        assertThat(badDates.status()).as(badDates.body()).isEqualTo(400);
        assertThat(badDates.json().get("field").asString()).startsWith("licence.");
        ApiServer.Response negative = resolve(officer, caseId, c.header("ETag"), licence.replace("1000000", "-5"));
        assertThat(negative.status()).as(negative.body()).isEqualTo(400);
        assertThat(negative.json().get("field").asString()).isEqualTo("licence.valueCapUsd");
        ApiServer.Response noParty = resolve(officer, caseId, c.header("ETag"), licence.replace("JP-KAIYO-ROBOTICS", "JP-NOBODY"));
        assertThat(noParty.status()).as(noParty.body()).isEqualTo(400);
        assertThat(app.get("/api/v1/licences/DSP5-CASE-0001", officer).status()).isEqualTo(404);
        assertThat(app.get("/api/v1/cases/" + caseId, officer).json().get("state").asString()).isEqualTo("open");
        // the admin, who asked for it, may not resolve it (nor any role but compliance officer)
        assertThat(resolve(admin, caseId, c.header("ETag"), licence).status()).isEqualTo(403);

        ApiServer.Response resolved = resolve(officer, caseId, c.header("ETag"), licence);
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("state").asString()).isEqualTo("resolved");
        assertThat(resolved.json().get("resolution").get("reference").asString()).isEqualTo("DSP-5 DSP5-CASE-0001");
        assertThat(resolved.json().get("nowDecides").get("outcome").asString()).isEqualTo("PERMIT");
        // another officer acting on it meanwhile: 409, nothing changes
        ApiServer.Response late = resolve(app.signIn("officer2"), caseId, c.header("ETag"), "{\"action\": \"reject\", \"reason\": \"too late\"}");
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(app.get("/api/v1/cases/" + caseId, officer).json().get("resolution").get("kind").asString()).isEqualTo("licence");

        // the repeated request is PERMIT under the licence, drawing 600,000 of its 1,000,000
        ApiServer.Response permitted = ask(app.token("engineer").equals("") ? admin : admin, "CASE-XIA-001", "p-jpn-engineer");
        assertThat(permitted.json().get("outcome").asString()).as(permitted.body()).isEqualTo("PERMIT");
        assertThat(permitted.json().get("basis").toString()).contains("DSP-5 DSP5-CASE-0001");
        JsonNode usage = app.get("/api/v1/licences/DSP5-CASE-0001/usage", officer).json();
        assertThat(usage.get("usedUsd").asLong()).isEqualTo(600_000);
        assertThat(usage.get("remainingUsd").asLong()).isEqualTo(400_000);
        assertThat(usage.get("releases").get(0).get("decisionId").asString()).isEqualTo(permitted.json().get("decisionId").asString());
        // the next 600,000 exceed what is left: the licence does not authorise it
        ApiServer.Response beyond = ask(admin, "CASE-XIA-001", "p-jpn-engineer");
        assertThat(beyond.json().get("outcome").asString()).as(beyond.body()).isEqualTo("LICENSE_REQUIRED");
        assertThat(beyond.body()).contains("DSP5-CASE-0001 would cover it but its value cap of 1000000 USD has 400000 USD left");
        assertThat(app.get("/api/v1/licences/DSP5-CASE-0001/usage", officer).json().get("usedUsd").asLong()).isEqualTo(600_000);
        // a smaller release still fits
        ApiServer.Response small = app.post("/api/v1/decisions", admin,
                ApiServer.json("asOf", "2026-12-01", "item", "CASE-XIA-001", "recipient", "p-jpn-engineer", "valueUsd", 400_000));
        assertThat(small.json().get("outcome").asString()).as(small.body()).isEqualTo("PERMIT");
        JsonNode spent = app.get("/api/v1/licences/DSP5-CASE-0001/usage", officer).json();
        assertThat(spent.get("remainingUsd").asLong()).isZero();
        assertThat(spent.get("alerts").findValuesAsString("kind")).contains("value-80-percent");
        assertThat(app.get("/api/v1/licence-alerts", officer).json().findValuesAsString("number")).contains("DSP5-CASE-0001");
    }

    @Test
    void aReviewResolvedWithADeterminationTurnsTheNextDecisionToPermit() {
        ApiServer.Response first = ask(admin, "CASE-XID-002", "p-gbr-chn-dual");
        assertThat(first.json().get("outcome").asString()).as(first.body()).isEqualTo("REVIEW");
        String caseId = first.header("Pillar-Case");
        ApiServer.Response c = app.get("/api/v1/cases/" + caseId, officer);
        assertThat(c.json().get("reasons").get(0).asString()).isEqualTo("itar.dual-national-review");
        // a licence does not answer a review
        ApiServer.Response wrong = resolve(officer, caseId, c.header("ETag"), "{\"action\": \"licence\", \"number\": \"TA-2025-0001\"}");
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.json().get("field").asString()).isEqualTo("action");
        // without If-Match: 428
        assertThat(resolve(officer, caseId, null, "{\"action\": \"reject\", \"reason\": \"x\"}").status()).isEqualTo(428);

        ApiServer.Response resolved = resolve(officer, caseId, c.header("ETag"), """
                {"action": "determination", "determination": {"from": "2026-11-30",
                 "checked": ["screened under 22 CFR 126.18(c)(2): no substantive contacts with CHN", "non-disclosure agreement signed 2026-11-30"],
                 "evidence": "HR-2026-118/screening.pdf"}}""");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("resolution").get("reference").asString()).isEqualTo("D-" + caseId);
        assertThat(resolved.json().get("nowDecides").get("outcome").asString()).isEqualTo("PERMIT");
        JsonNode determination = app.get("/api/v1/determinations/D-" + caseId, officer).json();
        assertThat(determination.get("recordedBy").asString()).isEqualTo("officer");
        assertThat(determination.get("person").asString()).isEqualTo("p-gbr-chn-dual");

        ApiServer.Response next = ask(admin, "CASE-XID-002", "p-gbr-chn-dual");
        assertThat(next.json().get("outcome").asString()).as(next.body()).isEqualTo("PERMIT");
        assertThat(next.body()).contains("determination D-" + caseId);
        assertThat(next.header("Pillar-Case")).isNull();
        // the determination holds from its day only: the day before, the release is still held
        ApiServer.Response before = app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2026-11-29", "item", "CASE-XID-002", "recipient", "p-gbr-chn-dual"));
        assertThat(before.json().get("outcome").asString()).isEqualTo("REVIEW");
    }

    @Test
    void badQueueFiltersAreRefusedNamingThem() {
        assertThat(app.get("/api/v1/cases?colour=red", officer).json().get("field").asString()).isEqualTo("colour");
        assertThat(app.get("/api/v1/cases?outcome=MAYBE", officer).json().get("field").asString()).isEqualTo("outcome");
        assertThat(app.get("/api/v1/cases?state=lost", officer).json().get("field").asString()).isEqualTo("state");
        assertThat(app.get("/api/v1/cases?minAgeDays=soon", officer).json().get("field").asString()).isEqualTo("minAgeDays");
        assertThat(app.get("/api/v1/cases/C-999999", officer).status()).isEqualTo(404);
        assertThat(app.get("/api/v1/cases/nonsense", officer).status()).isEqualTo(404);
    }

    @Test
    void sixteenClientsAskingAtOnceReleaseNoMoreThanTheCap() throws Exception {
        item("CASE-XIB-003", "ITAR:XI(b)", "MAS-1", 100_000);
        ApiServer.Response l = app.post("/api/v1/licences", officer, """
                {"number": "DSP5-RACE-0001", "type": "DSP-5", "regime": "ITAR", "parties": ["JP-KAIYO-ROBOTICS"], "covers": ["XI(b)"],
                 "countries": ["JPN"], "from": "2026-01-01", "until": "2027-12-31", "valueCapUsd": 1000000,
                 "source": {"title": "DSP-5 (fictional)", "citation": "22 CFR 123.1"}}""");
        assertThat(l.status()).as(l.body()).isEqualTo(201);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<java.util.List<String>>> answers = new java.util.ArrayList<>();
        try {
            for (int c = 0; c < 16; c++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    java.util.List<String> outcomes = new java.util.ArrayList<>();
                    for (int k = 0; k < 2; k++) {
                        JsonNode answer = ask(admin, "CASE-XIB-003", "p-jpn-engineer").json();
                        outcomes.add(answer.get("outcome").asString() + " " + answer.get("basis"));
                    }
                    return outcomes;
                }));
            }
            go.countDown();
            long permits = 0;
            java.util.List<String> all = new java.util.ArrayList<>();
            for (var f : answers) {
                List<String> got = f.get(120, java.util.concurrent.TimeUnit.SECONDS);
                all.addAll(got);
                permits += got.stream().filter(o -> o.startsWith("PERMIT")).count();
            }
            assertThat(permits).as("ten releases of 100,000 fit in 1,000,000: %s", all).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        JsonNode usage = app.get("/api/v1/licences/DSP5-RACE-0001/usage", officer).json();
        assertThat(usage.get("usedUsd").asLong()).isEqualTo(1_000_000);
        assertThat(usage.get("releaseCount").asLong()).isEqualTo(10);
        assertThat(usage.get("releases")).hasSize(10);
    }
}
