package dev.pillar.core.impact;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.model.Pillar;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.Source;
import dev.pillar.core.rules.ExcludedTechnology;
import dev.pillar.core.world.CatalogGenerator;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The impact analysis equals asking the decision engine one by one: over random catalogues (the built-in world plus
 * a generated catalogue, some values moved onto the rules' thresholds) and random scenarios (every kind of change,
 * random days, random recipient populations), the answer the analysis reports for every item and recipient, before and
 * after, is the engine's answer in the base world and in the hypothetical world, and every count of the report is the
 * count of those answers. The same holds for an incremental re-run after one more project participation changes.
 * QuickTheories with a fixed seed; each example draws a seed from which the catalogue and scenario are built.
 */
class ImpactPropertiesTest {
    private static final long SEED = 0x1A7AC7_2025L;
    static final int EXAMPLES = 60;
    static final World BASE = WorldLoader.load("aukus");
    static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    static final List<LocalDate> DAYS = Stream.of("2024-04-18", "2024-08-31", "2024-09-01", "2024-09-17", "2025-01-01", "2025-02-28",
            "2025-03-01", "2025-06-01", "2025-12-29", "2025-12-30", "2026-06-01", "2027-03-01").map(LocalDate::parse).toList();
    static final List<String> COUNTRIES = List.of("KOR", "JPN", "CAN", "NZL", "IND", "GBR", "AUS");
    static final List<String> TAGS = List.of("sonar", "autonomy", "quantum-sensing", "ai", "anti-tamper", "cyber", "propulsion", "uuv");
    static final List<String> USML = List.of("XI(d)", "XI", "XI(a)(3)", "XX(d)", "IV(i)", "XII(f)", "XII");
    static final List<String> CODES = List.of("KOR", "JPN", "CAN", "NZL", "FVEY", "GBR", "AUS");
    static final List<Long> VALUES = List.of(0L, 4_999_999L, 5_000_000L, 5_000_001L, 24_999_999L, 25_000_000L, 25_000_001L);

    private static final AtomicInteger INCREMENTAL = new AtomicInteger();
    private static final AtomicInteger GROUPED = new AtomicInteger();

    /** A catalogue and two scenarios: {@code second} is {@code first} with one more project participation change. */
    record Case(long seed, World world, Scenario first, Scenario second) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + world.items().size() + " items, " + world.people().size() + " people; scenario " + first
                    + "; then " + second.changes().getLast();
        }
    }

    static Gen<Case> cases() {
        return r -> build(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).generate(r));
    }

    static Case build(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        CatalogGenerator.Result g = CatalogGenerator.generate(BASE, 60 + r.nextInt(240), 10 + r.nextInt(40), r.nextLong());
        List<Item> items = new ArrayList<>();
        for (Item it : g.allItems()) {
            // some values on the AUKUS exemption's threshold and the licences' caps
            items.add(r.nextInt(10) == 0 ? new Item(it.id(), it.title(), it.originator(), it.classification(), it.releasability(), it.control(),
                    it.technologies(), it.area(), it.project(), pick(r, VALUES)) : it);
        }
        World world = new World(BASE.id(), BASE.name(), BASE.version() + g.versionSuffix(), BASE.partnership(),
                List.copyOf(BASE.coalitions().values()), List.copyOf(BASE.organisations()), g.allPeople(), items, BASE.licences(), BASE.rules());
        List<Change> changes = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            changes.add(change(r, world, i));
        }
        LocalDate asOf = r.nextInt(4) == 0 ? null : pick(r, DAYS);
        Scenario first = new Scenario("p" + Long.toHexString(seed & 0xffff), "property", "", asOf, recipients(r, world), changes, null);
        List<Change> more = new ArrayList<>(changes);
        more.add(new Change.Admit(Country.of(pick(r, COUNTRIES.subList(0, 5))), List.of(pick(r, pillarTwo(world)).id()), List.of(),
                interval(r), r.nextBoolean() ? Change.Organisations.ALL : Change.Organisations.NONE, null));
        Scenario second = new Scenario(first.id() + "b", "property, one more participation", "", asOf, first.recipients(), more, null);
        return new Case(seed, world, first, second);
    }

    static Change change(SplittableRandom r, World w, int i) {
        return switch (r.nextInt(7)) {
            case 0, 1 -> {
                Country c = Country.of(pick(r, COUNTRIES.subList(0, 5)));
                List<String> projects = new ArrayList<>();
                List<String> areas = new ArrayList<>();
                if (r.nextBoolean()) {
                    projects.add(pick(r, pillarTwo(w)).id());
                } else {
                    areas.add(pick(r, pillarTwo(w)).area());
                }
                List<String> ofCountry = w.organisations().stream().filter(o -> o.country().equals(c)).map(Organisation::id).toList();
                Change.Organisations orgs = r.nextInt(3) == 0 || ofCountry.isEmpty() ? (r.nextBoolean() ? Change.Organisations.ALL : Change.Organisations.NONE)
                        : new Change.Organisations(false, List.of(pick(r, ofCountry)));
                yield new Change.Admit(c, projects, areas, interval(r), orgs, null);
            }
            case 2 -> {
                Country c = Country.of(pick(r, COUNTRIES.subList(0, 5)));
                Country like = r.nextBoolean() ? null : Country.of(pick(r, List.of("AUS", "GBR", "CAN")));
                yield new Change.EquivalentTreatment(c, interval(r), r.nextInt(4) != 0, r.nextInt(4) != 0, c.equals(like) ? null : like,
                        r.nextBoolean() ? Change.Organisations.ALL : Change.Organisations.NONE, null);
            }
            case 3 -> {
                Set<String> tags = new HashSet<>();
                List<String> usml = new ArrayList<>();
                if (r.nextBoolean()) {
                    tags.add(pick(r, TAGS));
                } else {
                    usml.add(pick(r, USML));
                }
                yield new Change.AddExcludedTechnology(new ExcludedTechnology("ETL-P-" + i, "property entry", usml, tags, true, interval(r),
                        new Source("property test", "", null, null)));
            }
            case 4 -> new Change.RemoveExcludedTechnology(pick(r, w.rules().excludedTechnology()).id(), r.nextBoolean() ? null : pick(r, DAYS));
            case 5 -> {
                String regime = pick(r, List.of("ITAR", "ITAR", "EAR", "GBR", "AUS"));
                String entry = switch (regime) {
                    case "ITAR" -> pick(r, USML);
                    case "EAR" -> pick(r, List.of("3E001", "5E002", "6E001", "8E002", "EAR99"));
                    default -> "ML22";
                };
                Set<Country> to = new TreeSet<>();
                int k = 1 + r.nextInt(3);
                for (int j = 0; j < k; j++) {
                    to.add(Country.of(pick(r, COUNTRIES)));
                }
                Set<String> projects = r.nextInt(3) == 0 ? Set.of(pick(r, pillarTwo(w)).id()) : Set.of();
                Long cap = r.nextBoolean() ? null : pick(r, VALUES);
                yield new Change.AddLicence(new Licence("LIC-P-" + i, "property licence", regime, List.of(pick(r, List.copyOf(w.organisations())).id()),
                        List.of(entry), to, projects, interval(r), cap, r.nextBoolean(), List.of(), null));
            }
            default -> {
                Change.ItemGroup group = switch (r.nextInt(3)) {
                    case 0 -> new Change.ItemGroup(Set.of(), Set.of(pick(r, pillarTwo(w)).id()), Set.of(), Set.of(), List.of(), Set.of());
                    case 1 -> new Change.ItemGroup(Set.of(), Set.of(), Set.of(pick(r, pillarTwo(w)).area()), Set.of(), List.of(), Set.of());
                    default -> new Change.ItemGroup(Set.of(), Set.of(), Set.of(), Set.of(Country.of(pick(r, List.of("USA", "GBR", "AUS")))),
                            List.of(pick(r, List.of("ITAR", "ITAR:XI", "EAR", "NONE"))), Set.of());
                };
                yield new Change.ChangeRelTo(group, List.of(pick(r, CODES)), r.nextInt(4) == 0 ? List.of("JPN") : List.of());
            }
        };
    }

    static Recipients recipients(SplittableRandom r, World w) {
        return switch (r.nextInt(5)) {
            case 0 -> Recipients.ALL;
            case 1 -> new Recipients(List.of(), Set.of(Country.of(pick(r, COUNTRIES))), Set.of(), Set.of(), Set.of(), Set.of());
            case 2 -> new Recipients(List.of(), Set.of(), Set.of(Country.of(pick(r, COUNTRIES))), Set.of(), Set.of(), Set.of());
            case 3 -> new Recipients(List.of(), Set.of(), Set.of(), Set.of(), Set.of(), new HashSet<>(List.of(pick(r, pillarTwo(w)).id(), pick(r, pillarTwo(w)).id())));
            default -> {
                List<Person> all = List.copyOf(w.people());
                Set<String> ids = new LinkedHashSet<>();
                for (int i = 0; i < 7; i++) {
                    ids.add(pick(r, all).id());
                }
                yield new Recipients(List.copyOf(ids), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
            }
        };
    }

    static Interval interval(SplittableRandom r) {
        LocalDate from = pick(r, DAYS);
        return r.nextInt(4) == 0 ? new Interval(from, from.plusDays(r.nextInt(400))) : Interval.from(from);
    }

    static List<Project> pillarTwo(World w) {
        return w.partnership().projects().stream().filter(p -> p.pillar() == Pillar.II).toList();
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    // ---- the reference: the engine, one by one -------------------------------------------------------------------

    /** The engine's answers for every item and recipient in one world: [item][recipient]. */
    record Reference(World world, LocalDate day, List<Person> recipients, Finding[][] findings) {}

    static Reference reference(World world, LocalDate day, List<String> recipientIds) {
        DecisionEngine engine = DecisionEngine.standard(world);
        List<Item> items = List.copyOf(world.items());
        List<Person> people = recipientIds.stream().map(world::person).toList();
        Finding[][] out = new Finding[items.size()][people.size()];
        for (int i = 0; i < items.size(); i++) {
            for (int p = 0; p < people.size(); p++) {
                Decision d = engine.decide(new DecisionRequest(items.get(i), people.get(p), null, day, null));
                out[i][p] = expected(d, items.get(i), people.get(p), world);
            }
        }
        return new Reference(world, day, people, out);
    }

    /** What the report must say about one decision, computed here from the decision's own reasons. */
    static Finding expected(Decision d, Item item, Person person, World world) {
        if (d.outcome() == Outcome.PERMIT) {
            return new Finding(Outcome.PERMIT, List.of(), null, d.basis()); // a PERMIT keeps what it rests on
        }
        LinkedHashSet<Finding.Blocker> blockers = new LinkedHashSet<>();
        Finding.LicenceNeed need = null;
        for (Reason r : d.reasons()) {
            if (r.outcome() == d.outcome()) {
                blockers.add(new Finding.Blocker(r.layer(), r.outcome(), r.ruleId(), r.citation()));
                if (d.outcome() == Outcome.LICENSE_REQUIRED) {
                    need = new Finding.LicenceNeed(item.control().regime(), person.organisation().id(), item.control().entry(),
                            r.facts().get("destinations"), world.rules().security().requiresClearance(item.classification()));
                }
            }
        }
        return new Finding(d.outcome(), List.copyOf(blockers), need);
    }

    static void assertEqualsReference(ImpactResult result, World base, Scenario s) {
        World after = ScenarioWorld.apply(base, s);
        LocalDate day = s.effectiveAsOf(TODAY);
        List<String> ids = s.recipients().select(after, day).stream().map(Person::id).toList();
        assertThat(result.asOf()).isEqualTo(day);
        assertThat(result.recipients()).extracting(Person::id).containsExactlyElementsOf(ids);
        Reference before = reference(base, day, ids);
        Reference afterRef = reference(after, day, ids);
        List<Item> afterItems = List.copyOf(after.items());
        int n = afterItems.size();
        assertThat(result.items()).isEqualTo(n);
        long[][] matrix = new long[4][4];
        long changedItems = 0;
        Map<Finding.Blocker, long[]> blocked = new HashMap<>();
        Map<Finding.LicenceNeed, Long> needPairs = new HashMap<>();
        Map<String, long[]> byArea = new HashMap<>();
        List<Map<String, long[]>> byDimension = List.of(byArea, new HashMap<>(), new HashMap<>(), new HashMap<>());
        for (int i = 0; i < n; i++) {
            assertThat(result.item(i)).isEqualTo(afterItems.get(i));
            boolean changed = false;
            Set<Finding.Blocker> itemBlockers = new HashSet<>();
            for (int p = 0; p < ids.size(); p++) {
                Finding b = before.findings()[i][p];
                Finding a = afterRef.findings()[i][p];
                assertThat(result.before(i, p)).as("before: %s to %s", afterItems.get(i).id(), ids.get(p)).isEqualTo(b);
                assertThat(result.after(i, p)).as("after: %s to %s", afterItems.get(i).id(), ids.get(p)).isEqualTo(a);
                matrix[b.outcome().ordinal()][a.outcome().ordinal()]++;
                changed |= b.outcome() != a.outcome();
                for (Finding.Blocker x : a.blockers()) {
                    blocked.computeIfAbsent(x, k -> new long[2])[1]++;
                    itemBlockers.add(x);
                }
                if (a.need() != null) {
                    needPairs.merge(new Finding.LicenceNeed(a.need().regime(), a.need().organisation(), a.need().entry(), a.need().destinations(), false), 1L, Long::sum);
                }
                String area = Catalogue.area(afterItems.get(i), after);
                Item it = afterItems.get(i);
                String[] values = {area == null ? "none" : area, it.project() == null ? "none" : it.project(), it.classification().toString(),
                        it.control().regime()};
                for (int d = 0; d < values.length; d++) {
                    long[] counts = byDimension.get(d).computeIfAbsent(values[d], k -> new long[8]);
                    counts[b.outcome().ordinal()]++;
                    counts[4 + a.outcome().ordinal()]++;
                }
            }
            itemBlockers.forEach(x -> blocked.get(x)[0]++);
            changedItems += changed ? 1 : 0;
        }
        for (Outcome b : Outcome.values()) {
            for (Outcome a : Outcome.values()) {
                assertThat(result.count(b, a)).as("matrix %s -> %s", b, a).isEqualTo(matrix[b.ordinal()][a.ordinal()]);
            }
        }
        assertThat(result.total().changedItems()).isEqualTo(changedItems);
        assertThat(result.total().pairs()).isEqualTo((long) n * ids.size());
        Map<Finding.Blocker, long[]> reported = new HashMap<>();
        for (ImpactResult.BlockerRow row : result.blockers()) {
            if (row.pairsAfter() > 0) {
                reported.put(row.blocker(), new long[] {row.itemsAfter(), row.pairsAfter()});
            }
        }
        assertThat(reported.keySet()).isEqualTo(blocked.keySet());
        blocked.forEach((k, v) -> assertThat(reported.get(k)).as("blocker %s", k).containsExactly(v));
        Map<Finding.LicenceNeed, Long> licences = new HashMap<>();
        result.licences().forEach(l -> licences.put(new Finding.LicenceNeed(l.licence().regime(), l.licence().organisation(), l.licence().entry(),
                l.licence().destinations(), false), l.pairs()));
        assertThat(licences).isEqualTo(needPairs);
        for (ImpactResult.Dimension d : ImpactResult.Dimension.values()) {
            Map<String, long[]> expected = byDimension.get(d.ordinal());
            assertThat(result.groups(d)).extracting(ImpactResult.Group::value).as("%s values", d.title())
                    .containsExactlyElementsOf(new TreeSet<>(expected.keySet()));
            for (ImpactResult.Group g : result.groups(d)) {
                for (Outcome o : Outcome.values()) {
                    assertThat(g.counts().before(o)).as("%s %s %s before", d.title(), g.value(), o).isEqualTo(expected.get(g.value())[o.ordinal()]);
                    assertThat(g.counts().after(o)).as("%s %s %s after", d.title(), g.value(), o).isEqualTo(expected.get(g.value())[4 + o.ordinal()]);
                }
            }
        }
        long listed = result.changes(0, Integer.MAX_VALUE).size();
        assertThat(listed).isEqualTo(result.total().changedPairs());
    }

    // ---- the properties ------------------------------------------------------------------------------------------

    @Test
    void everyAnswerAndCountEqualsTheEngineAskedOneByOne() {
        QuickTheory.qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            ImpactAnalysis analysis = ImpactAnalysis.of(c.world());
            ImpactResult fast;
            try {
                fast = analysis.run(c.first(), TODAY);
            } catch (InvalidValueException e) {
                // a refused scenario is refused the same way when applied directly
                InvalidValueException direct = null;
                try {
                    World after = ScenarioWorld.apply(c.world(), c.first());
                    c.first().recipients().select(after, c.first().effectiveAsOf(TODAY));
                } catch (InvalidValueException x) {
                    direct = x;
                }
                assertThat(direct).as("%s refused: %s", c, e.getMessage()).isNotNull();
                assertThat(direct.getMessage()).isEqualTo(e.getMessage());
                return;
            }
            if (fast.stats().classes() < fast.items()) {
                GROUPED.incrementAndGet();
            }
            assertEqualsReference(fast, c.world(), c.first());
            ImpactResult slow = ImpactAnalysis.of(c.world(), ImpactAnalysis.Mode.ONE_BY_ONE).run(c.first(), TODAY);
            assertThat(slow.stats().classes()).isEqualTo((int) slow.items());
            assertThat(slow.blockers()).isEqualTo(fast.blockers());
            assertThat(slow.licences()).isEqualTo(fast.licences());

            ImpactResult again;
            try {
                again = analysis.rerun(fast, c.second(), TODAY);
            } catch (InvalidValueException e) {
                return; // the extra participation made the population empty, say; run() refuses the same way
            }
            if (again.stats().incremental()) {
                INCREMENTAL.incrementAndGet();
                assertThat(again.stats().evaluatedItems()).isLessThanOrEqualTo(again.items());
            }
            assertEqualsReference(again, c.world(), c.second());
        });
        assertThat(GROUPED.get()).as("examples where items shared classes").isGreaterThan(EXAMPLES / 2);
        assertThat(INCREMENTAL.get()).as("examples re-run incrementally").isGreaterThan(EXAMPLES / 5);
    }

    @Test
    void anIncrementalRerunOfOneProjectTouchesOnlyThatProjectsItemsAndEqualsAFullRun() {
        World world = CatalogGenerator.generateWorld(BASE, 3000, 50, 7);
        Scenario korea = dev.pillar.codec.impact.ScenarioReader.builtIn("korea");
        Recipients seven = new Recipients(List.of("p-usa-engineer", "p-gbr-engineer", "p-aus-engineer", "p-jpn-engineer", "p-kor-engineer",
                "p-gbr-chn-dual", "p-can-researcher"), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
        Scenario first = new Scenario("korea-7", korea.title(), "", korea.asOf(), seven, korea.changes(), null);
        List<Change> more = new ArrayList<>(first.changes());
        more.add(new Change.Admit(Country.of("KOR"), List.of("CYBER-1"), List.of(), Interval.from(LocalDate.of(2025, 1, 1)), Change.Organisations.ALL, null));
        Scenario second = new Scenario("korea-7-cyber", "and CYBER-1", "", korea.asOf(), seven, more, null);
        ImpactAnalysis analysis = ImpactAnalysis.of(world);
        ImpactResult r1 = analysis.run(first, TODAY);
        ImpactResult r2 = analysis.rerun(r1, second, TODAY);
        long cyber = world.items().stream().filter(i -> "CYBER-1".equals(i.project())).count();
        assertThat(r2.stats().incremental()).isTrue();
        assertThat(r2.stats().evaluatedItems()).isEqualTo(cyber);
        assertThat(r2.stats().evaluatedClasses()).isLessThan(r1.stats().classes());
        assertEqualsReference(r2, world, second);
        // the incremental result is the result of a full evaluation of the second scenario on a new analysis
        ImpactResult full = ImpactAnalysis.of(world).run(second, TODAY);
        assertThat(full.stats().incremental()).isFalse();
        assertThat(summary(r2)).isEqualTo(summary(full));
        for (int i = 0; i < full.items(); i++) {
            for (int p = 0; p < full.recipients().size(); p++) {
                assertThat(r2.before(i, p)).isEqualTo(full.before(i, p));
                assertThat(r2.after(i, p)).isEqualTo(full.after(i, p));
            }
        }
        assertThat(r2.groups(ImpactResult.Dimension.PROJECT).stream().filter(g -> g.value().equals("CYBER-1")).findFirst().orElseThrow()
                .counts().after(Outcome.DENY)).isLessThan(r1.groups(ImpactResult.Dimension.PROJECT).stream()
                .filter(g -> g.value().equals("CYBER-1")).findFirst().orElseThrow().counts().after(Outcome.DENY));
    }

    /** Every count of a result, as text: the matrix, per recipient, per dimension value, blockers and licences. */
    static String summary(ImpactResult r) {
        StringBuilder out = new StringBuilder();
        for (Outcome b : Outcome.values()) {
            for (Outcome a : Outcome.values()) {
                out.append(b).append("->").append(a).append('=').append(r.count(b, a)).append('\n');
            }
        }
        r.byRecipient().forEach(x -> out.append(x.person().id()).append(' ').append(counts(x.counts())).append('\n'));
        for (ImpactResult.Dimension d : ImpactResult.Dimension.values()) {
            r.groups(d).forEach(g -> out.append(d).append(' ').append(g.value()).append(' ').append(counts(g.counts())).append('\n'));
        }
        r.blockers().forEach(x -> out.append(x).append('\n'));
        r.licences().forEach(x -> out.append(x).append('\n'));
        return out.append(counts(r.total())).toString();
    }

    static String counts(ImpactResult.Counts c) {
        StringBuilder out = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            out.append(c.before(o)).append('/').append(c.after(o)).append(' ');
        }
        return out.append(c.changedPairs()).append(' ').append(c.items()).append(' ').append(c.changedItems()).toString();
    }

    @Test
    void theLicenceTheReportSuggestsUnlocksTheItemsItCounts() {
        World world = CatalogGenerator.generateWorld(BASE, 2000, 0, 11);
        Scenario korea = dev.pillar.codec.impact.ScenarioReader.builtIn("korea");
        ImpactResult r = ImpactAnalysis.of(world).run(korea, TODAY);
        assertThat(r.licences()).isNotEmpty();
        ImpactResult.LicenceRow top = r.licences().getFirst();
        Finding.LicenceNeed n = top.licence();
        Set<Country> to = new TreeSet<>();
        for (String c : n.destinations().split(",\\s*")) {
            to.add(Country.of(c));
        }
        Licence licence = new Licence("SUGGESTED-1", "suggested", n.regime(), List.of(n.organisation()), List.of(n.entry()), to, Set.of(),
                Interval.from(korea.asOf()), null, n.classified(), List.of(), null);
        List<Change> more = new ArrayList<>(korea.changes());
        more.add(new Change.AddLicence(licence));
        Scenario withLicence = new Scenario("korea-licensed", "with the suggested licence", "", korea.asOf(), korea.recipients(), more, null);
        ImpactResult after = ImpactAnalysis.of(world).run(withLicence, TODAY);
        assertThat(after.total().after(Outcome.PERMIT) - r.total().after(Outcome.PERMIT)).isEqualTo(top.pairs());
        assertThat(after.licences()).doesNotContain(top);
        assertThat(ExportControl.parse("control", n.regime().equals("EAR") ? "EAR:" + n.entry() : n.regime() + ":" + n.entry())).isNotNull();
    }
}
