package dev.pillar.http.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.pillar.app.GovernanceService;
import dev.pillar.app.Refusal;
import dev.pillar.app.WorldService;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Store;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.governance.Choice;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.model.Country;
import dev.pillar.store.JdbcStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The recorded governance acts as the server keeps them: the partnership document cannot be changed so as to rewrite
 * history or orphan a signed vote, and an act altered in the database behind the server's back is found by
 * verification and has no effect.
 */
class GovernanceRecordTest {
    /** The candidate admitted in these tests: CAN, at formal discussions in the built-in world. */
    static final Country KOR = Country.of("CAN");
    @TempDir
    Path dir;
    Store store;
    WorldService worlds;
    GovernanceService governance;
    final MutableClock clock = new MutableClock("2025-02-01T09:00:00Z");
    final Delegates delegates = new Delegates();

    @BeforeEach
    void admitKorea() {
        store = JdbcStore.embedded(dir);
        store.seedOnce(WorldService.builtInDocuments(), WorldService.builtInRules(), "pillar:seed");
        worlds = new WorldService(store, new dev.pillar.app.PillarClock(clock, java.time.ZoneOffset.UTC));
        governance = new GovernanceService(worlds, new dev.pillar.app.PillarClock(clock, java.time.ZoneOffset.UTC));
        delegates.register(governance);
        Governance.Entry e = governance.propose(WorldDocuments.mapper().readTree("""
                {"candidate":"CAN","action":"admit","projects":["MAS-1"],"effective":"2025-03-01","deadline":"2025-02-28T12:00:00Z",
                 "sources":[{"title":"fictional minutes","date":"2025-02-01"}]}"""), "sec");
        for (Country m : Delegates.MEMBERS) {
            clock.advanceSeconds(60);
            governance.vote("P-1", delegates.sign(e, m, Choice.APPROVE, clock.instant()), m, "d");
        }
        assertThat(korInMas1()).isTrue();
    }

    @AfterEach
    void close() {
        store.close();
    }

    boolean korInMas1() {
        return worlds.current().world().project("MAS-1").participation(KOR, java.time.LocalDate.of(2025, 3, 2)) != null;
    }

    ObjectNode partnershipBody() {
        return (ObjectNode) WorldDocuments.mapper().readTree(store.all(Kind.PARTNERSHIP).getFirst().body());
    }

    void put(ObjectNode body) {
        Doc doc = store.all(Kind.PARTNERSHIP).getFirst();
        worlds.update(Kind.PARTNERSHIP, doc.id(), body, doc.version(), Delegates.SECRETARIAT);
    }

    @Test
    void memberKeysAndParticipationChangeOnlyByActsNeverByEditingThePartnership() {
        long revision = store.revision();
        assertThat(worlds.current().world().partnership().memberKeys()).as("enrolled by the ceremony, not in the document").hasSize(3);
        // adding a key by an edit (the attack of an administrator registering keys it made) is refused
        ObjectNode added = partnershipBody();
        var fresh = dev.pillar.crypto.Ed25519Keys.generate();
        ((ArrayNode) added.get("partnership").get("memberKeys")).addObject().put("country", "GBR").put("kid", fresh.kid()).put("x", fresh.x())
                .put("from", "2025-06-01");
        Refusal e = catchThrowableOfType(Refusal.class, () -> put(added));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.field()).isEqualTo("partnership.memberKeys");
        assertThat(e.getMessage()).contains("only by the key ceremony");

        // and so is adding KOR to a project directly
        ObjectNode joined = partnershipBody();
        for (var pr : joined.get("partnership").get("projects")) {
            if (pr.get("id").asString().equals("UNDERSEA-1")) {
                ((ArrayNode) pr.get("participants")).addObject().put("country", "KOR").put("from", "2025-03-01");
            }
        }
        Refusal direct = catchThrowableOfType(Refusal.class, () -> put(joined));
        assertThat(direct.field()).isEqualTo("partnership.projects");
        assertThat(direct.getMessage()).contains("participation changes only by governance acts");
        assertThat(store.revision()).isEqualTo(revision);
        assertThat(korInMas1()).isTrue();
    }

    @Test
    void aCandidatesHistoryIsAppendOnly() {
        ObjectNode body = partnershipBody();
        ObjectNode kor = (ObjectNode) body.get("partnership").get("candidates").get(1);
        assertThat(kor.get("country").asString()).isEqualTo("KOR");
        ((ObjectNode) kor.get("history").get(0)).put("date", "2024-04-11");
        Refusal e = catchThrowableOfType(Refusal.class, () -> put(body));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.getMessage()).contains("append-only");
    }

    @Test
    void anActAlteredInTheDatabaseIsFoundAndHasNoEffect() throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("pillar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (Connection c = DriverManager.getConnection(url, "pillar", ""); Statement s = c.createStatement()) {
            // widen the adopted proposal to another project, keeping the votes
            int n = s.executeUpdate("UPDATE governance_acts SET body = REPLACE(body, '\"projects\":[\"MAS-1\"]', '\"projects\":[\"AI-2\",\"MAS-1\"]') WHERE kind = 'proposal' AND proposal_id = 'P-1'");
            assertThat(n).isEqualTo(1);
        }
        WorldService reopened = new WorldService(store, new dev.pillar.app.PillarClock(clock, java.time.ZoneOffset.UTC));
        assertThat(reopened.current().governance().findings()).isNotEmpty();
        assertThat(reopened.current().governance().findings().getFirst().seq()).as("the proposal, after the 12 acts of the key ceremony").isEqualTo(13);
        assertThat(reopened.current().world().project("MAS-1").participation(KOR, java.time.LocalDate.of(2025, 3, 2))).isNull();
        assertThat(reopened.current().world().project("AI-2").participation(KOR, java.time.LocalDate.of(2025, 3, 2))).isNull();
    }

    @Test
    void anUnreadableActIsAFindingAndTheServerStillStarts() throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("pillar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (Connection c = DriverManager.getConnection(url, "pillar", ""); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE governance_acts SET body = REPLACE(body, '\"recordedAt\":\"', '\"recordedAt\":\"yesterday') WHERE seq = 16"))
                    .isEqualTo(1);
            assertThat(s.executeUpdate("UPDATE governance_acts SET body = 'not json' WHERE seq = 14")).isEqualTo(1);
        }
        WorldService reopened = new WorldService(store, new dev.pillar.app.PillarClock(clock, java.time.ZoneOffset.UTC));
        assertThat(reopened.current().governance().findings()).extracting(f -> f.seq()).as("two votes, after the 12 acts of the key ceremony and the proposal").contains(14L, 16L);
        assertThat(reopened.current().governance().findings().getFirst().problem()).contains("cannot be read");
        assertThat(reopened.current().world().project("MAS-1").participation(KOR, java.time.LocalDate.of(2025, 3, 2))).isNull();
    }
}
