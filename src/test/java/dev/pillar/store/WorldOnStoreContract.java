package dev.pillar.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.pillar.app.WorldService;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoreException;
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The built-in world seeded into a store and compiled by a {@link WorldService} is the world {@code WorldLoader}
 * loads from the files, and decides the golden requests the same way. Run on every store by {@link StoreContractTest}.
 */
interface WorldOnStoreContract {
    ObjectMapper JSON = JsonMapper.builder().build();
    LocalDate TODAY = LocalDate.of(2025, 1, 1);
    Principal OFFICER = new Principal("officer", Role.COMPLIANCE_OFFICER, null, null);

    /** The store of the current test, new and empty. */
    Store store();

    /** Another store over the same data. */
    Store reopen();

    private WorldService seeded() {
        assertThat(store().seedOnce(WorldService.builtInDocuments(), WorldService.builtInRules(), "pillar:seed")).isTrue();
        return new WorldService(store(), dev.pillar.app.PillarClock.systemUtc());
    }

    private static <T> Map<String, T> byId(Collection<T> values, Function<T, String> id) {
        Map<String, T> out = new TreeMap<>();
        values.forEach(v -> assertThat(out.put(id.apply(v), v)).as("duplicate " + id.apply(v)).isNull());
        return out;
    }

    private static void assertSameWorld(World actual, World expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.partnership()).isEqualTo(expected.partnership());
        assertThat(actual.coalitions()).isEqualTo(expected.coalitions());
        assertThat(byId(actual.organisations(), Organisation::id)).isEqualTo(byId(expected.organisations(), Organisation::id));
        assertThat(byId(actual.people(), Person::id)).isEqualTo(byId(expected.people(), Person::id));
        assertThat(byId(actual.items(), Item::id)).isEqualTo(byId(expected.items(), Item::id));
        assertThat(byId(actual.licences(), Licence::number)).isEqualTo(byId(expected.licences(), Licence::number));
    }

    /** The golden requests that decide (not the bad-input ones): file name, request and expected outcome. */
    private static List<JsonNode> goldenRequests() {
        try {
            Path dir = Path.of(WorldOnStoreContract.class.getResource("/golden").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                List<JsonNode> out = files.filter(p -> p.toString().endsWith(".json")).sorted()
                        .map(p -> (JsonNode) JSON.readTree(p.toFile()))
                        .filter(g -> !g.get("expect").has("exitCode")).toList();
                assertThat(out).hasSizeGreaterThanOrEqualTo(10);
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The v1 response without what differs between two runs (decision id, world version). */
    private static ObjectNode comparable(Decision d) {
        ObjectNode n = RequestCodec.toJson(d);
        n.remove("decisionId");
        n.remove("worldVersion");
        return n;
    }

    private static Decision decide(DecisionEngine engine, JsonNode request) {
        return engine.decide(RequestCodec.parse(request, engine.world(), TODAY));
    }

    @Test
    default void theBuiltInWorldCompiledFromTheStoreIsTheLoadedWorld() {
        WorldService worlds = seeded();
        WorldService.Snapshot snap = worlds.current();
        World reference = WorldLoader.load("aukus");

        assertSameWorld(snap.world(), reference);
        assertThat(snap.revision()).isEqualTo(store().revision());
        assertThat(snap.world().version()).isEqualTo(reference.id() + "@r" + store().revision());
        assertThat(snap.world().items()).isNotEmpty();
        assertThat(snap.world().people()).isNotEmpty();
        assertThat(snap.world().licences()).isNotEmpty();
        assertThat(store().all(Kind.ITEM)).hasSize(reference.items().size());
        assertThat(store().all(Kind.PERSON)).hasSize(reference.people().size());
        assertThat(store().all(Kind.ORGANISATION)).hasSize(reference.organisations().size());
        assertThat(store().all(Kind.LICENCE)).hasSize(reference.licences().size());

        // a restarted server compiles the same world
        WorldService restarted = new WorldService(reopen(), dev.pillar.app.PillarClock.systemUtc());
        assertSameWorld(restarted.current().world(), reference);
        assertThat(restarted.current().world().version()).isEqualTo(snap.world().version());
    }

    @Test
    default void goldenRequestsDecideAsOnTheLoadedWorld() {
        DecisionEngine fromStore = seeded().current().engine();
        DecisionEngine fromFiles = DecisionEngine.standard(WorldLoader.load("aukus"));

        for (JsonNode golden : goldenRequests()) {
            String name = golden.get("case").asString();
            JsonNode request = golden.get("request");
            Decision a = decide(fromStore, request);
            Decision b = decide(fromFiles, request);
            assertThat(a.outcome().name()).as(name).isEqualTo(golden.get("expect").get("outcome").asString());
            assertThat(comparable(a)).as(name).isEqualTo(comparable(b));
            assertThat(a.worldVersion()).isEqualTo(fromStore.world().version());
        }
    }

    @Test
    default void aChangeThroughTheWorldServiceIsStoredAndDecidesAtOnce() {
        WorldService worlds = seeded();
        JsonNode request = JSON.readTree("{\"asOf\":\"2024-10-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\"}");
        Decision before = decide(worlds.current().engine(), request);
        assertThat(before.outcome().name()).isEqualTo("PERMIT");

        Doc stored = store().get(Kind.ITEM, "A-UNDERSEA-001").orElseThrow();
        ObjectNode body = (ObjectNode) JSON.readTree(stored.body());
        body.put("noforn", true);
        body.remove("releasableTo");
        Doc updated = worlds.update(Kind.ITEM, "A-UNDERSEA-001", body, stored.version(), OFFICER);
        assertThat(updated.version()).isEqualTo(stored.version() + 1);

        Decision after = decide(worlds.current().engine(), request);
        assertThat(after.outcome().name()).isEqualTo("DENY");
        assertThat(after.worldVersion()).isEqualTo("aukus@r" + store().revision()).isNotEqualTo(before.worldVersion());

        // a stale change is refused and the world stays as it was
        ObjectNode lost = body.deepCopy();
        lost.put("noforn", false);
        StoreException e = catchThrowableOfType(StoreException.class,
                () -> worlds.update(Kind.ITEM, "A-UNDERSEA-001", lost, stored.version(), OFFICER));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(StoreException.Reason.STALE);
        assertThat(decide(worlds.current().engine(), request).outcome().name()).isEqualTo("DENY");

        // a restarted server decides on the changed world
        WorldService restarted = new WorldService(reopen(), dev.pillar.app.PillarClock.systemUtc());
        assertThat(restarted.current().world().item("A-UNDERSEA-001").releasability().noforn()).isTrue();
        Decision again = decide(restarted.current().engine(), request);
        assertThat(again.outcome().name()).isEqualTo("DENY");
        assertThat(again.worldVersion()).isEqualTo(after.worldVersion());
    }
}
