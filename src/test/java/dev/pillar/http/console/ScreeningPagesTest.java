package dev.pillar.http.console;

import static dev.pillar.http.console.ConsoleHttpTest.csrf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.codec.screening.ListReadersTest;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.http.console.ConsoleHttpTest.Browser;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screening page over plain HTTP: before any list the page and the dashboard say decisions are not screened; an
 * officer imports a list through the upload form (a wrong file is refused on its field and nothing is stored), screens
 * a name by hand, and clears a screening case with a verdict; an engineer sees neither the forms nor the cases.
 */
class ScreeningPagesTest {
    @TempDir
    static Path data;
    static ConsoleServer app;

    @BeforeAll
    static void start() {
        app = new ConsoleServer(data);
        var person = WorldDocuments.mapper().createObjectNode().put("id", "t-page-antonov").put("name", "Victor Antonov").put("location", "GBR")
                .put("organisation", "GB-BRITANNIA-SONAR").put("fictional", true);
        person.putArray("citizenships").add("GBR");
        app.server.services().worlds().create(Kind.PERSON, person, new Principal("sec", Role.SECRETARIAT, null, null));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Posts a multipart form with one file, as a browser's upload form does. */
    static HttpResponse<String> upload(Browser b, String path, Map<String, String> fields, String fileName, byte[] file) throws Exception {
        String boundary = "----pillar-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest r = HttpRequest.newBuilder(URI.create(b.base + path))
                .header("Cookie", b.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOfficerImportsAListScreensANameAndClearsAScreeningCase() throws Exception {
        Browser officer = new Browser(app.base);
        officer.signIn(ConsoleServer.OFFICER);
        String empty = officer.get("/screening").body();
        assertThat(empty).contains("id=\"no-lists\"", "id=\"import-form\"");
        assertThat(officer.get("/").body()).contains("id=\"not-screened\"");

        String token = csrf(empty);
        HttpResponse<String> bad = upload(officer, "/screening/import", Map.of("csrf", token, "source", "us-csl"), "bad.csv",
                ListReadersTest.fixture("bad/csl-missing-column.csv"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"form-error\"", "no 'name' column", "id=\"no-lists\"");

        HttpResponse<String> ok = upload(officer, "/screening/import", Map.of("csrf", token, "source", "us-csl", "published", "2026-11-01"),
                "consolidated.json", ListReadersTest.fixture("csl-sample.json"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("Imported us-csl v1", "id=\"versions\"");
        assertThat(officer.get("/").body()).contains("id=\"count-screening\"").doesNotContain("id=\"not-screened\"");

        String checked = officer.get("/screening?name=Victor+Antonov&type=individual&country=RUS&asOf=2026-12-01").body();
        assertThat(checked).contains("id=\"hits\"", "Specially Designated Nationals (SDN) - Treasury Department");
        assertThat(officer.get("/screening?name=Victor&country=ZZZ").statusCode()).isEqualTo(400);

        // the person of the world named like the SDN entry has an open screening case with a verdict form
        String page = officer.get("/screening").body();
        Matcher m = Pattern.compile("name=\"party\" value=\"t-page-antonov\"><input type=\"hidden\" name=\"entry\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a verdict form for the case of t-page-antonov").isTrue();
        String entry = m.group(1).replace("&#39;", "'").replace("&amp;", "&").replace("&#40;", "(").replace("&#41;", ")");
        HttpResponse<String> noEvidence = officer.post("/screening/verdicts", Map.of("csrf", token, "party", "t-page-antonov", "entry", entry, "sameParty", "false"));
        assertThat(noEvidence.statusCode()).isEqualTo(422);
        assertThat(noEvidence.body()).contains("evidence");
        HttpResponse<String> verdict = officer.post("/screening/verdicts", Map.of("csrf", token, "party", "t-page-antonov", "entry", entry,
                "sameParty", "false", "evidence", "CASE-P1/passport.pdf"));
        assertThat(verdict.statusCode()).as(verdict.body()).isEqualTo(200);
        assertThat(verdict.body()).contains("is not the party of").doesNotContain("name=\"party\" value=\"t-page-antonov\"");
    }

    @Test
    void anEngineerSeesNeitherFormsNorCases() throws Exception {
        Browser engineer = new Browser(app.base);
        engineer.signIn(ConsoleServer.ENGINEER);
        String page = engineer.get("/screening").body();
        assertThat(page).doesNotContain("id=\"import-form\"").doesNotContain("action=\"/screening/verdicts\"").doesNotContain("id=\"check\"");
        String token = csrf(page);
        assertThat(engineer.post("/screening/verdicts", Map.of("csrf", token, "party", "x", "entry", "y", "sameParty", "false")).statusCode()).isEqualTo(403);
    }
}
