package dev.pillar.reference;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Layer;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.model.Clearance;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.Releasability;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.model.Source;
import dev.pillar.core.rules.AukusExemption;
import dev.pillar.core.rules.RulePack;
import dev.pillar.core.rules.ValueThreshold;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The decision engine against the plain {@link ReferenceEvaluator} over {@value #REQUESTS} random requests (issue 16,
 * part 3), and the property "no PERMIT while any hard rule fails" over the same run.
 *
 * <p><b>What is compared.</b> For every request: (1) the outcome; (2) for each layer, the rule ids it decided by and
 * their outcomes, in order (the export-control layer may give two: a 126.18 review and the licensing basis), so a
 * PERMIT for the wrong reason is a difference too; (3) what the answer rests on, {@link Decision#basis()}: for a
 * PERMIT the bases of the permitting layers (e.g. {@code 22 CFR 126.7}, a licence number, NLR), otherwise the provisions
 * cited by the reasons that decide the outcome, each citation read as the set of provisions it names (so
 * "126.7(b)(1); 126.7(b)(2)" equals "126.7(b)(2); 126.7(b)(1)"). Messages, facts and obligations are explanations,
 * not rules, and are not compared.
 *
 * <p><b>What is generated.</b> Items of the world and inline items over every scheme, REL TO code, coalition, export
 * control of the rule data (USML paragraphs and categories of licences, the ETL and thresholds, ECCNs, EAR99, national
 * entries) and technology tag; people of the world and inline people with one to three nationalities (including every
 * country of 22 CFR 126.1 in the rule data), residencies, locations, clearances and employers (of the world, which
 * hold licences, and inline); transferors; dates on, and the day before, every day a rule entry, a partnership fact, a
 * registration, a licence or a clearance starts or ends, and uniformly in between; values one under, at and one over
 * every 123.15 amount and licence cap. Half the requests run against the built-in world, half against the same world
 * with generated licences on file, so that licences decide a share of them. Fixed seed, so a failure is reproduced.
 *
 * <p>On a difference the test shrinks the request (drops the transferor, the value, nationalities, residencies,
 * clearance, marking, tags, project; moves the location home) while it still differs, and prints the smallest.
 */
class DifferentialTest {
    static final int REQUESTS = 1_000_000;
    private static final long SEED = 0x16_DEC1DE_2026L;
    private static final int CHUNKS = 64;

    private static final World BUILT_IN = WorldLoader.load("aukus");
    private static final World LICENSED = withGeneratedLicences(BUILT_IN, new SplittableRandom(SEED ^ 0x11CE));
    private static final List<World> WORLDS = List.of(BUILT_IN, LICENSED);
    private static final List<DecisionEngine> ENGINES = WORLDS.stream().map(DecisionEngine::standard).toList();
    private static final List<ReferenceEvaluator> REFERENCES = WORLDS.stream().map(ReferenceEvaluator::new).toList();

    private static final List<LocalDate> EDGES = edges(LICENSED);
    private static final LocalDate FIRST = LocalDate.of(2019, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2028, 12, 31);
    private static final List<Long> VALUES = values(LICENSED);
    private static final List<Country> COUNTRIES = countries(BUILT_IN);
    private static final List<SecurityLevel> LEVELS = BUILT_IN.rules().schemes().stream()
            .flatMap(s -> s.levels().stream().map(l -> new SecurityLevel(s.id(), l.name()))).toList();
    private static final List<ExportControl> CONTROLS = controls(BUILT_IN);
    private static final List<String> TAGS = tags(BUILT_IN);
    private static final List<Organisation> WORLD_ORGS = List.copyOf(BUILT_IN.organisations());
    private static final List<Organisation> ORGS = organisations(new SplittableRandom(SEED ^ 0x0A6));
    private static final List<Item> ITEMS = items(new SplittableRandom(SEED ^ 0x17E), 4000);
    private static final List<Person> PEOPLE = people(new SplittableRandom(SEED ^ 0x9E0), 4000);

    /** A request and the world (index into {@link #WORLDS}) it is asked in. */
    record Case(int world, DecisionRequest request) {}

    /** Why the engine and the reference differ on a case, or null when they agree. */
    static String difference(Case c) {
        Decision d = ENGINES.get(c.world()).decide(c.request());
        try {
            return difference(d, REFERENCES.get(c.world()).evaluate(c.request()));
        } catch (RuntimeException e) {
            return "the reference failed: " + e;
        }
    }

    /** Why a decision and the reference's answer differ (outcome, each layer's rule ids, basis), or null when they agree. */
    static String difference(Decision d, ReferenceEvaluator.Answer ref) {
        if (d.outcome() != ref.outcome()) {
            return "outcome: engine " + d.outcome() + " " + d.reasons() + ", reference " + ref.outcome() + " " + ref.findings();
        }
        List<Reason> reasons = d.reasons();
        List<ReferenceEvaluator.Finding> findings = ref.findings();
        boolean same = reasons.size() == findings.size();
        for (int i = 0; same && i < reasons.size(); i++) {
            Reason a = reasons.get(i);
            ReferenceEvaluator.Finding b = findings.get(i);
            same = a.layer() == b.layer() && a.outcome() == b.outcome() && a.ruleId().equals(b.ruleId());
        }
        if (!same) {
            for (Layer l : Layer.values()) {
                List<String> engine = d.reasons(l).stream().map(r -> r.outcome() + " " + r.ruleId()).toList();
                List<String> reference = findings.stream().filter(f -> f.layer() == l).map(f -> f.outcome() + " " + f.ruleId()).toList();
                if (!engine.equals(reference)) {
                    return l.id() + ": engine " + engine + ", reference " + reference;
                }
            }
        }
        Set<String> engineBasis = new TreeSet<>();
        Set<String> referenceBasis = new TreeSet<>();
        if (d.outcome() == Outcome.PERMIT) {
            engineBasis.addAll(d.basis());
            findings.stream().filter(f -> f.basis() != null).forEach(f -> referenceBasis.add(f.basis()));
        } else {
            d.basis().forEach(b -> engineBasis.addAll(ReferenceEvaluator.split(b)));
            findings.stream().filter(f -> f.outcome() == d.outcome()).forEach(f -> referenceBasis.addAll(f.citations()));
        }
        if (!engineBasis.equals(referenceBasis)) {
            return "basis of " + d.outcome() + ": engine " + engineBasis + ", reference " + referenceBasis;
        }
        return null;
    }

    /** A PERMIT while a hard rule fails, by the engine's own reasons or by the reference's findings; null when none. */
    static String permitDespiteFailure(Case c) {
        Decision d = ENGINES.get(c.world()).decide(c.request());
        if (d.outcome() != Outcome.PERMIT) {
            return null;
        }
        if (d.reasons().stream().anyMatch(r -> r.outcome() != Outcome.PERMIT)) {
            return "engine PERMIT with a failing reason " + d.reasons();
        }
        ReferenceEvaluator.Answer ref = REFERENCES.get(c.world()).evaluate(c.request());
        if (ref.anyRuleFails()) {
            return "engine PERMIT while the reference finds a failing rule " + ref.findings();
        }
        return null;
    }

    @Test
    void theEngineAgreesWithTheReferenceOnAMillionRequests() {
        long start = System.nanoTime();
        AtomicLong count = new AtomicLong();
        AtomicLong differences = new AtomicLong();
        AtomicLong permits = new AtomicLong();
        AtomicLong permitViolations = new AtomicLong();
        long[] outcomes = new long[4];
        ConcurrentLinkedQueue<Case> failing = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        int perChunk = REQUESTS / CHUNKS;
        IntStream.range(0, CHUNKS).parallel().forEach(chunk -> {
            SplittableRandom r = new SplittableRandom(SEED + chunk);
            long[] mine = new long[4];
            for (int i = 0; i < perChunk; i++) {
                Case c = randomCase(r);
                Decision d = ENGINES.get(c.world()).decide(c.request());
                ReferenceEvaluator.Answer ref = REFERENCES.get(c.world()).evaluate(c.request());
                mine[d.outcome().ordinal()]++;
                if (d.outcome() == Outcome.PERMIT) {
                    permits.incrementAndGet();
                    if (ref.anyRuleFails() || d.reasons().stream().anyMatch(x -> x.outcome() != Outcome.PERMIT)) {
                        permitViolations.incrementAndGet();
                        if (violations.size() < 5) {
                            violations.add(describe(c) + ": " + permitDespiteFailure(c));
                        }
                    }
                }
                if (difference(d, ref) != null) {
                    differences.incrementAndGet();
                    if (failing.size() < 50) {
                        failing.add(c);
                    }
                }
                count.incrementAndGet();
            }
            synchronized (outcomes) {
                for (int o = 0; o < 4; o++) {
                    outcomes[o] += mine[o];
                }
            }
        });
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[DifferentialTest] %,d requests, %,d differences, %,d PERMIT (%,d while a hard rule fails); outcomes PERMIT %,d, "
                        + "LICENSE_REQUIRED %,d, REVIEW %,d, DENY %,d; %,d ms%n", count.get(), differences.get(), permits.get(), permitViolations.get(),
                outcomes[0], outcomes[1], outcomes[2], outcomes[3], ms);
        String smallest = failing.stream().map(DifferentialTest::shrink).min((a, b) -> Integer.compare(size(a), size(b)))
                .map(c -> "smallest differing request: " + describe(c) + "\n  " + difference(c)).orElse("");
        if (!smallest.isEmpty()) {
            System.out.println("[DifferentialTest] " + smallest);
            failing.stream().map(DifferentialTest::shrink).map(c -> describe(c) + "\n    " + difference(c)).distinct().limit(8)
                    .forEach(x -> System.out.println("[DifferentialTest] also: " + x));
        }
        assertThat(count.get()).isEqualTo((long) perChunk * CHUNKS).isGreaterThanOrEqualTo(REQUESTS - CHUNKS);
        assertThat(violations).as("no PERMIT while any hard rule fails").isEmpty();
        assertThat(permitViolations.get()).isZero();
        assertThat(differences.get()).as(smallest).isZero();
        // The generator reaches every outcome in volume.
        for (Outcome o : Outcome.values()) {
            assertThat(outcomes[o.ordinal()]).as("requests answered %s", o).isGreaterThan(REQUESTS / 100);
        }
    }

    /** Rule ids both evaluators must reach in the run (checked on a smaller sample, so that the generator stays honest). */
    @Test
    void theGeneratorReachesEveryRule() {
        Set<String> seen = new TreeSet<>();
        SplittableRandom r = new SplittableRandom(SEED - 1);
        for (int i = 0; i < 200_000; i++) {
            Case c = randomCase(r);
            ENGINES.get(c.world()).decide(c.request()).reasons().forEach(x -> seen.add(x.ruleId()));
        }
        assertThat(seen).contains("scope.unbound", "scope.participant", "scope.not-participant", "scope.pillar-i", "scope.pillar-i-core-only",
                "classification.no-clearance-needed", "classification.dominates", "classification.no-clearance",
                "classification.clearance-not-in-force", "classification.no-equivalence", "classification.insufficient",
                "releasability.unrestricted", "releasability.rel-to", "releasability.not-rel-to", "releasability.noforn",
                "releasability.noforn-national", "releasability.unmarked-classified", "export.not-controlled", "itar.no-export",
                "itar.denied-destination", "itar.denied-national", "itar.dual-national-review", "itar.aukus-exemption", "itar.exemption-review",
                "itar.licence", "itar.licence-required", "ear.no-export", "ear.nlr", "ear.licence", "ear.licence-required", "ear.unknown-eccn",
                "ear.no-chart-row", "national.no-export", "national.regime", "national.licence", "national.licence-required");
    }

    /** The reference itself on the two hand-checked stories of the README: a PERMIT under 126.7 and a DENY on scope. */
    @Test
    void theReferenceAnswersTheReadmeExamples() {
        ReferenceEvaluator ref = REFERENCES.getFirst();
        var permit = ref.evaluate(new DecisionRequest(BUILT_IN.item("A-UNDERSEA-001"), BUILT_IN.person("p-gbr-engineer"), null,
                LocalDate.of(2024, 10, 1), null));
        assertThat(permit.outcome()).isEqualTo(Outcome.PERMIT);
        assertThat(permit.findings()).extracting(ReferenceEvaluator.Finding::ruleId).contains("itar.aukus-exemption");
        var before = ref.evaluate(new DecisionRequest(BUILT_IN.item("A-UNDERSEA-001"), BUILT_IN.person("p-gbr-engineer"), null,
                LocalDate.of(2024, 8, 31), null));
        assertThat(before.outcome()).isEqualTo(Outcome.LICENSE_REQUIRED);
        var korea = ref.evaluate(new DecisionRequest(BUILT_IN.item("MAS-AI-010"), BUILT_IN.person("p-kor-engineer"), null,
                LocalDate.of(2025, 6, 1), null));
        assertThat(korea.outcome()).isEqualTo(Outcome.DENY);
        assertThat(korea.findings()).extracting(ReferenceEvaluator.Finding::ruleId).contains("scope.not-participant");
    }

    // ---- shrinking ----------------------------------------------------------------------------------------------

    /** The request made as simple as it can be while it still differs. */
    static Case shrink(Case c) {
        Case current = c;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Case simpler : simpler(current)) {
                if (difference(simpler) != null) {
                    current = simpler;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    /** One step simpler, in every way the request can be: each candidate changes one thing. */
    private static List<Case> simpler(Case c) {
        DecisionRequest q = c.request();
        List<DecisionRequest> out = new ArrayList<>();
        if (c.world() == 1) {
            out.add(q); // the built-in world, without the generated licences
        }
        if (q.transferor() != null) {
            out.add(new DecisionRequest(q.item(), q.recipient(), null, q.asOf(), q.valueUsd()));
        }
        if (q.valueUsd() != null) {
            out.add(new DecisionRequest(q.item(), q.recipient(), q.transferor(), q.asOf(), null));
        }
        Item it = q.item();
        List<Item> items = new ArrayList<>();
        if (it.id() != null) {
            items.add(inline(it, it.releasability(), it.technologies(), it.project(), it.valueUsd()));
        } else {
            if (it.releasability().restricted()) {
                items.add(inline(it, Releasability.NONE, it.technologies(), it.project(), it.valueUsd()));
            }
            if (it.releasability().relTo().size() > 1) {
                for (int i = 0; i < it.releasability().relTo().size(); i++) {
                    List<String> rel = new ArrayList<>(it.releasability().relTo());
                    rel.remove(i);
                    items.add(inline(it, new Releasability(false, rel), it.technologies(), it.project(), it.valueUsd()));
                }
            }
            for (String t : it.technologies()) {
                Set<String> fewer = new TreeSet<>(it.technologies());
                fewer.remove(t);
                items.add(inline(it, it.releasability(), fewer, it.project(), it.valueUsd()));
            }
            if (it.project() != null) {
                items.add(inline(it, it.releasability(), it.technologies(), null, it.valueUsd()));
            }
            if (it.valueUsd() != 0) {
                items.add(inline(it, it.releasability(), it.technologies(), it.project(), 0));
            }
            SecurityLevel lowest = new SecurityLevel(it.classification().scheme(), BUILT_IN.rules().security().levels(it.classification().scheme()).getFirst());
            if (!lowest.equals(it.classification())) {
                items.add(new Item(null, null, it.originator(), lowest, it.releasability(), it.control(), it.technologies(), it.area(), it.project(), it.valueUsd()));
            }
        }
        for (Item simpler : items) {
            if (valid(simpler)) {
                out.add(new DecisionRequest(simpler, q.recipient(), q.transferor(), q.asOf(), q.valueUsd()));
            }
        }
        Person p = q.recipient();
        List<Person> people = new ArrayList<>();
        if (p.id() != null) {
            people.add(new Person(null, null, p.citizenships(), p.residencies(), p.location(), p.organisation(), p.clearance(), false, p.formerCitizenships()));
        } else {
            if (p.citizenships().size() > 1) {
                for (Country c1 : p.citizenships()) {
                    Set<Country> fewer = new TreeSet<>(p.citizenships());
                    fewer.remove(c1);
                    people.add(new Person(null, null, fewer, p.residencies(), p.location(), p.organisation(), p.clearance(), false, p.formerCitizenships()));
                }
            }
            for (Country c1 : p.residencies()) {
                Set<Country> fewer = new TreeSet<>(p.residencies());
                fewer.remove(c1);
                people.add(new Person(null, null, p.citizenships(), fewer, p.location(), p.organisation(), p.clearance(), false, p.formerCitizenships()));
            }
            if (!p.formerCitizenships().isEmpty()) {
                people.add(new Person(null, null, p.citizenships(), p.residencies(), p.location(), p.organisation(), p.clearance(), false));
            }
            if (p.clearance() != null) {
                people.add(new Person(null, null, p.citizenships(), p.residencies(), p.location(), p.organisation(), null, false, p.formerCitizenships()));
            }
            if (!p.citizenships().contains(p.location())) {
                Country home = new TreeSet<>(p.citizenships()).first();
                people.add(new Person(null, null, p.citizenships(), p.residencies(), home, p.organisation(), p.clearance(), false, p.formerCitizenships()));
            }
        }
        for (Person simpler : people) {
            out.add(new DecisionRequest(q.item(), simpler, q.transferor(), q.asOf(), q.valueUsd()));
        }
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            cases.add(new Case(i == 0 && c.world() == 1 ? 0 : c.world(), out.get(i)));
        }
        return cases;
    }

    private static Item inline(Item it, Releasability rel, Set<String> tags, String project, long value) {
        String area = project == null ? null : it.area();
        return new Item(null, null, it.originator(), it.classification(), rel, it.control(), tags, area, project, value);
    }

    private static boolean valid(Item it) {
        try {
            BUILT_IN.checkItem(it, "item");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** How much a case says: the smaller, the simpler (used to pick the smallest of several shrunk cases). */
    private static int size(Case c) {
        DecisionRequest q = c.request();
        Person p = q.recipient();
        Item it = q.item();
        return c.world() + (q.transferor() == null ? 0 : 1) + (q.valueUsd() == null ? 0 : 1) + p.citizenships().size() + p.residencies().size()
                + (p.clearance() == null ? 0 : 1) + (p.id() == null ? 0 : 3) + (it.id() == null ? 0 : 3) + it.releasability().relTo().size()
                + (it.releasability().noforn() ? 1 : 0) + it.technologies().size() + (it.project() == null ? 0 : 1) + (it.valueUsd() == 0 ? 0 : 1);
    }

    static String describe(Case c) {
        DecisionRequest q = c.request();
        Item it = q.item();
        Person p = q.recipient();
        Organisation o = p.organisation();
        return "{world: " + (c.world() == 0 ? "aukus" : "aukus+generated licences") + ", asOf: " + q.asOf()
                + ", item: " + (it.id() != null ? it.id() : "{originator: " + it.originator() + ", classification: " + it.classification()
                + ", marking: '" + it.releasability().marking() + "', control: " + ExportControl.format(it.control()) + ", tags: "
                + new TreeSet<>(it.technologies()) + ", project: " + it.project() + ", valueUsd: " + it.valueUsd() + "}")
                + ", recipient: " + (p.id() != null ? p.id() : "{citizenships: " + new TreeSet<>(p.citizenships())
                + (p.formerCitizenships().isEmpty() ? "" : ", formerCitizenships: " + new TreeSet<>(p.formerCitizenships())) + ", residencies: "
                + new TreeSet<>(p.residencies()) + ", location: " + p.location() + ", clearance: "
                + (p.clearance() == null ? "none" : p.clearance().level() + " " + p.clearance().interval()) + ", organisation: " + org(o) + "}")
                + (q.transferor() == null ? "" : ", transferor: " + org(q.transferor()))
                + (q.valueUsd() == null ? "" : ", valueUsd: " + q.valueUsd()) + "}";
    }

    private static String org(Organisation o) {
        if (o.id() != null) {
            return o.id();
        }
        return "{country: " + o.country() + ", kind: " + o.kind() + (o.ddtc() == null ? "" : ", ddtc: " + o.ddtc().interval())
                + (o.authorizedUser() == null ? "" : ", authorizedUser: " + o.authorizedUser().interval())
                + ", projects: " + (o.projects() == null ? "undeclared" : o.projects().stream().map(r -> r.project() + " " + r.interval()).toList()) + "}";
    }

    // ---- generators ---------------------------------------------------------------------------------------------

    static Case randomCase(SplittableRandom r) {
        int world = r.nextInt(2);
        Item item = pick(r, ITEMS);
        Person person = pick(r, PEOPLE);
        Organisation transferor = r.nextInt(100) < 30 ? pick(r, ORGS) : null;
        LocalDate day = r.nextInt(100) < 50 ? pick(r, EDGES) : FIRST.plusDays(r.nextInt((int) (LAST.toEpochDay() - FIRST.toEpochDay()) + 1));
        Long value = r.nextInt(100) < 50 ? null : value(r);
        return new Case(world, new DecisionRequest(item, person, transferor, day, value));
    }

    private static long value(SplittableRandom r) {
        return r.nextInt(100) < 80 ? pick(r, VALUES) : r.nextLong(0, 150_000_001L);
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static <T> List<T> subset(SplittableRandom r, List<T> values, int min, int max) {
        List<T> pool = new ArrayList<>(values);
        int size = min + r.nextInt(Math.min(max, pool.size()) - min + 1);
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(pool.remove(r.nextInt(pool.size())));
        }
        return out;
    }

    private static Interval interval(SplittableRandom r) {
        if (r.nextInt(100) < 35) {
            return Interval.ALWAYS;
        }
        LocalDate from = r.nextInt(100) < 50 ? pick(r, EDGES) : FIRST.plusDays(r.nextInt(365 * 9));
        return new Interval(from, r.nextBoolean() ? null : from.plusDays(r.nextInt(365 * 3)));
    }

    private static List<Item> items(SplittableRandom r, int n) {
        List<Item> out = new ArrayList<>(BUILT_IN.items());
        List<Project> projects = BUILT_IN.partnership().projects();
        List<String> relToCodes = Stream.concat(Stream.of("USA", "GBR", "AUS", "JPN", "KOR", "CAN", "NZL", "CHN", "FRA"),
                BUILT_IN.coalitions().keySet().stream()).toList();
        List<Country> originators = Stream.of("USA", "USA", "USA", "GBR", "AUS", "JPN", "KOR").map(Country::of).toList();
        while (out.size() < n) {
            Country originator = pick(r, originators);
            List<SecurityLevel> own = LEVELS.stream().filter(l -> l.scheme().equals(originator.code())).toList();
            // a third of the items need no clearance (the lowest level of their originator's scheme)
            SecurityLevel cls = own.isEmpty() || r.nextInt(100) < 15 ? pick(r, LEVELS) : r.nextInt(100) < 35 ? own.getFirst() : pick(r, own);
            int roll = r.nextInt(12);
            Releasability rel = roll < 2 ? new Releasability(true, List.of()) : roll < 6 ? Releasability.NONE
                    : new Releasability(false, subset(r, relToCodes, 1, 5));
            Project project = r.nextInt(100) < 45 ? pick(r, projects) : null;
            Item it = new Item(null, null, originator, cls, rel, pick(r, CONTROLS), new TreeSet<>(subset(r, TAGS, 0, 2)),
                    project == null ? null : project.area(), project == null ? null : project.id(), r.nextInt(100) < 70 ? 0 : value(r));
            if (valid(it)) {
                out.add(it);
            }
        }
        return List.copyOf(out);
    }

    private static List<Organisation> organisations(SplittableRandom r) {
        List<Organisation> out = new ArrayList<>(WORLD_ORGS);
        List<Project> projects = BUILT_IN.partnership().projects();
        for (int i = 0; i < 60; i++) {
            Country country = pick(r, COUNTRIES);
            Organisation.Kind kind = pick(r, List.of(Organisation.Kind.values()));
            Organisation.Registration ddtc = r.nextInt(100) < 35 ? new Organisation.Registration("", interval(r), null) : null;
            Organisation.Registration au = r.nextInt(100) < 35 ? new Organisation.Registration("", interval(r), null) : null;
            List<Organisation.ProjectRole> roles = r.nextInt(100) < 40 ? null
                    : subset(r, projects, 0, 4).stream().map(p -> new Organisation.ProjectRole(p.id(), interval(r))).toList();
            out.add(new Organisation(null, null, country, kind, false, ddtc, au, roles));
        }
        return List.copyOf(out);
    }

    private static List<Person> people(SplittableRandom r, int n) {
        List<Person> out = new ArrayList<>(BUILT_IN.people());
        List<Country> common = Stream.of("USA", "GBR", "AUS", "USA", "GBR", "AUS", "JPN", "KOR", "CAN", "NZL").map(Country::of).toList();
        while (out.size() < n) {
            Organisation org = r.nextInt(100) < 60 ? pick(r, WORLD_ORGS) : pick(r, ORGS);
            Set<Country> citizenships = new TreeSet<>();
            citizenships.add(r.nextInt(100) < 65 ? org.country() : pick(r, common));
            int more = r.nextInt(100);
            if (more < 25) {
                citizenships.add(pick(r, common));
            } else if (more < 35) {
                citizenships.add(pick(r, COUNTRIES));
            }
            if (more < 5) {
                citizenships.add(pick(r, COUNTRIES));
            }
            Set<Country> residencies = r.nextInt(100) < 80 ? Set.of() : new TreeSet<>(subset(r, COUNTRIES, 1, 2));
            Country location = r.nextInt(100) < 75 ? org.country() : r.nextBoolean() ? pick(r, List.copyOf(citizenships)) : pick(r, COUNTRIES);
            Clearance clearance = null;
            if (r.nextInt(100) < 75) {
                List<SecurityLevel> own = LEVELS.stream().filter(l -> citizenships.stream().anyMatch(c -> c.code().equals(l.scheme()))).toList();
                // most clearances are at the top of the holder's scheme and in force for years around the rule changes
                SecurityLevel level = own.isEmpty() || r.nextInt(100) < 20 ? pick(r, LEVELS) : r.nextBoolean() ? own.getLast() : pick(r, own);
                clearance = new Clearance(level, r.nextInt(100) < 60 ? new Interval(LocalDate.of(2018, 1, 1), LocalDate.of(2030, 12, 31)) : interval(r));
            }
            // 22 CFR 120.50(b): some held another citizenship before (often one under 126.1)
            Set<Country> former = new TreeSet<>();
            if (r.nextInt(100) < 12) {
                Country c = pick(r, COUNTRIES);
                if (!citizenships.contains(c)) {
                    former.add(c);
                }
            }
            out.add(new Person(null, null, citizenships, residencies, location, org, clearance, false, former));
        }
        return List.copyOf(out);
    }

    /** The built-in world with generated licences and agreements for its organisations, shaped after the rule data. */
    private static World withGeneratedLicences(World w, SplittableRandom r) {
        List<Licence> licences = new ArrayList<>(w.licences());
        List<Organisation> orgs = List.copyOf(w.organisations());
        List<ExportControl> controls = controls(w).stream().filter(c -> !(c instanceof ExportControl.None)).toList();
        List<Country> countries = countries(w);
        List<String> projects = w.partnership().projects().stream().map(Project::id).toList();
        List<LocalDate> edges = edges(w);
        List<Long> caps = values(w);
        List<Country> partners = Stream.of("AUS", "GBR", "USA", "JPN", "KOR", "CAN", "NZL").map(Country::of).toList();
        for (int i = 0; i < 120; i++) {
            ExportControl c = pick(r, controls);
            String entry = c instanceof ExportControl.Itar itar && r.nextInt(100) < 25 ? itar.category() : c.entry();
            Set<String> parties = new LinkedHashSet<>(subset(r, orgs, 1, 3).stream().map(Organisation::id).toList());
            Set<Country> to = new TreeSet<>(subset(r, r.nextBoolean() ? partners : countries, 1, 5));
            LocalDate from = pick(r, edges);
            Interval validity = r.nextInt(100) < 40 ? Interval.ALWAYS : new Interval(from, r.nextBoolean() ? null : from.plusDays(r.nextInt(365 * 3)));
            Long cap = r.nextInt(100) < 60 ? null : pick(r, caps);
            Set<String> onlyProjects = r.nextInt(100) < 60 ? Set.of() : new TreeSet<>(subset(r, projects, 1, 3));
            licences.add(new Licence("GEN-" + i, c.regime().equals("EAR") ? "BIS" : "TEST", c.regime(), List.copyOf(parties), List.of(entry), to,
                    onlyProjects, validity, cap, r.nextBoolean(), List.of(), new Source("generated licence", "", null, null)));
        }
        return new World(w.id(), w.name(), w.version() + "+licences", w.partnership(), List.copyOf(w.coalitions().values()),
                orgs, List.copyOf(w.people()), List.copyOf(w.items()), licences, w.rules());
    }

    /**
     * Every day on which something of the world starts or ends, and the day before: rule entries (126.1, 126.18, 126.7,
     * ETL, Country Chart, national regimes, equivalences, SPIFs), core membership, project participations, coalition
     * memberships, candidates' stages, registrations and listings, organisations' project roles and licences.
     */
    private static List<LocalDate> edges(World w) {
        RulePack rules = w.rules();
        List<Interval> intervals = new ArrayList<>();
        Function<Collection<? extends Dated>, Boolean> add = list -> intervals.addAll(list.stream().map(Dated::interval).toList());
        add.apply(rules.deniedCountries());
        add.apply(rules.dualNationalRules());
        add.apply(rules.aukusExemptions());
        add.apply(rules.excludedTechnology());
        add.apply(rules.countryChart());
        add.apply(rules.nationalRegimes());
        add.apply(rules.equivalences());
        add.apply(rules.policies());
        add.apply(w.partnership().coreMembers());
        w.partnership().projects().forEach(p -> add.apply(p.participants()));
        w.coalitions().values().forEach(c -> add.apply(c.members()));
        add.apply(w.licences());
        for (Organisation o : w.organisations()) {
            Stream.of(o.ddtc(), o.authorizedUser()).filter(Objects::nonNull).forEach(x -> intervals.add(x.interval()));
            if (o.projects() != null) {
                add.apply(o.projects());
            }
        }
        for (Person p : w.people()) {
            if (p.clearance() != null) {
                intervals.add(p.clearance().interval());
            }
        }
        Set<LocalDate> days = new TreeSet<>();
        for (Interval i : intervals) {
            days.add(i.from());
            if (i.until() != null) {
                days.add(i.until().plusDays(1));
            }
        }
        w.partnership().candidates().forEach(c -> c.history().forEach(h -> days.add(h.date())));
        Set<LocalDate> out = new TreeSet<>();
        for (LocalDate d : days) {
            if (d.getYear() >= 2010 && d.getYear() <= 2035) {
                out.add(d);
                out.add(d.minusDays(1));
            }
        }
        return List.copyOf(out);
    }

    /** 0, and one under, at and one over every 123.15 amount of every exemption version and every licence cap. */
    private static List<Long> values(World w) {
        Set<Long> points = new TreeSet<>(List.of(0L, 1L));
        for (AukusExemption e : w.rules().aukusExemptions()) {
            for (ValueThreshold t : e.valueThresholds()) {
                points.addAll(List.of(t.usd() - 1, t.usd(), t.usd() + 1));
            }
        }
        for (Licence l : w.licences()) {
            if (l.valueCapUsd() != null) {
                points.addAll(List.of(l.valueCapUsd() - 1, l.valueCapUsd(), l.valueCapUsd() + 1));
            }
        }
        points.removeIf(v -> v < 0);
        return List.copyOf(points);
    }

    /** The partners, candidates and others of the world, and every country of 22 CFR 126.1 and of the Country Chart. */
    private static List<Country> countries(World w) {
        Set<Country> out = new TreeSet<>(Stream.of("USA", "GBR", "AUS", "JPN", "KOR", "CAN", "NZL", "FRA", "IND").map(Country::of).toList());
        w.rules().deniedCountries().forEach(d -> out.add(d.country()));
        w.rules().countryChart().forEach(c -> out.add(c.country()));
        return List.copyOf(out);
    }

    /** Export controls of the rule data: ETL and threshold paragraphs, licence entries, items, categories, ECCNs, EAR99, national entries. */
    private static List<ExportControl> controls(World w) {
        Set<String> texts = new LinkedHashSet<>();
        w.rules().excludedTechnology().forEach(e -> e.usml().forEach(p -> texts.add("ITAR:" + p)));
        w.rules().aukusExemptions().forEach(e -> e.valueThresholds().forEach(t -> t.usml().forEach(p -> texts.add("ITAR:" + p))));
        w.licences().forEach(l -> l.covers().forEach(c -> texts.add(l.regime() + ":" + c)));
        w.items().forEach(i -> texts.add(ExportControl.format(i.control())));
        texts.addAll(List.of("ITAR:XI", "ITAR:XI(a)(4)(i)", "ITAR:XII(c)", "ITAR:IV(a)", "ITAR:I(a)(1)", "ITAR:I(h)", "ITAR:XIII(b)(2)"));
        w.rules().eccns().keySet().stream().sorted().forEach(e -> texts.add("EAR:" + e));
        texts.addAll(List.of("EAR:EAR99", "EAR:9A012", "GBR:ML22", "AUS:ML22", "GBR:ML11", "AUS:ML11", "NONE"));
        return texts.stream().map(t -> ExportControl.parse("control", t)).toList();
    }

    private static List<String> tags(World w) {
        Set<String> out = new TreeSet<>(List.of("sonar", "autonomy", "ai", "quantum-sensing", "propulsion"));
        w.rules().excludedTechnology().forEach(e -> out.addAll(e.technologies()));
        return List.copyOf(out);
    }
}
