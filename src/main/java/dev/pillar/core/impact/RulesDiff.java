package dev.pillar.core.impact;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Person;
import dev.pillar.core.rules.ClassificationScheme;
import dev.pillar.core.rules.NationalPolicy;
import dev.pillar.core.rules.RuleCatalog;
import dev.pillar.core.rules.RulePack;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changes between two versions of a world's rule data: the entries that differ (added, removed, changed, by
 * section and key) and every decision over the world's catalogue and population whose outcome or basis differs,
 * grouped by reason (the answer before and the answer after). The decisions come from the impact engine: the world
 * with the {@code from} rules is the base, and the scenario is one {@link Change.ReplaceRules} with the {@code to}
 * rules; each day is one run.
 *
 * <p>The days default to today and every day on which an entry that differs starts or ends (its {@code from}, and the
 * day after its {@code until}) in either version, so a change that takes effect later is evaluated when it does.
 */
public final class RulesDiff {
    private RulesDiff() {}

    /** How an entry differs. */
    public enum Kind { ADDED, REMOVED, CHANGED }

    /** An entry of the rule data that differs: its section (e.g. {@code itar.deniedCountries}), key and both forms. */
    public record EntryChange(String section, String key, Kind kind, Object before, Object after) {
        /** The days on which the entry starts or ends in either version. */
        List<LocalDate> edges() {
            List<LocalDate> out = new ArrayList<>();
            for (Object o : new Object[] {before, after}) {
                if (o instanceof Dated d) {
                    Interval i = d.interval();
                    if (!i.from().equals(LocalDate.MIN)) {
                        out.add(i.from());
                    }
                    if (i.until() != null) {
                        out.add(i.until().plusDays(1));
                    }
                }
            }
            return out;
        }
    }

    /** One decision that differs: the day, the item, the recipient and the two answers. */
    public record Pair(LocalDate day, Item item, Person recipient, Finding before, Finding after) {}

    /** Decisions that differ for the same reason: the answer before and the answer after ({@link Finding#summary()}). */
    public record Group(String before, String after, List<Pair> pairs) {
        public Group {
            pairs = List.copyOf(pairs);
        }

        public long items() {
            return pairs.stream().map(p -> p.item().id()).distinct().count();
        }

        public long recipients() {
            return pairs.stream().map(p -> p.recipient().id()).distinct().count();
        }

        public List<LocalDate> days() {
            return pairs.stream().map(Pair::day).distinct().sorted().toList();
        }
    }

    /** A day evaluated: how many decisions (items times recipients) and how many differ. */
    public record Day(LocalDate day, long pairs, long differ) {}

    /** The diff: both labels, the entries that differ, the days evaluated and the groups, the largest first. */
    public record Result(String from, String to, String world, List<EntryChange> entries, List<Day> days, List<Group> groups) {
        public Result {
            entries = List.copyOf(entries);
            days = List.copyOf(days);
            groups = List.copyOf(groups);
        }

        /** The decisions that differ, over every day. */
        public long differences() {
            return groups.stream().mapToLong(g -> g.pairs().size()).sum();
        }

        public boolean changed() {
            return !entries.isEmpty() || differences() > 0;
        }
    }

    /**
     * Compares {@code from} and {@code to} over {@code world}'s catalogue and people on {@code days} (null or empty: the
     * default days, see the class). Throws {@link InvalidValueException} with field {@code from} or {@code to} when the
     * world's items or people do not fit that rule data version (e.g. a classification level it does not know).
     */
    public static Result run(World world, RulePack from, String fromLabel, RulePack to, String toLabel, List<LocalDate> days, LocalDate today) {
        Check.present("from", from);
        Check.present("to", to);
        List<EntryChange> entries = entries(from, to);
        List<LocalDate> on = days == null || days.isEmpty() ? defaultDays(entries, today) : days.stream().distinct().sorted().toList();
        World base;
        try {
            base = ScenarioWorld.apply(world, scenario("rules-from", fromLabel, new Change.ReplaceRules(from, fromLabel), today));
        } catch (InvalidValueException e) {
            throw new InvalidValueException("from", "the world does not fit rule data " + fromLabel + ": " + e.field() + ": " + e.problem());
        }
        try {
            ScenarioWorld.apply(base, scenario("rules-to", toLabel, new Change.ReplaceRules(to, toLabel), today));
        } catch (InvalidValueException e) {
            throw new InvalidValueException("to", "the world does not fit rule data " + toLabel + ": " + e.field() + ": " + e.problem());
        }
        ImpactAnalysis analysis = ImpactAnalysis.of(base);
        Map<String, List<Pair>> grouped = new LinkedHashMap<>();
        List<Day> evaluated = new ArrayList<>();
        for (LocalDate day : on) {
            ImpactResult r = analysis.run(scenario("rules-to", toLabel, new Change.ReplaceRules(to, toLabel), day), day);
            long[] n = {0};
            r.forEachDifference(row -> {
                n[0]++;
                grouped.computeIfAbsent(row.before().summary() + "\n" + row.after().summary(), k -> new ArrayList<>())
                        .add(new Pair(day, row.item(), row.recipient(), row.before(), row.after()));
            });
            evaluated.add(new Day(day, r.total().pairs(), n[0]));
        }
        List<Group> groups = new ArrayList<>();
        grouped.forEach((k, v) -> {
            int cut = k.indexOf('\n');
            groups.add(new Group(k.substring(0, cut), k.substring(cut + 1), v));
        });
        groups.sort((a, b) -> Integer.compare(b.pairs().size(), a.pairs().size()));
        return new Result(fromLabel, toLabel, world.version(), entries, evaluated, groups);
    }

    private static Scenario scenario(String id, String label, Change change, LocalDate day) {
        return new Scenario(id, "rule data " + label, "", day, Recipients.ALL, List.of(change), null);
    }

    /** Today and every day an entry that differs starts or ends, sorted. */
    static List<LocalDate> defaultDays(List<EntryChange> entries, LocalDate today) {
        Set<LocalDate> out = new TreeSet<>();
        out.add(today);
        for (EntryChange e : entries) {
            out.addAll(e.edges());
        }
        return List.copyOf(out);
    }

    /** The entries of the rule data that differ between {@code a} and {@code b}, section by section, in key order. */
    public static List<EntryChange> entries(RulePack a, RulePack b) {
        List<EntryChange> out = new ArrayList<>();
        section(out, "catalog", a.catalog().entries(), b.catalog().entries(), RuleCatalog.Entry::id);
        section(out, "classification.schemes", a.schemes(), b.schemes(), ClassificationScheme::id);
        section(out, "classification.equivalences", a.equivalences(), b.equivalences(), e -> e.id());
        section(out, "classification.policies", a.policies().stream().map(RulesDiff::policy).toList(),
                b.policies().stream().map(RulesDiff::policy).toList(), Policy::scheme);
        section(out, "itar.deniedCountries", a.deniedCountries(), b.deniedCountries(), d -> d.country() + " from " + from(d));
        section(out, "itar.dualNationals", a.dualNationalRules(), b.dualNationalRules(), d -> d.id());
        section(out, "itar.aukusExemption", a.aukusExemptions(), b.aukusExemptions(), e -> e.id());
        section(out, "itar.excludedTechnology", a.excludedTechnology(), b.excludedTechnology(), e -> e.id());
        section(out, "ear.eccns", a.eccns().values(), b.eccns().values(), e -> e.code());
        section(out, "ear.countryChart", a.countryChart(), b.countryChart(), c -> c.country() + " from " + from(c));
        section(out, "nationalRegimes", a.nationalRegimes(), b.nationalRegimes(), r -> r.id());
        section(out, "recordKeeping", a.recordKeeping(), b.recordKeeping(), o -> o.id());
        return out;
    }

    private static String from(Dated d) {
        return d.interval().from().equals(LocalDate.MIN) ? "always" : d.interval().from().toString();
    }

    /** A SPIF-defined scheme as far as a diff can compare it (the SPIF itself by its policy id and levels). */
    record Policy(String scheme, String policyId, List<String> levels, Set<String> withoutClearance, String releasableTo, String noforn,
                  Interval interval, Object source) implements Dated {}

    private static Policy policy(NationalPolicy p) {
        return new Policy(p.scheme(), p.policy().id(), p.asScheme().levels().stream().map(ClassificationScheme.Level::name).toList(),
                new TreeSet<>(p.withoutClearance()), p.releasableTo(), p.noforn(), p.interval(), p.source());
    }

    private static <T> void section(List<EntryChange> out, String name, java.util.Collection<T> before, java.util.Collection<T> after,
                                    Function<T, String> key) {
        Map<String, T> a = new java.util.TreeMap<>();
        before.forEach(x -> a.put(key.apply(x), x));
        Map<String, T> b = new java.util.TreeMap<>();
        after.forEach(x -> b.put(key.apply(x), x));
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            T x = a.get(k);
            T y = b.get(k);
            if (x == null) {
                out.add(new EntryChange(name, k, Kind.ADDED, null, y));
            } else if (y == null) {
                out.add(new EntryChange(name, k, Kind.REMOVED, x, null));
            } else if (!Objects.equals(x, y)) {
                out.add(new EntryChange(name, k, Kind.CHANGED, x, y));
            }
        }
    }
}
