package dev.pillar.core.impact;

import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Person;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The impact of one scenario: for every item and recipient the answer before and after, and what the report shows of
 * them: the before/after matrix, counts per recipient and by area, project, classification and control regime, the
 * pairs whose outcome changes (in catalogue order, paged), the blocking reasons ranked by the number of items they
 * block, and the licences that would unlock the most LICENSE_REQUIRED items. Counts of "pairs" count an item once per
 * recipient; counts of "items" count an item once.
 */
public final class ImpactResult {
    /** The groupings of the counts. */
    public enum Dimension {
        AREA("area"), PROJECT("project"), CLASSIFICATION("classification"), REGIME("control regime");

        private final String title;

        Dimension(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** Pairs by outcome before and after, pairs that change, items, and items with at least one change. */
    public static final class Counts {
        private final long[] before = new long[4];
        private final long[] after = new long[4];
        private long changedPairs;
        private long items;
        private long changedItems;

        public long before(Outcome o) { return before[o.ordinal()]; }
        public long after(Outcome o) { return after[o.ordinal()]; }
        public long changedPairs() { return changedPairs; }
        public long items() { return items; }
        public long changedItems() { return changedItems; }

        public long pairs() {
            long n = 0;
            for (long v : before) {
                n += v;
            }
            return n;
        }

        void add(Outcome b, Outcome a, long n) {
            before[b.ordinal()] += n;
            after[a.ordinal()] += n;
            if (b != a) {
                changedPairs += n;
            }
        }
    }

    /** A value of a dimension (e.g. area {@code quantum}, {@code none} when unset) and its counts. */
    public record Group(String value, Counts counts) {}

    /** One recipient and the counts of their pairs. */
    public record RecipientRow(Person person, Counts counts) {}

    /**
     * A blocking reason and how many items and pairs it blocks before and after (a pair can have more than one);
     * {@code example} is the engine's message for one of them.
     */
    public record BlockerRow(Finding.Blocker blocker, long itemsBefore, long pairsBefore, long itemsAfter, long pairsAfter, String example) {}

    /** A licence that would unlock {@code items} items ({@code pairs} pairs) that are LICENSE_REQUIRED after the changes. */
    public record LicenceRow(Finding.LicenceNeed licence, long items, long pairs) {}

    /** A pair whose outcome changes: the item (as in the hypothetical world), the recipient, the two answers. */
    public record ChangedRow(Item item, String area, Person recipient, Finding before, Finding after) {}

    /**
     * How the result was computed: item classes and recipient classes, decisions asked of the engine, the classes and
     * items evaluated (all of them unless {@code incremental}), and whether every item was asked one by one.
     */
    public record Stats(int classes, int recipientClasses, long decisions, int evaluatedClasses, long evaluatedItems, boolean incremental,
                        boolean oneByOne) {}

    private final ImpactAnalysis analysis;
    private final Scenario scenario;
    private final LocalDate asOf;
    private final World before;
    private final World after;
    final Catalogue catalogue;
    final People peopleBefore;
    final Finding[] gridBefore;
    final People peopleAfter;
    final Finding[] gridAfter;
    private final Stats stats;
    private final int[] rb;
    private final int[] ra;
    private final Counts total = new Counts();
    private final long[][] matrix = new long[4][4];
    private final List<RecipientRow> byRecipient = new ArrayList<>();
    private final Map<Dimension, List<Group>> groups = new HashMap<>();
    private final List<BlockerRow> blockers = new ArrayList<>();
    private final List<LicenceRow> licences = new ArrayList<>();

    ImpactResult(ImpactAnalysis analysis, Scenario scenario, LocalDate asOf, World before, World after, Catalogue catalogue,
                 People peopleBefore, Finding[] gridBefore, People peopleAfter, Finding[] gridAfter, Stats stats) {
        this.analysis = analysis;
        this.scenario = scenario;
        this.asOf = asOf;
        this.before = before;
        this.after = after;
        this.catalogue = catalogue;
        this.peopleBefore = peopleBefore;
        this.gridBefore = gridBefore;
        this.peopleAfter = peopleAfter;
        this.gridAfter = gridAfter;
        this.stats = stats;
        this.rb = peopleBefore.classOf;
        this.ra = peopleAfter.classOf;
        aggregate();
    }

    private Finding fb(int c, int p) {
        return gridBefore[c * peopleBefore.classes() + rb[p]];
    }

    private Finding fa(int c, int p) {
        return gridAfter[c * peopleAfter.classes() + ra[p]];
    }

    private void aggregate() {
        int n = peopleAfter.persons.length;
        Counts[] perRecipient = new Counts[n];
        for (int p = 0; p < n; p++) {
            perRecipient[p] = new Counts();
        }
        List<Map<String, Counts>> dims = new ArrayList<>();
        for (int d = 0; d < Dimension.values().length; d++) {
            dims.add(new TreeMap<>());
        }
        Map<Finding.Blocker, long[]> blocked = new HashMap<>(); // items before, pairs before, items after, pairs after
        Map<Finding.Blocker, int[]> firstSeen = new HashMap<>(); // the first class and recipient it blocks, after (1) or before (0)
        Map<Finding.LicenceNeed, long[]> needs = new HashMap<>(); // items, pairs, classified
        Set<Finding.Blocker> seenBefore = new HashSet<>();
        Set<Finding.Blocker> seenAfter = new HashSet<>();
        Set<Finding.LicenceNeed> seenNeeds = new HashSet<>();
        for (int c = 0; c < catalogue.classes(); c++) {
            long size = catalogue.size[c];
            Item it = catalogue.after[catalogue.representative[c]];
            String[] values = {or(Catalogue.area(it, after)), or(it.project()), it.classification().toString(), it.control().regime()};
            Counts[] inDims = new Counts[values.length];
            for (int d = 0; d < values.length; d++) {
                inDims[d] = dims.get(d).computeIfAbsent(values[d], k -> new Counts());
            }
            boolean changed = false;
            seenBefore.clear();
            seenAfter.clear();
            seenNeeds.clear();
            for (int p = 0; p < n; p++) {
                Finding b = fb(c, p);
                Finding a = fa(c, p);
                matrix[b.outcome().ordinal()][a.outcome().ordinal()] += size;
                total.add(b.outcome(), a.outcome(), size);
                perRecipient[p].add(b.outcome(), a.outcome(), size);
                for (Counts g : inDims) {
                    g.add(b.outcome(), a.outcome(), size);
                }
                changed |= b.outcome() != a.outcome();
                for (Finding.Blocker x : b.blockers()) {
                    blocked.computeIfAbsent(x, k -> new long[4])[1] += size;
                    seenBefore.add(x);
                    firstSeen.putIfAbsent(x, new int[] {c, p, 0});
                }
                for (Finding.Blocker x : a.blockers()) {
                    blocked.computeIfAbsent(x, k -> new long[4])[3] += size;
                    seenAfter.add(x);
                    int[] first = firstSeen.get(x);
                    if (first == null || first[2] == 0) {
                        firstSeen.put(x, new int[] {c, p, 1});
                    }
                }
                if (a.need() != null) {
                    long[] v = needs.computeIfAbsent(a.need().unclassified(), k -> new long[3]);
                    v[1] += size;
                    v[2] |= a.need().classified() ? 1 : 0;
                    seenNeeds.add(a.need().unclassified());
                }
            }
            seenBefore.forEach(x -> blocked.get(x)[0] += size);
            seenAfter.forEach(x -> blocked.get(x)[2] += size);
            seenNeeds.forEach(x -> needs.get(x)[0] += size);
            total.items += size;
            for (Counts g : inDims) {
                g.items += size;
            }
            if (changed) {
                total.changedItems += size;
                for (Counts g : inDims) {
                    g.changedItems += size;
                }
            }
            // items per recipient: an item counts once for each recipient
            for (int p = 0; p < n; p++) {
                perRecipient[p].items += size;
                if (fb(c, p).outcome() != fa(c, p).outcome()) {
                    perRecipient[p].changedItems += size;
                }
            }
        }
        for (int p = 0; p < n; p++) {
            byRecipient.add(new RecipientRow(peopleAfter.persons[p], perRecipient[p]));
        }
        for (Dimension d : Dimension.values()) {
            List<Group> list = new ArrayList<>();
            dims.get(d.ordinal()).forEach((k, v) -> list.add(new Group(k, v)));
            groups.put(d, List.copyOf(list));
        }
        blocked.forEach((b, v) -> blockers.add(new BlockerRow(b, v[0], v[1], v[2], v[3], example(b, firstSeen.get(b)))));
        blockers.sort(Comparator.comparingLong((BlockerRow x) -> -x.itemsAfter()).thenComparingLong(x -> -x.pairsAfter())
                .thenComparingLong(x -> -x.itemsBefore()).thenComparing(x -> x.blocker().ruleId()).thenComparing(x -> x.blocker().citation()));
        needs.forEach((k, v) -> licences.add(new LicenceRow(v[2] == 1 ? new Finding.LicenceNeed(k.regime(), k.organisation(), k.entry(),
                k.destinations(), true) : k, v[0], v[1])));
        licences.sort(Comparator.comparingLong((LicenceRow x) -> -x.items()).thenComparingLong(x -> -x.pairs())
                .thenComparing(x -> x.licence().regime()).thenComparing(x -> x.licence().organisation()).thenComparing(x -> x.licence().entry())
                .thenComparing(x -> x.licence().destinations()));
    }

    /**
     * The engine's message for the first pair (in catalogue and recipient order; after the changes if any) that
     * {@code b} blocks, asked again so that the example is the same however the classes were evaluated.
     */
    private String example(Finding.Blocker b, int[] at) {
        boolean inAfter = at[2] == 1;
        Item item = (inAfter ? catalogue.after : catalogue.before)[catalogue.representative[at[0]]];
        Person person = inAfter ? peopleAfter.persons[at[1]] : peopleBefore.persons[at[1]];
        Decision d = DecisionEngine.standard(inAfter ? after : before).decide(new DecisionRequest(item, person, null, asOf, null));
        for (Reason r : d.reasons()) {
            if (r.layer() == b.layer() && r.ruleId().equals(b.ruleId()) && r.citation().equals(b.citation()) && r.outcome() == b.outcome()) {
                return r.message();
            }
        }
        return "";
    }

    private static String or(String s) {
        return s == null ? "none" : s;
    }

    // ---- accessors ------------------------------------------------------------------------------------------------

    ImpactAnalysis analysis() { return analysis; }
    public Scenario scenario() { return scenario; }
    public LocalDate asOf() { return asOf; }
    /** The base world. */
    public World before() { return before; }
    /** The hypothetical world. */
    public World after() { return after; }
    public Stats stats() { return stats; }
    /** The recipients, as people of the hypothetical world. */
    public List<Person> recipients() { return List.of(peopleAfter.persons); }
    public long items() { return catalogue.items(); }
    /** Every pair: items times recipients, with outcome counts before and after. */
    public Counts total() { return total; }
    /** Pairs with outcome {@code before} in the base world and {@code after} in the hypothetical world. */
    public long count(Outcome before, Outcome after) { return matrix[before.ordinal()][after.ordinal()]; }
    public List<RecipientRow> byRecipient() { return List.copyOf(byRecipient); }
    public List<Group> groups(Dimension d) { return groups.get(d); }
    /** Blocking reasons, ranked by the items they block after the changes (then pairs, then before). */
    public List<BlockerRow> blockers() { return List.copyOf(blockers); }
    /** Licences that would unlock LICENSE_REQUIRED items after the changes, the most items first. */
    public List<LicenceRow> licences() { return List.copyOf(licences); }

    /** The answer before the changes for the item at {@code itemIndex} (catalogue order) and recipient {@code recipient}. */
    public Finding before(int itemIndex, int recipient) {
        return fb(catalogue.classOf[itemIndex], recipient);
    }

    /** The answer after the changes, as {@link #before(int, int)}. */
    public Finding after(int itemIndex, int recipient) {
        return fa(catalogue.classOf[itemIndex], recipient);
    }

    /** The item at {@code index} in catalogue order, as in the hypothetical world. */
    public Item item(int index) {
        return catalogue.after[index];
    }

    /** The pairs whose outcome changes, in catalogue order (then recipient order), from {@code offset}, at most {@code limit}. */
    public List<ChangedRow> changes(long offset, int limit) {
        List<ChangedRow> out = new ArrayList<>(Math.min(limit, 1000));
        long[] skip = {offset};
        forEachChange(row -> {
            if (skip[0] > 0) {
                skip[0]--;
            } else if (out.size() < limit) {
                out.add(row);
            }
        }, offset + limit);
        return out;
    }

    /** Every pair whose outcome changes, in order. */
    public void forEachChange(Consumer<ChangedRow> sink) {
        forEachChange(sink, Long.MAX_VALUE);
    }

    private void forEachChange(Consumer<ChangedRow> sink, long max) {
        int n = peopleAfter.persons.length;
        boolean[] changes = new boolean[catalogue.classes()];
        for (int c = 0; c < changes.length; c++) {
            for (int p = 0; p < n && !changes[c]; p++) {
                changes[c] = fb(c, p).outcome() != fa(c, p).outcome();
            }
        }
        long emitted = 0;
        for (int i = 0; i < catalogue.items() && emitted < max; i++) {
            int c = catalogue.classOf[i];
            if (!changes[c]) {
                continue;
            }
            for (int p = 0; p < n && emitted < max; p++) {
                Finding b = fb(c, p);
                Finding a = fa(c, p);
                if (b.outcome() != a.outcome()) {
                    Item it = catalogue.after[i];
                    sink.accept(new ChangedRow(it, Catalogue.area(it, after), peopleAfter.persons[p], b, a));
                    emitted++;
                }
            }
        }
    }

}
