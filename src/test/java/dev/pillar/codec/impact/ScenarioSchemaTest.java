package dev.pillar.codec.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.pillar.codec.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The scenario JSON Schema ({@code schema/scenario.schema.json}) agrees with {@link ScenarioReader}: the built-in
 * scenarios and shorthand forms are accepted by both, and broken scenarios are rejected by both at the same field.
 */
class ScenarioSchemaTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).pathType(PathType.LEGACY).build()));
    private static final JsonNode SCHEMA = read("/schema/scenario.schema.json");
    private static final Schema VALIDATOR = REGISTRY.getSchema(SCHEMA);

    @Test
    void schemaIsValidDraft202012AndClosed() {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(SCHEMA)).isEmpty();
        assertThat(SCHEMA.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(SCHEMA.at("/$defs/change/properties/type/enum")).extracting(JsonNode::asString)
                .containsExactlyElementsOf(ScenarioReader.TYPES);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.pillar.codec.impact.ScenarioReader#BUILT_IN")
    void builtInScenarioMatchesTheSchemaAndReads(String name) {
        JsonNode tree = YAMLMapper.builder().build().readTree(ScenarioReader.builtInText(name));
        assertThat(VALIDATOR.validate(tree)).as(name).isEmpty();
        assertThat(ScenarioReader.builtIn(name).id()).isEqualTo(name);
    }

    /** A change to the built-in 'korea-with-sharing' scenario, and the field the reader must name ("" when valid). */
    record Mutation(String name, Consumer<ObjectNode> change, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static ObjectNode change(ObjectNode root, int i) {
        return (ObjectNode) root.get("changes").get(i);
    }

    static final List<Mutation> BROKEN = List.of(
            new Mutation("unknown top-level field", r -> r.put("owner", "x"), "owner"),
            new Mutation("missing title", r -> r.remove("title"), "title"),
            new Mutation("bad asOf", r -> r.put("asOf", "1 Jan 2025"), "asOf"),
            new Mutation("no changes", r -> r.putArray("changes"), "changes"),
            new Mutation("unknown change type", r -> change(r, 0).put("type", "join"), "changes[0].type"),
            new Mutation("admit without from", r -> change(r, 0).remove("from"), "changes[0].from"),
            new Mutation("admit with a two-letter country", r -> change(r, 0).put("country", "KR"), "changes[0].country"),
            new Mutation("admit with an unknown field", r -> change(r, 0).put("vote", "yes"), "changes[0].vote"),
            new Mutation("admit with organisations 'some'", r -> change(r, 0).put("organisations", "some"), "changes[0].organisations"),
            new Mutation("admit with neither projects nor areas", r -> change(r, 0).remove("areas"), "changes[0].projects"),
            new Mutation("treatment with a non-boolean itar", r -> change(r, 1).put("itar", "yes"), "changes[1].itar"),
            new Mutation("treatment with a bad until", r -> change(r, 1).put("until", "2025-13-01"), "changes[1].until"),
            new Mutation("REL TO change without add or remove", r -> change(r, 2).remove("add"), "changes[2].add"),
            new Mutation("REL TO change with an empty group", r -> change(r, 2).putObject("items"), "changes[2].items"),
            new Mutation("REL TO change with an unknown criterion", r -> ((ObjectNode) change(r, 2).get("items")).put("colour", "red"), "changes[2].items.colour"),
            new Mutation("recipients with an unknown criterion", r -> ((ObjectNode) r.get("recipients")).put("nationality", "KOR"), "recipients.nationality"),
            new Mutation("recipients 'everyone'", r -> r.put("recipients", "everyone"), "recipients"),
            new Mutation("licence without parties", r -> ((ArrayNode) r.get("changes")).addObject().put("type", "addLicence").putObject("licence")
                    .put("number", "X-1").put("type", "TAA").put("regime", "ITAR").put("from", "2025-01-01")
                    .set("covers", JSON.createArrayNode().add("XI(d)")), "changes[3].licence.parties"),
            new Mutation("ETL entry without description", r -> ((ArrayNode) r.get("changes")).addObject().put("type", "addExcludedTechnology")
                    .putObject("entry").put("id", "ETL-X").set("technologies", JSON.createArrayNode().add("quantum-sensing")), "changes[3].entry.description"));

    @ParameterizedTest(name = "{0}")
    @FieldSource("BROKEN")
    void brokenScenarioIsRejectedByBothAtTheSameField(Mutation m) {
        ObjectNode tree = korea();
        m.change().accept(tree);
        List<String> paths = VALIDATOR.validate(tree).stream().map(ScenarioSchemaTest::path).toList();
        assertThat(paths).as(m.name() + ": the schema rejects it").isNotEmpty();
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> ScenarioReader.parse("body", tree));
        assertThat(e).as(m.name() + ": the reader rejects it").isNotNull();
        assertThat(e.location()).isEqualTo("body");
        assertThat(e.field()).as(e.getMessage()).isEqualTo(m.field());
        assertThat(paths).as(m.name() + ": the schema names " + m.field() + " or a parent")
                .anySatisfy(p -> assertThat(m.field().equals(p) || m.field().startsWith(p + ".") || m.field().startsWith(p + "[")).isTrue());
    }

    static final List<Mutation> SHORTHAND = List.of(
            new Mutation("recipients: all", r -> r.put("recipients", "all"), ""),
            new Mutation("organisations as a list of ids", r -> change(r, 0).putArray("organisations").add("KR-HANBIT-DEFENCE"), ""),
            new Mutation("authorizedUsers: none, itar off", r -> change(r, 1).put("authorizedUsers", "none").put("itar", false), ""),
            new Mutation("REL TO change by control and classification", r -> {
                ObjectNode items = change(r, 2).putObject("items");
                items.putArray("controls").add("ITAR:XI");
                items.putArray("classifications").add("USA:SECRET");
            }, ""),
            new Mutation("a licence and ETL changes", r -> {
                ArrayNode changes = (ArrayNode) r.get("changes");
                ObjectNode l = changes.addObject().put("type", "addLicence").putObject("licence").put("number", "TA-2025-0099").put("type", "TAA")
                        .put("regime", "ITAR").put("from", "2025-01-01");
                l.putArray("parties").add("KR-HANBIT-DEFENCE");
                l.putArray("covers").add("XI(d)");
                l.putArray("countries").add("KOR");
                changes.addObject().put("type", "removeExcludedTechnology").put("id", "ETL-ILL-1").put("from", "2025-06-01");
                ObjectNode e = changes.addObject().put("type", "addExcludedTechnology").putObject("entry").put("id", "ETL-Q-1")
                        .put("description", "quantum sensing (hypothetical)").put("from", "2025-01-01");
                e.putArray("technologies").add("quantum-sensing");
                e.putObject("source").put("title", "hypothetical");
            }, ""));

    @ParameterizedTest(name = "{0}")
    @FieldSource("SHORTHAND")
    void shorthandFormsAreAcceptedByBoth(Mutation m) {
        ObjectNode tree = korea();
        m.change().accept(tree);
        assertThat(VALIDATOR.validate(tree)).as(m.name()).isEmpty();
        assertThatCode(() -> ScenarioReader.parse("body", tree)).as(m.name()).doesNotThrowAnyException();
    }

    private static ObjectNode korea() {
        return (ObjectNode) JSON.readTree(JSON.writeValueAsString(YAMLMapper.builder().build().readTree(ScenarioReader.builtInText("korea-with-sharing"))));
    }

    private static String path(Error e) {
        String at = e.getInstanceLocation().toString();
        at = at.equals("$") ? "" : at.startsWith("$.") ? at.substring(2) : at;
        if (e.getProperty() != null && List.of("required", "additionalProperties").contains(e.getKeyword())) {
            at = at.isEmpty() ? e.getProperty() : at + "." + e.getProperty();
        }
        return at;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = ScenarioSchemaTest.class.getResourceAsStream(resource)) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
