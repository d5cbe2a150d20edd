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
}
