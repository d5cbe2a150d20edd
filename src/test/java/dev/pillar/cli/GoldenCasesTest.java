package dev.pillar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.boot.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The golden cases of the decision core, kept as files under {@code golden/}: each holds a JSON v1 request and what
 * the answer must contain. Each runs through the real CLI ({@code pillar decide FILE --format json}), so exit codes,
 * the JSON response and the error messages are checked as a user sees them.
 */
class GoldenCasesTest {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenCasesTest.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(10);
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenCase(Path file) throws IOException {
        JsonNode golden = JSON.readTree(file.toFile());
        JsonNode expect = golden.get("expect");
        Path request = tmp.resolve("request.json");
        Files.writeString(request, JSON.writeValueAsString(golden.get("request")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"decide", request.toString(), "--format", "json"}, new PrintWriter(out), new PrintWriter(err));
        String caseName = golden.get("case").asString();

        if (expect.has("exitCode")) {
            assertThat(code).as(caseName + "\nstderr: " + err).isEqualTo(expect.get("exitCode").asInt());
            assertThat(out.toString()).as("no decision is printed for bad input").isEmpty();
            assertThat(err.toString()).as(caseName).contains(expect.get("field").asString() + ":");
            assertThat(err.toString()).as(caseName).contains(expect.get("messageContains").asString());
            return;
        }
        assertThat(code).as(caseName + "\nstderr: " + err).isZero();
        JsonNode d = JSON.readTree(out.toString());
        String shown = caseName + "\n" + out;
        assertThat(d.get("outcome").asString()).as(shown).isEqualTo(expect.get("outcome").asString());
        assertThat(d.get("decisionId").asString()).isNotBlank();
        assertThat(d.get("worldVersion").asString()).startsWith("aukus@");
        assertThat(d.get("asOf").asString()).isEqualTo(golden.get("request").get("asOf").asString());
        for (JsonNode b : expect.path("basis")) {
            assertThat(texts(d.get("basis"))).as(shown).contains(b.asString());
        }
        for (JsonNode want : expect.path("reasons")) {
            assertThat(d.get("reasons")).as(shown + "\nexpected a reason like " + want)
                    .anySatisfy(r -> matches(r, want));
        }
        List<String> obligationIds = new ArrayList<>();
        d.get("obligations").forEach(o -> obligationIds.add(o.get("id").asString()));
        for (JsonNode o : expect.path("obligations")) {
            assertThat(obligationIds).as(shown).contains(o.asString());
        }
        for (JsonNode t : expect.path("toPermitContains")) {
            assertThat(texts(d.get("toPermit"))).as(shown).anySatisfy(s -> assertThat(s).contains(t.asString()));
        }
        if (d.get("outcome").asString().equals("PERMIT")) {
            assertThat(texts(d.get("toPermit"))).as("a PERMIT needs no change").isEmpty();
            assertThat(texts(d.get("basis"))).as("a PERMIT states its basis").isNotEmpty();
        } else {
            assertThat(texts(d.get("toPermit"))).as("a non-PERMIT says what would change it").isNotEmpty();
        }
        d.get("reasons").forEach(r -> {
            assertThat(r.get("message").asString()).isNotBlank();
            assertThat(r.get("citation").asString()).isNotBlank();
        });
    }

    private static void matches(JsonNode actual, JsonNode want) {
        assertThat(actual.get("layer").asString()).isEqualTo(want.get("layer").asString());
        assertThat(actual.get("outcome").asString()).isEqualTo(want.get("outcome").asString());
        if (want.has("ruleId")) {
            assertThat(actual.get("ruleId").asString()).isEqualTo(want.get("ruleId").asString());
        }
        if (want.has("citation")) {
            assertThat(actual.get("citation").asString()).contains(want.get("citation").asString());
        }
        if (want.has("messageContains")) {
            assertThat(actual.get("message").asString()).contains(want.get("messageContains").asString());
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
