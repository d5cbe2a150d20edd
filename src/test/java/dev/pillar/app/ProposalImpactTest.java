package dev.pillar.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Layer;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.governance.Action;
import dev.pillar.core.governance.Proposal;
import dev.pillar.core.impact.Change;
import dev.pillar.core.impact.ImpactAnalysis;
import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.impact.Scenario;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Source;
import dev.pillar.core.world.World;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A proposal is translated into the impact scenario of its adoption, and the impact engine shows what it would change. */
class ProposalImpactTest {
    static final World WORLD = WorldLoader.load("aukus");
    static final Instant PROPOSED = Instant.parse("2025-02-01T09:00:00Z");
    static final LocalDate EFFECTIVE = LocalDate.of(2025, 3, 1);

    static Proposal proposal(Action action, List<String> projects) {
        return new Proposal("P-3", Country.of("KOR"), action, projects, EFFECTIVE, Instant.parse("2025-02-28T12:00:00Z"),
                List.of(new Source("Core members' minutes (fictional)", "", LocalDate.of(2025, 2, 1), null)), "", "sec", PROPOSED);
    }

    @Test
    void anAdmissionIsTheAdmissionOfTheCandidateAndAllItsOrganisationsFromTheEffectiveDay() {
        Scenario s = ProposalImpact.scenario(proposal(Action.ADMIT, List.of("MAS-1", "UNDERSEA-2")), WORLD);
        assertThat(s.id()).isEqualTo("proposal-P-3");
        assertThat(s.effectiveAsOf(LocalDate.of(2030, 1, 1))).isEqualTo(EFFECTIVE);
        assertThat(s.recipients().citizenships()).containsExactly(Country.of("KOR"));
        assertThat(s.changes()).singleElement().isInstanceOfSatisfying(Change.Admit.class, a -> {
            assertThat(a.country()).isEqualTo(Country.of("KOR"));
            assertThat(a.projects()).containsExactly("MAS-1", "UNDERSEA-2");
            assertThat(a.areas()).isEmpty();
            assertThat(a.interval()).isEqualTo(Interval.from(EFFECTIVE));
            assertThat(a.organisations()).isEqualTo(Change.Organisations.ALL);
            assertThat(a.source().citation()).contains("proposal P-3");
        });
    }

    @Test
    void admittingKoreaToMas1FlipsTheKoreanEngineersMas1DecisionsFromDenyOnScope() {
        ImpactResult r = ImpactAnalysis.of(WORLD).run(ProposalImpact.scenario(proposal(Action.ADMIT, List.of("MAS-1")), WORLD), EFFECTIVE);
        assertThat(r.asOf()).isEqualTo(EFFECTIVE);
        List<ImpactResult.ChangedRow> flips = new ArrayList<>();
        r.forEachChange(flips::add);
        List<ImpactResult.ChangedRow> engineer = flips.stream().filter(c -> c.recipient().id().equals("p-kor-engineer")).toList();
        assertThat(engineer).as("p-kor-engineer's changed decisions").isNotEmpty();
        assertThat(engineer).allSatisfy(c -> {
            assertThat(c.item().project()).isEqualTo("MAS-1");
            assertThat(c.before().outcome()).isEqualTo(Outcome.DENY);
            assertThat(c.before().blockers()).anySatisfy(b -> {
                assertThat(b.layer()).isEqualTo(Layer.SCOPE);
                assertThat(b.ruleId()).isEqualTo("scope.not-participant");
            });
            assertThat(c.after().blockers()).noneMatch(b -> b.layer() == Layer.SCOPE);
        });
        // nothing outside MAS-1 changes for anyone
        assertThat(flips).allSatisfy(c -> assertThat(c.item().project()).isEqualTo("MAS-1"));
    }

    @Test
    void suspensionsWithdrawalsAndStageStepsAreNotEvaluatedAndSaySo() {
        for (Action a : List.of(Action.SUSPEND, Action.WITHDRAW)) {
            Proposal p = proposal(a, a == Action.SUSPEND ? List.of("MAS-1") : List.of());
            assertThat(ProposalImpact.scenario(p, WORLD)).isNull();
            assertThat(ProposalImpact.notEvaluated(p)).startsWith("Impact is computed for admissions only");
        }
        for (Action a : List.of(Action.CONSENSUS, Action.FORMAL_DISCUSSIONS)) {
            Proposal p = proposal(a, List.of());
            assertThat(ProposalImpact.scenario(p, WORLD)).isNull();
            assertThat(ProposalImpact.notEvaluated(p)).contains("changes no participation");
        }
        assertThat(ProposalImpact.notEvaluated(proposal(Action.ADMIT, List.of("MAS-1")))).isNull();
    }
}
