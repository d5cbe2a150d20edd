package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The AuthZEN Authorization API 1.0 against a running server, following the protocol behaviours of the AuthZEN
 * certification scenario ({@code certification/authorization-api-1_0-scenario.md} of openid/authzen): 200 with a
 * boolean {@code decision} (true only for PERMIT) and Pillar's answer as its context; 400 for a missing or mistyped
 * subject, action or resource, a body that is not JSON, an empty body or another content type; unknown fields ignored;
 * {@code X-Request-ID} echoed; the same answer each time; batches in order, with per-evaluation errors as
 * {@code decision: false}, defaults and the three semantics; searches with paging and empty results for unknown
 * entities; the PDP metadata; and every evaluation recorded as a decision.
 */
class AuthZenApiTest {
    @TempDir
    static Path data;
    static ApiServer app;
    static String token;

    /** A release the built-in world permits (the AUKUS exemption) and one it denies (Korea not yet in the project). */
    static final String PERMITTED = "{\"type\":\"person\",\"id\":\"p-gbr-engineer\"}";
    static final String DENIED = "{\"type\":\"person\",\"id\":\"p-kor-engineer\"}";
    static final String ITEM = "{\"type\":\"item\",\"id\":\"A-UNDERSEA-001\"}";
    static final String RELEASE = "{\"name\":\"release\"}";
    static final String ON = "{\"asOf\":\"2024-10-01\"}";

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
        token = app.token("compliance-officer");
    }

    @AfterAll
    static void stop() {
        app.closeCheckingContract();
    }

    static String evaluation(String subject, String action, String resource, String context) {
        return "{\"subject\":" + subject + ",\"action\":" + action + ",\"resource\":" + resource + (context == null ? "" : ",\"context\":" + context) + "}";
    }

    static ApiServer.Response post(String path, String body) {
        return app.post(path, token, body);
    }

    @Test
    void anEvaluationIsTrueOnlyForPermitAndCarriesTheDecisionItWasRecordedAs() {
        ApiServer.Response r = app.send(app.request("/access/v1/evaluation", token).header("Content-Type", "application/json")
                .header("X-Request-ID", "bfe9eb29-ab87-4ca3-be83-a1d5d8305716").POST(HttpRequest.BodyPublishers.ofString(evaluation(PERMITTED, RELEASE, ITEM, ON))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.header("X-Request-ID")).isEqualTo("bfe9eb29-ab87-4ca3-be83-a1d5d8305716");
        JsonNode permit = r.json();
        assertThat(permit.get("decision").isBoolean()).isTrue();
        assertThat(permit.get("decision").asBoolean()).isTrue();
        assertThat(permit.at("/context/outcome").asString()).isEqualTo("PERMIT");
        assertThat(permit.at("/context/basis").toString()).contains("22 CFR 126.7");
        String id = permit.at("/context/decisionId").asString();
        ApiServer.Response stored = app.get("/api/v1/decisions/" + id, token);
        assertThat(stored.status()).as("recorded like any other decision: " + stored.body()).isEqualTo(200);

        JsonNode deny = post("/access/v1/evaluation", evaluation(DENIED, RELEASE, ITEM, ON)).json();
        assertThat(deny.get("decision").asBoolean()).isFalse();
        assertThat(deny.at("/context/outcome").asString()).isEqualTo("DENY");
        assertThat(deny.at("/context/reasons").toString()).as("the reasons with their citations").contains("scope.not-participant", "citation");
        assertThat(deny.at("/context/toPermit").isArray()).as("what would change it").isTrue();

        for (int i = 0; i < 3; i++) {
            assertThat(post("/access/v1/evaluation", evaluation(DENIED, RELEASE, ITEM, ON)).json().get("decision").asBoolean()).as("idempotent").isFalse();
        }
    }

    @Test
    void unknownFieldsPropertiesAndOtherContextAreIgnored() {
        String body = "{\"subject\":{\"type\":\"person\",\"id\":\"p-gbr-engineer\",\"properties\":{\"role\":\"admin\"}},\"action\":{\"name\":\"release\","
                + "\"properties\":{\"method\":\"GET\"}},\"resource\":{\"type\":\"item\",\"id\":\"A-UNDERSEA-001\",\"properties\":{\"status\":\"active\"}},"
                + "\"context\":{\"asOf\":\"2024-10-01\",\"time\":\"2025-06-27T18:03-07:00\",\"ip\":\"192.168.1.1\"},\"foo\":\"bar\",\"futureField\":{\"nested\":true}}";
        ApiServer.Response r = post("/access/v1/evaluation", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("decision").asBoolean()).isTrue();
    }

    @Test
    void aRequestThatIsNotAnEvaluationIs400AndAnUndecidableOneIsFalse() {
        List<String> bad = List.of(
                "{\"action\":" + RELEASE + ",\"resource\":" + ITEM + "}",
                "{\"subject\":" + PERMITTED + ",\"resource\":" + ITEM + "}",
                "{\"subject\":" + PERMITTED + ",\"action\":" + RELEASE + "}",
                evaluation("{\"id\":\"p-gbr-engineer\"}", RELEASE, ITEM, null),
                evaluation("{\"type\":\"person\"}", RELEASE, ITEM, null),
                evaluation(PERMITTED, "{}", ITEM, null),
                evaluation(PERMITTED, RELEASE, "{\"id\":\"A-UNDERSEA-001\"}", null),
                evaluation(PERMITTED, RELEASE, "{\"type\":\"item\"}", null),
                evaluation("\"p-gbr-engineer\"", RELEASE, ITEM, null),
                evaluation(PERMITTED, "{\"name\":123}", ITEM, null),
                "{\"subject\":",
                "");
        for (String body : bad) {
            ApiServer.Response r = post("/access/v1/evaluation", body);
            assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
        }
        ApiServer.Response text = app.send(app.request("/access/v1/evaluation", token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(evaluation(PERMITTED, RELEASE, ITEM, ON))));
        assertThat(text.status()).as("another content type").isEqualTo(400);
        assertThat(text.json().get("field").asString()).isEqualTo("Content-Type");

        JsonNode unknown = post("/access/v1/evaluation", evaluation("{\"type\":\"person\",\"id\":\"nobody\"}", RELEASE, ITEM, ON)).json();
        assertThat(unknown.get("decision").asBoolean()).isFalse();
        assertThat(unknown.at("/context/error/status").asInt()).isEqualTo(404);
        assertThat(unknown.at("/context/error/field").asString()).isEqualTo("subject.id");
        for (String[] other : new String[][] {{"{\"type\":\"user\",\"id\":\"alice\"}", RELEASE, ITEM}, {PERMITTED, "{\"name\":\"delete\"}", ITEM},
                {PERMITTED, RELEASE, "{\"type\":\"record\",\"id\":\"record-1\"}"}}) {
            JsonNode r = post("/access/v1/evaluation", evaluation(other[0], other[1], other[2], ON)).json();
            assertThat(r.get("decision").asBoolean()).as(r.toString()).isFalse();
            assertThat(r.at("/context/error/message").asString()).as(r.toString()).isNotEmpty();
        }
        assertThat(app.post("/access/v1/evaluation", null, evaluation(PERMITTED, RELEASE, ITEM, ON)).status()).as("without a token").isEqualTo(401);
    }

    @Test
    void evaluationsKeepTheirOrderTakeDefaultsAndShortCircuit() {
        String items = "[{\"subject\":" + PERMITTED + "},{\"subject\":" + DENIED + "},{\"subject\":" + PERMITTED + "}]";
        String defaults = "\"action\":" + RELEASE + ",\"resource\":" + ITEM + ",\"context\":" + ON;
        JsonNode all = post("/access/v1/evaluations", "{" + defaults + ",\"evaluations\":" + items + "}").json();
        assertThat(decisions(all)).containsExactly(true, false, true);
        JsonNode and = post("/access/v1/evaluations", "{" + defaults + ",\"options\":{\"evaluations_semantic\":\"deny_on_first_deny\"},\"evaluations\":" + items + "}").json();
        assertThat(decisions(and)).as("stops at the first false").containsExactly(true, false);
        JsonNode or = post("/access/v1/evaluations", "{" + defaults + ",\"options\":{\"evaluations_semantic\":\"permit_on_first_permit\"},\"evaluations\":" + items + "}").json();
        assertThat(decisions(or)).as("stops at the first true").containsExactly(true);

        // an evaluation's entity replaces the default, taking a missing type or id from it; its own context too
        JsonNode merged = post("/access/v1/evaluations", "{\"subject\":{\"type\":\"person\"},\"action\":" + RELEASE + ",\"resource\":" + ITEM
                + ",\"context\":{\"asOf\":\"2020-01-01\"},\"evaluations\":[{\"subject\":{\"id\":\"p-gbr-engineer\"},\"context\":" + ON + "},{\"subject\":{\"id\":\"p-gbr-engineer\"}}]}").json();
        assertThat(decisions(merged)).as(merged.toString()).containsExactly(true, false);

        JsonNode partly = post("/access/v1/evaluations", "{" + defaults + ",\"evaluations\":[{\"subject\":" + PERMITTED + "},{},{\"subject\":\"x\"}]}").json();
        assertThat(decisions(partly)).as("an evaluation that cannot be read is false in its place").containsExactly(true, false, false);
        assertThat(partly.at("/evaluations/1/context/error/field").asString()).isEqualTo("evaluations[1].subject");

        JsonNode single = post("/access/v1/evaluations", evaluation(PERMITTED, RELEASE, ITEM, ON)).json();
        assertThat(single.get("decision").asBoolean()).as("without evaluations: a single evaluation").isTrue();
        JsonNode empty = post("/access/v1/evaluations", "{\"subject\":" + PERMITTED + "," + defaults + ",\"evaluations\":[]}").json();
        assertThat(empty.get("decision").asBoolean()).isTrue();
        assertThat(post("/access/v1/evaluations", "{" + defaults + ",\"options\":{\"evaluations_semantic\":\"first\"},\"evaluations\":" + items + "}").status())
                .isEqualTo(400);
        assertThat(post("/access/v1/evaluations", "{" + defaults + ",\"evaluations\":{}}").status()).isEqualTo(400);
    }

    static List<Boolean> decisions(JsonNode answer) {
        List<Boolean> out = new ArrayList<>();
        answer.get("evaluations").forEach(e -> out.add(e.get("decision").asBoolean()));
        return out;
    }

    @Test
    void searchesFindWhatIsPermittedPageByPage() {
        JsonNode items = post("/access/v1/search/resource", "{\"subject\":" + PERMITTED + ",\"action\":" + RELEASE + ",\"resource\":{\"type\":\"item\"},\"context\":" + ON + "}").json();
        List<String> all = ids(items);
        assertThat(all).contains("A-UNDERSEA-001");
        assertThat(items.at("/page/next_token").asString()).isEmpty();
        items.get("results").forEach(r -> assertThat(r.get("type").asString()).isEqualTo("item"));
        for (String id : all) {
            assertThat(post("/access/v1/evaluation", evaluation(PERMITTED, RELEASE, "{\"type\":\"item\",\"id\":\"" + id + "\"}", ON)).json().get("decision").asBoolean())
                    .as("every result is permitted: " + id).isTrue();
        }

        List<String> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String page = next == null ? "{\"limit\":1}" : "{\"limit\":1,\"next_token\":\"" + next + "\"}";
            JsonNode r = post("/access/v1/search/resource", "{\"subject\":" + PERMITTED + ",\"action\":" + RELEASE + ",\"resource\":{\"type\":\"item\"},\"context\":" + ON
                    + ",\"page\":" + page + "}").json();
            assertThat(r.get("results").size()).isLessThanOrEqualTo(1);
            paged.addAll(ids(r));
            next = r.at("/page/next_token").asString();
            pages++;
        } while (!next.isEmpty() && pages < 100);
        assertThat(paged).as("the pages together are the whole answer").isEqualTo(all);
        assertThat(pages).isGreaterThan(1);
        assertThat(post("/access/v1/search/resource", "{\"subject\":" + PERMITTED + ",\"action\":" + RELEASE + ",\"resource\":{\"type\":\"item\"},\"page\":{\"next_token\":\"%%%\"}}").status())
                .isEqualTo(400);

        JsonNode people = post("/access/v1/search/subject", "{\"subject\":{\"type\":\"person\"},\"action\":" + RELEASE + ",\"resource\":" + ITEM + ",\"context\":" + ON + "}").json();
        assertThat(ids(people)).contains("p-gbr-engineer").doesNotContain("p-kor-engineer");

        JsonNode actions = post("/access/v1/search/action", "{\"subject\":" + PERMITTED + ",\"resource\":" + ITEM + ",\"context\":" + ON + "}").json();
        assertThat(actions.get("results").toString()).isEqualTo("[{\"name\":\"release\"}]");
        JsonNode none = post("/access/v1/search/action", "{\"subject\":" + DENIED + ",\"resource\":" + ITEM + ",\"context\":" + ON + "}").json();
        assertThat(none.get("results").isEmpty()).isTrue();

        JsonNode nobody = post("/access/v1/search/resource", "{\"subject\":{\"type\":\"person\",\"id\":\"nonexistent\"},\"action\":" + RELEASE + ",\"resource\":{\"type\":\"item\"}}").json();
        assertThat(nobody.get("results").isEmpty()).as("an unknown subject: no results, not an error").isTrue();
        JsonNode spaceship = post("/access/v1/search/subject", "{\"subject\":{\"type\":\"spaceship\"},\"action\":" + RELEASE + ",\"resource\":" + ITEM + "}").json();
        assertThat(spaceship.get("results").isEmpty()).as("an unknown type: no results").isTrue();

        assertThat(post("/access/v1/search/subject", "{\"subject\":{\"type\":\"person\"},\"resource\":" + ITEM + "}").status()).as("no action").isEqualTo(400);
        assertThat(post("/access/v1/search/resource", "{\"action\":" + RELEASE + ",\"resource\":{\"type\":\"item\"}}").status()).as("no subject").isEqualTo(400);
        assertThat(post("/access/v1/search/action", "{\"subject\":" + PERMITTED + "}").status()).as("no resource").isEqualTo(400);
        assertThat(post("/access/v1/search/subject", "{\"subject\":{\"type\":\"person\"},\"action\":" + RELEASE + ",\"resource\":{\"type\":\"item\"}}").status())
                .as("a subject search names the resource").isEqualTo(400);
        assertThat(post("/access/v1/search/resource", "{\"subject\":{\"type\":\"person\"},\"action\":" + RELEASE + ",\"resource\":{\"type\":\"item\"}}").status())
                .as("a resource search names the subject").isEqualTo(400);
    }

    static List<String> ids(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("results").forEach(r -> out.add(r.get("id").asString()));
        return out;
    }

    @Test
    void theMetadataNamesTheEndpointsWithoutAToken() {
        ApiServer.Response r = app.get("/.well-known/authzen-configuration", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode m = r.json();
        String base = m.get("policy_decision_point").asString();
        assertThat(base).startsWith("http://").doesNotContain("?");
        assertThat(m.get("access_evaluation_endpoint").asString()).isEqualTo(base + "/access/v1/evaluation");
        assertThat(m.get("access_evaluations_endpoint").asString()).isEqualTo(base + "/access/v1/evaluations");
        assertThat(m.get("search_resource_endpoint").asString()).isEqualTo(base + "/access/v1/search/resource");
        assertThat(m.get("search_subject_endpoint").asString()).isEqualTo(base + "/access/v1/search/subject");
        assertThat(m.get("search_action_endpoint").asString()).isEqualTo(base + "/access/v1/search/action");
    }

    // ---- the working group's own JSON Schemas (src/test/resources/authzen, see its README) ------------------------

    static final com.networknt.schema.SchemaRegistry SCHEMAS = com.networknt.schema.SchemaRegistry.withDefaultDialect(
            com.networknt.schema.SpecificationVersion.DRAFT_2020_12);

    static List<String> violations(String schema, JsonNode instance) {
        com.networknt.schema.Schema s = SCHEMAS.getSchema(com.networknt.schema.SchemaLocation.of("classpath:authzen/" + schema));
        return s.validate(instance).stream().map(Object::toString).toList();
    }

    /** The answer without the decisions' contexts (which decision-base.json cannot describe; the README says why). */
    static JsonNode withoutContexts(JsonNode answer) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) answer.deepCopy();
        copy.remove("context");
        if (copy.has("evaluations")) {
            copy.get("evaluations").forEach(e -> ((tools.jackson.databind.node.ObjectNode) e).remove("context"));
        }
        return copy;
    }

    @Test
    void requestsOfTheStandardShapeAreAnsweredInTheStandardShape() {
        String permit = evaluation(PERMITTED, RELEASE, ITEM, ON);
        String deny = evaluation(DENIED, RELEASE, ITEM, ON);
        for (String request : List.of(permit, deny)) {
            assertThat(violations("access-evaluation-request.json", ApiServer.JSON.readTree(request))).as(request).isEmpty();
            JsonNode answer = post("/access/v1/evaluation", request).json();
            assertThat(violations("decision-base.json", withoutContexts(answer))).as(answer.toString()).isEmpty();
        }
        JsonNode batch = post("/access/v1/evaluations", "{\"action\":" + RELEASE + ",\"resource\":" + ITEM + ",\"context\":" + ON
                + ",\"evaluations\":[{\"subject\":" + PERMITTED + "},{\"subject\":" + DENIED + "},{}]}").json();
        assertThat(violations("access-evaluations-response.json", withoutContexts(batch))).as(batch.toString()).isEmpty();

        JsonNode items = post("/access/v1/search/resource", "{\"subject\":" + PERMITTED + ",\"action\":" + RELEASE
                + ",\"resource\":{\"type\":\"item\"},\"context\":" + ON + ",\"page\":{\"limit\":2}}").json();
        assertThat(violations("search-resource-response.json", items)).as(items.toString()).isEmpty();
        JsonNode people = post("/access/v1/search/subject", "{\"subject\":{\"type\":\"person\"},\"action\":" + RELEASE + ",\"resource\":" + ITEM
                + ",\"context\":" + ON + "}").json();
        assertThat(violations("search-subject-response.json", people)).as(people.toString()).isEmpty();
        String actionSearch = "{\"subject\":" + PERMITTED + ",\"resource\":" + ITEM + ",\"context\":" + ON + "}";
        assertThat(violations("search-action-request.json", ApiServer.JSON.readTree(actionSearch))).isEmpty();
        JsonNode actions = post("/access/v1/search/action", actionSearch).json();
        assertThat(violations("search-action-response.json", actions)).as(actions.toString()).isEmpty();

        // the schemas can fail: a decision that is not a boolean, a result without its id
        assertThat(violations("decision-base.json", ApiServer.JSON.readTree("{\"decision\":\"PERMIT\"}"))).isNotEmpty();
        assertThat(violations("search-resource-response.json", ApiServer.JSON.readTree("{\"results\":[{\"type\":\"item\"}]}"))).isNotEmpty();
    }
}
