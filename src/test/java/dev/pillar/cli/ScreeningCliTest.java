package dev.pillar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.boot.Pillar;
import dev.pillar.codec.screening.ListReadersTest;
import dev.pillar.http.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code pillar screening} as an operator uses it on a data directory: import the lists, refuse a wrong file without
 * changing anything, screen a name by hand (exit 1 on a hit), list the versions; and a list version or a verdict edited
 * in the database behind Pillar's back is reported by {@code pillar audit verify}.
 */
class ScreeningCliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    Run pillar(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = dev.pillar.boot.Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    Path fixture(String name) throws Exception {
        Path f = tmp.resolve(name.replace('/', '-'));
        Files.write(f, ListReadersTest.fixture(name));
        return f;
    }

    @Test
    void importCheckAndListTheVersions() throws Exception {
        String data = tmp.resolve("data").toString();
        Run imported = pillar("screening", "import", fixture("csl-sample.csv").toString(), "--source", "us-csl", "--published", "2026-11-01", "--data", data);
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported us-csl v1 (published 2026-11-01)", "13 entries", "Consolidated Screening List CSV");

        Run uk = pillar("screening", "import", fixture("uk-sample.csv").toString(), "--source", "uk-sanctions", "--data", data);
        assertThat(uk.code()).as(uk.err()).isZero();
        assertThat(uk.out()).as("the report date of the file").contains("uk-sanctions v2 (published 2026-02-10)");

        Run refused = pillar("screening", "import", fixture("bad/csl-missing-column.csv").toString(), "--source", "us-csl", "--data", data);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("line 1", "'name' column");
        Run wrongList = pillar("screening", "import", fixture("csl-sample.json").toString(), "--source", "eu", "--data", data);
        assertThat(wrongList.code()).isEqualTo(2);
        assertThat(wrongList.err()).contains("--source");

        Run lists = pillar("screening", "lists", "--data", data);
        assertThat(lists.out()).contains("us-csl v1", "uk-sanctions v2", "2 list version(s)");

        Run hit = pillar("screening", "check", "Victor Antonov", "--country", "RUS", "--as-of", "2026-12-01", "--data", data);
        assertThat(hit.code()).as(hit.err()).isEqualTo(1);
        assertThat(hit.out()).contains("Specially Designated Nationals (SDN) - Treasury Department", "uk-sanctions");
        Run json = pillar("screening", "check", "Victor Antonov", "--as-of", "2026-12-01", "--format", "json", "--data", data);
        JsonNode answer = JsonMapper.builder().build().readTree(json.out());
        assertThat(answer.get("hits").size()).isGreaterThanOrEqualTo(2);
        assertThat(answer.get("lists").size()).isEqualTo(2);

        Run early = pillar("screening", "check", "Victor Antonov", "--as-of", "2026-01-01", "--data", data);
        assertThat(early.code()).as("no list version was published by then").isZero();
        assertThat(early.out()).contains("no list");

        Run clean = pillar("screening", "check", "Alice Whitcombe", "--country", "GBR", "--as-of", "2026-12-01", "--data", data);
        assertThat(clean.code()).isZero();
        assertThat(clean.out()).contains("0 hit(s)");

        Run verify = pillar("audit", "verify", "--data", data);
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    }

    @Test
    void aListVersionOrAVerdictChangedInTheDatabaseIsReported() throws Exception {
        Path data = tmp.resolve("tampered");
        assertThat(pillar("screening", "import", fixture("csl-sample.json").toString(), "--source", "us-csl", "--published", "2026-11-01",
                "--data", data.toString()).code()).isZero();
        try (Pillar p = Pillar.start(ServerConfig.defaults(0, data), new PrintWriter(Writer.nullWriter()))) {
            var s = p.services().screening();
            var hit = s.check(new Principal("t", Role.COMPLIANCE_OFFICER, null, null), "Victor Antonov", null, null, null,
                    java.time.LocalDate.of(2026, 12, 1)).hits().getFirst();
            s.verdict(new Principal("officer-a", Role.COMPLIANCE_OFFICER, null, null), "p-gbr-engineer", hit.entry().ref(), false, "CASE-1/check.pdf", null);
        }
        Run clean = pillar("audit", "verify", "--data", data.toString());
        assertThat(clean.code()).as(clean.out() + clean.err()).isZero();

        sql(data, "UPDATE screening_verdicts SET evidence = 'forged'");
        Run verdict = pillar("audit", "verify", "--data", data.toString());
        assertThat(verdict.code()).isNotZero();
        assertThat(verdict.out() + verdict.err()).contains("screening verdict 1", "changed in the store");

        sql(data, "UPDATE screening_lists SET published = DATE '2020-01-01'");
        Run list = pillar("audit", "verify", "--data", data.toString());
        assertThat(list.out() + list.err()).contains("screening list version 1", "changed in the store");
    }

    private static void sql(Path data, String statement) throws Exception {
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("pillar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "pillar", ""); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
