package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Decision records you can find: {@code GET /api/v1/decisions} by recipient, item, organisation, project, outcome,
 * basis, dates, world version and who asked; pages with a stable cursor; CSV with one row per decision; every bad
 * parameter named; engineers see only what they may.
 */
class DecisionSearchTest {
    @TempDir
    static Path data;
    static ApiServer app;
    static String admin;
    static List<String> gbr = new ArrayList<>();
    static String kor;

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
        admin = app.token("admin");
        for (int i = 0; i < 7; i++) {
            gbr.add(app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer"))
                    .json().get("decisionId").asString());
        }
        kor = app.post("/api/v1/decisions", app.token("delegate"), ApiServer.json("asOf", "2025-06-01", "item", "X-SONAR-TRAINING-006",
                "recipient", "p-kor-engineer", "transferor", "US-ACME-MARINE")).json().get("decisionId").asString();
    }

    @AfterAll
    static void stop() {
        app.closeCheckingContract();
    }

    static List<String> ids(String query, String token) {
        ApiServer.Response r = app.get("/api/v1/decisions?" + query, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("decisions").forEach(d -> out.add(d.get("decisionId").asString()));
        return out;
    }

    @Test
    void everyFilterFindsItsDecisions() {
        assertThat(ids("recipient=p-gbr-engineer", admin)).containsAll(gbr).doesNotContain(kor); // other tests here ask about them too
        assertThat(ids("item=X-SONAR-TRAINING-006", admin)).containsExactly(kor);
        assertThat(ids("organisation=KR-HANBIT-DEFENCE", admin)).containsExactly(kor);
        assertThat(ids("project=UNDERSEA-1", admin)).containsAll(gbr).doesNotContain(kor);
        assertThat(ids("outcome=permit&recipient=p-gbr-engineer", admin)).containsAll(gbr);
        assertThat(ids("outcome=DENY&recipient=p-gbr-engineer", admin)).isEmpty();
        // by licence (the basis of the answer) and by rule id (of a reason)
        assertThat(ids("basis=TAA%20TA-2025-0001", admin)).containsExactly(kor);
        assertThat(ids("basis=itar.licence", admin)).containsExactly(kor);
        assertThat(ids("basis=22%20CFR%20126.7", admin)).containsAll(gbr);
        assertThat(ids("askedBy=delegate-gbr", admin)).containsExactly(kor);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(ids("from=" + today + "&to=" + today + "&recipient=p-gbr-engineer", admin)).containsAll(gbr);
        assertThat(ids("to=2020-01-01", admin)).isEmpty();
        String world = app.get("/api/v1/decisions/" + kor, admin).json().at("/decision/worldVersion").asString();
        assertThat(ids("worldVersion=" + world + "&item=X-SONAR-TRAINING-006", admin)).containsExactly(kor);
        JsonNode one = app.get("/api/v1/decisions?item=X-SONAR-TRAINING-006", admin).json().get("decisions").get(0);
        assertThat(one.get("recipient").asString()).isEqualTo("p-kor-engineer");
        assertThat(one.get("basis").toString()).contains("TAA TA-2025-0001");
        assertThat(one.get("href").asString()).isEqualTo("/api/v1/decisions/" + kor);
    }

    @Test
    void pagesRunNewestFirstAndACursorNeitherRepeatsNorSkipsWhenDecisionsArrive() {
        List<String> seen = new ArrayList<>();
        JsonNode page = app.get("/api/v1/decisions?recipient=p-gbr-engineer&limit=3", admin).json();
        seen.addAll(page.get("decisions").findValuesAsString("decisionId"));
        // a new decision arrives between pages: it is newer, so it does not shift what follows
        String newer = app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2024-10-02", "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer"))
                .json().get("decisionId").asString();
        while (!page.get("next").isNull()) {
            page = app.get("/api/v1/decisions?recipient=p-gbr-engineer&limit=3&cursor=" + page.get("next").asString(), admin).json();
            seen.addAll(page.get("decisions").findValuesAsString("decisionId"));
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(gbr).doesNotContain(newer);
        assertThat(ids("recipient=p-gbr-engineer&limit=1", admin)).containsExactly(newer);
    }

    @Test
    void everyBadParameterIsRefusedNamingIt() {
        for (String[] bad : new String[][] {{"colour=red", "colour"}, {"outcome=MAYBE", "outcome"}, {"from=2024-13-01", "from"}, {"to=yesterday", "to"},
                {"from=2025-01-02&to=2025-01-01", "to"}, {"cursor=%21%21", "cursor"}, {"limit=0", "limit"}, {"limit=5000", "limit"},
                {"format=xml", "format"}, {"recipient=", "recipient"}}) {
            ApiServer.Response r = app.get("/api/v1/decisions?" + bad[0], admin);
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.json().get("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    @Test
    void anEngineerFindsOnlyWhatTheyMaySee() {
        String engineer = app.token("engineer"); // GB-BRITANNIA-SONAR: UNDERSEA-1, UNDERSEA-2, MAS-1
        List<String> seen = ids("limit=1000", engineer);
        assertThat(seen).containsAll(gbr).doesNotContain(kor); // X-SONAR-TRAINING-006 is in no project; KR-HANBIT is no partner of theirs
        assertThat(ids("item=X-SONAR-TRAINING-006", engineer)).isEmpty();
        String own = app.post("/api/v1/decisions", engineer, "{\"asOf\":\"2024-10-01\",\"recipient\":\"p-gbr-engineer\",\"item\":{\"originator\":\"USA\","
                + "\"classification\":\"USA:UNCLASSIFIED\",\"control\":\"EAR:EAR99\",\"project\":\"SSN-1\"}}").json().get("decisionId").asString();
        assertThat(ids("askedBy=eng-sonar", engineer)).containsExactly(own);
    }

    @Test
    void theCsvExportHasOneRowPerDecision() {
        ApiServer.Response r = app.get("/api/v1/decisions?format=csv&recipient=p-gbr-engineer", admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"decisions.csv\"");
        List<List<String>> rows = parseCsv(r.body());
        assertThat(rows.get(0)).containsExactly("decisionId", "createdAt", "askedBy", "outcome", "asOf", "worldVersion", "item", "recipient",
                "organisation", "project", "basis");
        List<List<String>> body = rows.subList(1, rows.size());
        Set<String> ids = new HashSet<>();
        body.forEach(row -> {
            assertThat(row).hasSize(11);
            ids.add(row.get(0));
        });
        assertThat(ids).hasSize(body.size()).containsAll(gbr);
        assertThat(body.get(0).get(7)).isEqualTo("p-gbr-engineer");
        assertThat(body.get(0).get(10)).contains("22 CFR 126.7");
    }

    @Test
    void csvFieldsAreQuotedAndFormulasDisarmed() {
        StringBuilder b = new StringBuilder();
        dev.pillar.http.DecisionCsvAccess.field(b, "a, \"b\"\nc");
        assertThat(b.toString()).isEqualTo("\"a, \"\"b\"\"\nc\"");
        b.setLength(0);
        dev.pillar.http.DecisionCsvAccess.field(b, "=HYPERLINK(\"http://x\")");
        assertThat(b.toString()).startsWith("\"'=HYPERLINK(");
        assertThat(parseCsv("x,\"a, \"\"b\"\"\nc\",'=1\r\n").get(0)).containsExactly("x", "a, \"b\"\nc", "'=1");
    }

    @Test
    void aMissingAsOfIsStatedInTheAnswer() {
        JsonNode given = app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer")).json();
        assertThat(given.has("asOfDefaulted")).isFalse();
        JsonNode missing = app.post("/api/v1/decisions", admin, ApiServer.json("item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer")).json();
        assertThat(missing.get("asOfDefaulted").asBoolean()).isTrue();
        assertThat(missing.get("asOf").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        JsonNode batch = app.post("/api/v1/decisions/batch?view=outcome", admin, "{\"requests\":[" + ApiServer.json("item", "A-UNDERSEA-001",
                "recipient", "p-gbr-engineer") + "]}").json();
        assertThat(batch.at("/results/0/asOfDefaulted").asBoolean()).isTrue();
    }

    /** A small RFC 4180 reader, as a spreadsheet reads the export. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(f.toString());
                f.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(f.toString());
                f.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                f.append(c);
            }
        }
        return rows;
    }
}
