package dev.pillar.codec.world;

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
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionLayers;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Person;
import dev.pillar.core.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The JSON Schemas under {@code schema/} agree with the loader: the built-in world, the demo requests and real
 * decisions validate against them, and broken world files and requests are rejected by both the schema and
 * {@link WorldLoader} / {@link RequestCodec}, at the same place.
 */
class WorldSchemaTest {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).pathType(PathType.LEGACY).build()));
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    static final List<String> SCHEMAS = List.of("world", "rules", "organisations", "people", "items", "licences", "request-v1", "decision-v1");

    private static Map<String, ObjectNode> builtIn;
    private static World world;

    @BeforeAll
    static void load() {
        builtIn = new HashMap<>();
        for (String name : WorldLoader.FILES) {
            builtIn.put(name, (ObjectNode) yaml("/worlds/aukus/" + name + ".yaml"));
        }
        world = WorldLoader.load("aukus");
    }

    // ---- the schemas themselves ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCHEMAS")
    void schemaIsValidDraft202012(String name) {
        JsonNode node = schemaNode(name);
        assertThat(node.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(node.get("description").asString()).isNotBlank();
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(node)).as(name).isEmpty();
        assertThat(node.get("additionalProperties").asBoolean(true)).as(name + " rejects unknown top-level fields").isFalse();
    }

    @Test
    void rulesSchemaRequiresACatalogueEntryForEveryRuleIdTheEngineReports() {
        Set<String> inSchema = new HashSet<>();
        for (JsonNode c : schemaNode("rules").at("/properties/catalog/allOf")) {
            inSchema.add(c.at("/contains/properties/id/const").asString());
        }
        assertThat(inSchema).containsExactlyInAnyOrderElementsOf(DecisionLayers.ruleIds());
    }

    // ---- the built-in world, the demo requests and real decisions validate --------------------------------------

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.pillar.codec.world.WorldLoader#FILES")
    void builtInWorldFileMatchesItsSchema(String name) {
        assertThat(errors(name, builtIn.get(name))).as("built-in " + name + ".yaml").isEmpty();
    }

    static Stream<Arguments> demoRequests() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode scene : yaml("/demo/korea-story.yaml").get("scenes")) {
            out.add(Arguments.of(scene.get("title").asString(), scene.get("request")));
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(10);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoRequests")
    void demoRequestAndItsDecisionMatchTheSchemas(String title, JsonNode request) {
        assertThat(errors("request-v1", request)).as(title).isEmpty();
        Decision d = DecisionEngine.standard(world).decide(RequestCodec.parse(request, world, TODAY));
        JsonNode json = JSON.readTree(RequestCodec.toJsonText(d));
        assertThat(errors("decision-v1", json)).as(title + "\n" + json).isEmpty();
    }

    @Test
    void decisionsOfEveryItemPersonAndOutcomeMatchTheDecisionSchema() {
        DecisionEngine engine = DecisionEngine.standard(world);
        Set<Outcome> seen = EnumSet.noneOf(Outcome.class);
        for (Item item : world.items()) {
            for (Person person : world.people()) {
                for (LocalDate day : List.of(LocalDate.of(2024, 3, 1), LocalDate.of(2025, 6, 1))) {
                    Decision d = engine.decide(new DecisionRequest(item, person, null, day, null));
                    seen.add(d.outcome());
                    JsonNode json = JSON.readTree(RequestCodec.toJsonText(d));
                    assertThat(errors("decision-v1", json)).as(item.id() + " to " + person.id() + " on " + day + "\n" + json).isEmpty();
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Outcome.values());
    }

    static Stream<Arguments> goldenRequests() throws IOException, URISyntaxException {
        var dir = WorldSchemaTest.class.getResource("/golden");
        if (dir == null) {
            return Stream.empty();
        }
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode golden = JSON.readTree(Files.readString(f));
                if (!golden.path("expect").has("exitCode")) {
                    out.add(Arguments.of(f.getFileName().toString(), golden.get("request")));
                }
            }
        }
        return out.stream();
    }

    /** Every golden request that the CLI decides is valid under the request schema. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenRequests")
    void goldenRequestMatchesTheRequestSchema(String file, JsonNode request) {
        assertThat(errors("request-v1", request)).as(file + ": " + request).isEmpty();
    }

    @Test
    void requestSchemaExamplesAreAcceptedByTheCodec() {
        JsonNode examples = schemaNode("request-v1").get("examples");
        assertThat(examples.size()).isGreaterThanOrEqualTo(2);
        for (JsonNode example : examples) {
            assertThat(errors("request-v1", example)).as(example.toString()).isEmpty();
            assertThatCode(() -> RequestCodec.parse(example, world, TODAY)).as(example.toString()).doesNotThrowAnyException();
        }
    }

    // ---- broken world files: rejected by both, at the same field --------------------------------------------------

    /** A change to one file of the built-in world, and the field the loader must name. */
    record Mutation(String name, String file, Consumer<ObjectNode> change, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static ObjectNode at(ObjectNode root, String list, int i) {
        return (ObjectNode) root.get(list).get(i);
    }

    static final List<Mutation> BROKEN = List.of(
            new Mutation("world: unknown top-level field", "world", r -> r.put("owner", "x"), "owner"),
            new Mutation("world: missing partnership", "world", r -> r.remove("partnership"), "partnership"),
            new Mutation("world: core member with a two-letter code", "world",
                    r -> ((ObjectNode) r.at("/partnership/coreMembers/0")).put("country", "UK"), "partnership.coreMembers[0].country"),
            new Mutation("world: participation date written in words", "world",
                    r -> ((ObjectNode) r.at("/partnership/projects/5/participants/3")).put("from", "17 Sept 2024"),
                    "partnership.projects[5].participants[3].from"),
            new Mutation("world: Pillar II project without area", "world",
                    r -> ((ObjectNode) r.at("/partnership/projects/1")).remove("area"), "partnership.projects[1].area"),
            new Mutation("world: coalition with a lower-case code", "world", r -> at(r, "coalitions", 0).put("code", "fvey"), "coalitions[0].code"),
            new Mutation("rules: unknown field in an ETL entry", "rules",
                    r -> ((ObjectNode) r.at("/itar/excludedTechnology/0")).put("comment", "x"), "itar.excludedTechnology[0].comment"),
            new Mutation("rules: ETL entry without source", "rules",
                    r -> ((ObjectNode) r.at("/itar/excludedTechnology/0")).remove("source"), "itar.excludedTechnology[0].source"),
            new Mutation("rules: Country Chart row with an impossible date", "rules",
                    r -> ((ObjectNode) r.at("/ear/countryChart/1")).put("from", "2024-02-30"), "ear.countryChart[1].from"),
            new Mutation("rules: denied country with a bad trigraph", "rules",
                    r -> ((ObjectNode) r.at("/itar/deniedCountries/0")).put("country", "CHINA"), "itar.deniedCountries[0].country"),
            new Mutation("rules: catalogue without scope.unbound", "rules",
                    r -> ((ArrayNode) r.get("catalog")).remove(0), "catalog"),
            new Mutation("rules: exemption threshold as a string", "rules",
                    r -> ((ObjectNode) r.at("/itar/aukusExemption/0/valueThresholds/0")).put("usd", "25000000"), "itar.aukusExemption[0].valueThresholds[0].usd"),
            new Mutation("rules: equivalence of one level", "rules",
                    r -> ((ObjectNode) r.at("/classification/equivalences/3")).putArray("levels").add("USA:CONFIDENTIAL"),
                    "classification.equivalences[3].levels"),
            new Mutation("rules: missing ear section", "rules", r -> r.remove("ear"), "ear"),
            new Mutation("organisations: unknown field", "organisations", r -> at(r, "organisations", 0).put("website", "x"), "organisations[0].website"),
            new Mutation("organisations: missing kind", "organisations", r -> at(r, "organisations", 0).remove("kind"), "organisations[0].kind"),
            new Mutation("organisations: unknown kind", "organisations", r -> at(r, "organisations", 0).put("kind", "charity"), "organisations[0].kind"),
            new Mutation("organisations: Authorized User listing with a bad date", "organisations",
                    r -> ((ObjectNode) at(r, "organisations", 4).get("authorizedUser")).put("from", "2024/09/01"), "organisations[4].authorizedUser.from"),
            new Mutation("organisations: dated project without project id", "organisations",
                    r -> ((ObjectNode) at(r, "organisations", 8).get("projects").get(0)).remove("project"), "organisations[8].projects[0].project"),
            new Mutation("people: missing location", "people", r -> at(r, "people", 0).remove("location"), "people[0].location"),
            new Mutation("people: no citizenship", "people", r -> at(r, "people", 0).putArray("citizenships"), "people[0].citizenships"),
            new Mutation("people: citizenship with a bad trigraph", "people",
                    r -> at(r, "people", 2).putArray("citizenships").add("USA").add("KR"), "people[2].citizenships[1]"),
            new Mutation("people: clearance without scheme", "people", r -> at(r, "people", 0).put("clearance", "SECRET"), "people[0].clearance"),
            new Mutation("people: clearance with a bad until date", "people",
                    r -> ((ObjectNode) at(r, "people", 0).get("clearance")).put("until", "2029-12-32"), "people[0].clearance.until"),
            new Mutation("items: missing control", "items", r -> at(r, "items", 0).remove("control"), "items[0].control"),
            new Mutation("items: unknown control regime", "items", r -> at(r, "items", 0).put("control", "USML:XI(d)"), "items[0].control"),
            new Mutation("items: negative value", "items", r -> at(r, "items", 0).put("valueUsd", -1), "items[0].valueUsd"),
            new Mutation("items: NOFORN and REL TO", "items", r -> at(r, "items", 0).put("noforn", true), "items[0].noforn"),
            new Mutation("items: ECCN as a number", "items", r -> at(r, "items", 4).put("control", 30.0), "items[4].control"),
            new Mutation("licences: unknown field", "licences", r -> at(r, "licences", 0).put("holder", "x"), "licences[0].holder"),
            new Mutation("licences: bad date", "licences", r -> at(r, "licences", 0).put("until", "31/12/2025"), "licences[0].until"),
            new Mutation("licences: unknown regime", "licences", r -> at(r, "licences", 0).put("regime", "BIS"), "licences[0].regime"),
            new Mutation("licences: no destination", "licences", r -> at(r, "licences", 0).remove("countries"), "licences[0].countries"),
            new Mutation("licences: destination with a bad trigraph", "licences",
                    r -> at(r, "licences", 0).putArray("countries").add("KR"), "licences[0].countries[0]"));

    @ParameterizedTest(name = "{0}")
    @FieldSource("BROKEN")
    void brokenWorldFileIsRejectedByBothSchemaAndLoader(Mutation m) {
        ObjectNode tree = builtIn.get(m.file()).deepCopy();
        m.change().accept(tree);

        List<String> schemaPaths = errors(m.file(), tree).stream().map(WorldSchemaTest::path).toList();
        assertThat(schemaPaths).as(m.name() + ": the schema rejects it").isNotEmpty();

        BadInputException e = catchThrowableOfType(BadInputException.class, () -> WorldLoader.load(replacing(m.file(), tree)));
        assertThat(e).as(m.name() + ": the loader rejects it").isNotNull();
        assertThat(e.location()).isEqualTo("mem:" + m.file() + ".json");
        assertThat(e.field()).as(e.getMessage()).isEqualTo(m.field());
        assertThat(schemaPaths).as(m.name() + ": the schema names the loader's field " + m.field() + " (or a parent)")
                .anySatisfy(p -> assertThat(m.field().equals(p) || m.field().startsWith(p + ".") || m.field().startsWith(p + "[")).isTrue());
    }

    /** Shorthand forms: accepted by both. */
    static final List<Mutation> SHORTHAND = List.of(
            new Mutation("organisations: ddtcRegistered: true, authorizedUser: false", "organisations",
                    r -> at(r, "organisations", 2).put("ddtcRegistered", true).put("authorizedUser", false), ""),
            new Mutation("organisations: project roles as ids and dated objects", "organisations",
                    r -> at(r, "organisations", 2).putArray("projects").add("QUANTUM-1").addObject().put("project", "QUANTUM-2").put("from", "2025-01-01"), ""),
            new Mutation("organisations: projects not declared", "organisations", r -> at(r, "organisations", 2).remove("projects"), ""),
            new Mutation("people: clearance as SCHEME:LEVEL", "people", r -> at(r, "people", 0).put("clearance", "USA:TOP SECRET"), ""),
            new Mutation("items: REL TO a coalition", "items",
                    r -> at(r, "items", 0).putArray("releasableTo").add("FVEY"), ""),
            new Mutation("rules: a Country Chart row changed from a date", "rules", r -> {
                ArrayNode chart = (ArrayNode) r.at("/ear/countryChart");
                ((ObjectNode) chart.get(5)).put("until", "2025-12-31");
                ObjectNode row = chart.addObject().put("country", "JPN").put("from", "2026-01-01");
                row.putArray("licenceRequired");
                row.putObject("source").put("title", "A later rule (test)").put("date", "2026-01-01");
            }, ""),
            new Mutation("rules: a new Excluded Technology List entry", "rules", r -> {
                ObjectNode etl = ((ArrayNode) r.at("/itar/excludedTechnology")).addObject()
                        .put("id", "ETL-TEST-5").put("description", "quantum sensing (test entry)").put("from", "2026-01-01");
                etl.putArray("technologies").add("quantum-sensing");
                etl.putObject("source").put("title", "Excluded Technology List (test entry)").put("citation", "22 CFR 126, Supplement No. 2");
            }, ""));

    @ParameterizedTest(name = "{0}")
    @FieldSource("SHORTHAND")
    void shorthandFormsAreAcceptedByBoth(Mutation m) {
        ObjectNode tree = builtIn.get(m.file()).deepCopy();
        m.change().accept(tree);
        assertThat(errors(m.file(), tree)).as(m.name()).isEmpty();
        assertThatCode(() -> WorldLoader.load(replacing(m.file(), tree))).as(m.name()).doesNotThrowAnyException();
    }

    // ---- requests -------------------------------------------------------------------------------------------------

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("unknown field", "{\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\",\"as_of\":\"2024-10-01\"}", "as_of"),
                Arguments.of("missing recipient", "{\"item\":\"A-UNDERSEA-001\"}", "recipient"),
                Arguments.of("bad asOf", "{\"asOf\":\"1 Oct 2024\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\"}", "asOf"),
                Arguments.of("negative value", "{\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\",\"valueUsd\":-5}", "valueUsd"),
                Arguments.of("inline item with a bad control", "{\"item\":{\"originator\":\"USA\",\"classification\":\"USA:SECRET\",\"control\":\"ITAR:XXX(a)\"},"
                        + "\"recipient\":\"p-gbr-engineer\"}", "item.control"),
                Arguments.of("inline recipient without citizenships", "{\"item\":\"A-UNDERSEA-001\",\"recipient\":{\"location\":\"GBR\","
                        + "\"organisation\":\"GB-BRITANNIA-SONAR\"}}", "recipient.citizenships"),
                Arguments.of("inline recipient with a bad location", "{\"item\":\"A-UNDERSEA-001\",\"recipient\":{\"citizenships\":[\"GBR\"],\"location\":\"UK\","
                        + "\"organisation\":\"GB-BRITANNIA-SONAR\"}}", "recipient.location"),
                Arguments.of("inline transferor with an unknown field", "{\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\","
                        + "\"transferor\":{\"country\":\"USA\",\"kind\":\"industry\",\"registered\":true}}", "transferor.registered"),
                Arguments.of("inline organisation with a bad registration", "{\"item\":\"A-UNDERSEA-001\",\"recipient\":{\"citizenships\":[\"GBR\"],"
                        + "\"location\":\"GBR\",\"organisation\":{\"country\":\"GBR\",\"kind\":\"industry\",\"authorizedUser\":\"yes\"}}}",
                        "recipient.organisation.authorizedUser"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsRejectedByBothSchemaAndCodec(String name, String json, String field) {
        JsonNode request = JSON.readTree(json);
        assertThat(errors("request-v1", request)).as(name).isNotEmpty();
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> RequestCodec.parse(json, world, TODAY));
        assertThat(e).as(name).isNotNull();
        assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
    }

    @Test
    void inlineRequestWithShorthandsIsAcceptedByBoth() {
        String json = """
                {"asOf": "2025-06-01", "valueUsd": 1000,
                 "item": {"originator": "USA", "classification": "USA:SECRET", "releasableTo": ["USA", "AUS", "GBR"],
                          "control": "ITAR:XI(d)", "technologies": ["sonar"], "project": "UNDERSEA-1"},
                 "recipient": {"name": "A. N. Other", "citizenships": ["GBR"], "location": "GBR", "clearance": "GBR:SECRET",
                               "organisation": {"country": "GBR", "kind": "industry", "authorizedUser": true,
                                                "projects": ["UNDERSEA-1", {"project": "MAS-1", "from": "2024-01-01"}]}},
                 "transferor": {"country": "USA", "kind": "industry", "ddtcRegistered": {"reference": "M-1", "from": "2020-01-01"}}}
                """;
        assertThat(errors("request-v1", JSON.readTree(json))).isEmpty();
        Decision d = DecisionEngine.standard(world).decide(RequestCodec.parse(json, world, TODAY));
        assertThat(errors("decision-v1", JSON.readTree(RequestCodec.toJsonText(d)))).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** The built-in world with {@code file} replaced by {@code tree}, written as JSON. */
    private static WorldSource replacing(String file, JsonNode tree) {
        return new WorldSource() {
            @Override
            public File read(String logicalName) {
                if (logicalName.equals(file)) {
                    return new File("mem:" + file + ".json", JSON.writeValueAsBytes(tree), true);
                }
                return WorldSource.builtIn(BUILT_IN).read(logicalName);
            }

            @Override
            public byte[] readRelative(String path) {
                return WorldSource.builtIn(BUILT_IN).readRelative(path);
            }

            @Override
            public String describe() {
                return "in-memory world";
            }
        };
    }

    private static List<Error> errors(String schema, JsonNode instance) {
        return schema(schema).validate(instance);
    }

    /** The path an error points at, as the loader writes it: {@code people[0].location}. */
    private static String path(Error e) {
        String at = e.getInstanceLocation().toString();
        at = at.equals("$") ? "" : at.startsWith("$.") ? at.substring(2) : at;
        if (e.getProperty() != null && List.of("required", "additionalProperties").contains(e.getKeyword())) {
            at = at.isEmpty() ? e.getProperty() : at + "." + e.getProperty();
        }
        return at;
    }

    private static final Map<String, Schema> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private static Schema schema(String name) {
        return CACHE.computeIfAbsent(name, n -> REGISTRY.getSchema(schemaNode(n)));
    }

    private static JsonNode schemaNode(String name) {
        try (InputStream in = WorldSchemaTest.class.getResourceAsStream("/schema/" + name + ".schema.json")) {
            assertThat(in).as("schema/" + name + ".schema.json").isNotNull();
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode yaml(String resource) {
        try (InputStream in = WorldSchemaTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
