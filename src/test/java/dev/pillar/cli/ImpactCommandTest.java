package dev.pillar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code pillar impact} as a user meets it: the Korea question in text, JSON, CSV and HTML, side by side, bad input. */
class ImpactCommandTest {
    @TempDir
    Path tmp;

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theKoreaQuestionInText() {
        CliTest.Run r = CliTest.run("impact", "korea");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Impact of scenario korea: Korea joins the quantum and AI projects from 2025-01-01", "not legal advice",
                "World aukus@", "+korea, as of 2025-01-01", "Recipients (3): p-kor-in-usa, p-usa-kor-dual, p-kor-engineer",
                "10 items x 3 recipients = 30 pairs; 2 items (2 pairs) change outcome");
        // the matrix: one DENY became PERMIT, one DENY became LICENSE_REQUIRED
        assertThat(r.out()).containsPattern("DENY +1 +1 +0 +18 +20");
        assertThat(r.out()).containsPattern("MAS-NAV-004 +p-kor-engineer +DENY +PERMIT");
        assertThat(r.out()).containsPattern("Q-PNT-005 +p-kor-engineer +DENY +LICENSE_REQUIRED +ear.licence-required");
        assertThat(r.out()).containsPattern("1 +1 +EAR +KR-HANBIT-DEFENCE +3E001 +KOR +no");
        assertThat(r.out()).containsPattern("5 +15 +5 +DENY +releasability +releasability.not-rel-to");
    }

    @Test
    void twoScenariosSideBySideAndTheOneByOnePathAgree() {
        CliTest.Run r = CliTest.run("impact", "korea", "korea-with-sharing");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Scenarios side by side").containsPattern("PERMIT after +10 +15").containsPattern("DENY after +18 +15")
                .contains("Impact of scenario korea-with-sharing");
        CliTest.Run slow = CliTest.run("impact", "korea", "korea-with-sharing", "--one-by-one");
        assertThat(slow.out().replaceAll("Evaluated: .*\n", "")).isEqualTo(r.out().replaceAll("Evaluated: .*\n", ""));
        assertThat(slow.out()).contains("decisions in the hypothetical world, for every item one by one");
        assertThat(r.out()).contains("for the 4 classes (4 items) that a change can affect");
    }

    @Test
    void jsonHasTheMatrixCountsAndChanges() {
        CliTest.Run r = CliTest.run("impact", "korea", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode k = JSON.readTree(r.out()).get("results").get(0);
        assertThat(k.at("/scenario/id").asString()).isEqualTo("korea");
        assertThat(k.at("/total/after/PERMIT").asLong()).isEqualTo(10);
        assertThat(k.at("/matrix/DENY/PERMIT").asLong()).isEqualTo(1);
        assertThat(k.at("/changes/total").asLong()).isEqualTo(2);
        assertThat(k.at("/changes/rows/1/item").asString()).isEqualTo("Q-PNT-005");
        assertThat(k.at("/changes/rows/1/whyAfter").asString()).startsWith("ear.licence-required");
        assertThat(k.at("/licences/0/party").asString()).isEqualTo("KR-HANBIT-DEFENCE");
        assertThat(k.at("/groups/area").findValuesAsString("value")).contains("quantum", "ai-autonomy", "none");
        assertThat(k.at("/blockers/0/example").asString()).isNotBlank();
    }

    @Test
    void csvListsEveryChangedPair() throws IOException {
        Path out = tmp.resolve("changes.csv");
        CliTest.Run r = CliTest.run("impact", "korea", "korea-with-sharing", "--format", "csv", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("wrote ");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.getFirst()).isEqualTo("scenario,item,title,area,project,classification,control,recipient,organisation,before,after,why_before,why_after");
        assertThat(lines).hasSize(1 + 2 + 6);
        assertThat(lines.get(2)).startsWith("korea,Q-PNT-005,").contains(",DENY,LICENSE_REQUIRED,");
        assertThat(Files.readString(out)).contains("\r\n");
    }

    @Test
    void htmlIsOneSelfContainedFileWithChartsAndEscapedText() throws IOException {
        Path scenario = tmp.resolve("x.yaml");
        Files.writeString(scenario, """
                id: tricky
                title: "<script>alert('x')</script> & more"
                changes:
                  - {type: admit, country: KOR, projects: [QUANTUM-1], from: 2025-01-01}
                """);
        Path out = tmp.resolve("report.html");
        CliTest.Run r = CliTest.run("impact", "korea", scenario.toString(), "--format", "html", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<svg", "Scenarios side by side", "not legal advice")
                .doesNotContain("<script", "<link", " src=", "url(", "@import")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
    }

    @Test
    void badInputIsExitTwoNamingFileFieldAndFix() throws IOException {
        CliTest.Run unknown = CliTest.run("impact", "japan");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("japan: is neither a scenario file nor a built-in scenario", "korea");

        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, """
                id: typo
                title: typo
                changes:
                  - {type: admit, country: KOR, areas: [quantom], from: 2025-01-01}
                """);
        CliTest.Run r = CliTest.run("impact", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ": changes[0].areas[0]: unknown area 'quantom': use one of");

        Path noExtension = tmp.resolve("scenario");
        Files.writeString(noExtension, Files.readString(bad));
        assertThat(CliTest.run("impact", noExtension.toString()).err()).contains(noExtension + ": changes[0].areas[0]: unknown area 'quantom'");

        Files.writeString(bad, "id: typo\ntitle: typo\nchanges:\n  - {type: admit, country: KOR, projects: [QUANTUM-1]}\n");
        assertThat(CliTest.run("impact", bad.toString()).err()).contains("changes[0].from: is required");

        Files.writeString(bad, "id: nobody\ntitle: t\nrecipients: {citizenships: [FRA]}\nchanges:\n  - {type: admit, country: KOR, projects: [QUANTUM-1], from: 2025-01-01}\n");
        CliTest.Run nobody = CliTest.run("impact", bad.toString());
        assertThat(nobody.code()).isEqualTo(2);
        assertThat(nobody.err()).contains("recipients: selects nobody");

        assertThat(CliTest.run("impact", "korea", "--format", "pdf").err()).contains("--format: 'pdf' is not a format: use text, json, csv or html");
        assertThat(CliTest.run("impact", "korea", "--as-of", "1 Jan").err()).contains("--as-of: '1 Jan' is not a date");
    }

    @Test
    void demoEndsWithTheKoreaImpactSummary() {
        CliTest.Run r = CliTest.run("demo");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Before the vote: what if Korea joined?", "could flow at once (PERMIT):    9 pairs before, 10 after",
                "would stay blocked (DENY):      20 pairs before, 18 after", "Scenarios side by side", "korea-with-sharing");
    }
}
