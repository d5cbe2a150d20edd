package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.codec.impact.ScenarioReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code POST /api/v1/impact} against a running server: the Korea question as JSON, CSV and HTML, and its refusals. */
class ImpactApiTest {
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

    /** A built-in scenario as the JSON body an API client sends. */
    static String builtIn(String name) {
        return ApiServer.JSON.writeValueAsString(YAMLMapper.builder().build().readTree(ScenarioReader.builtInText(name)));
    }

    @Test
    void theKoreaQuestionOverTheServersWorld() {
        ApiServer.Response r = app.post("/api/v1/impact", app.token("delegate"), builtIn("korea"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode k = r.json().get("results").get(0);
        assertThat(k.at("/worldBefore").asString()).isEqualTo(app.server.worlds().current().world().version());
        assertThat(k.at("/worldAfter").asString()).isEqualTo(app.server.worlds().current().world().version() + "+korea");
        assertThat(k.at("/total/before/PERMIT").asLong()).isEqualTo(9);
        assertThat(k.at("/total/after/PERMIT").asLong()).isEqualTo(10);
        assertThat(k.at("/matrix/DENY/LICENSE_REQUIRED").asLong()).isEqualTo(1);
        assertThat(k.at("/changes/rows").findValuesAsString("item")).containsExactly("MAS-NAV-004", "Q-PNT-005");
        assertThat(r.json().get("disclaimer").asString()).contains("not legal advice");
    }

    @Test
    void scenariosSideBySideWithAPageOfChanges() {
        String body = "{\"scenarios\":[" + builtIn("korea") + "," + builtIn("korea-with-sharing") + "]}";
        ApiServer.Response r = app.post("/api/v1/impact?limit=2&offset=1", app.token("compliance-officer"), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> results = List.of(r.json().get("results").get(0), r.json().get("results").get(1));
        assertThat(results).extracting(x -> x.at("/scenario/id").asString()).containsExactly("korea", "korea-with-sharing");
        assertThat(results.get(1).at("/total/after/PERMIT").asLong()).isEqualTo(15);
        assertThat(results.get(1).at("/changes/total").asLong()).isEqualTo(6);
        assertThat(results.get(1).at("/changes/rows")).hasSize(2);
        assertThat(results.get(1).at("/changes/offset").asLong()).isEqualTo(1);
    }

    @Test
    void csvAndHtmlAreDownloadsAndTheReportLoadsNothing() {
        ApiServer.Response csv = app.post("/api/v1/impact?format=csv", app.token("secretariat"), builtIn("korea"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"impact-korea.csv\"");
        assertThat(csv.body().split("\r\n")).hasSize(3);

        ApiServer.Response html = app.post("/api/v1/impact?format=html", admin, builtIn("korea"));
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.header("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'");
        assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("<svg", "Korea joins the quantum and AI projects").doesNotContain("<script", " src=");
    }

    @Test
    void aScenarioThatDoesNotFitIsRefusedNamingTheField() {
        String typo = builtIn("korea").replace("\"quantum\"", "\"quantom\"");
        ApiServer.Response r = app.post("/api/v1/impact", admin, typo);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("changes[0].areas[0]");
        assertThat(r.json().get("detail").asString()).startsWith("unknown area 'quantom': use one of");

        ApiServer.Response second = app.post("/api/v1/impact", admin, "{\"scenarios\":[" + builtIn("korea") + "," + typo + "]}");
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().get("field").asString()).isEqualTo("scenarios[1].changes[0].areas[0]");

        ApiServer.Response untitled = app.post("/api/v1/impact", admin, "{\"id\":\"x\",\"changes\":[]}");
        assertThat(untitled.status()).isEqualTo(400);
        assertThat(untitled.json().get("field").asString()).isEqualTo("changes");

        assertThat(app.post("/api/v1/impact", admin, "{\"scenarios\":[]}").json().get("field").asString()).isEqualTo("scenarios");
        assertThat(app.post("/api/v1/impact?format=pdf", admin, builtIn("korea")).json().get("field").asString()).isEqualTo("format");
        assertThat(app.post("/api/v1/impact?limit=0", admin, builtIn("korea")).json().get("field").asString()).isEqualTo("limit");
        assertThat(app.post("/api/v1/impact", admin, "[1,2").status()).isEqualTo(400);
    }

    @Test
    void engineersAreRefusedBeforeTheBodyIsRead() {
        ApiServer.Response r = app.post("/api/v1/impact", app.token("engineer"), "not even JSON");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("detail").asString()).isEqualTo("your role does not allow this");
    }
}
