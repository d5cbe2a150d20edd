package dev.pillar.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class JsonTextTest {
    private static JsonNode read(CharSequence text) {
        return WorldLoader.json().readTree(text.toString());
    }

    @Test
    void anyStringRoundTripsThroughItsEscapedForm() {
        qt().withFixedSeed(20261129L).withExamples(2_000).forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(s -> {
            JsonNode back = read(JsonText.string(new StringBuilder(), s));
            assertThat(back.asString()).isEqualTo(s);
        });
        assertThat(JsonText.string(new StringBuilder(), "a\"b\\c\n\u0001\u2028").toString()).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\u2028\"");
        assertThat(JsonText.string(new StringBuilder(), null).toString()).isEqualTo("null");
    }

    @Test
    void anyTreeIsWrittenAsTheSameJsonValue() {
        qt().withFixedSeed(20261129L).withExamples(500).forAll(strings().allPossible().ofLengthBetween(0, 12), integers().all(), integers().between(0, 4)).checkAssert((s, i, depth) -> {
            ObjectNode root = WorldLoader.json().createObjectNode();
            ObjectNode o = root;
            for (int d = 0; d < depth; d++) {
                o.put(s, s + d);
                o.put("n" + d, i);
                o.put("b" + d, i % 2 == 0);
                o.putNull("z" + d);
                o.put("f" + d, i / 7.0);
                ArrayNode a = o.putArray("a" + d);
                a.add(s).add(i).addNull();
                o = o.putObject("o" + d);
            }
            assertThat(read(JsonText.tree(new StringBuilder(), root))).isEqualTo(root);
        });
    }

    @Test
    void theTextResponseIsTheV1ResponseAndTheOutcomeViewAgreesWithIt() {
        World world = WorldLoader.load("aukus");
        var engine = dev.pillar.core.decision.DecisionEngine.standard(world);
        String[] requests = {
                "{\"asOf\":\"2024-10-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\"}",
                "{\"asOf\":\"2025-06-01\",\"item\":\"MAS-AI-010\",\"recipient\":\"p-kor-engineer\"}",
                "{\"asOf\":\"2025-06-01\",\"item\":\"X-SONAR-TRAINING-006\",\"recipient\":\"p-kor-engineer\",\"transferor\":\"US-ACME-MARINE\"}",
        };
        for (String r : requests) {
            Decision d = engine.decide(RequestCodec.parse(r, world, LocalDate.of(2025, 1, 1)));
            JsonNode full = RequestCodec.toJson(d);
            assertThat(full.get("outcome").asString()).isEqualTo(d.outcome().name());
            assertThat(full.get("reasons")).hasSize(d.reasons().size());
            assertThat(full.get("decisionId").asString()).isEqualTo(d.decisionId());
            JsonNode brief = read(RequestCodec.appendOutcomeJson(new StringBuilder(), d));
            for (String f : new String[] {"decisionId", "outcome", "basis", "asOf", "worldVersion"}) {
                assertThat(brief.get(f)).as(f).isEqualTo(full.get(f));
            }
        }
    }
}
