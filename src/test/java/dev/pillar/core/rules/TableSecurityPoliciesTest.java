package dev.pillar.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.model.Source;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSecurityPoliciesTest {
    private static final Source SRC = new Source("test", "", null, null);
    private static final ClassificationScheme USA = new ClassificationScheme("USA", "US", List.of(
            new ClassificationScheme.Level("UNCLASSIFIED", false), new ClassificationScheme.Level("CONFIDENTIAL", true),
            new ClassificationScheme.Level("SECRET", true), new ClassificationScheme.Level("TOP SECRET", true)), SRC);
    private static final ClassificationScheme GBR = new ClassificationScheme("GBR", "UK", List.of(
            new ClassificationScheme.Level("OFFICIAL", false), new ClassificationScheme.Level("SECRET", true),
            new ClassificationScheme.Level("TOP SECRET", true)), SRC);
    private static final LocalDate DAY = LocalDate.of(2025, 1, 1);

    private static SecurityLevel l(String s) {
        return SecurityLevel.parse("l", s);
    }

    private final TableSecurityPolicies policies = new TableSecurityPolicies(List.of(USA, GBR), List.of(
            new Equivalence("S", List.of(l("USA:SECRET"), l("GBR:SECRET")), Interval.ALWAYS, SRC),
            new Equivalence("TS", List.of(l("USA:TOP SECRET"), l("GBR:TOP SECRET")), Interval.from(LocalDate.of(2030, 1, 1)), SRC)));

    @Test
    void sameSchemeComparesByRank() {
        assertThat(policies.compare(l("USA:SECRET"), l("USA:CONFIDENTIAL"), DAY).dominates()).isTrue();
        assertThat(policies.compare(l("USA:CONFIDENTIAL"), l("USA:SECRET"), DAY).dominates()).isFalse();
    }

    @Test
    void acrossSchemesThroughTheEquivalenceInForce() {
        var c = policies.compare(l("GBR:SECRET"), l("USA:SECRET"), DAY);
        assertThat(c.dominates()).isTrue();
        assertThat(c.required()).isEqualTo(l("GBR:SECRET"));
        assertThat(c.via().id()).isEqualTo("S");
    }

    @Test
    void aLevelWithoutEquivalentUsesTheNextHigherOneThatHasOne() {
        var c = policies.compare(l("GBR:SECRET"), l("USA:CONFIDENTIAL"), DAY);
        assertThat(c.required()).as("USA:CONFIDENTIAL has no UK equivalent; USA:SECRET = GBR:SECRET").isEqualTo(l("GBR:SECRET"));
        assertThat(c.dominates()).isTrue();
        assertThat(policies.compare(l("GBR:OFFICIAL"), l("USA:CONFIDENTIAL"), DAY).dominates()).isFalse();
    }

    @Test
    void anEquivalenceNotYetInForceGivesNoComparison() {
        var c = policies.compare(l("GBR:TOP SECRET"), l("USA:TOP SECRET"), DAY);
        assertThat(c.required()).isNull();
        assertThat(c.dominates()).isFalse();
        assertThat(policies.compare(l("GBR:TOP SECRET"), l("USA:TOP SECRET"), LocalDate.of(2030, 1, 1)).dominates()).isTrue();
    }

    @Test
    void unknownLevelsAndBadSchemesAreRefused() {
        assertThat(policies.knows(l("USA:SECRET"))).isTrue();
        assertThat(policies.knows(l("USA:RESTRICTED"))).isFalse();
        assertThat(policies.requiresClearance(l("GBR:OFFICIAL"))).isFalse();
        assertThatThrownBy(() -> new TableSecurityPolicies(List.of(USA), List.of(
                new Equivalence("X", List.of(l("USA:SECRET"), l("JPN:SECRET")), Interval.ALWAYS, SRC))))
                .hasMessageContaining("unknown level 'JPN:SECRET'");
        assertThatThrownBy(() -> new ClassificationScheme("X", "x", List.of(new ClassificationScheme.Level("A", true),
                new ClassificationScheme.Level("B", false)), SRC)).hasMessageContaining("lowest to highest");
    }
}
