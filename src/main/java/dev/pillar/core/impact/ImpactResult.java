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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

        /** A class of {@code size} items whose recipients' outcomes are counted in {@code before} and {@code after}. */
        void addClass(long[] classBefore, long[] classAfter, long changed, long size) {
            for (int o = 0; o < 4; o++) {
                before[o] += classBefore[o] * size;
                after[o] += classAfter[o] * size;
            }
            changedPairs += changed * size;
            items += size;
            if (changed > 0) {
                changedItems += size;
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

    /**
     * The distinct findings of both grids, numbered, with their outcome, blocker numbers and licence number: the
     * aggregation then works on arrays of small integers (a million items are some ten thousand classes times the
     * recipients, and a few dozen distinct findings).
     */
    private static final class Index {
        final Map<Finding, Integer> ids = new HashMap<>();
        final IdentityHashMap<Finding, Integer> seen = new IdentityHashMap<>();
        final List<Finding> findings = new ArrayList<>();
        final Map<Finding.Blocker, Integer> blockerIds = new HashMap<>();
        final List<Finding.Blocker> blockers = new ArrayList<>();
        final Map<Finding.LicenceNeed, Integer> needIds = new HashMap<>();
        final List<Finding.LicenceNeed> needs = new ArrayList<>();
        int[] outcome = new int[16];
        int[][] blockersOf = new int[16][];
        int[] needOf = new int[16];
        boolean[] classified = new boolean[16];

        int[] number(Finding[] grid) {
            int[] out = new int[grid.length];
            for (int i = 0; i < grid.length; i++) {
                Finding f = grid[i];
                Integer id = seen.get(f);
                if (id == null) {
                    id = ids.get(f);
                    if (id == null) {
                        id = add(f);
                    }
                    seen.put(f, id);
                }
                out[i] = id;
            }
            return out;
        }

        private int add(Finding f) {
            int id = findings.size();
            findings.add(f);
            ids.put(f, id);
            if (id == outcome.length) {
                outcome = Arrays.copyOf(outcome, id * 2);
                blockersOf = Arrays.copyOf(blockersOf, id * 2);
                needOf = Arrays.copyOf(needOf, id * 2);
                classified = Arrays.copyOf(classified, id * 2);
            }
            outcome[id] = f.outcome().ordinal();
            int[] b = new int[f.blockers().size()];
            for (int i = 0; i < b.length; i++) {
                Finding.Blocker x = f.blockers().get(i);
                b[i] = blockerIds.computeIfAbsent(x, k -> {
                    blockers.add(k);
                    return blockers.size() - 1;
                });
            }
            blockersOf[id] = b;
            needOf[id] = f.need() == null ? -1 : needIds.computeIfAbsent(f.need().unclassified(), k -> {
                needs.add(k);
                return needs.size() - 1;
            });
            classified[id] = f.need() != null && f.need().classified();
            return id;
        }
    }

    private void aggregate() {
        int n = peopleAfter.persons.length;
        Index index = new Index();
        int[] gb = index.number(gridBefore);
        int[] ga = index.number(gridAfter);
        int rbc = peopleBefore.classes();
        int rac = peopleAfter.classes();
        int nb = index.blockers.size();
        int nn = index.needs.size();
        long[] itemsBefore = new long[nb], pairsBefore = new long[nb], itemsAfter = new long[nb], pairsAfter = new long[nb];
        int[] stampBefore = new int[nb], stampAfter = new int[nb];
        int[][] firstSeen = new int[nb][]; // the first class and recipient it blocks, after (1) or before (0)
        long[] needItems = new long[nn], needPairs = new long[nn];
        int[] stampNeed = new int[nn];
        boolean[] needClassified = new boolean[nn];
        Arrays.fill(stampBefore, -1);
        Arrays.fill(stampAfter, -1);
        Arrays.fill(stampNeed, -1);
        long[][] perRecipient = new long[n][10]; // before[4], after[4], changed pairs, changed items
        Catalogue.Dimensions dimensions = catalogue.dimensions(after);
        Counts[][] dims = new Counts[dimensions.names().length][];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = new Counts[dimensions.names()[d].length];
        }
        long[] classBefore = new long[4], classAfter = new long[4];
        for (int c = 0; c < catalogue.classes(); c++) {
            long size = catalogue.size[c];
            Arrays.fill(classBefore, 0);
            Arrays.fill(classAfter, 0);
            long changedPairs = 0;
            for (int p = 0; p < n; p++) {
                int ib = gb[c * rbc + rb[p]];
                int ia = ga[c * rac + ra[p]];
                int ob = index.outcome[ib];
                int oa = index.outcome[ia];
                matrix[ob][oa] += size;
                classBefore[ob]++;
                classAfter[oa]++;
                long[] pr = perRecipient[p];
                pr[ob] += size;
                pr[4 + oa] += size;
                if (ob != oa) {
                    changedPairs++;
                    pr[8] += size;
                    pr[9] += size;
                }
                for (int x : index.blockersOf[ib]) {
                    pairsBefore[x] += size;
                    if (stampBefore[x] != c) {
                        stampBefore[x] = c;
                        itemsBefore[x] += size;
                    }
                    if (firstSeen[x] == null) {
                        firstSeen[x] = new int[] {c, p, 0};
                    }
                }
                for (int x : index.blockersOf[ia]) {
                    pairsAfter[x] += size;
                    if (stampAfter[x] != c) {
                        stampAfter[x] = c;
                        itemsAfter[x] += size;
                    }
                    if (firstSeen[x] == null || firstSeen[x][2] == 0) {
                        firstSeen[x] = new int[] {c, p, 1};
                    }
                }
                int need = index.needOf[ia];
                if (need >= 0) {
                    needPairs[need] += size;
                    needClassified[need] |= index.classified[ia];
                    if (stampNeed[need] != c) {
                        stampNeed[need] = c;
                        needItems[need] += size;
                    }
                }
            }
            for (int d = 0; d < dims.length; d++) {
                int v = dimensions.of()[d][c];
                Counts g = dims[d][v];
                if (g == null) {
                    g = dims[d][v] = new Counts();
                }
                g.addClass(classBefore, classAfter, changedPairs, size);
            }
            total.addClass(classBefore, classAfter, changedPairs, size);
        }
        for (int p = 0; p < n; p++) {
            Counts counts = new Counts();
            long[] pr = perRecipient[p];
            for (int o = 0; o < 4; o++) {
                counts.before[o] = pr[o];
                counts.after[o] = pr[4 + o];
                counts.items += pr[o];
            }
            counts.changedPairs = pr[8];
            counts.changedItems = pr[9];
            byRecipient.add(new RecipientRow(peopleAfter.persons[p], counts));
        }
        for (Dimension d : Dimension.values()) {
            Map<String, Counts> sorted = new TreeMap<>();
            for (int v = 0; v < dims[d.ordinal()].length; v++) {
                if (dims[d.ordinal()][v] != null) {
                    sorted.put(dimensions.names()[d.ordinal()][v], dims[d.ordinal()][v]);
                }
            }
            List<Group> list = new ArrayList<>();
            sorted.forEach((k, v) -> list.add(new Group(k, v)));
            groups.put(d, List.copyOf(list));
        }
        for (int x = 0; x < nb; x++) {
            if (pairsBefore[x] > 0 || pairsAfter[x] > 0) {
                blockers.add(new BlockerRow(index.blockers.get(x), itemsBefore[x], pairsBefore[x], itemsAfter[x], pairsAfter[x],
                        example(index.blockers.get(x), firstSeen[x])));
            }
        }
        blockers.sort(Comparator.comparingLong((BlockerRow x) -> -x.itemsAfter()).thenComparingLong(x -> -x.pairsAfter())
                .thenComparingLong(x -> -x.itemsBefore()).thenComparing(x -> x.blocker().ruleId()).thenComparing(x -> x.blocker().citation()));
        for (int k = 0; k < nn; k++) {
            if (needPairs[k] > 0) {
                Finding.LicenceNeed need = index.needs.get(k);
                licences.add(new LicenceRow(needClassified[k] ? new Finding.LicenceNeed(need.regime(), need.organisation(), need.entry(),
                        need.destinations(), true) : need, needItems[k], needPairs[k]));
            }
        }
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
        forEachChange(sink, Long.MAX_VALUE, false);
    }

    /** Every pair whose outcome or basis ({@link Finding#basis()}) changes, in order. */
    public void forEachDifference(Consumer<ChangedRow> sink) {
        forEachChange(sink, Long.MAX_VALUE, true);
    }

    private void forEachChange(Consumer<ChangedRow> sink, long max) {
        forEachChange(sink, max, false);
    }

    private static boolean differ(Finding b, Finding a, boolean basis) {
        return b.outcome() != a.outcome() || (basis && !b.basis().equals(a.basis()));
    }

    private void forEachChange(Consumer<ChangedRow> sink, long max, boolean basis) {
        int n = peopleAfter.persons.length;
        boolean[] changes = new boolean[catalogue.classes()];
        for (int c = 0; c < changes.length; c++) {
            for (int p = 0; p < n && !changes[c]; p++) {
                changes[c] = differ(fb(c, p), fa(c, p), basis);
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
                if (differ(b, a, basis)) {
                    Item it = catalogue.after[i];
                    sink.accept(new ChangedRow(it, Catalogue.area(it, after), peopleAfter.persons[p], b, a));
                    emitted++;
                }
            }
        }
    }

}
