package dev.pillar.core.impact;

import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Layer;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Person;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Evaluates scenarios against one base world: for every item of the catalogue and every recipient, the decision in
 * the base world (before) and in the hypothetical world (after), aggregated into an {@link ImpactResult}.
 *
 * <p>Every answer comes from the standard {@link DecisionEngine}. {@link Mode#LABEL_CLASSES} asks it once per class of
 * items with equal decision-relevant labels and once per class of recipients with equal facts, on all cores, and also
 * asks it for a second member of every class, stopping with an error if the two answers differ (so a label the classes
 * missed cannot silently skew a report). {@link Mode#ONE_BY_ONE} asks for every item and every recipient, one by one:
 * the reference the property tests compare with, and the baseline of the benchmarks.
 *
 * <p>Each change knows which items it can affect ({@link Change#mayAffect}). In the hypothetical world the engine is asked
 * again only for the classes some change of the scenario can affect; the others keep their answers from the base world.
 * {@link #rerun} likewise re-evaluates a scenario that differs from an earlier one by a few changes on the items those
 * changes can affect only, reusing every other answer.
 */
public final class ImpactAnalysis {
    /** How the engine is asked. */
    public enum Mode { LABEL_CLASSES, ONE_BY_ONE }

    private final World base;
    private final DecisionEngine baseEngine;
    private final Mode mode;
    private Catalogue cachedCatalogue;
    private Before cachedBefore;

    /** The before answers of one catalogue, day and recipient list. */
    private record Before(Catalogue catalogue, LocalDate asOf, List<String> recipients, People people, Finding[] grid) {}

    private ImpactAnalysis(World base, Mode mode) {
        this.base = Objects.requireNonNull(base, "base");
        this.baseEngine = DecisionEngine.standard(base);
        this.mode = mode;
    }

    public static ImpactAnalysis of(World base) {
        return new ImpactAnalysis(base, Mode.LABEL_CLASSES);
    }

    public static ImpactAnalysis of(World base, Mode mode) {
        return new ImpactAnalysis(base, mode);
    }

    public World base() {
        return base;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Evaluates {@code scenario} over the whole catalogue. {@code today} is the day used when the scenario names no
     * {@code asOf} and no change is dated. Throws {@link InvalidValueException} naming the
     * scenario's field when a change does not fit the world.
     */
    public synchronized ImpactResult run(Scenario scenario, LocalDate today) {
        World after = ScenarioWorld.apply(base, scenario);
        LocalDate asOf = scenario.effectiveAsOf(today);
        List<Person> recipients = scenario.recipients().select(after, asOf);
        Catalogue cat = catalogue(after, scenario);
        Before before = before(cat, asOf, recipients);
        People people = People.of(recipients, mode == Mode.LABEL_CLASSES);
        Finding[] grid;
        int[] classes;
        if (mode == Mode.LABEL_CLASSES && people.samePartition(before.people())) {
            // a class that no change can affect keeps its answers: the engine is asked again for the others only
            classes = affected(cat, scenario.changes(), after);
            grid = before.grid().clone();
        } else {
            classes = all(cat);
            grid = new Finding[cat.classes() * people.classes()];
        }
        long decisions = evaluate(cat, cat.after, DecisionEngine.standard(after), people, asOf, classes, grid);
        return new ImpactResult(this, scenario, asOf, base, after, cat, before.people(), before.grid(), people, grid,
                new ImpactResult.Stats(cat.classes(), people.classes(), decisions, classes.length, items(cat, classes), false, mode == Mode.ONE_BY_ONE));
    }

    /** The classes whose representative (in the hypothetical world) one of {@code changes} {@link Change#mayAffect may affect}. */
    private static int[] affected(Catalogue cat, List<Change> changes, World after) {
        return IntStream.range(0, cat.classes()).parallel().filter(c -> {
            Item it = cat.after[cat.representative[c]];
            for (Change d : changes) {
                if (d.mayAffect(it, after)) {
                    return true;
                }
            }
            return false;
        }).toArray();
    }

    private static long items(Catalogue cat, int[] classes) {
        long n = 0;
        for (int c : classes) {
            n += cat.size[c];
        }
        return n;
    }

    /**
     * Evaluates {@code scenario} reusing {@code previous}: when both use the same day, recipients and items, only the
     * classes of items that a change in one scenario but not the other {@link Change#mayAffect may affect} are asked
     * again; otherwise this is {@link #run}.
     */
    public synchronized ImpactResult rerun(ImpactResult previous, Scenario scenario, LocalDate today) {
        if (previous.analysis() != this || scenario.changesItems() || previous.scenario().changesItems()) {
            return run(scenario, today);
        }
        World after = ScenarioWorld.apply(base, scenario);
        LocalDate asOf = scenario.effectiveAsOf(today);
        List<Person> recipients = scenario.recipients().select(after, asOf);
        Catalogue cat = previous.catalogue;
        People people = People.of(recipients, mode == Mode.LABEL_CLASSES);
        if (!asOf.equals(previous.asOf()) || !people.samePartition(previous.peopleAfter)
                || !cat.sensitivity.covers(Catalogue.Sensitivity.of(base, after))) {
            return run(scenario, today);
        }
        List<Change> differ = new ArrayList<>();
        for (Change c : scenario.changes()) {
            if (!previous.scenario().changes().contains(c)) {
                differ.add(c);
            }
        }
        for (Change c : previous.scenario().changes()) {
            if (!scenario.changes().contains(c)) {
                differ.add(c);
            }
        }
        int[] affected = affected(cat, differ, after);
        Finding[] grid = previous.gridAfter.clone();
        long decisions = evaluate(cat, cat.after, DecisionEngine.standard(after), people, asOf, affected, grid);
        return new ImpactResult(this, scenario, asOf, base, after, cat, previous.peopleBefore, previous.gridBefore, people, grid,
                new ImpactResult.Stats(cat.classes(), people.classes(), decisions, affected.length, items(cat, affected), true, mode == Mode.ONE_BY_ONE));
    }

    private Catalogue catalogue(World after, Scenario scenario) {
        if (mode == Mode.ONE_BY_ONE) {
            return Catalogue.identity(base, after);
        }
        Catalogue.Sensitivity need = Catalogue.Sensitivity.of(base, after);
        if (scenario.changesItems()) {
            return Catalogue.classes(base, after, need);
        }
        if (cachedCatalogue == null || !cachedCatalogue.sensitivity.covers(need)) {
            cachedCatalogue = Catalogue.classes(base, after, need);
        }
        return cachedCatalogue;
    }

    private Before before(Catalogue cat, LocalDate asOf, List<Person> recipients) {
        List<String> ids = recipients.stream().map(Person::id).toList();
        Before b = cachedBefore;
        if (b != null && b.catalogue() == cat && b.asOf().equals(asOf) && b.recipients().equals(ids)) {
            return b;
        }
        List<Person> inBase = new ArrayList<>(recipients.size());
        for (String id : ids) {
            inBase.add(Objects.requireNonNull(base.person(id), id));
        }
        People people = People.of(inBase, mode == Mode.LABEL_CLASSES);
        Finding[] grid = new Finding[cat.classes() * people.classes()];
        evaluate(cat, cat.before, baseEngine, people, asOf, all(cat), grid);
        b = new Before(cat, asOf, ids, people, grid);
        cachedBefore = b;
        return b;
    }

    private static int[] all(Catalogue cat) {
        return IntStream.range(0, cat.classes()).toArray();
    }

    /**
     * Asks the engine for every class in {@code classes} and every recipient class and writes the findings into
     * {@code grid} (class-major). Returns the number of decisions made.
     */
    private long evaluate(Catalogue cat, Item[] items, DecisionEngine engine, People people, LocalDate asOf, int[] classes, Finding[] grid) {
        int r = people.classes();
        World world = engine.world();
        Map<Finding, Finding> interned = new ConcurrentHashMap<>();
        AtomicLong decisions = new AtomicLong();
        IntStream.range(0, classes.length * r).parallel().forEach(cell -> {
            int c = classes[cell / r];
            int p = cell % r;
            Person person = people.representatives[p];
            Finding f = finding(engine.decide(new DecisionRequest(items[cat.representative[c]], person, null, asOf, null)),
                    items[cat.representative[c]], person, world);
            long n = 1;
            if (cat.second[c] >= 0) {
                Item other = items[cat.second[c]];
                Finding g = finding(engine.decide(new DecisionRequest(other, person, null, asOf, null)), other, person, world);
                n++;
                if (!f.equals(g)) {
                    throw new IllegalStateException("items " + items[cat.representative[c]].id() + " and " + other.id()
                            + " share their decision-relevant labels but the engine answers " + f + " and " + g + " for " + person.id()
                            + ": a label the impact classes do not know about decides; report this");
                }
            }
            decisions.addAndGet(n);
            Finding canonical = interned.putIfAbsent(f, f);
            grid[c * r + p] = canonical == null ? f : canonical;
        });
        return decisions.get();
    }

    /** The finding of a decision: outcome, deciding reasons and, for LICENSE_REQUIRED, the licence that would unlock it. */
    static Finding finding(Decision d, Item item, Person person, World world) {
        Outcome o = d.outcome();
        if (o == Outcome.PERMIT) {
            return new Finding(o, List.of(), null, d.basis());
        }
        Set<Finding.Blocker> blockers = new LinkedHashSet<>();
        Finding.LicenceNeed need = null;
        for (Reason r : d.reasons()) {
            if (r.outcome() != o) {
                continue;
            }
            Finding.Blocker b = new Finding.Blocker(r.layer(), r.outcome(), r.ruleId(), r.citation());
            blockers.add(b);
            if (o == Outcome.LICENSE_REQUIRED && r.layer() == Layer.EXPORT_CONTROL && !(item.control() instanceof ExportControl.None)) {
                String destinations = r.facts().getOrDefault("destinations", "");
                need = new Finding.LicenceNeed(item.control().regime(), person.organisation().id(), item.control().entry(), destinations,
                        world.rules().security().requiresClearance(item.classification()));
            }
        }
        return new Finding(o, List.copyOf(blockers), need);
    }
}
