package dev.pillar.codec.world;

import static org.assertj.core.api.Assertions.assertThat;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pillar.codec.BadInputException;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Person;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Fuzzes the world loader: one file of the built-in world, chosen by the input, is replaced by the rest of the input
 * (as YAML or JSON) or left out. Loading either succeeds or fails with a {@link BadInputException}; a world that loads
 * decides every pair of its people and items without an internal error (the loader resolves every reference, so no
 * layer may meet a dangling one).
 *
 * <p>Input layout: the first byte selects the file ({@code (b & 0x0F) % 6}, in the order of {@link WorldLoader#FILES}),
 * JSON when {@code b & 0x10}, the file left out when {@code b & 0x70 == 0x20}; the remaining bytes are the file's
 * content. So a seed starting with one of {@code @ A B C D E} replaces world, rules, organisations, people, items,
 * licences with YAML, one of {@code 0 1 2 3 4 5} with JSON, and one of {@code ! " # $ %} (or a space) leaves it out.
 *
 * <p>A normal test run replays the seeds in {@code WorldLoaderFuzzTestInputs/loadWorld/}; {@code JAZZER_FUZZ=1
 * ./test -Dtest=WorldLoaderFuzzTest} fuzzes.
 */
class WorldLoaderFuzzTest {
    /**
     * The built-in world's files, read once and re-encoded as JSON: the loader reads the very same trees, several
     * times faster than from YAML, which keeps the fuzzer's executions per second up.
     */
    private static final Map<String, WorldSource.File> AUKUS = builtInAsJson();
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2026, 1, 1));
    private static final int MAX_PAIRS = 400;

    @FuzzTest
    @DictionaryEntries({"id: ", "name: ", "country: ", "from: ", "until: ", "source: {title: ", "citation: ", "levels: ",
        "requiresClearance: false", "projects: [", "participants: ", "pillar: ", "area: ", "members: ", "code: ", "catalog: ",
        "classification: ", "schemes: ", "equivalences: ", "itar: ", "ear: ", "eccns: ", "countryChart: ", "licenceRequired: ",
        "nationalRegimes: ", "licenceFree: ", "aukusExemption: ", "territory: ", "conditions: ", "excludedTechnology: ",
        "usml: ", "technologies: ", "organisation: ", "citizenships: ", "residencies: ", "location: ", "clearance: ",
        "releasableTo: ", "noforn: true", "control: ", "ITAR:", "EAR:", "GBR:", "AUS:", "valueUsd: ", "parties: ", "covers: ",
        "countries: ", "classified: true", "kind: government", "authorizedUser: ", "ddtc: ", "coreMembers: ", "candidates: ",
        "history: ", "stage: ", "date: ", "\"USA:SECRET\"", "TOP SECRET", "- ", "{", "}", "[", "]", "&a ", "*a", "!!str ", "null", "~"})
    void loadWorld(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int header = data[0] & 0xFF;
        String replaced = WorldLoader.FILES.get((header & 0x0F) % WorldLoader.FILES.size());
        boolean json = (header & 0x10) != 0;
        boolean missing = (header & 0x70) == 0x20;
        byte[] content = Arrays.copyOfRange(data, 1, data.length);
        WorldSource source = new WorldSource() {
            @Override
            public File read(String logicalName) {
                if (!logicalName.equals(replaced)) {
                    return AUKUS.get(logicalName);
                }
                return missing ? null : new File("fuzz/" + logicalName + (json ? ".json" : ".yaml"), content, json);
            }

            @Override
            public byte[] readRelative(String path) {
                return WorldSource.builtIn(WorldSource.BUILT_IN).readRelative(path);
            }

            @Override
            public String describe() {
                return "fuzzed world";
            }
        };
        World world;
        try {
            world = WorldLoader.load(source);
        } catch (BadInputException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(world.version()).startsWith(world.id() + "@");
        DecisionEngine engine = DecisionEngine.standard(world);
        int pairs = 0;
        for (Person p : world.people()) {
            for (Item it : world.items()) {
                if (++pairs > MAX_PAIRS) {
                    return;
                }
                for (LocalDate day : DAYS) {
                    Decision d = engine.decide(new DecisionRequest(it, p, null, day, null));
                    if (d.outcome() == null) {
                        throw new AssertionError("no outcome for " + it.label() + " to " + p.label() + " on " + day);
                    }
                    for (Reason r : d.reasons()) {
                        if (r.ruleId().equals("internal.error")) {
                            throw new AssertionError("internal error deciding " + it.label() + " to " + p.label() + " on " + day
                                    + ": " + r.message() + " " + r.facts());
                        }
                    }
                }
            }
        }
    }

    private static Map<String, WorldSource.File> builtInAsJson() {
        WorldSource aukus = WorldSource.builtIn(WorldSource.BUILT_IN);
        ObjectMapper yaml = YAMLMapper.builder().build();
        ObjectMapper json = JsonMapper.builder().build();
        Map<String, WorldSource.File> files = new HashMap<>();
        for (String name : WorldLoader.FILES) {
            WorldSource.File f = aukus.read(name);
            if (f != null) {
                JsonNode tree = f.json() ? json.readTree(f.content()) : yaml.readTree(f.content());
                files.put(name, new WorldSource.File(f.name() + " (as JSON)", json.writeValueAsBytes(tree), true));
            }
        }
        return Map.copyOf(files);
    }
}
