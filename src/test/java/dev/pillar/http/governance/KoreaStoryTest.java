package dev.pillar.http.governance;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.app.GovernanceService;
import dev.pillar.app.WorldService;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.Store;
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.Layer;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.governance.Choice;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.governance.Status;
import dev.pillar.core.model.Country;
import dev.pillar.store.JdbcStore;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seeds' story end to end, on a store: Korea considered (2024-04-10), the core members' consensus, formal
 * discussions, then partner in MAS-1, each step a proposal with every member's signed vote. Decisions for a Korean
 * engineer about a MAS-1 item are checked before and after each step, for days before and after each act's date.
 */
class KoreaStoryTest {
    static final Country KOR = Country.of("KOR");
    static final String ITEM = "MAS-NAV-004"; // a MAS-1 item: unclassified, EAR99, no REL TO
    static final Principal SECRETARIAT = Delegates.SECRETARIAT;

    @TempDir
    Path dir;
    Store store;
    WorldService worlds;
    GovernanceService governance;
    final MutableClock clock = new MutableClock("2024-04-15T09:00:00Z");
    final Delegates delegates = new Delegates();

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    Decision decide(String asOf) {
        JsonNode request = WorldDocuments.mapper().createObjectNode().put("asOf", asOf).put("item", ITEM).put("recipient", "p-kor-engineer");
        return worlds.current().engine().decide(RequestCodec.parse(request, worlds.current().world(), LocalDate.parse(asOf)));
    }

    Reason scope(String asOf) {
        return decide(asOf).reasons(Layer.SCOPE).getFirst();
    }

    Governance.Entry propose(String json) {
        return governance.propose(WorldDocuments.mapper().readTree(json), "sec");
    }

    void allApprove(Governance.Entry e) {
        for (Country m : Delegates.MEMBERS) {
            clock.advanceSeconds(3600);
            governance.vote(e.proposal().id(), delegates.sign(e, m, Choice.APPROVE, clock.instant()), m, "delegate-" + m.code().toLowerCase());
        }
    }

    @Test
    void koreaFromConsideredToPartnerInMas1() {
        store = JdbcStore.embedded(dir);
        store.seedOnce(WorldService.builtInDocuments(), WorldService.builtInRules(), "pillar:seed");
        worlds = new WorldService(store, new dev.pillar.app.PillarClock(clock, java.time.ZoneOffset.UTC));
        governance = new GovernanceService(worlds, new dev.pillar.app.PillarClock(clock, java.time.ZoneOffset.UTC));
        delegates.register(governance);

        // considered, 2024-04-10 (seeded, cited)
        assertThat(scope("2024-04-15").message()).contains("KOR does not take part in MAS-1", "candidate at stage 'considered' since 2024-04-10");
        assertThat(decide("2024-04-15").outcome()).isEqualTo(Outcome.DENY);

        // consensus of the core members, from 2024-05-01
        clock.set("2024-04-20T09:00:00Z");
        Governance.Entry consensus = propose("""
                {"candidate":"KOR","action":"consensus","effective":"2024-05-01","deadline":"2024-04-30T12:00:00Z",
                 "sources":[{"title":"US National Security Council official","citation":"considering additional partners including the ROK","date":"2024-04-10"}],
                 "note":"Korea's government is open to Pillar II participation"}""");
        assertThat(consensus.proposal().id()).isEqualTo("P-1");
        clock.advanceSeconds(3600);
        governance.vote("P-1", delegates.sign(consensus, Country.of("AUS"), Choice.APPROVE, clock.instant()), Country.of("AUS"), "delegate-aus");
        clock.advanceSeconds(3600);
        governance.vote("P-1", delegates.sign(consensus, Country.of("GBR"), Choice.APPROVE, clock.instant()), Country.of("GBR"), "delegate-gbr");
        assertThat(scope("2024-05-02").message()).as("two approvals of three change nothing").contains("stage 'considered'");
        clock.advanceSeconds(3600);
        governance.vote("P-1", delegates.sign(consensus, Country.of("USA"), Choice.APPROVE, clock.instant()), Country.of("USA"), "delegate-usa");
        assertThat(governance.governance().entry("P-1").status(clock.instant())).isEqualTo(Status.ADOPTED);
        assertThat(scope("2024-05-02").message()).contains("stage 'consensus' since 2024-05-01");
        assertThat(scope("2024-04-30").message()).as("the day before keeps the old answer").contains("stage 'considered' since 2024-04-10");

        // formal discussions, from 2024-06-01
        clock.set("2024-05-10T09:00:00Z");
        Governance.Entry talks = propose("""
                {"candidate":"KOR","action":"formal-discussions","effective":"2024-06-01","deadline":"2024-05-31T12:00:00Z",
                 "sources":[{"title":"AUS-KOR 2+2, Melbourne","citation":"Korea welcomes being considered as a Pillar II partner","date":"2024-05-01"}]}""");
        allApprove(talks);
        assertThat(scope("2024-06-02").message()).contains("stage 'formal-discussions' since 2024-06-01");
        assertThat(scope("2024-05-31").message()).contains("stage 'consensus' since 2024-05-01");

        // partner in MAS-1, from 2025-03-01
        clock.set("2025-02-01T09:00:00Z");
        Governance.Entry admit = propose("""
                {"candidate":"KOR","action":"admit","projects":["MAS-1"],"effective":"2025-03-01","deadline":"2025-02-28T12:00:00Z",
                 "sources":[{"title":"Core members' decision on Korea and maritime autonomous systems (fictional minutes)","date":"2025-02-01"}]}""");
        Reason before = scope("2025-03-02");
        assertThat(before.ruleId()).isEqualTo("scope.not-participant");
        assertThat(before.message()).contains("KOR does not take part in MAS-1");
        allApprove(admit);
        Reason country = scope("2025-03-02");
        assertThat(country.ruleId()).isEqualTo("scope.not-participant");
        assertThat(country.message()).as("KOR takes part now; only the firm is not yet declared on the project")
                .doesNotContain("KOR does not take part").contains("KR-HANBIT-DEFENCE is not a participant organisation of MAS-1");
        assertThat(country.toPermit()).containsExactly("nominate organisation KR-HANBIT-DEFENCE to project MAS-1");
        assertThat(scope("2025-02-28").message()).as("before the admission: the old answer").contains("KOR does not take part in MAS-1",
                "stage 'formal-discussions'");

        // the secretariat declares the Korean firm on MAS-1 from the same day
        // (editing the firm's document instead is refused: a partner's organisation joins a project only by a nomination)
        Doc firm = store.get(Kind.ORGANISATION, "KR-HANBIT-DEFENCE").orElseThrow();
        ObjectNode body = (ObjectNode) WorldDocuments.mapper().readTree(firm.body());
        body.putArray("projects").addObject().put("project", "MAS-1").put("from", "2025-03-01");
        dev.pillar.app.Refusal edit = org.assertj.core.api.Assertions.catchThrowableOfType(dev.pillar.app.Refusal.class,
                () -> worlds.update(Kind.ORGANISATION, firm.id(), body, firm.version(), new Principal("sec", Role.SECRETARIAT, null, null)));
        assertThat(edit.getMessage()).contains("only by the secretariat's nomination");
        governance.nominate(WorldDocuments.mapper().readTree("""
                {"organisation":"KR-HANBIT-DEFENCE","project":"MAS-1","from":"2025-03-01",
                 "sources":[{"title":"Secretariat minutes (fictional)","date":"2025-02-27"}]}"""), "sec");

        Reason partner = scope("2025-03-02");
        assertThat(partner.outcome()).isEqualTo(Outcome.PERMIT);
        assertThat(partner.ruleId()).isEqualTo("scope.participant");
        assertThat(partner.citation()).contains("governance act P-3", "AUS, GBR, USA");
        assertThat(decide("2025-03-02").outcome()).isEqualTo(Outcome.PERMIT);
        assertThat(decide("2025-02-28").outcome()).isEqualTo(Outcome.DENY);
        assertThat(worlds.current().world().partnership().candidate(KOR).stageOn(LocalDate.of(2025, 3, 1)).stage()).isEqualTo("partner");

        // the record verifies, and a restarted server decides the same
        assertThat(worlds.current().governance().findings()).isEmpty();
        assertThat(worlds.current().governance().stored()).as("the key ceremony, three proposals with their votes and outcomes, the nomination").hasSize(12 + 3 * 5 + 1);
        WorldService restarted = new WorldService(store, new dev.pillar.app.PillarClock(clock, java.time.ZoneOffset.UTC));
        assertThat(restarted.current().world().partnership()).isEqualTo(worlds.current().world().partnership());
        assertThat(restarted.current().governance().findings()).isEmpty();
    }
}
