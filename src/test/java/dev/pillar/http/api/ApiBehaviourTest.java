package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API does: decisions (one, a batch, read back), documents with ETags, bad input that changes nothing, changes
 * that decisions see at once, rule data versions, health and metrics.
 */
class ApiBehaviourTest {
    static final String GBR_DECISION = ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer");
    static final String BAD_ITEM = "T-BAD-1";
    static final String BAD_PERSON = "t-bad-person";

    @TempDir
    static Path data;
    static ApiServer app;
    static String admin;
    static String secretariat;
    static String officer;

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
        admin = app.token("admin");
        secretariat = app.token("secretariat");
        officer = app.token("compliance-officer");
        assertThat(app.post("/api/v1/items", secretariat, item(BAD_ITEM, "Bad input target (fictional)")).status()).isEqualTo(201);
        assertThat(app.post("/api/v1/people", secretariat, person(BAD_PERSON, "GB-MOD-DE")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        app.closeCheckingContract();
    }

    static String item(String id, String title) {
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"originator\":\"USA\",\"classification\":\"USA:SECRET\","
                + "\"releasableTo\":[\"USA\",\"AUS\",\"GBR\"],\"control\":\"ITAR:XI(d)\",\"technologies\":[\"sonar\"],\"project\":\"UNDERSEA-1\",\"valueUsd\":0}";
    }

    static String person(String id, String organisation) {
        return "{\"id\":\"" + id + "\",\"citizenships\":[\"GBR\"],\"location\":\"GBR\",\"organisation\":\"" + organisation + "\",\"fictional\":true}";
    }

    static String worldVersion() {
        return "aukus@r" + app.server.store().revision();
    }

    static ObjectNode object(String json) {
        return (ObjectNode) ApiServer.JSON.readTree(json);
    }

    // ---- decisions ----------------------------------------------------------------------------------------------------

    @Test
    void aDecisionIsCreatedAndReadBackByItsLocation() {
        ApiServer.Response r = app.post("/api/v1/decisions", app.token("delegate"), GBR_DECISION);
        assertThat(r.status()).isEqualTo(201);
        JsonNode decision = r.json();
        assertThat(decision.get("outcome").asString()).isEqualTo("PERMIT");
        assertThat(decision.get("basis").get(0).asString()).isEqualTo("22 CFR 126.7");
        String id = decision.get("decisionId").asString();
        assertThat(r.header("Location")).isEqualTo("/api/v1/decisions/" + id);
        assertThat(decision.get("worldVersion").asString()).as("names the store revision").isEqualTo(worldVersion());
        assertThat(app.get("/health", null).json().get("worldVersion").asString()).isEqualTo(worldVersion());

        ApiServer.Response stored = app.get(r.header("Location"), admin);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().get("decision")).isEqualTo(decision);
        assertThat(stored.json().get("request")).isEqualTo(ApiServer.JSON.readTree(GBR_DECISION));
        assertThat(stored.json().get("askedBy").asString()).isEqualTo("delegate-gbr");
        assertThat(app.get("/api/v1/decisions/no-such-decision", admin).status()).isEqualTo(404);
    }

    static String batch(int n) {
        String[] requests = {
                GBR_DECISION,
                ApiServer.json("asOf", "2025-06-01", "item", "MAS-AI-010", "recipient", "p-kor-engineer"),
                ApiServer.json("asOf", "2025-06-01", "item", "MAS-AI-010", "recipient", "p-jpn-engineer"),
                ApiServer.json("asOf", "2025-06-01", "item", "X-SONAR-TRAINING-006", "recipient", "p-kor-engineer", "transferor", "US-ACME-MARINE"),
        };
        StringBuilder b = new StringBuilder("{\"requests\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(requests[i % requests.length]);
        }
        return b.append("]}").toString();
    }

    @Test
    void aBatchOfTenThousandIsDecidedAndOneMoreIsRefused() {
        ApiServer.Response r = app.post("/api/v1/decisions/batch", app.token("delegate"), batch(10_000));
        assertThat(r.status()).as(r.body().length() > 500 ? r.body().substring(0, 500) : r.body()).isEqualTo(200);
        JsonNode out = r.json();
        assertThat(out.get("count").asInt()).isEqualTo(10_000);
        assertThat(out.get("worldVersion").asString()).isEqualTo(worldVersion());
        Set<String> ids = new HashSet<>();
        Set<String> outcomes = new HashSet<>();
        for (JsonNode d : out.get("results")) {
            assertThat(d.has("outcome")).as(d.toString()).isTrue();
            assertThat(d.get("worldVersion").asString()).isEqualTo(out.get("worldVersion").asString());
            ids.add(d.get("decisionId").asString());
            outcomes.add(d.get("outcome").asString());
        }
        assertThat(ids).hasSize(10_000);
        assertThat(outcomes).contains("PERMIT", "DENY");
        assertThat(app.get("/api/v1/decisions/" + out.get("results").get(9_999).get("decisionId").asString(), admin).status()).isEqualTo(200);

        ApiServer.Response tooMany = app.post("/api/v1/decisions/batch", admin, batch(10_001));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("field").asString()).isEqualTo("requests");
        assertThat(tooMany.json().get("detail").asString()).contains("10001", "10000");
    }

    @Test
    void theOutcomeViewAnswersEachDecisionBrieflyAndStoresWhatItAnswered() {
        ApiServer.Response full = app.post("/api/v1/decisions/batch", admin, batch(8));
        ApiServer.Response brief = app.post("/api/v1/decisions/batch?view=outcome", admin, batch(8));
        assertThat(brief.status()).isEqualTo(200);
        JsonNode results = brief.json().get("results");
        assertThat(results).hasSize(8);
        for (int i = 0; i < 8; i++) {
            JsonNode b = results.get(i);
            JsonNode f = full.json().get("results").get(i);
            assertThat(b.propertyNames()).containsExactly("decisionId", "outcome", "basis", "asOf", "worldVersion");
            assertThat(b.get("outcome")).as("same answer as the full view").isEqualTo(f.get("outcome"));
            assertThat(b.get("basis")).isEqualTo(f.get("basis"));
            assertThat(b.get("decisionId")).isNotEqualTo(f.get("decisionId"));
        }
        ApiServer.Response stored = app.get("/api/v1/decisions/" + results.get(1).get("decisionId").asString(), admin);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().get("decision")).as("what was answered").isEqualTo(results.get(1));
        assertThat(brief.body().length()).isLessThan(full.body().length() / 5);

        ApiServer.Response bad = app.post("/api/v1/decisions/batch?view=short", admin, batch(2));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("view");
        assertThat(bad.json().get("detail").asString()).contains("full", "outcome");
    }

    @Test
    void aBatchReportsEachBadRequestAtItsIndex() {
        String body = "{\"requests\":[" + GBR_DECISION + ","
                + ApiServer.json("asOf", "2024-10-01", "item", "NO-SUCH-ITEM", "recipient", "p-gbr-engineer") + ","
                + "{\"asOf\":\"2024-10-01\",\"item\":5,\"recipient\":\"p-gbr-engineer\"},"
                + "\"not a request\","
                + "{\"asOf\":\"2024-10-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\",\"as_of\":\"2024-10-01\"},"
                + GBR_DECISION + "]}";
        ApiServer.Response r = app.post("/api/v1/decisions/batch", admin, body);
        assertThat(r.status()).isEqualTo(200);
        JsonNode results = r.json().get("results");
        assertThat(results).hasSize(6);
        assertThat(results.get(0).get("outcome").asString()).isEqualTo("PERMIT");
        assertThat(results.get(5).get("outcome").asString()).isEqualTo("PERMIT");
        String[] fields = {null, "requests[1].item", "requests[2].item", "requests[3]", "requests[4].as_of"};
        for (int i = 1; i <= 4; i++) {
            JsonNode p = results.get(i);
            assertThat(p.get("status").asInt()).as(p.toString()).isEqualTo(400);
            assertThat(p.get("field").asString()).as(p.toString()).isEqualTo(fields[i]);
            assertThat(p.get("detail").asString()).isNotBlank();
        }
        assertThat(results.get(1).get("detail").asString()).contains("unknown item 'NO-SUCH-ITEM'");

        ApiServer.Response unknownField = app.post("/api/v1/decisions/batch", admin, "{\"requests\":[],\"reqeusts\":[]}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("field").asString()).isEqualTo("reqeusts");
        ApiServer.Response notAList = app.post("/api/v1/decisions/batch", admin, "{\"requests\":{}}");
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(notAList.json().get("field").asString()).isEqualTo("requests");
    }

    // ---- documents and ETags ------------------------------------------------------------------------------------------

    @Test
    void documentsAreVersionedByETagAndIfMatch() {
        String id = "T-CRUD-1";
        ApiServer.Response created = app.post("/api/v1/items", secretariat, item(id, "First title"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.header("Location")).isEqualTo("/api/v1/items/" + id);
        ApiServer.Response read = app.get("/api/v1/items/" + id, secretariat);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.json()).isEqualTo(ApiServer.JSON.readTree(item(id, "First title")));

        ApiServer.Response updated = app.put("/api/v1/items/" + id, officer, "\"1\"", item(id, "Second title"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        assertThat(app.get("/api/v1/items?limit=1000", admin).body()).contains("Second title");

        ApiServer.Response stale = app.put("/api/v1/items/" + id, secretariat, "\"1\"", item(id, "Lost update"));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("field").asString()).isEqualTo("If-Match");
        ApiServer.Response missing = app.put("/api/v1/items/" + id, secretariat, null, item(id, "Blind update"));
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.json().get("field").asString()).isEqualTo("If-Match");
        ApiServer.Response duplicate = app.post("/api/v1/items", secretariat, item(id, "Duplicate"));
        assertThat(duplicate.status()).isEqualTo(409);
        ApiServer.Response after = app.get("/api/v1/items/" + id, secretariat);
        assertThat(after.header("ETag")).isEqualTo("\"2\"");
        assertThat(after.json().get("title").asString()).isEqualTo("Second title");

        assertThat(app.delete("/api/v1/items/" + id, secretariat, "\"1\"").status()).isEqualTo(412);
        assertThat(app.delete("/api/v1/items/" + id, secretariat, null).status()).isEqualTo(428);
        assertThat(app.get("/api/v1/items/" + id, secretariat).status()).isEqualTo(200);
        // If-Match compares strongly (RFC 9110, 13.1.1): a weak tag of the right version does not match
        ApiServer.Response weak = app.delete("/api/v1/items/" + id, secretariat, "W/\"2\"");
        assertThat(weak.status()).isEqualTo(412);
        assertThat(weak.json().get("field").asString()).isEqualTo("If-Match");
        assertThat(app.get("/api/v1/items/" + id, secretariat).status()).isEqualTo(200);
        assertThat(app.delete("/api/v1/items/" + id, secretariat, "\"2\"").status()).isEqualTo(204);
        assertThat(app.get("/api/v1/items/" + id, secretariat).status()).isEqualTo(404);
        assertThat(app.put("/api/v1/items/" + id, secretariat, "\"2\"", item(id, "Gone")).status()).isEqualTo(404);
        assertThat(app.delete("/api/v1/items/" + id, secretariat, "\"2\"").status()).isEqualTo(404);
    }

    @Test
    void thePartnershipDocumentIsVersionedToo() {
        ApiServer.Response current = app.get("/api/v1/partnership", secretariat);
        assertThat(current.header("ETag")).matches("\"\\d+\"");
        ObjectNode changed = object(current.body());
        changed.put("description", "changed by ApiBehaviourTest");
        ApiServer.Response put = app.put("/api/v1/partnership", secretariat, current.header("ETag"), changed.toString());
        assertThat(put.status()).isEqualTo(200);
        assertThat(app.put("/api/v1/partnership", secretariat, current.header("ETag"), current.body()).status()).isEqualTo(412);
        assertThat(app.get("/api/v1/partnership", secretariat).json().get("description").asString()).isEqualTo("changed by ApiBehaviourTest");
    }

    @Test
    void listsPageAndFilter() {
        JsonNode all = app.get("/api/v1/items?limit=1000", admin).json();
        int total = all.get("total").asInt();
        List<String> ids = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 3) {
            JsonNode page = app.get("/api/v1/items?limit=3&offset=" + offset, admin).json();
            assertThat(page.get("total").asInt()).isEqualTo(total);
            assertThat(page.get("limit").asInt()).isEqualTo(3);
            page.get("items").forEach(e -> ids.add(e.get("id").asString()));
        }
        assertThat(ids).hasSize(total).doesNotHaveDuplicates().isSorted();
        assertThat(app.get("/api/v1/items?limit=3&offset=" + total, admin).json().get("items")).isEmpty();

        assertThat(documents("/api/v1/items?classification=usa:secret&area=undersea"))
                .allSatisfy(d -> assertThat(d.get("classification").asString()).isEqualTo("USA:SECRET")).isNotEmpty();
        assertThat(documents("/api/v1/items?control=ITAR:XI")).isNotEmpty()
                .allSatisfy(d -> assertThat(d.get("control").asString()).startsWith("ITAR:XI("));
        assertThat(documents("/api/v1/items?control=ITAR:XI(d)")).hasSameSizeAs(documents("/api/v1/items?control=ITAR:XI"));
        assertThat(documents("/api/v1/items?project=MAS-1")).isNotEmpty().allSatisfy(d -> assertThat(d.get("project").asString()).isEqualTo("MAS-1"));
        assertThat(documents("/api/v1/items?country=aus")).isNotEmpty().allSatisfy(d -> assertThat(d.get("originator").asString()).isEqualTo("AUS"));
        assertThat(documents("/api/v1/organisations?country=GBR")).isNotEmpty().allSatisfy(d -> assertThat(d.get("country").asString()).isEqualTo("GBR"));
        assertThat(documents("/api/v1/people?country=GBR")).isNotEmpty();
        assertThat(documents("/api/v1/items?project=NO-SUCH-PROJECT")).isEmpty();

        for (String bad : List.of("limit=0", "limit=1001", "limit=ten", "offset=-1")) {
            ApiServer.Response r = app.get("/api/v1/items?" + bad, admin);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("field").asString()).isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
        assertThat(app.get("/api/v1/items?limit=1000", admin).status()).isEqualTo(200);
    }

    static List<JsonNode> documents(String path) {
        ApiServer.Response r = app.get(path, admin);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(e -> out.add(e.get("document")));
        return out;
    }

    // ---- bad input changes nothing ------------------------------------------------------------------------------------

    /** A bad request: what it sends and the status and field it must get. A null field means "none" (the body as a whole). */
    record Bad(String name, String method, String path, String contentType, String ifMatch, String body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String OVERSIZE = "{\"pad\":\"" + "x".repeat(16 * 1024 * 1024) + "\"}";

    static Stream<Arguments> badInput() {
        String itemPath = "/api/v1/items/" + BAD_ITEM;
        String personPath = "/api/v1/people/" + BAD_PERSON;
        String good = item(BAD_ITEM, "Changed title");
        ObjectNode unknownField = object(good).put("colour", "red");
        ObjectNode wrongType = object(good).put("classification", 5);
        ObjectNode wrongArrayType = object(good).put("releasableTo", "USA");
        ObjectNode badTrigraph = object(good).put("originator", "US");
        ObjectNode unknownProject = object(good).put("project", "NO-SUCH-PROJECT");
        ObjectNode otherId = object(good).put("id", "T-OTHER");
        String json = "application/json";
        List<Bad> cases = List.of(
                new Bad("item: malformed JSON", "PUT", itemPath, json, "\"1\"", "{\"id\":\"" + BAD_ITEM + "\",", 400, null),
                new Bad("item: not an object", "PUT", itemPath, json, "\"1\"", "[1,2]", 400, "id"),
                new Bad("item: unknown field", "PUT", itemPath, json, "\"1\"", unknownField.toString(), 400, "colour"),
                new Bad("item: wrong type", "PUT", itemPath, json, "\"1\"", wrongType.toString(), 400, "classification"),
                new Bad("item: string for a list", "PUT", itemPath, json, "\"1\"", wrongArrayType.toString(), 400, "releasableTo"),
                new Bad("item: not a trigraph", "PUT", itemPath, json, "\"1\"", badTrigraph.toString(), 400, "originator"),
                new Bad("item: unknown project", "PUT", itemPath, json, "\"1\"", unknownProject.toString(), 400, "project"),
                new Bad("item: id differs from the path", "PUT", itemPath, json, "\"1\"", otherId.toString(), 400, "id"),
                new Bad("item: If-Match not an ETag", "PUT", itemPath, json, "abc", good, 400, "If-Match"),
                new Bad("item: oversize body", "PUT", itemPath, json, "\"1\"", OVERSIZE, 413, null),
                new Bad("item: wrong content type", "PUT", itemPath, "text/plain", "\"1\"", good, 415, "Content-Type"),
                new Bad("item: no content type", "PUT", itemPath, null, "\"1\"", good, 415, "Content-Type"),
                new Bad("item: create without id", "POST", "/api/v1/items", json, null, "{\"originator\":\"USA\"}", 400, "id"),
                new Bad("person: unknown organisation", "PUT", personPath, json, "\"1\"", person(BAD_PERSON, "NO-SUCH-ORG"), 400, "organisation"),
                new Bad("decision: malformed JSON", "POST", "/api/v1/decisions", json, null, "{\"item\":", 400, null),
                new Bad("decision: unknown field", "POST", "/api/v1/decisions", json, null,
                        ApiServer.json("as_of", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer"), 400, "as_of"),
                new Bad("decision: wrong type", "POST", "/api/v1/decisions", json, null,
                        "{\"asOf\":\"2024-10-01\",\"item\":5,\"recipient\":\"p-gbr-engineer\"}", 400, "item"),
                new Bad("decision: unknown item", "POST", "/api/v1/decisions", json, null,
                        ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-01", "recipient", "p-gbr-engineer"), 400, "item"),
                new Bad("decision: unknown recipient", "POST", "/api/v1/decisions", json, null,
                        ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "nobody"), 400, "recipient"),
                new Bad("decision: bad inline trigraph", "POST", "/api/v1/decisions", json, null,
                        "{\"asOf\":\"2024-10-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":{\"citizenships\":[\"GBR\"],\"location\":\"UK\",\"organisation\":\"GB-BRITANNIA-SONAR\"}}",
                        400, "recipient.location"),
                new Bad("decision: missing recipient", "POST", "/api/v1/decisions", json, null, ApiServer.json("item", "A-UNDERSEA-001"), 400, "recipient"),
                new Bad("decision: not a date", "POST", "/api/v1/decisions", json, null,
                        ApiServer.json("asOf", "2024-02-30", "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer"), 400, "asOf"),
                new Bad("decision: oversize body", "POST", "/api/v1/decisions", json, null, OVERSIZE, 413, null),
                new Bad("decision: wrong content type", "POST", "/api/v1/decisions", "application/xml", null, GBR_DECISION, 415, "Content-Type"),
                new Bad("batch: oversize body", "POST", "/api/v1/decisions/batch", json, null, OVERSIZE, 413, null),
                new Bad("user: unknown field", "POST", "/api/v1/users", json, null,
                        ApiServer.json("username", "t-new", "password", ApiServer.PASSWORD, "role", "secretariat", "admin", true), 400, "admin"),
                new Bad("user: unknown role", "POST", "/api/v1/users", json, null,
                        ApiServer.json("username", "t-new", "password", ApiServer.PASSWORD, "role", "root"), 400, "role"),
                new Bad("user: engineer of an unknown organisation", "POST", "/api/v1/users", json, null,
                        ApiServer.json("username", "t-new", "password", ApiServer.PASSWORD, "role", "engineer", "organisation", "NO-SUCH-ORG"), 400, "organisation"),
                new Bad("user: delegate without a country", "POST", "/api/v1/users", json, null,
                        ApiServer.json("username", "t-new", "password", ApiServer.PASSWORD, "role", "delegate"), 400, "country"),
                new Bad("user: delegate of a country that is not a core member", "POST", "/api/v1/users", json, null,
                        ApiServer.json("username", "t-new", "password", ApiServer.PASSWORD, "role", "delegate", "country", "KOR"), 400, "country"),
                new Bad("user: short password", "POST", "/api/v1/users", json, null,
                        ApiServer.json("username", "t-new", "password", "short", "role", "secretariat"), 400, "password"),
                new Bad("user: duplicate", "POST", "/api/v1/users", json, null,
                        ApiServer.json("username", "sec", "password", ApiServer.PASSWORD, "role", "secretariat"), 409, null),
                new Bad("sign-in: unknown field", "POST", "/api/v1/auth/token", json, null,
                        ApiServer.json("username", "sec", "password", ApiServer.PASSWORD, "scope", "all"), 400, "scope"),
                new Bad("rules: version not a number", "GET", "/api/v1/rules/latest", null, null, null, 400, "version"));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputGetsAProblemNamingTheFieldAndChangesNothing(Bad bad) {
        String token = bad.path().startsWith("/api/v1/users") ? admin : bad.path().startsWith("/api/v1/auth") ? null : secretariat;
        long revision = app.server.store().revision();
        ApiServer.Response itemBefore = app.get("/api/v1/items/" + BAD_ITEM, admin);
        ApiServer.Response personBefore = app.get("/api/v1/people/" + BAD_PERSON, admin);
        String usersBefore = app.get("/api/v1/users", admin).body();
        String metricsBefore = decisionsCounted();

        HttpRequest.Builder b = app.request(bad.path(), token);
        if (bad.contentType() != null) {
            b.header("Content-Type", bad.contentType());
        }
        if (bad.ifMatch() != null) {
            b.header("If-Match", bad.ifMatch());
        }
        b.method(bad.method(), bad.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(bad.body()));
        ApiServer.Response r = app.send(b);

        assertThat(r.status()).as(r.body()).isEqualTo(bad.status());
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (bad.field() == null) {
            assertThat(problem.has("field")).as(problem.toString()).isFalse();
        } else {
            assertThat(problem.path("field").asString()).as(problem.toString()).isEqualTo(bad.field());
        }
        if (bad.name().endsWith("malformed JSON")) {
            assertThat(problem.get("detail").asString()).contains("not valid JSON", "line 1");
        }

        assertThat(app.server.store().revision()).as("the store is unchanged").isEqualTo(revision);
        ApiServer.Response itemAfter = app.get("/api/v1/items/" + BAD_ITEM, admin);
        assertThat(itemAfter.header("ETag")).isEqualTo(itemBefore.header("ETag")).isEqualTo("\"1\"");
        assertThat(itemAfter.body()).isEqualTo(itemBefore.body());
        assertThat(app.get("/api/v1/people/" + BAD_PERSON, admin).body()).isEqualTo(personBefore.body());
        assertThat(app.get("/api/v1/users", admin).body()).isEqualTo(usersBefore);
        assertThat(decisionsCounted()).as("no decision was made").isEqualTo(metricsBefore);
    }

    static String decisionsCounted() {
        StringBuilder b = new StringBuilder();
        app.get("/metrics", null).body().lines().filter(l -> l.startsWith("pillar_decisions_total")).sorted().forEach(b::append);
        return b.toString();
    }

    // ---- changes reach decisions --------------------------------------------------------------------------------------

    static JsonNode reason(JsonNode decision, String layer) {
        for (JsonNode r : decision.get("reasons")) {
            if (r.get("layer").asString().equals(layer)) {
                return r;
            }
        }
        throw new AssertionError("no " + layer + " reason in " + decision);
    }

    @Test
    void aChangeToAnItemIsVisibleToTheNextDecision() {
        String id = "T-REL-KOR";
        assertThat(app.post("/api/v1/items", secretariat, item(id, "REL TO test item (fictional)")).status()).isEqualTo(201);
        String request = ApiServer.json("asOf", "2025-06-01", "item", id, "recipient", "p-kor-engineer");
        JsonNode before = app.post("/api/v1/decisions", admin, request).json();
        JsonNode relBefore = reason(before, "releasability");
        assertThat(relBefore.get("outcome").asString()).isEqualTo("DENY");
        assertThat(relBefore.get("ruleId").asString()).isEqualTo("releasability.not-rel-to");
        assertThat(relBefore.get("toPermit").toString()).contains("add KOR to REL TO");
        assertThat(before.get("worldVersion").asString()).isEqualTo(worldVersion());

        ApiServer.Response current = app.get("/api/v1/items/" + id, officer);
        ObjectNode withKor = object(current.body());
        ((ArrayNode) withKor.get("releasableTo")).add("KOR");
        assertThat(app.put("/api/v1/items/" + id, officer, current.header("ETag"), withKor.toString()).status()).isEqualTo(200);

        JsonNode after = app.post("/api/v1/decisions", admin, request).json();
        JsonNode relAfter = reason(after, "releasability");
        assertThat(relAfter.get("outcome").asString()).isEqualTo("PERMIT");
        assertThat(relAfter.get("ruleId").asString()).isEqualTo("releasability.rel-to");
        assertThat(relAfter.get("message").asString()).contains("KOR");
        assertThat(after.get("worldVersion").asString()).isNotEqualTo(before.get("worldVersion").asString()).isEqualTo(worldVersion());
        assertThat(revisionOf(after)).isGreaterThan(revisionOf(before));

        JsonNode storedBefore = app.get("/api/v1/decisions/" + before.get("decisionId").asString(), admin).json().get("decision");
        assertThat(storedBefore).as("a past decision keeps the world it used").isEqualTo(before);
    }

    static long revisionOf(JsonNode decision) {
        Matcher m = Pattern.compile("@r(\\d+)$").matcher(decision.get("worldVersion").asString());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void deletingAnOrganisationThatPeopleStillNameIsAConflictAndDeletesNothing() {
        String org = "T-ORG-IN-USE";
        assertThat(app.post("/api/v1/organisations", secretariat,
                "{\"id\":\"" + org + "\",\"name\":\"In use (fictional)\",\"country\":\"GBR\",\"kind\":\"industry\"}").status()).isEqualTo(201);
        assertThat(app.post("/api/v1/people", secretariat, person("t-employee", org)).status()).isEqualTo(201);
        long revision = app.server.store().revision();

        ApiServer.Response r = app.delete("/api/v1/organisations/" + org, secretariat, "\"1\"");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("detail").asString()).contains("t-employee", org);

        assertThat(app.server.store().revision()).isEqualTo(revision);
        assertThat(app.get("/api/v1/organisations/" + org, admin).header("ETag")).isEqualTo("\"1\"");
        assertThat(app.get("/api/v1/people/t-employee", admin).status()).isEqualTo(200);
        assertThat(app.get("/api/v1/organisations/GB-BRITANNIA-SONAR", admin).status()).isEqualTo(200);
        JsonNode d = app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "t-employee")).json();
        assertThat(d.toString()).contains(org);

        // once nobody names it, it can go
        assertThat(app.delete("/api/v1/people/t-employee", secretariat, "\"1\"").status()).isEqualTo(204);
        assertThat(app.delete("/api/v1/organisations/" + org, secretariat, "\"1\"").status()).isEqualTo(204);
    }

    // ---- rule data ----------------------------------------------------------------------------------------------------

    @Test
    void aNewRulesVersionChangesDecisionsAndInvalidRulesChangeNothing() {
        String id = "T-ETL-WIDGET";
        assertThat(app.post("/api/v1/items", officer, "{\"id\":\"" + id + "\",\"originator\":\"USA\",\"classification\":\"USA:UNCLASSIFIED\","
                + "\"control\":\"ITAR:XI(d)\",\"technologies\":[\"test-widget\"]}").status()).isEqualTo(201);
        String request = ApiServer.json("asOf", "2024-10-01", "item", id, "recipient", "p-gbr-engineer");
        JsonNode before = app.post("/api/v1/decisions", admin, request).json();
        assertThat(before.get("outcome").asString()).isEqualTo("PERMIT");
        assertThat(reason(before, "export-control").get("ruleId").asString()).isEqualTo("itar.aukus-exemption");

        JsonNode versions = app.get("/api/v1/rules", admin).json();
        JsonNode inForce = versions.get(versions.size() - 1);
        assertThat(inForce.get("inForce").asBoolean()).isTrue();
        ObjectNode rules = object(app.get("/api/v1/rules/" + inForce.get("version").asLong(), admin).body());

        // invalid rules: refused, the version in force stays
        String rulesBefore = app.get("/api/v1/rules", admin).body();
        ObjectNode noClassification = rules.deepCopy();
        noClassification.remove("classification");
        ObjectNode badDate = rules.deepCopy();
        ((ObjectNode) badDate.get("itar").get("excludedTechnology").get(0)).put("from", "2024-13-01");
        ObjectNode unknownField = rules.deepCopy();
        unknownField.put("colour", "red");
        record Invalid(String body, String field) {}
        for (Invalid invalid : List.of(new Invalid(noClassification.toString(), "classification"),
                new Invalid(badDate.toString(), "itar.excludedTechnology[0].from"), new Invalid(unknownField.toString(), "colour"),
                new Invalid("{\"catalog\":", null))) {
            ApiServer.Response r = app.post("/api/v1/rules", officer, invalid.body());
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            if (invalid.field() != null) {
                assertThat(r.json().get("field").asString()).isEqualTo(invalid.field());
            }
            assertThat(app.get("/api/v1/rules", admin).body()).isEqualTo(rulesBefore);
            JsonNode still = app.post("/api/v1/decisions", admin, request).json();
            assertThat(still.get("outcome").asString()).isEqualTo("PERMIT");
            assertThat(still.get("worldVersion").asString()).isEqualTo(before.get("worldVersion").asString());
        }

        // a new version adding an Excluded Technology List entry for the item's technology
        ArrayNode etl = (ArrayNode) rules.get("itar").get("excludedTechnology");
        etl.addObject().put("id", "ETL-TEST-WIDGET").put("description", "test widgets").put("illustrative", true).put("from", "2024-09-01")
                .<ObjectNode>set("technologies", ApiServer.JSON.createArrayNode().add("test-widget"))
                .putObject("source").put("title", "Excluded Technology List (test entry)").put("citation", "22 CFR 126, Supplement No. 2");
        ApiServer.Response added = app.post("/api/v1/rules?note=ETL%20test%20widget", officer, rules.toString());
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long version = added.json().get("version").asLong();
        assertThat(version).isEqualTo(inForce.get("version").asLong() + 1);
        assertThat(added.header("Location")).isEqualTo("/api/v1/rules/" + version);
        assertThat(added.json().get("note").asString()).isEqualTo("ETL test widget");
        assertThat(added.json().get("worldVersion").asString()).isEqualTo(worldVersion());
        assertThat(app.get("/api/v1/rules/" + version, admin).json()).isEqualTo(rules);
        JsonNode listed = app.get("/api/v1/rules", admin).json();
        assertThat(listed.get(listed.size() - 1).get("version").asLong()).isEqualTo(version);
        assertThat(listed.get(listed.size() - 1).get("inForce").asBoolean()).isTrue();
        assertThat(listed.get(listed.size() - 1).get("createdBy").asString()).isEqualTo("officer");
        assertThat(listed.get(listed.size() - 2).get("inForce").asBoolean()).isFalse();

        JsonNode after = app.post("/api/v1/decisions", admin, request).json();
        assertThat(after.get("outcome").asString()).isEqualTo("LICENSE_REQUIRED");
        JsonNode export = reason(after, "export-control");
        assertThat(export.get("ruleId").asString()).isEqualTo("itar.licence-required");
        assertThat(export.get("message").asString()).contains("ETL-TEST-WIDGET");
        assertThat(after.get("worldVersion").asString()).isNotEqualTo(before.get("worldVersion").asString());
    }

    // ---- health and metrics -------------------------------------------------------------------------------------------

    @Test
    void healthSaysLiveReadyAndTheWorldVersion() {
        ApiServer.Response health = app.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("ready").asBoolean()).isTrue();
        assertThat(health.json().get("store").asString()).isEqualTo("UP");
        assertThat(health.json().get("worldVersion").asString()).isEqualTo(worldVersion());
        assertThat(app.get("/health/live", null).json().get("status").asString()).isEqualTo("UP");
        ApiServer.Response ready = app.get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("ready").asBoolean()).isTrue();
    }

    @Test
    void metricsCountRequestsByRouteAndDecisionsByOutcome() {
        double permits = counter(app.get("/metrics", null).body(), "pillar_decisions_total{outcome=\"PERMIT\"}");
        double denies = counter(app.get("/metrics", null).body(), "pillar_decisions_total{outcome=\"DENY\"}");
        assertThat(app.post("/api/v1/decisions", admin, GBR_DECISION).status()).isEqualTo(201);
        assertThat(app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2025-06-01", "item", "MAS-AI-010", "recipient", "p-kor-engineer")).status())
                .isEqualTo(201);
        assertThat(app.post("/api/v1/decisions/batch", admin, "{\"requests\":[" + GBR_DECISION + "," + GBR_DECISION + "]}").status()).isEqualTo(200);
        assertThat(app.get("/api/v1/items/A-UNDERSEA-001", admin).status()).isEqualTo(200);

        ApiServer.Response m = app.get("/metrics", null);
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.contentType()).startsWith("text/plain");
        String text = m.body();
        assertThat(counter(text, "pillar_decisions_total{outcome=\"PERMIT\"}")).isEqualTo(permits + 3);
        assertThat(counter(text, "pillar_decisions_total{outcome=\"DENY\"}")).isEqualTo(denies + 1);
        assertThat(text).contains("# TYPE pillar_decisions_total counter", "# TYPE pillar_http_requests_seconds histogram");
        assertThat(counter(text, "pillar_http_requests_seconds_count{method=\"POST\",route=\"/api/v1/decisions\",status=\"201\"}")).isGreaterThanOrEqualTo(2);
        assertThat(counter(text, "pillar_http_requests_seconds_count{method=\"GET\",route=\"/api/v1/items/{id}\",status=\"200\"}")).isGreaterThanOrEqualTo(1);
        assertThat(text).contains("pillar_http_requests_seconds_bucket{method=\"POST\",route=\"/api/v1/decisions/batch\",status=\"200\",le=\"+Inf\"}");
    }

    /** The value of the Prometheus sample named exactly {@code sample} (name and labels), 0 if absent. */
    static double counter(String text, String sample) {
        return text.lines().filter(l -> l.startsWith(sample + " ")).mapToDouble(l -> Double.parseDouble(l.substring(sample.length() + 1).strip()))
                .findFirst().orElse(0);
    }
}
