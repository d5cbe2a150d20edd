package dev.pillar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.boot.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pillar rules test}: the report and the exit codes (0 all hold, 1 a case fails, 2 bad input). */
class RulesCommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theLibraryPasses() throws URISyntaxException {
        Path lib = Path.of(getClass().getResource("/rule-cases").toURI());
        Run r = run("rules", "test", lib.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("\\d+ cases against world aukus@[0-9a-f]{12}: \\d+ passed, 0 failed");
    }

    @Test
    void aFailingCaseIsReportedWithExitOne() throws IOException {
        Files.writeString(tmp.resolve("wrong.yaml"), """
                cases:
                  - id: located-in-china
                    cites: "22 CFR 126.1(d)(1)"
                    request: {asOf: 2025-06-01, item: {originator: USA, classification: "USA:UNCLASSIFIED", control: "ITAR:XI(d)"},
                              recipient: {citizenships: [GBR], location: CHN, organisation: GB-BRITANNIA-SONAR}}
                    expect: {outcome: PERMIT}
                """);
        Run r = run("rules", "test", tmp.toString(), "--verbose");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL  wrong.yaml: located-in-china  [22 CFR 126.1(d)(1)]", "outcome DENY, expected PERMIT", "1 passed".replace("1", "0"));
    }

    @Test
    void aMalformedCaseFileIsBadInput() throws IOException {
        Files.writeString(tmp.resolve("bad.yaml"), "cases:\n  - id: x\n    cites: \"22 CFR 121.1\"\n    request: {item: A-UNDERSEA-001, recipient: p-gbr-engineer}\n    expect: {outcome: MAYBE}\n");
        Run r = run("rules", "test", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml", "cases[0].expect.outcome", "PERMIT, LICENSE_REQUIRED, REVIEW, DENY");
        assertThat(run("rules", "test", tmp.resolve("missing").toString()).code()).isEqualTo(2);
    }

    // ---- pillar rules diff ------------------------------------------------------------------------------------

    /** The built-in rules file copied to {@code dir} with its SPIFs, edited by {@code edit}. */
    private static Path rules(Path dir, java.util.function.UnaryOperator<String> edit) throws IOException, URISyntaxException {
        Path src = Path.of(RulesCommandTest.class.getResource("/worlds/aukus/rules.yaml").toURI());
        Files.createDirectories(dir.resolve("spif"));
        for (String f : new String[] {"usa.xml", "gbr.xml", "aus.xml"}) {
            Files.copy(src.getParent().resolve("spif").resolve(f), dir.resolve("spif").resolve(f));
        }
        Path out = dir.resolve("rules.yaml");
        Files.writeString(out, edit.apply(Files.readString(src)));
        return out;
    }

    /** The candidate: Cambodia's 126.1 entry from 2025-03-01 instead of 2021-12-09, and an anti-tamper ETL entry that ends. */
    private static String candidate(String rules) {
        String khm = "{country: KHM, policy: case-by-case, from: 2021-12-09,";
        assertThat(rules).contains(khm, "    - id: ETL-ILL-1\n");
        return rules.replace(khm, "{country: KHM, policy: case-by-case, from: 2025-03-01,")
                .replace("technologies: [anti-tamper]\n", "technologies: [anti-tamper]\n      until: 2025-06-30\n");
    }

    @Test
    void diffOfTwoRulesFilesGroupsTheDecisionsThatChangeByReason() throws Exception {
        Path a = rules(tmp.resolve("a"), x -> x);
        Path b = rules(tmp.resolve("b"), RulesCommandTest::candidate);
        Run same = run("rules", "diff", "--from-file", a.toString(), "--to-file", a.toString(), "--fail-on-change");
        assertThat(same.code()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("Entries that differ: 0", "Decisions whose outcome or basis changes: 0");

        Run r = run("rules", "diff", "--from-file", a.toString(), "--to-file", b.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("changed  itar.excludedTechnology ETL-ILL-1", "removed  itar.deniedCountries KHM from 2021-12-09",
                "added  itar.deniedCountries KHM from 2025-03-01", "2025-07-01", "A-UNDERSEA-002 -> p-gbr-engineer",
                "before: LICENSE_REQUIRED export-control:itar.licence-required [22 CFR 126.7(b)(3)]", "after:  PERMIT [22 CFR 126.7]");
        assertThat(run("rules", "diff", "--from-file", a.toString(), "--to-file", b.toString(), "--fail-on-change").code()).isEqualTo(1);

        Run json = run("rules", "diff", "--from-file", a.toString(), "--to-file", b.toString(), "--format", "json", "--as-of", "2025-07-01");
        assertThat(json.code()).isZero();
        var tree = dev.pillar.codec.world.WorldLoader.json().readTree(json.out());
        assertThat(tree.path("changed").asBoolean()).isTrue();
        assertThat(tree.path("days")).hasSize(1);
        assertThat(tree.path("groups").get(0).path("after").asString()).isEqualTo("PERMIT [22 CFR 126.7]");
        assertThat(tree.path("groups").get(0).path("rows").get(0).path("basisBefore").get(0).asString()).isEqualTo("22 CFR 126.7(b)(3)");
    }

    @Test
    void diffBetweenStoredVersionsAndACandidate() throws Exception {
        Path data = tmp.resolve("data");
        // a store with the built-in world: version 1
        Run first = run("rules", "diff", "--to", "1", "--data", data.toString());
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("Rule data v1 -> v1", "Decisions whose outcome or basis changes: 0");
        Path b = rules(tmp.resolve("b"), RulesCommandTest::candidate);
        Run candidate = run("rules", "diff", "--to-file", b.toString(), "--data", data.toString(), "--as-of", "2025-07-01");
        assertThat(candidate.code()).as(candidate.out() + candidate.err()).isZero();
        assertThat(candidate.out()).contains("Rule data v1 -> " + b, "A-UNDERSEA-002 -> p-gbr-engineer");

        Run unknown = run("rules", "diff", "--from", "1", "--to", "7", "--data", data.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--to", "no rule data version 7", "[1]");
    }

    @Test
    void diffRefusesBadInputNamingTheField() throws Exception {
        Path a = rules(tmp.resolve("a"), x -> x);
        Path broken = rules(tmp.resolve("c"), x -> x.replace("usd: 100000000", "usd: -5"));
        Run r = run("rules", "diff", "--from-file", a.toString(), "--to-file", broken.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--to-file", "valueThresholds");
        assertThat(run("rules", "diff", "--from-file", a.toString()).err()).contains("--to");
        Run missing = run("rules", "diff", "--from-file", a.toString(), "--to-file", tmp.resolve("none.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--to-file", "is not a file");
        assertThat(run("rules", "diff", "--from-file", a.toString(), "--to-file", a.toString(), "--as-of", "2025-13-01").err()).contains("--as-of");
        assertThat(run("rules", "diff", "--from-file", a.toString(), "--to-file", a.toString(), "--format", "xml").code()).isEqualTo(2);
    }
}
