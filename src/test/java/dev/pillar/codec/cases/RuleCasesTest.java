package dev.pillar.codec.cases;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.world.World;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The public case library ({@code rule-cases/}): cases drawn from the regulation texts, each citing the paragraph it
 * tests, run against the built-in world. A failure prints what the decision said.
 */
class RuleCasesTest {
    private static final World WORLD = WorldLoader.load("aukus");
    private static final DecisionEngine ENGINE = DecisionEngine.standard(WORLD);

    static List<RuleCases.Case> library() {
        try {
            return RuleCases.load(Path.of(RuleCasesTest.class.getResource("/rule-cases").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theLibraryCoversEveryProvisionWithAtLeastSixtyCitedCases() {
        List<RuleCases.Case> cases = library();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(cases).allSatisfy(c -> assertThat(c.cites()).isNotBlank());
        for (String provision : List.of("120.50", "120.51", "120.62", "121.1", "123.15", "124", "126.1(d)(1)", "126.1(d)(2)", "126.7(b)(1)",
                "126.7(b)(2)", "126.7(b)(3)", "126.7(b)(4)", "126.18", "734.13", "738", "746")) {
            assertThat(cases).as("a case cites " + provision).anySatisfy(c -> assertThat(c.cites()).contains(provision));
        }
    }

    @Test
    void aCaseThatDoesNotHoldReportsEveryDifference() {
        List<RuleCases.Case> cases = RuleCases.parse("wrong.yaml", """
                cases:
                  - id: wrong
                    cites: "22 CFR 126.1(d)(1)"
                    request: {asOf: 2025-06-01, item: {originator: USA, classification: "USA:UNCLASSIFIED", control: "ITAR:XI(d)"},
                              recipient: {citizenships: [GBR], location: CHN, organisation: GB-BRITANNIA-SONAR}}
                    expect: {outcome: PERMIT, ruleIds: [itar.aukus-exemption], citations: ["89 FR 67270"]}
                  - id: not-refused
                    cites: "22 CFR 121.1"
                    request: {asOf: 2025-06-01, item: A-UNDERSEA-001, recipient: p-gbr-engineer}
                    expect: {error: {field: item.control, contains: "USML"}}
                """, false);
        RuleCases.Result wrong = RuleCases.run(cases.get(0), WORLD, ENGINE, LocalDate.of(2025, 6, 1));
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.problems()).hasSize(3).first().asString().contains("outcome DENY, expected PERMIT");
        RuleCases.Result notRefused = RuleCases.run(cases.get(1), WORLD, ENGINE, LocalDate.of(2025, 6, 1));
        assertThat(notRefused.problems()).singleElement().asString().contains("expected the request to be refused");
    }

    @TestFactory
    Stream<DynamicTest> everyCaseHoldsAgainstTheBuiltInWorld() {
        return library().stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> {
            RuleCases.Result r = RuleCases.run(c, WORLD, ENGINE, LocalDate.of(2025, 6, 1));
            assertThat(r.problems()).as(c.label() + " [" + c.cites() + "]" + (r.decision() == null ? "" : "\nreasons: " + r.decision().reasons()))
                    .isEmpty();
        }));
    }
}
