package dev.pillar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.boot.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: help, exit codes, messages for bad input, world validation. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommandsAndTheDisclaimer() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("demo", "decide", "world", "not legal advice");
        assertThat(run("decide", "--help").out()).contains("--as-of", "--format", "--item", "--recipient", "Exit 0 when decided");
    }

    @Test
    void demoPrintsEveryLayerAndASummary() {
        Run r = run("demo");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("PERMIT", "LICENSE_REQUIRED", "DENY", "22 CFR 126.7", "TAA TA-2025-0001", "Summary",
                "admit KOR to project MAS-1", "not legal advice");
    }

    @Test
    void decideByFlagsInText() {
        Run r = run("decide", "--item", "A-UNDERSEA-001", "--recipient", "p-gbr-engineer", "--as-of", "2024-10-01", "--verbose");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("OUTCOME    PERMIT", "basis: 22 CFR 126.7", "Facts used", "destinations = GBR");
    }

    @Test
    void asOfFlagOverridesTheRequestDate() throws IOException {
        Path req = tmp.resolve("r.json");
        Files.writeString(req, "{\"asOf\":\"2024-10-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\"}");
        Run r = run("decide", req.toString(), "--as-of", "2024-06-01", "--format", "json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"asOf\" : \"2024-06-01\"", "LICENSE_REQUIRED");
    }

    @Test
    void badInputExitsTwoNamingTheOption() {
        assertThat(run("decide", "--item", "A-UNDERSEA-001")).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--recipient");
        });
        assertThat(run("decide", "--item", "A-UNDERSEA-001", "--recipient", "p-gbr-engineer", "--format", "xml")).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--format", "text or json");
        });
        assertThat(run("decide", tmp.resolve("missing.json").toString())).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("no such request file");
        });
        assertThat(run("decide", "--nope")).satisfies(r -> assertThat(r.code()).isEqualTo(2));
    }

    @Test
    void malformedJsonIsBadInput() throws IOException {
        Path req = tmp.resolve("r.json");
        Files.writeString(req, "{\"item\": ");
        Run r = run("decide", req.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not valid JSON");
    }

    @Test
    void worldShowAndValidateTheBuiltInWorld() {
        assertThat(run("world", "show").out()).contains("Core members", "KOR", "formal-discussions", "MAS-1", "JPN 2024-09-17 onwards");
        Run v = run("world", "validate", "aukus");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("valid: world aukus@");
    }

    @Test
    void validateNamesFilePathAndFixOfABrokenWorld() throws IOException {
        Path dir = copyBuiltIn();
        Path orgs = dir.resolve("organisations.yaml");
        Files.writeString(orgs, Files.readString(orgs).replace("country: KOR, kind: industry", "country: KOX, kind: industry"));
        Run r = run("world", "validate", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("organisations.yaml", "organisations[9].country", "'KOX' is not a GENC/ISO 3166-1 alpha-3 trigraph");
    }

    @Test
    void validateReportsDanglingReferences() throws IOException {
        Path dir = copyBuiltIn();
        Path items = dir.resolve("items.yaml");
        Files.writeString(items, Files.readString(items).replace("project: MAS-1, valueUsd: 0}\n  - {id: Q-PNT-005", "project: MAS-7, valueUsd: 0}\n  - {id: Q-PNT-005"));
        Run r = run("world", "validate", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("items.yaml", "items[3].project", "unknown project 'MAS-7'");
    }

    @Test
    void aWorldMissingARuleCitationIsRefused() throws IOException {
        Path dir = copyBuiltIn();
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, Files.readString(rules).replaceAll("(?m)^  - \\{id: ear\\.nlr,.*\\n", ""));
        Run r = run("world", "validate", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("rules.yaml", "no entry for rule 'ear.nlr'");
    }

    @Test
    void decisionsFollowTheWorldDirectoryGiven() throws IOException {
        Path dir = copyBuiltIn();
        Path rules = dir.resolve("rules.yaml");
        // a compliance officer adds an ETL entry for sonar from 2024-09-01: the exemption no longer applies to item A
        Files.writeString(rules, Files.readString(rules).replace("  excludedTechnology:\n",
                "  excludedTechnology:\n    - {id: ETL-TEST, description: sonar, technologies: [sonar], illustrative: true, from: 2024-09-01, source: {title: test}}\n"));
        Run r = run("decide", "--world", dir.toString(), "--item", "A-UNDERSEA-001", "--recipient", "p-gbr-engineer", "--as-of", "2024-10-01");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("OUTCOME    LICENSE_REQUIRED", "ETL-TEST");
    }

    private Path copyBuiltIn() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("world"));
        for (String name : new String[] {"world", "rules", "organisations", "people", "items", "licences", "spif/usa", "spif/gbr", "spif/aus"}) {
            String file = name + (name.startsWith("spif/") ? ".xml" : ".yaml");
            try (InputStream in = CliTest.class.getResourceAsStream("/worlds/aukus/" + file)) {
                Files.createDirectories(dir.resolve(file).getParent());
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
        return dir;
    }
}
