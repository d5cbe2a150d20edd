package dev.pillar.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.AuditStorage;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.DocFields;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Page;
import dev.pillar.app.port.Query;
import dev.pillar.app.port.RuleVersion;
import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoreException.Reason;
import dev.pillar.app.port.StoreException;
import dev.pillar.app.port.StoredAct;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.app.port.StoredUser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The behaviour every {@link Store} must have, run against the embedded H2 file store ({@link H2StoreTest}) and a real
 * PostgreSQL ({@link PostgresStoreTest}). Each test gets a new, empty store; {@link #reopen()} opens another store over
 * the same data, as a restarted server would. {@link WorldOnStoreContract} adds the built-in world compiled from the
 * store.
 */
abstract class StoreContractTest implements WorldOnStoreContract {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String ACTOR = "tester";

    /** The store under test, new and empty for each test. */
    protected Store store;
    private final List<Store> opened = new ArrayList<>();

    /** A new, empty store for one test (migrated, not seeded). */
    protected abstract Store openFresh();

    /** Another store over the data of the store {@link #openFresh()} opened last. */
    protected abstract Store openSame();

    @BeforeEach
    void openStore() {
        store = track(openFresh());
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    @Override
    public Store reopen() {
        return track(openSame());
    }

    private Store track(Store s) {
        opened.add(s);
        return s;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    static String body(String id, String extra) {
        return "{\"id\":\"" + id + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    Doc item(String id, String area, String project, String classification, String control, String country) {
        return store.create(Kind.ITEM, id, body(id, "\"title\":\"t " + id + "\""),
                new DocFields(area, project, classification, control, country), ACTOR);
    }

    static Query q(String area, String project, String classification, String control, String country, Set<String> projects) {
        return new Query(area, project, classification, control, country, projects, 0, Query.MAX_LIMIT);
    }

    List<String> ids(Kind kind, Query query) {
        return store.list(kind, query).items().stream().map(Doc::id).toList();
    }

    static StoreException storeError(Reason reason, Runnable r) {
        StoreException e = catchThrowableOfType(StoreException.class, r::run);
        assertThat(e).as("expected StoreException " + reason).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        return e;
    }

    static <T> List<T> runConcurrently(int threads, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<T> c = task.apply(t);
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- documents ---------------------------------------------------------------------------------------------------

    @Test
    void aNewStoreIsEmptyAtRevisionZero() {
        for (Kind k : Kind.values()) {
            assertThat(store.all(k)).as(k.key()).isEmpty();
            assertThat(store.list(k, Query.all(0, 10)).total()).isZero();
        }
        assertThat(store.revision()).isZero();
        assertThat(store.ruleVersions()).isEmpty();
        assertThat(store.latestRules()).isEmpty();
        assertThat(store.users()).isEmpty();
        assertThat(store.healthy()).isTrue();
    }

    @Test
    void createThenGet() {
        Instant before = Instant.now().minusSeconds(5);
        Doc d = store.create(Kind.ITEM, "A-1", body("A-1", "\"title\":\"Ünïcødé — ok\""),
                new DocFields("MAS", "MAS-1", "USA:SECRET", "ITAR:XI(d)", "USA"), "alice");

        assertThat(d.kind()).isEqualTo(Kind.ITEM);
        assertThat(d.id()).isEqualTo("A-1");
        assertThat(d.version()).isEqualTo(1);
        assertThat(d.etag()).isEqualTo("\"1\"");
        assertThat(d.body()).isEqualTo(body("A-1", "\"title\":\"Ünïcødé — ok\""));
        assertThat(d.updatedBy()).isEqualTo("alice");
        assertThat(d.updatedAt()).isBetween(before, Instant.now().plusSeconds(5));
        assertThat(store.get(Kind.ITEM, "A-1")).contains(d);
        assertThat(store.all(Kind.ITEM)).containsExactly(d);
        assertThat(store.revision()).isEqualTo(1);

        assertThat(store.get(Kind.ITEM, "A-2")).isEmpty();
        assertThat(store.get(Kind.PERSON, "A-1")).as("kinds are separate").isEmpty();
    }

    @Test
    void theSameIdMayBeUsedByDifferentKinds() {
        store.create(Kind.ITEM, "X", body("X", ""), DocFields.NONE, ACTOR);
        Doc person = store.create(Kind.PERSON, "X", body("X", "\"name\":\"p\""), new DocFields(null, null, null, null, "GBR"), ACTOR);
        assertThat(store.get(Kind.PERSON, "X")).contains(person);
        assertThat(store.get(Kind.ITEM, "X").orElseThrow().body()).isEqualTo(body("X", ""));
    }

    @Test
    void createOfAnExistingIdIsAConflictAndChangesNothing() {
        Doc first = store.create(Kind.ORGANISATION, "o-1", body("o-1", "\"n\":1"), new DocFields(null, null, null, null, "AUS"), ACTOR);
        long revision = store.revision();

        StoreException e = storeError(Reason.CONFLICT,
                () -> store.create(Kind.ORGANISATION, "o-1", body("o-1", "\"n\":2"), DocFields.NONE, "mallory"));
        assertThat(e.getMessage()).contains("o-1");
        assertThat(store.get(Kind.ORGANISATION, "o-1")).contains(first);
        assertThat(store.revision()).isEqualTo(revision);
    }

    @Test
    @Timeout(120)
    void concurrentCreatesOfOneIdLetExactlyOneWin() throws Exception {
        int threads = 8;
        List<String> results = runConcurrently(threads, t -> () -> {
            try {
                store.create(Kind.ITEM, "RACE", body("RACE", "\"by\":" + t), DocFields.NONE, "t" + t);
                return "created";
            } catch (StoreException e) {
                return e.reason().name();
            }
        });
        assertThat(results).filteredOn("created"::equals).hasSize(1);
        assertThat(results).filteredOn("CONFLICT"::equals).hasSize(threads - 1);
        assertThat(store.all(Kind.ITEM)).hasSize(1);
        assertThat(store.revision()).isEqualTo(1);
    }

    @Test
    void listFiltersByAreaProjectClassificationAndCountry() {
        item("I-1", "MAS", "MAS-1", "USA:SECRET", "ITAR:XI(d)", "USA");
        item("I-2", "UNDERSEA", "UNDERSEA-1", "USA:SECRET", "ITAR:XI", "USA");
        item("I-3", "UNDERSEA", "UNDERSEA-1", "GBR:SECRET", "ITAR:XII(d)", "GBR");
        item("I-4", "HYPERSONICS", null, "AUS:PROTECTED", "EAR:3E001", "AUS");
        item("I-5", "MAS", "MAS-2", "USA:CONFIDENTIAL", "ITAR:XI(a)(1)", "USA");
        store.create(Kind.PERSON, "P-1", body("P-1", ""), new DocFields(null, null, null, null, "USA"), ACTOR);

        assertThat(ids(Kind.ITEM, q("MAS", null, null, null, null, null))).containsExactly("I-1", "I-5");
        assertThat(ids(Kind.ITEM, q("UNDERSEA", null, null, null, null, null))).containsExactly("I-2", "I-3");
        assertThat(ids(Kind.ITEM, q(null, "UNDERSEA-1", null, null, null, null))).containsExactly("I-2", "I-3");
        assertThat(ids(Kind.ITEM, q(null, null, "USA:SECRET", null, null, null))).containsExactly("I-1", "I-2");
        assertThat(ids(Kind.ITEM, q(null, null, null, null, "USA", null))).containsExactly("I-1", "I-2", "I-5");
        assertThat(ids(Kind.ITEM, q("UNDERSEA", null, "USA:SECRET", null, null, null))).containsExactly("I-2");
        assertThat(ids(Kind.ITEM, q("MAS", "MAS-2", "USA:CONFIDENTIAL", "ITAR:XI", "USA", Set.of("MAS-2")))).containsExactly("I-5");
        assertThat(ids(Kind.ITEM, q("NOPE", null, null, null, null, null))).isEmpty();
        assertThat(ids(Kind.ITEM, q(null, null, "usa:secret", null, null, null))).as("values match exactly").isEmpty();
        assertThat(ids(Kind.PERSON, q(null, null, null, null, "USA", null))).as("kinds are separate").containsExactly("P-1");
        assertThat(store.list(Kind.ITEM, q("MAS", null, null, null, null, null)).total()).isEqualTo(2);
    }

    @Test
    void listByControlMatchesTheEntryAndItsSubParagraphs() {
        item("I-1", null, null, null, "ITAR:XI(d)", null);
        item("I-2", null, null, null, "ITAR:XI", null);
        item("I-3", null, null, null, "ITAR:XII(d)", null);
        item("I-4", null, null, null, "ITAR:XIX", null);
        item("I-5", null, null, null, "ITAR:XI(a)(1)", null);
        item("I-6", null, null, null, "EAR:3E001", null);
        item("I-7", null, null, null, null, null);

        assertThat(ids(Kind.ITEM, q(null, null, null, "ITAR:XI", null, null))).containsExactly("I-1", "I-2", "I-5");
        assertThat(ids(Kind.ITEM, q(null, null, null, "ITAR:XI(d)", null, null))).containsExactly("I-1");
        assertThat(ids(Kind.ITEM, q(null, null, null, "ITAR:XI(a)", null, null))).containsExactly("I-5");
        assertThat(ids(Kind.ITEM, q(null, null, null, "ITAR:XII", null, null))).containsExactly("I-3");
        assertThat(ids(Kind.ITEM, q(null, null, null, "EAR:3E001", null, null))).containsExactly("I-6");
        assertThat(ids(Kind.ITEM, q(null, null, null, "EAR:3E", null, null))).as("no prefix match without a paragraph").isEmpty();
        assertThat(ids(Kind.ITEM, q(null, null, null, "ITAR:X", null, null))).isEmpty();
        // LIKE wildcards in the filter are literal characters
        assertThat(ids(Kind.ITEM, q(null, null, null, "ITAR:X_", null, null))).isEmpty();
        assertThat(ids(Kind.ITEM, q(null, null, null, "ITAR:%", null, null))).isEmpty();
        assertThat(ids(Kind.ITEM, q(null, null, null, "%", null, null))).isEmpty();
    }

    @Test
    void listRestrictedToVisibleProjects() {
        item("I-1", "MAS", "MAS-1", null, null, null);
        item("I-2", "UNDERSEA", "UNDERSEA-1", null, null, null);
        item("I-3", "UNDERSEA", "UNDERSEA-1", null, null, null);
        item("I-4", "HYPERSONICS", null, null, null, null);
        item("I-5", "MAS", "MAS-2", null, null, null);

        assertThat(ids(Kind.ITEM, q(null, null, null, null, null, Set.of("MAS-1", "UNDERSEA-1")))).containsExactly("I-1", "I-2", "I-3");
        assertThat(ids(Kind.ITEM, q(null, null, null, null, null, Set.of("MAS-2")))).containsExactly("I-5");
        assertThat(ids(Kind.ITEM, q("MAS", null, null, null, null, Set.of("MAS-1", "UNDERSEA-1")))).containsExactly("I-1");
        assertThat(ids(Kind.ITEM, q(null, "MAS-2", null, null, null, Set.of("MAS-1")))).as("a filter cannot widen the view").isEmpty();
        assertThat(ids(Kind.ITEM, q(null, null, null, null, null, Set.of("NONE")))).isEmpty();

        Page<Doc> none = store.list(Kind.ITEM, q(null, null, null, null, null, Set.of()));
        assertThat(none.items()).as("no visible project: nothing, not everything").isEmpty();
        assertThat(none.total()).isZero();
        assertThat(ids(Kind.ITEM, q(null, null, null, null, null, null))).as("null: no restriction").hasSize(5);
    }

    @Test
    void paging() {
        for (int i = 0; i < 25; i++) {
            item(String.format("P-%02d", i), i % 2 == 0 ? "EVEN" : "ODD", null, null, null, null);
        }
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 25; offset += 10) {
            Page<Doc> p = store.list(Kind.ITEM, Query.all(offset, 10));
            assertThat(p.total()).isEqualTo(25);
            assertThat(p.offset()).isEqualTo(offset);
            assertThat(p.limit()).isEqualTo(10);
            assertThat(p.items()).hasSize(offset == 20 ? 5 : 10);
            p.items().forEach(d -> seen.add(d.id()));
        }
        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> String.format("P-%02d", i)).toList());

        Page<Doc> beyond = store.list(Kind.ITEM, Query.all(100, 10));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(25);

        Page<Doc> even = store.list(Kind.ITEM, new Query("EVEN", null, null, null, null, null, 5, 3));
        assertThat(even.total()).isEqualTo(13);
        assertThat(even.items()).extracting(Doc::id).containsExactly("P-10", "P-12", "P-14");

        assertThat(store.list(Kind.ITEM, Query.all(24, 1)).items()).extracting(Doc::id).containsExactly("P-24");
        assertThatThrownBy(() -> Query.all(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Query.all(0, Query.MAX_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Query.all(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updateWithTheCurrentVersion() {
        Doc v1 = item("I-1", "MAS", "MAS-1", "USA:SECRET", "ITAR:XI(d)", "USA");
        long revision = store.revision();

        Doc v2 = store.update(Kind.ITEM, "I-1", body("I-1", "\"title\":\"new\""),
                new DocFields("UNDERSEA", "UNDERSEA-1", "GBR:SECRET", "EAR:3E001", "GBR"), 1, "bob");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.etag()).isEqualTo("\"2\"");
        assertThat(v2.body()).isEqualTo(body("I-1", "\"title\":\"new\""));
        assertThat(v2.updatedBy()).isEqualTo("bob");
        assertThat(v2.updatedAt()).isAfterOrEqualTo(v1.updatedAt());
        assertThat(store.get(Kind.ITEM, "I-1")).contains(v2);
        assertThat(store.revision()).isEqualTo(revision + 1);

        // the search columns follow the update
        assertThat(ids(Kind.ITEM, q("MAS", null, null, null, null, null))).isEmpty();
        assertThat(ids(Kind.ITEM, q(null, null, null, "ITAR:XI", null, null))).isEmpty();
        assertThat(ids(Kind.ITEM, q("UNDERSEA", "UNDERSEA-1", "GBR:SECRET", "EAR:3E001", "GBR", null))).containsExactly("I-1");

        Doc v3 = store.update(Kind.ITEM, "I-1", body("I-1", ""), DocFields.NONE, 2, ACTOR);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(store.revision()).isEqualTo(revision + 2);
        assertThat(ids(Kind.ITEM, q("UNDERSEA", null, null, null, null, null))).isEmpty();
    }

    @Test
    void aStaleUpdateOrDeleteIsRefusedAndChangesNothing() {
        item("I-1", "MAS", "MAS-1", null, null, null);
        Doc v2 = store.update(Kind.ITEM, "I-1", body("I-1", "\"v\":2"), new DocFields("MAS", "MAS-1", null, null, null), 1, ACTOR);
        long revision = store.revision();

        StoreException e = storeError(Reason.STALE,
                () -> store.update(Kind.ITEM, "I-1", body("I-1", "\"v\":\"lost\""), new DocFields("X", "X", null, null, null), 1, "late"));
        assertThat(e.getMessage()).contains("I-1");
        storeError(Reason.STALE, () -> store.update(Kind.ITEM, "I-1", body("I-1", ""), DocFields.NONE, 3, "future"));
        storeError(Reason.STALE, () -> store.delete(Kind.ITEM, "I-1", 1, "late"));
        storeError(Reason.STALE, () -> store.delete(Kind.ITEM, "I-1", 7, "late"));

        assertThat(store.get(Kind.ITEM, "I-1")).contains(v2);
        assertThat(ids(Kind.ITEM, q("MAS", "MAS-1", null, null, null, null))).containsExactly("I-1");
        assertThat(store.revision()).isEqualTo(revision);
    }

    @Test
    void updateOrDeleteOfAMissingDocumentIsNotFound() {
        item("I-1", null, null, null, null, null);
        long revision = store.revision();
        storeError(Reason.NOT_FOUND, () -> store.update(Kind.ITEM, "I-404", body("I-404", ""), DocFields.NONE, 1, ACTOR));
        storeError(Reason.NOT_FOUND, () -> store.delete(Kind.ITEM, "I-404", 1, ACTOR));
        storeError(Reason.NOT_FOUND, () -> store.update(Kind.PERSON, "I-1", body("I-1", ""), DocFields.NONE, 1, ACTOR));
        assertThat(store.get(Kind.ITEM, "I-404")).isEmpty();
        assertThat(store.get(Kind.PERSON, "I-1")).isEmpty();
        assertThat(store.revision()).isEqualTo(revision);
    }

    @Test
    void deleteWithTheCurrentVersion() {
        item("I-1", "MAS", null, null, null, null);
        item("I-2", "MAS", null, null, null, null);
        long revision = store.revision();

        store.delete(Kind.ITEM, "I-1", 1, ACTOR);
        assertThat(store.get(Kind.ITEM, "I-1")).isEmpty();
        assertThat(ids(Kind.ITEM, q("MAS", null, null, null, null, null))).containsExactly("I-2");
        assertThat(store.revision()).isEqualTo(revision + 1);
        storeError(Reason.NOT_FOUND, () -> store.delete(Kind.ITEM, "I-1", 1, ACTOR));

        Doc again = item("I-1", null, null, null, null, null);
        assertThat(again.version()).as("a re-created document starts again at version 1").isEqualTo(1);
    }

    @Test
    @Timeout(180)
    void concurrentReadModifyWriteLosesNoUpdate() throws Exception {
        int threads = 8;
        int perThread = 50;
        store.create(Kind.ITEM, "COUNTER", body("COUNTER", "\"counter\":0"), DocFields.NONE, ACTOR);
        long revision = store.revision();
        AtomicInteger successes = new AtomicInteger();
        AtomicInteger stale = new AtomicInteger();

        runConcurrently(threads, t -> () -> {
            for (int i = 0; i < perThread; i++) {
                while (true) {
                    Doc d = store.get(Kind.ITEM, "COUNTER").orElseThrow();
                    int n = JSON.readTree(d.body()).get("counter").asInt();
                    try {
                        store.update(Kind.ITEM, "COUNTER", body("COUNTER", "\"counter\":" + (n + 1)), DocFields.NONE, d.version(), "t" + t);
                        successes.incrementAndGet();
                        break;
                    } catch (StoreException e) {
                        assertThat(e.reason()).isEqualTo(Reason.STALE);
                        stale.incrementAndGet();
                    }
                }
            }
            return null;
        });

        System.out.printf("%s: %d increments, %d stale retries%n", getClass().getSimpleName(), successes.get(), stale.get());
        Doc last = store.get(Kind.ITEM, "COUNTER").orElseThrow();
        int counter = JSON.readTree(last.body()).get("counter").asInt();
        assertThat(successes.get()).isEqualTo(threads * perThread);
        assertThat(counter).as("increments (stale retries: " + stale.get() + ")").isEqualTo(successes.get());
        assertThat(last.version()).isEqualTo(1 + threads * perThread);
        assertThat(store.revision()).isEqualTo(revision + threads * perThread);
    }

    // ---- rules -------------------------------------------------------------------------------------------------------

    @Test
    void ruleVersions() {
        long revision = store.revision();
        RuleVersion v1 = store.addRuleVersion("{\"rules\":1}", "first", "officer");
        RuleVersion v2 = store.addRuleVersion("{\"rules\":2}", "second: ETL update", "officer2");

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.body()).isEqualTo("{\"rules\":1}");
        assertThat(v1.note()).isEqualTo("first");
        assertThat(v1.createdBy()).isEqualTo("officer");
        assertThat(v1.createdAt()).isNotNull();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(store.revision()).isEqualTo(revision + 2);

        assertThat(store.ruleVersions()).containsExactly(v1, v2);
        assertThat(store.latestRules()).contains(v2);
        assertThat(store.ruleVersion(1)).contains(v1);
        assertThat(store.ruleVersion(2)).contains(v2);
        assertThat(store.ruleVersion(3)).isEmpty();
        assertThat(store.ruleVersion(0)).isEmpty();
    }

    @Test
    @Timeout(120)
    void concurrentRuleVersionsGetDistinctNumbers() throws Exception {
        int threads = 8;
        int perThread = 5;
        runConcurrently(threads, t -> () -> {
            for (int i = 0; i < perThread; i++) {
                store.addRuleVersion("{\"t\":" + t + ",\"i\":" + i + "}", "t" + t, "t" + t);
            }
            return null;
        });
        List<RuleVersion> all = store.ruleVersions();
        assertThat(all).extracting(RuleVersion::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, threads * perThread).mapToObj(i -> (long) i).toList());
        assertThat(store.latestRules().orElseThrow().version()).isEqualTo(threads * perThread);
        assertThat(store.revision()).isEqualTo(threads * perThread);
    }

    // ---- decisions ---------------------------------------------------------------------------------------------------

    /** A UUIDv7 decision id for the time {@code at}, with {@code i} as its random part (as the engine makes them). */
    static String v7(Instant at, long i) {
        return new java.util.UUID((at.toEpochMilli() << 16) | 0x7000L | (i & 0xFFF), 0x8000000000000000L | (i & 0x3FFFFFFFFFFFFFFFL)).toString();
    }

    static StoredDecision decision(int i, Instant at) {
        boolean inline = i % 7 == 0;
        return new StoredDecision(v7(at, i), at, "engineer-" + (i % 3), i % 2 == 0 ? "PERMIT" : "DENY",
                "aukus@r" + (i % 5), LocalDate.of(2024, 1, 1).plusDays(i % 400), inline ? null : "ITEM-" + (i % 100),
                inline ? null : "org-" + (i % 10), inline ? null : "MAS-1", "{\"request\":" + i + "}", "{\"response\":" + i + ",\"x\":\"é\"}",
                i % 3 == 0 ? List.of() : List.of("22 CFR 126.7(b)(" + i + ")", "basis \"" + i + "\" é"));
    }

    @Test
    @Timeout(120)
    void saveABatchOfTenThousandDecisionsAndGetThem() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<StoredDecision> batch = IntStream.range(0, 10_000).mapToObj(i -> decision(i, at)).toList();
        long revision = store.revision();

        long t0 = System.nanoTime();
        store.saveDecisions(batch);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("%s: saved 10,000 decisions in %d ms%n", getClass().getSimpleName(), took.toMillis());

        for (int i : new int[] {0, 1, 7, 4_999, 9_999}) {
            assertThat(store.decision(batch.get(i).id())).contains(batch.get(i));
        }
        assertThat(store.decision("d-missing")).isEmpty();
        assertThat(store.revision()).as("decisions are not world changes").isEqualTo(revision);
        store.saveDecisions(List.of()); // no-op
    }

    @Test
    void aDecisionBatchWithABadRecordSavesNothing() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        StoredDecision bad = new StoredDecision("d-1", at, "a", "PERMIT", "w@r1", LocalDate.of(2024, 1, 1), null, null, null, "{}", "{}", List.of());
        List<StoredDecision> batch = List.of(decision(2, at), decision(3, at), bad);
        assertThatThrownBy(() -> store.saveDecisions(batch)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UUIDv7");
        StoredDecision incomplete = new StoredDecision(v7(at, 4), at, "a", "PERMIT", "w@r1", null, null, null, null, "{}", "{}", List.of());
        assertThatThrownBy(() -> store.saveDecisions(List.of(decision(2, at), incomplete))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.decision(decision(2, at).id())).isEmpty();
        assertThat(store.decision(decision(3, at).id())).isEmpty();
        assertThat(store.decision("d-1")).as("ids that are not UUIDs are not found, not an error").isEmpty();
    }

    @Test
    void decisionsFarApartInTimeAreAllFoundAfterOneSave() {
        Instant t0 = Instant.parse("2025-06-01T00:00:00Z");
        List<StoredDecision> ds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ds.add(decision(i, t0.plusMillis(i * 777L))); // spans 38 s: several chunks
        }
        java.util.Collections.shuffle(ds, new java.util.Random(7));
        store.saveDecisions(ds);
        for (StoredDecision d : ds) {
            assertThat(store.decision(d.id())).contains(d);
        }
        assertThat(store.decision(v7(t0.plusMillis(777), 9999))).as("same time, other id").isEmpty();
    }

    @Test
    void decisionsForAnItemNewestFirst() {
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        List<StoredDecision> ds = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            StoredDecision d = decision(i * 100, t0.plusSeconds(i)); // items ITEM-0: i * 100 % 100 == 0
            ds.add(d);
        }
        ds.add(decision(1, t0.plusSeconds(99))); // another item
        store.saveDecisions(ds);

        assertThat(store.decisionsForItem("ITEM-0", 3)).extracting(StoredDecision::id)
                .containsExactly(ds.get(4).id(), ds.get(3).id(), ds.get(2).id());
        assertThat(store.decisionsForItem("ITEM-0", 10)).hasSize(5).first().isEqualTo(ds.get(4));
        assertThat(store.decisionsForItem("ITEM-404", 10)).isEmpty();
    }

    // ---- users -------------------------------------------------------------------------------------------------------

    static StoredUser user(String name, String role, String country, String organisation) {
        return new StoredUser(name, "hash-of-" + name, role, country, organisation, false, 0, null);
    }

    @Test
    void usersCreateGetAndList() {
        long revision = store.revision();
        StoredUser bob = store.createUser(user("bob", "ENGINEER", null, "org-gbr"));
        StoredUser alice = store.createUser(user("alice", "DELEGATE", "AUS", null));

        assertThat(bob.version()).isEqualTo(1);
        assertThat(bob.createdAt()).isNotNull();
        assertThat(bob.passwordHash()).isEqualTo("hash-of-bob");
        assertThat(store.user("bob")).contains(bob);
        assertThat(store.user("alice")).contains(alice);
        assertThat(store.user("carol")).isEmpty();
        assertThat(store.users()).containsExactly(alice, bob);
        assertThat(store.revision()).as("users are not world changes").isEqualTo(revision);
    }

    @Test
    void createOfAnExistingUserIsAConflict() {
        StoredUser bob = store.createUser(user("bob", "ENGINEER", null, "org-gbr"));
        storeError(Reason.CONFLICT, () -> store.createUser(user("bob", "ADMIN", null, null)));
        assertThat(store.user("bob")).contains(bob);
        assertThat(store.users()).hasSize(1);
    }

    @Test
    @Timeout(120)
    void concurrentCreatesOfOneUserLetExactlyOneWin() throws Exception {
        List<String> results = runConcurrently(8, t -> () -> {
            try {
                store.createUser(user("carol", "ENGINEER", null, "org-" + t));
                return "created";
            } catch (StoreException e) {
                return e.reason().name();
            }
        });
        assertThat(results).filteredOn("created"::equals).hasSize(1);
        assertThat(results).filteredOn("CONFLICT"::equals).hasSize(7);
        assertThat(store.users()).hasSize(1);
    }

    @Test
    void updateUserWithVersions() {
        StoredUser bob = store.createUser(user("bob", "ENGINEER", null, "org-gbr"));
        StoredUser changed = new StoredUser("bob", "new-hash", "COMPLIANCE_OFFICER", "GBR", null, true, 0, null);

        StoredUser v2 = store.updateUser(changed, 1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.passwordHash()).isEqualTo("new-hash");
        assertThat(v2.role()).isEqualTo("COMPLIANCE_OFFICER");
        assertThat(v2.country()).isEqualTo("GBR");
        assertThat(v2.organisation()).isNull();
        assertThat(v2.disabled()).isTrue();
        assertThat(v2.createdAt()).isEqualTo(bob.createdAt());
        assertThat(store.user("bob")).contains(v2);

        storeError(Reason.STALE, () -> store.updateUser(user("bob", "ADMIN", null, null), 1));
        assertThat(store.user("bob")).contains(v2);
        storeError(Reason.NOT_FOUND, () -> store.updateUser(user("carol", "ADMIN", null, null), 1));
        assertThat(store.user("carol")).isEmpty();
    }

    // ---- seeding -----------------------------------------------------------------------------------------------------

    static List<Store.NewDoc> seedDocs() {
        return List.of(
                new Store.NewDoc(Kind.PARTNERSHIP, "w", body("w", ""), DocFields.NONE),
                new Store.NewDoc(Kind.ORGANISATION, "o-1", body("o-1", ""), new DocFields(null, null, null, null, "USA")),
                new Store.NewDoc(Kind.ITEM, "I-1", body("I-1", ""), new DocFields("MAS", "MAS-1", "USA:SECRET", "ITAR:XI(d)", "USA")),
                new Store.NewDoc(Kind.ITEM, "I-2", body("I-2", ""), new DocFields("UNDERSEA", "UNDERSEA-1", "USA:SECRET", "ITAR:XX(d)", "USA")));
    }

    @Test
    void seedOnceSeedsOnlyOnce() {
        assertThat(store.seedOnce(seedDocs(), "{\"rules\":\"built-in\"}", "pillar:seed")).isTrue();
        assertThat(store.all(Kind.ITEM)).extracting(Doc::id).containsExactly("I-1", "I-2");
        assertThat(store.all(Kind.ITEM)).allSatisfy(d -> {
            assertThat(d.version()).isEqualTo(1);
            assertThat(d.updatedBy()).isEqualTo("pillar:seed");
        });
        assertThat(store.all(Kind.PARTNERSHIP)).hasSize(1);
        assertThat(ids(Kind.ITEM, q(null, null, null, "ITAR:XI", null, null))).as("seeded docs are searchable").containsExactly("I-1");
        RuleVersion rules = store.latestRules().orElseThrow();
        assertThat(rules.version()).isEqualTo(1);
        assertThat(rules.body()).isEqualTo("{\"rules\":\"built-in\"}");
        assertThat(rules.createdBy()).isEqualTo("pillar:seed");
        long revision = store.revision();
        assertThat(revision).isPositive();

        List<Store.NewDoc> other = List.of(new Store.NewDoc(Kind.ITEM, "I-3", body("I-3", ""), DocFields.NONE));
        assertThat(store.seedOnce(other, "{}", "again")).isFalse();
        assertThat(store.seedOnce(seedDocs(), "{}", "again")).isFalse();
        assertThat(store.all(Kind.ITEM)).extracting(Doc::id).containsExactly("I-1", "I-2");
        assertThat(store.ruleVersions()).hasSize(1);
        assertThat(store.revision()).isEqualTo(revision);
    }

    @Test
    void seedOnceStillSeedsOnlyOnceAfterTheSeededDocumentsAreDeleted() {
        assertThat(store.seedOnce(seedDocs(), "{}", "pillar:seed")).isTrue();
        for (Kind k : Kind.values()) {
            for (Doc d : store.all(k)) {
                store.delete(k, d.id(), d.version(), ACTOR);
            }
        }
        assertThat(store.seedOnce(seedDocs(), "{}", "pillar:seed")).isFalse();
        assertThat(store.all(Kind.ITEM)).isEmpty();
    }

    @Test
    void aFailingSeedLeavesTheStoreUnseededAndEmpty() {
        List<Store.NewDoc> bad = new ArrayList<>(seedDocs());
        bad.add(new Store.NewDoc(Kind.ITEM, "I-1", body("I-1", "\"dup\":true"), DocFields.NONE));

        storeError(Reason.CONFLICT, () -> store.seedOnce(bad, "{}", "pillar:seed"));
        for (Kind k : Kind.values()) {
            assertThat(store.all(k)).as(k.key()).isEmpty();
        }
        assertThat(store.ruleVersions()).isEmpty();
        assertThat(store.revision()).isZero();

        assertThat(store.seedOnce(seedDocs(), "{}", "pillar:seed")).as("still unseeded: a good seed runs").isTrue();
        assertThat(store.all(Kind.ITEM)).hasSize(2);
    }

    @Test
    @Timeout(120)
    void concurrentSeedsSeedOnce() throws Exception {
        Store other = reopen();
        List<Boolean> results = runConcurrently(4, t -> () -> (t % 2 == 0 ? store : other).seedOnce(seedDocs(), "{}", "seed-" + t));
        assertThat(results).filteredOn(b -> b).hasSize(1);
        assertThat(store.all(Kind.ITEM)).hasSize(2);
        assertThat(store.ruleVersions()).hasSize(1);
    }

    // ---- durability and health -------------------------------------------------------------------------------------

    @Test
    void dataSurvivesCloseAndReopen() {
        assertThat(store.seedOnce(seedDocs(), "{\"r\":1}", "pillar:seed")).isTrue();
        Doc updated = store.update(Kind.ITEM, "I-1", body("I-1", "\"v\":2"), new DocFields("X", "X-1", null, null, null), 1, ACTOR);
        store.delete(Kind.ITEM, "I-2", 1, ACTOR);
        RuleVersion rules = store.addRuleVersion("{\"r\":2}", "second", ACTOR);
        StoredUser bob = store.createUser(user("bob", "ADMIN", null, null));
        StoredDecision d = decision(42, Instant.now().truncatedTo(ChronoUnit.MICROS));
        store.saveDecisions(List.of(d));
        long revision = store.revision();
        List<Doc> all = new ArrayList<>();
        for (Kind k : Kind.values()) {
            all.addAll(store.all(k));
        }
        store.close();
        assertThat(store.healthy()).as("a closed store is not healthy").isFalse();

        Store again = reopen();
        assertThat(again.healthy()).isTrue();
        assertThat(again.revision()).isEqualTo(revision);
        List<Doc> allAgain = new ArrayList<>();
        for (Kind k : Kind.values()) {
            allAgain.addAll(again.all(k));
        }
        assertThat(allAgain).containsExactlyElementsOf(all);
        assertThat(again.get(Kind.ITEM, "I-1")).contains(updated);
        assertThat(again.get(Kind.ITEM, "I-2")).isEmpty();
        assertThat(ids(again, Kind.ITEM, q("X", null, null, null, null, null))).containsExactly("I-1");
        assertThat(again.latestRules()).contains(rules);
        assertThat(again.ruleVersions()).hasSize(2);
        assertThat(again.user("bob")).contains(bob);
        assertThat(again.decision(d.id())).contains(d);
        assertThat(again.seedOnce(seedDocs(), "{}", "pillar:seed")).as("still seeded after a restart").isFalse();
        storeError(Reason.STALE, () -> again.update(Kind.ITEM, "I-1", body("I-1", ""), DocFields.NONE, 1, ACTOR));
        assertThat(again.update(Kind.ITEM, "I-1", body("I-1", ""), DocFields.NONE, 2, ACTOR).version()).isEqualTo(3);
    }

    static List<String> ids(Store s, Kind kind, Query query) {
        return s.list(kind, query).items().stream().map(Doc::id).toList();
    }

    @Test
    void twoStoresOnTheSameDataSeeEachOthersWrites() {
        Store other = reopen();
        Doc d = item("I-1", null, null, null, null, null);
        assertThat(other.get(Kind.ITEM, "I-1")).contains(d);
        other.update(Kind.ITEM, "I-1", body("I-1", "\"by\":\"other\""), DocFields.NONE, 1, "other");
        storeError(Reason.STALE, () -> store.update(Kind.ITEM, "I-1", body("I-1", "\"by\":\"me\""), DocFields.NONE, 1, ACTOR));
        assertThat(store.get(Kind.ITEM, "I-1").orElseThrow().body()).contains("other");
        assertThat(store.revision()).isEqualTo(other.revision()).isEqualTo(2);
    }

    @Test
    void healthyUntilClosed() {
        assertThat(store.healthy()).isTrue();
        store.close();
        assertThat(store.healthy()).isFalse();
    }

    @Test
    void documentIdsAndBodiesKeepTheirCharacters() {
        String big = "x".repeat(200_000);
        Set<String> ids = new HashSet<>(List.of("a b", "ü-1", "o'brien", "semi;colon", "UPPER", "lower"));
        for (String id : ids) {
            store.create(Kind.PERSON, id, "{\"id\":\"" + id + "\",\"big\":\"" + big + "\"}", DocFields.NONE, ACTOR);
        }
        for (String id : ids) {
            JsonNode n = JSON.readTree(store.get(Kind.PERSON, id).orElseThrow().body());
            assertThat(n.get("id").asString()).isEqualTo(id);
            assertThat(n.get("big").asString()).hasSize(200_000);
        }
        assertThat(store.all(Kind.PERSON)).extracting(Doc::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Override
    public Store store() {
        return store;
    }

    // ---- governance acts -------------------------------------------------------------------------------------------

    static Store.NewAct act(String kind, String proposal, String slot, String body) {
        return new Store.NewAct(kind, proposal, slot, body, "d-" + Math.abs(body.hashCode()));
    }

    @Test
    void actsAreAppendedInOrderNumberedFromOneAndKeptAcrossARestart() {
        assertThat(store.acts()).isEmpty();
        Instant before = Instant.now().minusSeconds(5);
        List<StoredAct> first = store.appendActs(List.of(act("proposal", "P-1", "proposal", "{\"act\":\"proposal\",\"n\":\"Ü\"}")), "sec");
        long revision = store.revision();
        List<StoredAct> second = store.appendActs(List.of(act("vote", "P-1", "vote:GBR", "{\"act\":\"vote\"}"),
                act("outcome", "P-1", "outcome", "{\"act\":\"outcome\"}")), "delegate-gbr");
        assertThat(first).extracting(StoredAct::seq).containsExactly(1L);
        assertThat(second).extracting(StoredAct::seq).containsExactly(2L, 3L);
        assertThat(store.revision()).as("acts change the world").isEqualTo(revision + 1);
        List<StoredAct> all = store.acts();
        assertThat(all).containsExactlyElementsOf(java.util.stream.Stream.concat(first.stream(), second.stream()).toList());
        assertThat(all.getFirst().body()).isEqualTo("{\"act\":\"proposal\",\"n\":\"Ü\"}");
        assertThat(all.get(1).recordedBy()).isEqualTo("delegate-gbr");
        assertThat(all.get(1).slot()).isEqualTo("vote:GBR");
        assertThat(all.get(1).recordedAt()).isBetween(before, Instant.now().plusSeconds(5));
        assertThat(reopen().acts()).isEqualTo(all);
        assertThat(store.appendActs(List.of(), "x")).isEmpty();
    }

    @Test
    void aTakenSlotIsAConflictAndNoneOfTheBatchIsStored() {
        store.appendActs(List.of(act("proposal", "P-1", "proposal", "{}"), act("vote", "P-1", "vote:GBR", "{\"v\":1}")), "sec");
        long revision = store.revision();
        List<StoredAct> before = store.acts();
        storeError(Reason.CONFLICT, () -> store.appendActs(List.of(act("vote", "P-1", "vote:USA", "{\"v\":2}"),
                act("vote", "P-1", "vote:GBR", "{\"v\":3}")), "mallory"));
        assertThat(store.acts()).isEqualTo(before);
        assertThat(store.revision()).isEqualTo(revision);
        // the same slot of another proposal is free
        assertThat(store.appendActs(List.of(act("proposal", "P-2", "proposal", "{}")), "sec")).extracting(StoredAct::seq).containsExactly(3L);
    }

    @Test
    @Timeout(120)
    void concurrentAppendsGetDistinctNumbersWithoutGaps() throws Exception {
        int threads = 6;
        List<Long> seqs = runConcurrently(threads, t -> () -> store.appendActs(List.of(act("proposal", "P-" + t, "proposal", "{}"),
                act("outcome", "P-" + t, "outcome", "{}")), "t" + t).getFirst().seq());
        assertThat(new HashSet<>(seqs)).hasSize(threads);
        assertThat(store.acts()).extracting(StoredAct::seq).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 2L * threads).boxed().toList());
        // each batch is contiguous
        for (StoredAct a : store.acts()) {
            if (a.kind().equals("outcome")) {
                assertThat(store.acts().get((int) a.seq() - 2).proposalId()).isEqualTo(a.proposalId());
            }
        }
    }

    @Test
    void witnessKeysAndCosignaturesAreKeptOnceAndTheRegistrationIsLogged() {
        long before = store.auditSize();
        Store.WitnessKey k = store.addWitnessKey("GBR", "gbr.example/witness+01020304+AQ", "gbr.example/witness", ACTOR);
        assertThat(k.member()).isEqualTo("GBR");
        assertThat(store.auditSize()).as("the registration is an entry of the log").isEqualTo(before + 1);
        String[] entry = new String[1];
        store.auditEntries(before, before + 1, (e, i) -> entry[0] = new String(e, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(entry[0]).contains("\"type\":\"witness\"", "\"member\":\"GBR\"", "\"actor\":\"" + ACTOR + "\"");
        assertThatThrownBy(() -> store.addWitnessKey("GBR", "gbr.example/witness+01020304+AQ", "gbr.example/witness", ACTOR))
                .isInstanceOf(StoreException.class).extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreException.Reason.CONFLICT);
        assertThat(store.auditSize()).as("a refused registration logs nothing").isEqualTo(before + 1);

        for (long size : new long[] {3, 5, 8}) {
            store.saveCheckpoint(size, "note " + size);
        }
        assertThat(store.checkpointsBefore(Long.MAX_VALUE, 0, 2)).extracting(Store.KeptCheckpoint::treeSize).containsExactly(8L, 5L);
        assertThat(store.checkpointsBefore(Long.MAX_VALUE, 1, 5)).extracting(Store.KeptCheckpoint::treeSize).containsExactly(5L, 3L);
        assertThat(store.checkpointsBefore(8, 0, 5)).extracting(Store.KeptCheckpoint::treeSize).containsExactly(5L, 3L);
        assertThat(store.keptCheckpoint(5).orElseThrow().note()).isEqualTo("note 5");
        assertThat(store.keptCheckpoint(4)).isEmpty();

        assertThat(store.saveCosignature(5, k.verifierKey(), "line 1\n")).isTrue();
        assertThat(store.saveCosignature(5, k.verifierKey(), "line 2\n")).as("the first one stays").isFalse();
        assertThat(store.saveCosignature(8, k.verifierKey(), "line 3\n")).isTrue();
        Store again = reopen();
        assertThat(again.cosignatures(5, 5)).extracting(Store.Cosignature::line).containsExactly("line 1\n");
        assertThat(again.cosignatures(0, 100)).extracting(Store.Cosignature::treeSize).containsExactly(5L, 8L);
        assertThat(again.witnessKeys()).extracting(Store.WitnessKey::verifierKey).containsExactly(k.verifierKey());
    }

    // ---- the audit log's storage ---------------------------------------------------------------------------------------

    /** The typed entries of {@code [from, to)}, checking on the way that each one's bytes are the stored bytes. */
    private static List<AuditEntry> entries(AuditStorage log, long from, long to) {
        List<AuditEntry> out = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        log.auditRecords(from, to, r -> {
            assertThat(r.entry().encode()).as("entry %d encodes to its stored bytes", r.index()).isEqualTo(r.bytes());
            indexes.add(r.index());
            out.add(r.entry());
        });
        assertThat(indexes).containsExactlyElementsOf(java.util.stream.LongStream.range(from, to).boxed().toList());
        return out;
    }

    @Test
    void everyChangeAppendsItsTypedEntryInItsTransaction() {
        List<long[]> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        List<byte[]> heardEntries = java.util.Collections.synchronizedList(new ArrayList<>());
        store.onAuditAppend((first, appended) -> {
            heard.add(new long[] {first, appended.size()});
            heardEntries.addAll(appended);
        });
        long before = store.auditSize();
        Doc created = item("I-LOG", "MAS", "MAS-1", "USA:SECRET", "ITAR:XI(d)", "USA");
        Doc updated = store.update(Kind.ITEM, "I-LOG", body("I-LOG", "\"v\":2"), DocFields.NONE, created.version(), ACTOR);
        store.delete(Kind.ITEM, "I-LOG", updated.version(), ACTOR);
        RuleVersion rules = store.addRuleVersion("{\"rules\":1}", "a note", ACTOR);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<StoredDecision> decisions = List.of(decision(1, at), decision(3, at));
        store.saveDecisions(decisions);
        StoredAct act = store.appendActs(List.of(new Store.NewAct("proposal", "p-log", "proposal", "{}", "ab".repeat(32))), ACTOR).getFirst();
        StoredUser bob = store.createUser(user("bob", "ENGINEER", "GBR", "org-gbr"));
        StoredUser bob2 = store.updateUser(new StoredUser("bob", "new-hash", "ADMIN", "GBR", "org-gbr", true, 0, null), bob.version());
        Store.WitnessKey key = store.addWitnessKey("AUS", "aus.example/witness+0a0b0c0d+AQ", "aus.example/witness", ACTOR);
        long size = store.auditSize();

        List<AuditEntry> logged = entries(store, before, size);
        assertThat(logged).containsExactly(
                AuditEntry.Document.of("create", Kind.ITEM, "I-LOG", 1, created.body(), ACTOR, created.updatedAt()),
                AuditEntry.Document.of("update", Kind.ITEM, "I-LOG", 2, updated.body(), ACTOR, updated.updatedAt()),
                new AuditEntry.Document("delete", ACTOR, null, "I-LOG", Kind.ITEM, logged.get(2).time(), 2),
                AuditEntry.Rules.of(rules.version(), rules.body(), "a note", ACTOR, rules.createdAt()),
                AuditEntry.Decision.of(decisions.get(0)),
                AuditEntry.Decision.of(decisions.get(1)),
                new AuditEntry.Governance(act.digest(), ACTOR, "proposal", "p-log", act.seq(), act.recordedAt()),
                AuditEntry.User.of("create", bob, 1, bob.createdAt()),
                AuditEntry.User.of("update", bob2, 2, logged.get(8).time()),
                new AuditEntry.Witness(ACTOR, "AUS", key.registeredAt(), key.verifierKey()));
        assertThat(((AuditEntry.Decision) logged.get(4)).basis()).as("the basis of the decision record").isEqualTo(decisions.get(0).basis())
                .isNotEmpty();
        assertThat(logged).filteredOn(e -> e instanceof AuditEntry.User).allSatisfy(e ->
                assertThat(new String(e.encode(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("hash"));

        assertThat(heard).as("the listener hears of every append once, after its commit")
                .extracting(h -> h[0]).containsExactly(before, before + 1, before + 2, before + 3, before + 4, before + 6, before + 7,
                        before + 8, before + 9);
        List<byte[]> stored = new ArrayList<>();
        store.auditEntries(before, size, (e, i) -> stored.add(e));
        assertThat(heardEntries).containsExactlyElementsOf(stored);
        assertThat(store.auditSize()).isEqualTo(before + 10);

        Store again = reopen();
        assertThat(again.auditSize()).isEqualTo(size);
        assertThat(entries(again, before, size)).containsExactlyElementsOf(logged);
        assertThat(again.decision(decisions.get(0).id())).contains(decisions.get(0));
    }

    @Test
    void refusedChangesAppendNothing() {
        item("I-1", "MAS", "MAS-1", "USA:SECRET", "ITAR:XI(d)", "USA");
        store.createUser(user("bob", "ENGINEER", null, null));
        long size = store.auditSize();
        storeError(Reason.CONFLICT, () -> item("I-1", "MAS", "MAS-1", "USA:SECRET", "ITAR:XI(d)", "USA"));
        storeError(Reason.STALE, () -> store.update(Kind.ITEM, "I-1", body("I-1", ""), DocFields.NONE, 7, ACTOR));
        storeError(Reason.NOT_FOUND, () -> store.delete(Kind.ITEM, "I-2", 1, ACTOR));
        storeError(Reason.CONFLICT, () -> store.createUser(user("bob", "ADMIN", null, null)));
        storeError(Reason.STALE, () -> store.updateUser(user("bob", "ADMIN", null, null), 5));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assertThatThrownBy(() -> store.saveDecisions(List.of(decision(1, at), new StoredDecision(v7(at, 2), at, "a", "PERMIT", "w@r1",
                LocalDate.of(2024, 1, 1), null, null, null, "{}", "{}", null)))).as("a decision without a basis").isInstanceOf(IllegalArgumentException.class);
        assertThat(store.auditSize()).isEqualTo(size);
    }

    @Test
    void entriesAreReadByIndexRangeAcrossBundles() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long before = store.auditSize();
        for (int b = 0; b < 4; b++) { // bundles of 1, 2, 3 and 4 entries
            int n = b + 1;
            int base = b * 10;
            store.saveDecisions(IntStream.range(0, n).mapToObj(i -> decision(base + i, at)).toList());
        }
        long size = store.auditSize();
        assertThat(size - before).isEqualTo(10);
        for (long from = before; from <= size; from++) {
            for (long to = from; to <= size; to++) {
                List<Long> raw = new ArrayList<>();
                store.auditEntries(from, to, (e, i) -> raw.add(i));
                assertThat(raw).as("[%d, %d)", from, to).containsExactlyElementsOf(java.util.stream.LongStream.range(from, to).boxed().toList());
            }
        }
        assertThat(entries(store, before, size)).allSatisfy(e -> assertThat(e).isInstanceOf(AuditEntry.Decision.class));
        List<Long> none = new ArrayList<>();
        store.auditEntries(size, size + 5, (e, i) -> none.add(i));
        assertThat(none).as("nothing past the end").isEmpty();
    }

    @Test
    void checkpointsAreKeptOnceBySizeAcrossARestart() {
        assertThat(store.checkpoints()).isEmpty();
        assertThat(store.checkpointAt(1)).isEmpty();
        store.saveCheckpoint(2, "note 2");
        store.saveCheckpoint(1, "note 1");
        store.saveCheckpoint(2, "another note 2");
        assertThat(store.checkpointAt(2)).as("the first one kept for a size stays").contains("note 2");
        assertThat(store.checkpoints()).containsExactly(java.util.Map.entry(1L, "note 1"), java.util.Map.entry(2L, "note 2"));
        Store.KeptCheckpoint kept = store.keptCheckpoint(2).orElseThrow();
        assertThat(kept.createdAt()).isNotNull().isBeforeOrEqualTo(Instant.now());
        Store again = reopen();
        assertThat(again.checkpoints()).isEqualTo(store.checkpoints());
        assertThat(again.keptCheckpoint(2)).contains(kept);
    }

    // ---- releases under capped licences and compliance cases -----------------------------------------------------------

    @Test
    @Timeout(120)
    void sixteenClientsReleasingAtOnceNeverExceedTheCap() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int clients = 16;
        int perClient = 5;
        long cap = 2_500; // 25 releases of 100 fit; 80 are tried
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int k = 0; k < perClient; k++) {
                        StoredDecision d = decision(1 + client * perClient + k, at);
                        if (store.saveRelease(d, "p-" + client, "DSP5-CAP", 100, cap) != null) {
                            granted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(100, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(granted.get()).isEqualTo(25);
        assertThat(store.licenceUsage().get("DSP5-CAP").usedUsd()).isEqualTo(cap);
        assertThat(store.licenceUsage().get("DSP5-CAP").releases()).isEqualTo(25);
        List<dev.pillar.app.port.LicenceLedger.Release> releases = store.releases("DSP5-CAP", 1000);
        assertThat(releases).hasSize(25);
        assertThat(releases.stream().map(dev.pillar.app.port.LicenceLedger.Release::usedAfter).distinct().count()).as("each release saw the one before").isEqualTo(25);
        // exactly the granted decisions are stored, each with its release in the audit log
        long stored = releases.stream().filter(r -> store.decision(r.decisionId()).isPresent()).count();
        assertThat(stored).isEqualTo(25);
        assertThat(reopen().licenceUsage().get("DSP5-CAP").usedUsd()).isEqualTo(cap);
    }

    @Test
    void aHeldDecisionOpensACaseTheNextJoinsItAndAClosedCaseIsNotReopened() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        dev.pillar.app.port.CaseStore.Held first = new dev.pillar.app.port.CaseStore.Held("LICENSE_REQUIRED", "itar.licence-required", "ITEM-1", "p-1",
                "org-1", "JPN", "MAS-1", v7(at, 1), "eng", at);
        dev.pillar.app.port.CaseStore.StoredCase opened = store.openOrJoin(List.of(first)).get(0);
        assertThat(opened.open()).isTrue();
        dev.pillar.app.port.CaseStore.Held second = new dev.pillar.app.port.CaseStore.Held("LICENSE_REQUIRED", "itar.licence-required", "ITEM-1", "p-1",
                "org-1", "JPN", "MAS-1", v7(at, 2), "eng2", at.plusSeconds(1));
        dev.pillar.app.port.CaseStore.StoredCase joined = store.openOrJoin(List.of(second, second)).get(0);
        assertThat(joined.id()).isEqualTo(opened.id());
        assertThat(joined.decisions()).as("the same decision joins once").isEqualTo(2);
        assertThat(store.caseDecisions(opened.id())).extracting(dev.pillar.app.port.CaseStore.CaseDecision::askedBy).containsExactly("eng", "eng2");
        assertThat(store.caseOfDecision(v7(at, 2))).contains(opened.id());
        dev.pillar.app.port.CaseStore.CaseQuery open = new dev.pillar.app.port.CaseStore.CaseQuery("open", null, "itar.licence-required", "JPN",
                null, null, null, null, 0, 10);
        assertThat(store.cases(open)).extracting(dev.pillar.app.port.CaseStore.StoredCase::id).containsExactly(opened.id());
        assertThat(store.openCases()).containsEntry("LICENSE_REQUIRED", 1L);

        dev.pillar.app.port.CaseStore.StoredCase closed = store.closeCase(opened.id(), joined.version(), "resolved", "licence", "DSP-5 X", "ok", "officer");
        assertThat(closed.state()).isEqualTo("resolved");
        assertThat(closed.resolvedBy()).isEqualTo("officer");
        // a second close at the same version: conflict, nothing changes
        assertThatThrownBy(() -> store.closeCase(opened.id(), joined.version(), "rejected", "rejected", null, "late", "other"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
        assertThat(store.storedCase(opened.id()).orElseThrow().resolution()).isEqualTo("licence");
        // the same item, recipient and reason held again: a new case
        dev.pillar.app.port.CaseStore.Held third = new dev.pillar.app.port.CaseStore.Held("LICENSE_REQUIRED", "itar.licence-required", "ITEM-1", "p-1",
                "org-1", "JPN", "MAS-1", v7(at, 3), "eng", at.plusSeconds(2));
        assertThat(store.openOrJoin(List.of(third)).get(0).id()).isNotEqualTo(opened.id());
        assertThat(reopen().storedCase(opened.id()).orElseThrow().state()).isEqualTo("resolved");
    }
}
