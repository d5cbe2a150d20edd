package dev.pillar.core.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.model.Clearance;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Person;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.Releasability;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.model.Source;
import dev.pillar.core.rules.ExcludedTechnology;
import dev.pillar.core.rules.RuleCatalog;
import dev.pillar.core.rules.RulePack;
import dev.pillar.core.world.World;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Properties of the decision engine over random requests against the built-in AUKUS world (QuickTheories, fixed seed
 * so that CI is reproducible). The generators mix world items, people and organisations with inline ones built from
 * the world's own vocabulary (schemes, coalitions, projects, ECCNs, USML paragraphs of the rule data), biased towards
 * the dates and values where the rules change.
 */
class DecisionPropertiesTest {
    /** Fixed so that a failure in CI is reproduced locally; change it to explore other examples. */
    private static final long SEED = 0x5EED_2025_A0C5L;

    static final int EXAMPLES = 2000;
    static final int MONOTONICITY_EXAMPLES = 1500;
    static final int FAIL_SAFE_EXAMPLES = 1000;

    private static final World WORLD = WorldLoader.load("aukus");
    private static final DecisionEngine ENGINE = DecisionEngine.standard(WORLD);

    private static final LocalDate FIRST = LocalDate.of(2023, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2027, 12, 31);
    /** Days on which a rule or a fact of the built-in world starts or ends. */
    private static final List<LocalDate> EDGES = Stream.of("2023-01-01", "2024-04-18", "2024-04-19", "2024-08-31", "2024-09-01",
            "2024-09-16", "2024-09-17", "2025-01-01", "2025-02-28", "2025-03-01", "2025-12-29", "2025-12-30", "2025-12-31",
            "2027-02-28", "2027-03-01", "2027-12-31").map(LocalDate::parse).toList();

    private static final List<Country> COUNTRIES = Stream.of("USA", "GBR", "AUS", "JPN", "KOR", "CAN", "NZL", "CHN", "FRA", "IND", "RUS")
            .map(Country::of).toList();
    private static final List<Country> ORIGINATORS = Stream.of("USA", "GBR", "AUS", "JPN", "KOR").map(Country::of).toList();
    private static final List<String> TAGS = List.of("sonar", "anti-tamper", "autonomy", "ai", "manpads", "mtcr-category-i",
            "quantum-sensing", "propulsion");
    private static final List<Long> VALUES = List.of(0L, 1L, 4_999_999L, 5_000_000L, 5_000_001L, 24_999_999L, 25_000_000L, 25_000_001L);

    private static final List<SecurityLevel> LEVELS = WORLD.rules().schemes().stream()
            .flatMap(s -> s.levels().stream().map(l -> new SecurityLevel(s.id(), l.name()))).toList();
    private static final List<String> REL_TO_CODES = Stream.concat(COUNTRIES.stream().map(Country::code),
            WORLD.coalitions().keySet().stream()).toList();
    private static final List<Project> PROJECTS = WORLD.partnership().projects();
    private static final List<Item> WORLD_ITEMS = List.copyOf(WORLD.items());
    private static final List<Person> WORLD_PEOPLE = List.copyOf(WORLD.people());
    private static final List<Organisation> WORLD_ORGS = List.copyOf(WORLD.organisations());
    private static final List<ExportControl> CONTROLS = controls();

    /** Rule ids whose citation comes from the rule data or a licence on file rather than the rule catalogue. */
    static final Set<String> DATA_CITED = Set.of(ExportControlLayer.ITAR_DUAL_NATIONAL, ExportControlLayer.ITAR_LICENCE, ExportControlLayer.ITAR_EXEMPTION_REVIEW,
            ExportControlLayer.EAR_LICENCE, ExportControlLayer.NATIONAL_REGIME, ExportControlLayer.NATIONAL_LICENCE);

    /** Rule ids seen by the standard engine over every property, to show the generators reach the rules. */
    private static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    private static QuickTheory qt(int examples) {
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(examples);
    }

    private static Decision decide(DecisionRequest request) {
        return seen(ENGINE.decide(request));
    }

    private static Decision seen(Decision d) {
        d.reasons().forEach(r -> SEEN.computeIfAbsent(r.ruleId(), k -> new AtomicInteger()).incrementAndGet());
        return d;
    }

    @AfterAll
    static void reportCoverage() {
        Set<String> reachable = new TreeSet<>(DecisionLayers.ruleIds());
        reachable.addAll(DATA_CITED);
        reachable.removeAll(SEEN.keySet());
        System.out.println("[DecisionPropertiesTest] rule ids seen: " + new TreeMapView(SEEN) + "; never seen: " + reachable);
    }

    // ---- (a) the outcome is the most restrictive reason ----------------------------------------------------------

    @Test
    void outcomeIsTheMostRestrictiveReasonAndNeverPermitsOverADeny() {
        qt(EXAMPLES).forAll(requests()).checkAssert(req -> {
            Decision d = decide(req);
            assertThat(d.reasons()).isNotEmpty();
            assertThat(d.outcome()).isNotNull();
            Outcome max = d.reasons().stream().map(Reason::outcome).reduce(Outcome.PERMIT, Outcome::and);
            assertThat(d.outcome()).as("outcome = most restrictive of %s", d.reasons()).isEqualTo(max);
            if (d.reasons().stream().anyMatch(r -> r.outcome() == Outcome.DENY)) {
                assertThat(d.outcome()).isEqualTo(Outcome.DENY);
            }
            // Every layer speaks for itself, in the order of the layers.
            assertThat(d.reasons().stream().map(Reason::layer).distinct().toList()).containsExactly(Layer.values());
            assertThat(d.reasons().stream().map(Reason::layer).toList()).isSorted();
            if (d.outcome() == Outcome.PERMIT) {
                assertThat(d.reasons()).allMatch(r -> r.outcome() == Outcome.PERMIT);
                assertThat(d.toPermit()).isEmpty();
                List<String> bases = d.reasons().stream().map(Reason::basis).filter(b -> b != null).distinct().toList();
                assertThat(d.basis()).containsExactlyElementsOf(bases);
                assertThat(d.basis()).as("basis of a PERMIT by %s", d.reasons()).isNotEmpty().allMatch(b -> !b.isBlank());
                // The export-control layer always supplies one: the exemption, NLR, a licence, a regime, or "no export".
                assertThat(d.reasons(Layer.EXPORT_CONTROL)).allMatch(r -> r.basis() != null && !r.basis().isBlank());
            } else {
                assertThat(d.basis()).as("the citations of the deciding layers").isNotEmpty()
                        .containsExactlyElementsOf(d.reasons().stream().filter(r -> r.outcome() == d.outcome())
                                .map(Reason::citation).distinct().toList());
                assertThat(d.toPermit()).as("what would change %s", d.reasons()).isNotEmpty();
            }
            if (d.outcome() == Outcome.DENY) {
                assertThat(d.obligations()).isEmpty();
            }
            assertThat(d.asOf()).isEqualTo(req.asOf());
            assertThat(d.worldVersion()).isEqualTo(WORLD.version());
        });
    }

    /** Even a release that is not an export, or of an uncontrolled item, names what it rests on. */
    @Test
    void aPermitWithoutAnExportStillHasABasis() {
        DecisionRequest req = new DecisionRequest(WORLD.item("X-SONAR-TRAINING-006"), WORLD.person("p-usa-engineer"), null,
                LocalDate.of(2025, 6, 1), null);
        Decision d = decide(req);
        assertThat(d.outcome()).isEqualTo(Outcome.PERMIT);
        assertThat(d.reasons(Layer.EXPORT_CONTROL)).extracting(Reason::ruleId).containsExactly(ExportControlLayer.ITAR_NO_EXPORT);
        assertThat(d.basis()).isNotEmpty().allMatch(b -> !b.isBlank());
    }

    // ---- (b) monotonicity ----------------------------------------------------------------------------------------

    record RelToCase(DecisionRequest request, int removed) {
        DecisionRequest narrowed() {
            Item it = request.item();
            List<String> rel = new ArrayList<>(it.releasability().relTo());
            rel.remove(removed);
            Item narrower = new Item(it.id(), it.title(), it.originator(), it.classification(), new Releasability(false, rel),
                    it.control(), it.technologies(), it.area(), it.project(), it.valueUsd());
            return new DecisionRequest(narrower, request.recipient(), request.transferor(), request.asOf(), request.valueUsd());
        }

        @Override
        public String toString() {
            return "remove " + request.item().releasability().relTo().get(removed) + " from " + request.item().releasability().marking()
                    + " of " + request;
        }
    }

    @Test
    void removingACountryFromRelToNeverWidensTheOutcome() {
        AtomicInteger narrowed = new AtomicInteger();
        Gen<RelToCase> cases = r -> {
            DecisionRequest req = request(r, true);
            int idx = between(r, 0, req.item().releasability().relTo().size() - 1);
            return new RelToCase(req, idx);
        };
        qt(MONOTONICITY_EXAMPLES).forAll(cases).checkAssert(c -> {
            Decision before = decide(c.request());
            Decision after = decide(c.narrowed());
            assertThat(after.outcome().ordinal()).as("%s: %s then %s", c, before.reasons(), after.reasons())
                    .isGreaterThanOrEqualTo(before.outcome().ordinal());
            // Only the releasability layer reads the marking.
            for (Layer l : List.of(Layer.SCOPE, Layer.CLASSIFICATION, Layer.EXPORT_CONTROL)) {
                assertThat(fingerprint(after.reasons(l))).isEqualTo(fingerprint(before.reasons(l)));
            }
            if (after.outcome() != before.outcome()) {
                narrowed.incrementAndGet();
            }
        });
        System.out.println("[DecisionPropertiesTest] REL TO removal: " + narrowed + " narrowed");
        assertThat(narrowed.get()).as("cases where removing a country narrowed the outcome").isGreaterThan(MONOTONICITY_EXAMPLES / 50);
    }

    record LicenceCase(DecisionRequest request, List<Licence> licences, int removed) {
        @Override
        public String toString() {
            Licence l = licences.get(removed);
            return "remove licence " + l.number() + " " + l.regime() + " " + l.parties() + " " + l.covers() + " " + l.countries()
                    + " projects " + l.projects() + " " + l.interval() + " cap " + l.valueCapUsd() + " classified " + l.classified()
                    + " (of " + licences.size() + ") for " + request;
        }
    }

    /**
     * The releasability layer decides items of the SPIF-defined schemes (USA, GBR, AUS) by each SPIF's access control
     * decision per nationality; the same world with those schemes turned into plain tables decides by the REL TO
     * table. Both must give the same outcome and rule for every request.
     */
    @Test
    void releasabilityThroughTheSpifsIsTheRelToRule() {
        RulePack r = WORLD.rules();
        assertThat(r.policies()).extracting(dev.pillar.core.rules.NationalPolicy::scheme).containsExactly("USA", "GBR", "AUS");
        World tables = withRules(new RulePack(r.schemes(), r.equivalences(), r.deniedCountries(), r.dualNationalRules(), r.aukusExemptions(),
                r.excludedTechnology(), List.copyOf(r.eccns().values()), r.countryChart(), r.nationalRegimes(), r.recordKeeping(), r.catalog()));
        assertThat(tables.rules().policies()).isEmpty();
        DecisionEngine byTable = DecisionEngine.standard(tables);
        AtomicInteger viaSpif = new AtomicInteger();
        qt(EXAMPLES).forAll(requests()).checkAssert(req -> {
            Decision spif = decide(req);
            Decision table = byTable.decide(req);
            assertThat(spif.reasons(Layer.RELEASABILITY)).extracting(Reason::outcome, Reason::ruleId).as(req.toString())
                    .isEqualTo(table.reasons(Layer.RELEASABILITY).stream().map(x -> org.assertj.core.groups.Tuple.tuple(x.outcome(), x.ruleId())).toList());
            if (r.security().policy(req.item().classification().scheme()) != null && req.item().releasability().restricted()) {
                viaSpif.incrementAndGet();
            }
        });
        assertThat(viaSpif.get()).as("requests with a REL TO or NOFORN item of a SPIF scheme").isGreaterThan(EXAMPLES / 5);
    }

    @Test
    void removingALicenceNeverWidensTheOutcome() {
        AtomicInteger licensedPermits = new AtomicInteger();
        AtomicInteger narrowed = new AtomicInteger();
        Gen<LicenceCase> cases = r -> {
            DecisionRequest req = chance(r, 50) ? exportOnlyRequest(r) : request(r, false);
            List<Licence> all = new ArrayList<>(WORLD.licences());
            int extra = between(r, 0, 4);
            for (int i = 0; i < extra; i++) {
                all.add(licence(r, req, i));
            }
            // Half the time the last licence, shaped after the request, is the one removed.
            return new LicenceCase(req, all, extra > 0 && chance(r, 50) ? all.size() - 1 : between(r, 0, all.size() - 1));
        };
        qt(MONOTONICITY_EXAMPLES).forAll(cases).checkAssert(c -> {
            DecisionEngine with = DecisionEngine.standard(withLicences(c.licences()));
            List<Licence> fewer = new ArrayList<>(c.licences());
            fewer.remove(c.removed());
            DecisionEngine without = DecisionEngine.standard(withLicences(fewer));
            Decision before = seen(with.decide(c.request()));
            Decision after = seen(without.decide(c.request()));
            assertThat(after.outcome().ordinal()).as("%s: %s then %s", c, before.reasons(), after.reasons())
                    .isGreaterThanOrEqualTo(before.outcome().ordinal());
            for (Layer l : List.of(Layer.SCOPE, Layer.CLASSIFICATION, Layer.RELEASABILITY)) {
                assertThat(fingerprint(after.reasons(l))).isEqualTo(fingerprint(before.reasons(l)));
            }
            if (before.reasons(Layer.EXPORT_CONTROL).stream().anyMatch(x -> x.ruleId().endsWith(".licence"))) {
                licensedPermits.incrementAndGet();
            }
            if (after.outcome() != before.outcome()) {
                narrowed.incrementAndGet();
            }
        });
        System.out.println("[DecisionPropertiesTest] licence removal: " + licensedPermits + " licensed, " + narrowed + " narrowed");
        assertThat(licensedPermits.get()).as("cases permitted by a licence on file").isGreaterThan(MONOTONICITY_EXAMPLES / 20);
        assertThat(narrowed.get()).as("cases where removing the licence narrowed the outcome").isGreaterThan(MONOTONICITY_EXAMPLES / 100);
    }

    // ---- (c) determinism -----------------------------------------------------------------------------------------

    @Test
    void theSameRequestGivesTheSameDecision() {
        DecisionEngine other = DecisionEngine.standard(WorldLoader.load("aukus"));
        qt(EXAMPLES).forAll(requests()).checkAssert(req -> {
            Decision first = decide(req);
            Decision second = decide(req);
            Decision fresh = other.decide(req);
            assertThat(fingerprint(second)).isEqualTo(fingerprint(first));
            assertThat(fingerprint(fresh)).isEqualTo(fingerprint(first));
            assertThat(first.decisionId()).isNotBlank();
        });
    }

    // ---- (d) fail-safe -------------------------------------------------------------------------------------------

    enum Failure {
        RUNTIME_EXCEPTION, ASSERTION_ERROR, STACK_OVERFLOW_ERROR, CHECKED_EXCEPTION, NO_REASON, PERMIT_THEN_THROW,
        REASONS_THEN_ERROR, NULL_REASON, NULL_OUTCOME
    }

    /** A standard layer that fails in one of the ways of {@link Failure}. */
    record FailingLayer(DecisionLayer delegate, Failure failure) implements DecisionLayer {
        @Override
        public Layer layer() {
            return delegate.layer();
        }

        @Override
        public void evaluate(Context ctx, List<Reason> out) {
            switch (failure) {
                case RUNTIME_EXCEPTION -> throw new IllegalStateException("injected");
                case ASSERTION_ERROR -> throw new AssertionError("injected");
                case STACK_OVERFLOW_ERROR -> throw new StackOverflowError("injected");
                case CHECKED_EXCEPTION -> DecisionPropertiesTest.<RuntimeException>sneakyThrow(new IOException("injected"));
                case NO_REASON -> { }
                case PERMIT_THEN_THROW -> {
                    out.add(new Reason(layer(), Outcome.PERMIT, "injected.permit", "injected", "injected basis", null,
                            () -> new Reason.Explanation("injected", Map.of(), List.of())));
                    throw new IllegalArgumentException("injected");
                }
                case REASONS_THEN_ERROR -> {
                    delegate.evaluate(ctx, out);
                    throw new AssertionError("injected after the layer's own reasons");
                }
                case NULL_REASON -> out.add(null);
                case NULL_OUTCOME -> out.add(new Reason(layer(), null, "injected.null-outcome", "injected", null, null,
                        () -> new Reason.Explanation("injected", Map.of(), List.of())));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    record FailCase(DecisionRequest request, int layer, Failure failure) {}

    @Test
    void aFailingLayerIsAlwaysADenyOfThatLayer() {
        Map<Failure, AtomicInteger> seen = new EnumMap<>(Failure.class);
        Gen<FailCase> cases = r -> new FailCase(request(r, false), between(r, 0, 3), pick(r, List.of(Failure.values())));
        qt(FAIL_SAFE_EXAMPLES).forAll(cases).checkAssert(c -> {
            List<DecisionLayer> layers = new ArrayList<>(DecisionLayers.standard());
            DecisionLayer broken = layers.get(c.layer());
            layers.set(c.layer(), new FailingLayer(broken, c.failure()));
            Decision d = new LayeredDecisionEngine(WORLD, layers, DecisionIds.timeOrdered(java.time.Clock.systemUTC())).decide(c.request());
            Decision normal = ENGINE.decide(c.request());
            assertThat(d.outcome()).as("%s", c).isEqualTo(Outcome.DENY);
            assertThat(d.obligations()).isEmpty();
            assertThat(d.reasons()).anyMatch(r -> r.ruleId().equals(LayeredDecisionEngine.INTERNAL_ERROR) && r.outcome() == Outcome.DENY);
            assertThat(d.basis()).isNotEmpty().allMatch(b -> !b.isBlank());
            if (c.failure() == Failure.NULL_REASON || c.failure() == Failure.NULL_OUTCOME) {
                // The layer "succeeded" with an unusable reason: the whole decision fails closed.
                assertThat(d.reasons()).hasSize(1);
                assertThat(d.reasons().getFirst().ruleId()).isEqualTo(LayeredDecisionEngine.INTERNAL_ERROR);
            } else {
                List<Reason> own = d.reasons(broken.layer());
                assertThat(own).as("%s: %s", c, d.reasons()).hasSize(1);
                assertThat(own.getFirst().ruleId()).isEqualTo(LayeredDecisionEngine.INTERNAL_ERROR);
                assertThat(own.getFirst().outcome()).isEqualTo(Outcome.DENY);
                assertThat(own.getFirst().citation()).isNotBlank();
                assertThat(own.getFirst().message()).isNotBlank().contains(broken.layer().title());
                assertThat(own.getFirst().toPermit()).isNotEmpty();
                // The other layers are untouched by the failure.
                for (Layer l : Layer.values()) {
                    if (l != broken.layer()) {
                        assertThat(fingerprint(d.reasons(l))).isEqualTo(fingerprint(normal.reasons(l)));
                    }
                }
            }
            seen.computeIfAbsent(c.failure(), k -> new AtomicInteger()).incrementAndGet();
        });
        assertThat(seen.keySet()).containsExactlyInAnyOrder(Failure.values());
    }

    @Test
    void aRealStackOverflowInALayerIsADeny() {
        DecisionRequest req = permittedRequest();
        for (int i = 0; i < 4; i++) {
            List<DecisionLayer> layers = new ArrayList<>(DecisionLayers.standard());
            DecisionLayer broken = layers.get(i);
            layers.set(i, new DecisionLayer() {
                @Override
                public Layer layer() {
                    return broken.layer();
                }

                @Override
                public void evaluate(Context ctx, List<Reason> out) {
                    recurse(1);
                }
            });
            Decision d = new LayeredDecisionEngine(WORLD, layers, DecisionIds.timeOrdered(java.time.Clock.systemUTC())).decide(req);
            assertThat(d.outcome()).isEqualTo(Outcome.DENY);
            assertThat(d.reasons(broken.layer())).extracting(Reason::ruleId).containsExactly(LayeredDecisionEngine.INTERNAL_ERROR);
            assertThat(d.reasons(broken.layer()).getFirst().facts()).containsEntry("error", StackOverflowError.class.getName());
        }
    }

    private static long recurse(long n) {
        return n + recurse(n + 1);
    }

    /** A fatal VM error other than a stack overflow is not swallowed: it propagates, so it cannot permit either. */
    @Test
    void anOutOfMemoryErrorPropagatesAndNeverPermits() {
        List<DecisionLayer> layers = new ArrayList<>(DecisionLayers.standard());
        DecisionLayer scope = layers.getFirst();
        layers.set(0, new DecisionLayer() {
            @Override
            public Layer layer() {
                return scope.layer();
            }

            @Override
            public void evaluate(Context ctx, List<Reason> out) {
                throw new OutOfMemoryError("injected");
            }
        });
        assertThatThrownBy(() -> new LayeredDecisionEngine(WORLD, layers, DecisionIds.timeOrdered(java.time.Clock.systemUTC())).decide(permittedRequest()))
                .isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void theUnbrokenEnginePermitsTheControlRequest() {
        // The fail-safe tests below use this request: without the fault it is a PERMIT, so a DENY there is the fault's.
        assertThat(ENGINE.decide(permittedRequest()).outcome()).isEqualTo(Outcome.PERMIT);
    }

    /** A null request (a caller's bug) is a DENY decision, not an exception. */
    @Test
    void aNullRequestIsADeny() {
        Decision d = ENGINE.decide(null);
        assertThat(d.outcome()).isEqualTo(Outcome.DENY);
        assertThat(d.reasons()).extracting(Reason::ruleId).containsExactly(LayeredDecisionEngine.INTERNAL_ERROR);
    }

    /** A world without rule data: the context cannot be built, so the decision fails closed. */
    @Test
    void aWorldWithoutRulesDenies() {
        World noRules = new World(WORLD.id(), WORLD.name(), WORLD.version(), WORLD.partnership(), List.copyOf(WORLD.coalitions().values()),
                List.copyOf(WORLD.organisations()), List.of(), List.of(), List.of(), null);
        Decision d = DecisionEngine.standard(noRules).decide(permittedRequest());
        assertThat(d.outcome()).isEqualTo(Outcome.DENY);
        assertThat(d.reasons()).extracting(Reason::ruleId).containsExactly(LayeredDecisionEngine.INTERNAL_ERROR);
        assertThat(d.reasons().getFirst().message()).isNotBlank();
    }

    /** A world whose rule catalogue is empty: every layer fails to cite its rule, so each is an internal-error DENY. */
    @Test
    void aWorldWithAnEmptyCatalogueDenies() {
        World w = withRules(rulesWithCatalog(new RuleCatalog(List.of())));
        qt(300).forAll(requests()).checkAssert(req -> {
            Decision d = DecisionEngine.standard(w).decide(req);
            assertThat(d.outcome()).isEqualTo(Outcome.DENY);
            // The releasability layer always cites the catalogue; other layers may still cite the data.
            assertThat(d.reasons(Layer.RELEASABILITY)).extracting(Reason::ruleId).containsExactly(LayeredDecisionEngine.INTERNAL_ERROR);
        });
    }

    /** A world whose partnership lost the item's project: the scope layer cannot decide, and says DENY. */
    @Test
    void aWorldWithoutTheItemsProjectDenies() {
        Partnership p = WORLD.partnership();
        Partnership noProjects = new Partnership(p.name(), p.coreMembers(), p.areas(), List.of(), p.stages(), List.of());
        World w = new World(WORLD.id(), WORLD.name(), WORLD.version(), noProjects, List.copyOf(WORLD.coalitions().values()),
                WORLD.organisations().stream().map(o -> new Organisation(o.id(), o.name(), o.country(), o.kind(), o.fictional(), o.ddtc(),
                        o.authorizedUser(), null)).toList(), List.of(), List.of(), List.of(), WORLD.rules());
        Decision d = DecisionEngine.standard(w).decide(permittedRequest());
        assertThat(d.outcome()).isEqualTo(Outcome.DENY);
        assertThat(d.reasons(Layer.SCOPE)).extracting(Reason::ruleId).containsExactly(LayeredDecisionEngine.INTERNAL_ERROR);
    }

    /** Today a throwing id supplier makes decide() throw: not a PERMIT, but not the DENY decision the contract promises. */
    @Test
    void aThrowingIdSupplierNeverPermits() {
        Supplier<String> broken = () -> {
            throw new IllegalStateException("no ids today");
        };
        Throwable t = catchThrowable(() -> {
            Decision d = new LayeredDecisionEngine(WORLD, DecisionLayers.standard(), broken).decide(permittedRequest());
            assertThat(d.outcome()).isEqualTo(Outcome.DENY);
        });
        if (t instanceof AssertionError e) {
            throw e;
        }
    }

    /**
     * DecisionEngine: "Implementations never throw for a request"; LayeredDecisionEngine: "a failure outside the layers
     * is a DENY decision". The id is drawn outside the engine's try block, so a failing id supplier throws instead.
     */
    @Test
    void aThrowingIdSupplierIsADenyDecision() {
        Supplier<String> broken = () -> {
            throw new IllegalStateException("no ids today");
        };
        Decision d = new LayeredDecisionEngine(WORLD, DecisionLayers.standard(), broken).decide(permittedRequest());
        assertThat(d.outcome()).isEqualTo(Outcome.DENY);
        assertThat(d.reasons()).extracting(Reason::ruleId).containsExactly(LayeredDecisionEngine.INTERNAL_ERROR);
    }

    /** A null world: decide() throws (a NullPointerException while building the DENY) rather than permitting. */
    @Test
    void aNullWorldNeverPermits() {
        Throwable t = catchThrowable(() -> {
            Decision d = DecisionEngine.standard(null).decide(permittedRequest());
            assertThat(d.outcome()).isEqualTo(Outcome.DENY);
        });
        if (t instanceof AssertionError e) {
            throw e;
        }
    }

    // ---- (e) every reason is catalogued and explained ----------------------------------------------------------

    @Test
    void everyReasonIsACataloguedOrDataCitedRuleWithACitationAndAMessage() {
        Set<String> known = new HashSet<>(DecisionLayers.ruleIds());
        known.addAll(DecisionLayers.screeningRuleIds());
        known.addAll(DATA_CITED);
        qt(EXAMPLES).forAll(requests()).checkAssert(req -> {
            Decision d = decide(req);
            for (Reason r : d.reasons()) {
                assertThat(r.ruleId()).as("%s for %s", r, req).isNotEqualTo(LayeredDecisionEngine.INTERNAL_ERROR).isIn(known);
                assertThat(r.citation()).as("citation of %s", r).isNotBlank();
                assertThat(r.message()).as("message of %s", r).isNotBlank().doesNotStartWith("explanation unavailable");
                assertThat(r.facts()).isNotEmpty();
                if (r.outcome() == Outcome.PERMIT) {
                    assertThat(r.toPermit()).isEmpty();
                } else {
                    assertThat(r.toPermit()).as("toPermit of %s", r).isNotEmpty().allMatch(s -> !s.isBlank());
                }
                if (!DATA_CITED.contains(r.ruleId()) && !r.ruleId().equals(ExportControlLayer.ITAR_EXEMPTION)) {
                    // Catalogued rules cite the catalogue, or a source of the data in force (an equivalence, a participation,
                    // a denial entry, a condition of the exemption).
                    assertThat(WORLD.rules().catalog().get(r.ruleId())).isNotNull();
                }
                if (r.ruleId().equals(ExportControlLayer.ITAR_EXEMPTION)) {
                    assertThat(r.basis()).isEqualTo(WORLD.rules().catalog().get(r.ruleId()).citation());
                    assertThat(r.citation()).startsWith(r.basis());
                }
                for (var o : r.obligations()) {
                    assertThat(o.text()).isNotBlank();
                }
            }
        });
        assertThat(SEEN.keySet()).as("rule ids reached by the generators").hasSizeGreaterThanOrEqualTo(25);
    }

    /**
     * Data-cited reasons take their citation from the rule data, whose source citation is optional in a world file
     * (Source.citation defaults to ""). The built-in world always gives one; a world that does not yields a reason with a
     * blank citation.
     */
    @Test
    void dataCitedReasonsHaveACitationEvenWhenTheSourceHasNone() {
        RulePack r = WORLD.rules();
        var denied = r.deniedCountries().stream().map(d -> new dev.pillar.core.rules.DeniedCountry(d.country(), d.interval(),
                new Source(d.source().title(), null, null, null))).toList();
        World w = withRules(new RulePack(r.schemes(), r.equivalences(), denied, r.dualNationalRules(), r.aukusExemptions(),
                r.excludedTechnology(), List.copyOf(r.eccns().values()), r.countryChart(), r.nationalRegimes(), r.recordKeeping(), r.catalog()));
        Person inChina = new Person(null, null, Set.of(Country.of("GBR")), Set.of(), Country.of("CHN"), WORLD.organisation("GB-MOD-DE"),
                null, false);
        Decision d = DecisionEngine.standard(w).decide(new DecisionRequest(WORLD.item("X-SONAR-TRAINING-006"), inChina, null,
                LocalDate.of(2025, 6, 1), null));
        assertThat(d.reasons(Layer.EXPORT_CONTROL)).extracting(Reason::ruleId).containsExactly(ExportControlLayer.ITAR_DENIED_DESTINATION);
        assertThat(d.reasons(Layer.EXPORT_CONTROL).getFirst().citation()).isNotBlank();
    }

    // ---- generators --------------------------------------------------------------------------------------------

    static Gen<DecisionRequest> requests() {
        return r -> request(r, false);
    }

    /** A random request; with {@code relToOfTwoOrMore} the item carries a REL TO list of at least two entries. */
    static DecisionRequest request(RandomnessSource r, boolean relToOfTwoOrMore) {
        Item item = relToOfTwoOrMore ? relToItem(r) : item(r);
        Person recipient = person(r);
        Organisation transferor = chance(r, 30) ? organisation(r) : null;
        LocalDate day = date(r);
        Long value = chance(r, 50) ? null : value(r);
        return new DecisionRequest(item, recipient, transferor, day, value);
    }

    /**
     * A request that only the export-control layer can refuse: an unmarked, unbound item at a level that needs no
     * clearance, to a person employed by an organisation of the world (which can hold licences).
     */
    static DecisionRequest exportOnlyRequest(RandomnessSource r) {
        Country originator = pick(r, ORIGINATORS);
        SecurityLevel open = LEVELS.stream().filter(l -> l.scheme().equals(originator.code()) && !WORLD.rules().security().requiresClearance(l))
                .findFirst().orElseThrow();
        Item item = new Item(null, null, originator, open, Releasability.NONE, pick(r, CONTROLS), new HashSet<>(subset(r, TAGS, 0, 1)),
                null, null, value(r));
        Person p = person(r);
        Person recipient = new Person(null, null, p.citizenships(), p.residencies(), p.location(), pick(r, WORLD_ORGS), p.clearance(), false);
        return new DecisionRequest(item, recipient, chance(r, 20) ? organisation(r) : null, date(r), chance(r, 50) ? null : value(r));
    }

    static Item item(RandomnessSource r) {
        if (chance(r, 25)) {
            return pick(r, WORLD_ITEMS);
        }
        Country originator = pick(r, ORIGINATORS);
        List<SecurityLevel> own = LEVELS.stream().filter(l -> l.scheme().equals(originator.code())).toList();
        SecurityLevel cls = chance(r, 70) && !own.isEmpty() ? pick(r, own) : pick(r, LEVELS);
        int roll = between(r, 1, 12);
        Releasability rel = roll <= 2 ? new Releasability(true, List.of())
                : roll <= 5 ? Releasability.NONE
                : new Releasability(false, subset(r, REL_TO_CODES, 1, 5));
        return inlineItem(r, originator, cls, rel);
    }

    static Item relToItem(RandomnessSource r) {
        List<Item> marked = WORLD_ITEMS.stream().filter(i -> i.releasability().relTo().size() >= 2).toList();
        if (chance(r, 20)) {
            return pick(r, marked);
        }
        Country originator = pick(r, ORIGINATORS);
        List<SecurityLevel> own = LEVELS.stream().filter(l -> l.scheme().equals(originator.code())).toList();
        SecurityLevel cls = chance(r, 70) && !own.isEmpty() ? pick(r, own) : pick(r, LEVELS);
        return inlineItem(r, originator, cls, new Releasability(false, subset(r, REL_TO_CODES, 2, 6)));
    }

    private static Item inlineItem(RandomnessSource r, Country originator, SecurityLevel cls, Releasability rel) {
        ExportControl control = pick(r, CONTROLS);
        Set<String> tags = new HashSet<>(subset(r, TAGS, 0, 2));
        Project project = chance(r, 60) ? pick(r, PROJECTS) : null;
        String area = project != null ? (chance(r, 50) ? project.area() : null)
                : chance(r, 30) ? pick(r, WORLD.partnership().areas()).id() : null;
        Item it = new Item(null, null, originator, cls, rel, control, tags, area, project == null ? null : project.id(), value(r));
        WORLD.checkItem(it, "generated item"); // the generator only makes items a request could carry
        return it;
    }

    static Person person(RandomnessSource r) {
        if (chance(r, 25)) {
            return pick(r, WORLD_PEOPLE);
        }
        List<Country> citizenships = subset(r, COUNTRIES, 1, chance(r, 70) ? 1 : 3);
        List<Country> residencies = chance(r, 70) ? List.of() : subset(r, COUNTRIES, 1, 2);
        Country location = chance(r, 70) ? pick(r, citizenships) : pick(r, COUNTRIES);
        Clearance clearance = null;
        if (chance(r, 70)) {
            List<SecurityLevel> own = LEVELS.stream().filter(l -> citizenships.stream().anyMatch(c -> c.code().equals(l.scheme()))).toList();
            SecurityLevel level = chance(r, 70) && !own.isEmpty() ? pick(r, own) : pick(r, LEVELS);
            clearance = new Clearance(level, interval(r));
        }
        return new Person(null, null, new HashSet<>(citizenships), new HashSet<>(residencies), location, organisation(r), clearance, false);
    }

    static Organisation organisation(RandomnessSource r) {
        if (chance(r, 65)) {
            return pick(r, WORLD_ORGS);
        }
        Country country = pick(r, COUNTRIES);
        Organisation.Kind kind = pick(r, List.of(Organisation.Kind.values()));
        Organisation.Registration ddtc = chance(r, 30) ? new Organisation.Registration("", interval(r), null) : null;
        Organisation.Registration au = chance(r, 30) ? new Organisation.Registration("", interval(r), null) : null;
        List<Organisation.ProjectRole> projects = chance(r, 40) ? null
                : subset(r, PROJECTS, 0, 3).stream().map(p -> new Organisation.ProjectRole(p.id(), interval(r))).toList();
        return new Organisation(null, null, country, kind, false, ddtc, au, projects);
    }

    static Interval interval(RandomnessSource r) {
        if (chance(r, 40)) {
            return Interval.ALWAYS;
        }
        LocalDate from = chance(r, 30) ? pick(r, EDGES) : LocalDate.of(2020, 1, 1).plusDays(between(r, 0, 365 * 8));
        return new Interval(from, chance(r, 50) ? null : from.plusDays(between(r, 0, 365 * 3)));
    }

    static LocalDate date(RandomnessSource r) {
        return chance(r, 25) ? pick(r, EDGES) : FIRST.plusDays(between(r, 0, (int) ChronoUnit.DAYS.between(FIRST, LAST)));
    }

    static long value(RandomnessSource r) {
        return chance(r, 60) ? pick(r, VALUES) : Generate.longRange(0, 100_000_000L).generate(r);
    }

    /** A licence shaped to match the request more often than not, so that licences on file decide some cases. */
    static Licence licence(RandomnessSource r, DecisionRequest req, int n) {
        ExportControl control = req.item().control();
        boolean controlled = !(control instanceof ExportControl.None);
        String regime = controlled && chance(r, 80) ? control.regime() : pick(r, List.of("ITAR", "EAR", "GBR", "AUS"));
        String party = req.recipient().organisation().id() != null && chance(r, 85) ? req.recipient().organisation().id()
                : pick(r, WORLD_ORGS).id();
        String entry;
        if (controlled && chance(r, 80)) {
            entry = control instanceof ExportControl.Itar itar && chance(r, 30) ? itar.category() : control.entry();
        } else {
            ExportControl other = pick(r, CONTROLS);
            entry = other instanceof ExportControl.None ? "XI(d)" : other.entry();
        }
        Set<Country> countries = new HashSet<>(subset(r, COUNTRIES, 1, 3));
        if (chance(r, 75)) {
            countries.addAll(req.recipient().citizenships());
            countries.addAll(req.recipient().residencies());
            countries.add(req.recipient().location());
        }
        Set<String> projects = chance(r, 60) ? Set.of()
                : req.item().project() != null && chance(r, 70) ? Set.of(req.item().project()) : Set.of(pick(r, PROJECTS).id());
        Interval validity = chance(r, 50) ? Interval.ALWAYS : interval(r);
        Long cap = chance(r, 60) ? null : value(r);
        return new Licence("PT-" + n, "TEST", regime, List.of(party), List.of(entry), countries, projects, validity, cap, chance(r, 50), chance(r, 50) ? List.of() : List.of("proviso " + n),
                new Source("generated licence", "", null, null));
    }

    private static List<ExportControl> controls() {
        Set<String> texts = new LinkedHashSet<>();
        for (ExcludedTechnology e : WORLD.rules().excludedTechnology()) {
            e.usml().forEach(p -> texts.add("ITAR:" + p));
        }
        WORLD.licences().stream().filter(l -> l.regime().equals("ITAR")).forEach(l -> l.covers().forEach(c -> texts.add("ITAR:" + c)));
        WORLD.items().forEach(i -> texts.add(ExportControl.format(i.control())));
        texts.addAll(List.of("ITAR:XI", "ITAR:XI(a)(4)(i)", "ITAR:XII(c)", "ITAR:IV(a)"));
        WORLD.rules().eccns().keySet().stream().sorted().forEach(e -> texts.add("EAR:" + e));
        texts.addAll(List.of("EAR:EAR99", "EAR:9A012", "GBR:ML22", "AUS:ML22", "NONE"));
        return texts.stream().map(t -> ExportControl.parse("control", t)).toList();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static <T> T pick(RandomnessSource r, List<T> values) {
        return values.get(between(r, 0, values.size() - 1));
    }

    static <T> T pick(RandomnessSource r, Collection<T> values) {
        return pick(r, List.copyOf(values));
    }

    static int between(RandomnessSource r, int min, int max) {
        return Generate.range(min, max).generate(r);
    }

    static boolean chance(RandomnessSource r, int percent) {
        return between(r, 1, 100) <= percent;
    }

    /** {@code min} to {@code max} distinct elements of {@code values}, in a random order. */
    static <T> List<T> subset(RandomnessSource r, List<T> values, int min, int max) {
        List<T> pool = new ArrayList<>(values);
        int size = between(r, min, Math.min(max, pool.size()));
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(pool.remove(between(r, 0, pool.size() - 1)));
        }
        return out;
    }

    static World withLicences(List<Licence> licences) {
        return new World(WORLD.id(), WORLD.name(), WORLD.version(), WORLD.partnership(), List.copyOf(WORLD.coalitions().values()),
                List.copyOf(WORLD.organisations()), List.copyOf(WORLD.people()), List.copyOf(WORLD.items()), licences, WORLD.rules());
    }

    static World withRules(RulePack rules) {
        return new World(WORLD.id(), WORLD.name(), WORLD.version(), WORLD.partnership(), List.copyOf(WORLD.coalitions().values()),
                List.copyOf(WORLD.organisations()), List.copyOf(WORLD.people()), List.copyOf(WORLD.items()), WORLD.licences(), rules);
    }

    static RulePack rulesWithCatalog(RuleCatalog catalog) {
        RulePack r = WORLD.rules();
        return new RulePack(r.schemes(), r.equivalences(), r.deniedCountries(), r.dualNationalRules(), r.aukusExemptions(),
                r.excludedTechnology(), List.copyOf(r.eccns().values()), r.countryChart(), r.nationalRegimes(), r.recordKeeping(), catalog);
    }

    /** A request the standard engine permits: GBR engineer of an Authorized User, under the AUKUS exemption. */
    static DecisionRequest permittedRequest() {
        return new DecisionRequest(WORLD.item("A-UNDERSEA-001"), WORLD.person("p-gbr-engineer"), null, LocalDate.of(2025, 6, 1), null);
    }

    /** Everything of a decision except its id. */
    static List<Object> fingerprint(Decision d) {
        List<Object> out = new ArrayList<>();
        out.add(d.outcome());
        out.add(d.asOf());
        out.add(d.worldVersion());
        out.add(d.basis());
        out.add(d.obligations());
        out.add(d.toPermit());
        out.add(fingerprint(d.reasons()));
        return out;
    }

    static List<List<Object>> fingerprint(List<Reason> reasons) {
        return reasons.stream().map(r -> List.<Object>of(r.layer(), String.valueOf(r.outcome()), r.ruleId(), String.valueOf(r.citation()),
                String.valueOf(r.basis()), r.obligations(), r.message(), r.facts(), r.toPermit())).toList();
    }

    /** Sorted view of the counters, for the coverage line. */
    private record TreeMapView(Map<String, AtomicInteger> counts) {
        @Override
        public String toString() {
            return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue().get()).collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
