package dev.pillar.core.impact;

import dev.pillar.core.model.Country;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.Releasability;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.rules.AukusExemption;
import dev.pillar.core.rules.ExcludedTechnology;
import dev.pillar.core.world.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The catalogue of a before and an after world (the same items, some with changed labels), grouped into classes of
 * items whose decision-relevant labels are equal in both worlds. The decision layers read an item's originator,
 * classification, releasability, export control, project, value (only against the AUKUS exemption's thresholds and
 * licences' value caps) and technology tags (only against the Excluded Technology List); items that agree on these get
 * the same answer for every recipient, so the engine is asked once per class. The area is part of the key only so that
 * counts by area come from the classes. {@link #identity} puts every item in a class of its own (the one-by-one path).
 */
final class Catalogue {
    /** What a class key depends on beyond the labels themselves: the ETL's tags and the value breakpoints. */
    record Sensitivity(Set<String> tags, long[] breakpoints) {
        static Sensitivity of(World... worlds) {
            Set<String> tags = new TreeSet<>();
            TreeSet<Long> points = new TreeSet<>();
            for (World w : worlds) {
                for (ExcludedTechnology e : w.rules().excludedTechnology()) {
                    tags.addAll(e.technologies());
                }
                for (AukusExemption e : w.rules().aukusExemptions()) {
                    points.addAll(e.breakpoints());
                }
                for (Licence l : w.licences()) {
                    if (l.valueCapUsd() != null && l.valueCapUsd() < Long.MAX_VALUE) {
                        points.add(l.valueCapUsd() + 1);
                    }
                }
            }
            return new Sensitivity(Set.copyOf(tags), points.stream().mapToLong(Long::longValue).toArray());
        }

        boolean covers(Sensitivity other) {
            if (!tags.containsAll(other.tags)) {
                return false;
            }
            for (long p : other.breakpoints) {
                if (Arrays.binarySearch(breakpoints, p) < 0) {
                    return false;
                }
            }
            return true;
        }

        int bucket(long value) {
            int i = Arrays.binarySearch(breakpoints, value);
            return i >= 0 ? i + 1 : -i - 1;
        }

        Set<String> relevant(Set<String> technologies) {
            if (tags.isEmpty() || technologies.isEmpty()) {
                return Set.of();
            }
            Set<String> out = null;
            for (String t : technologies) {
                if (tags.contains(t)) {
                    if (out == null) {
                        out = new TreeSet<>();
                    }
                    out.add(t);
                }
            }
            return out == null ? Set.of() : out;
        }
    }

    /** The decision-relevant labels of an item (and its area, for the counts). */
    private record Labels(Country originator, SecurityLevel classification, Releasability releasability, ExportControl control,
                          Set<String> tags, String project, String area, int valueBucket) {}

    private record Both(Labels before, Labels after) {}

    final Item[] before;
    final Item[] after;
    final int[] classOf;
    final int[] representative;
    /** A second member of each class (or -1), decided too as a check that the class really shares its answers. */
    final int[] second;
    final int[] size;
    final Sensitivity sensitivity;
    final boolean identity;

    private Catalogue(Item[] before, Item[] after, int[] classOf, int[] representative, int[] second, int[] size,
                      Sensitivity sensitivity, boolean identity) {
        this.before = before;
        this.after = after;
        this.classOf = classOf;
        this.representative = representative;
        this.second = second;
        this.size = size;
        this.sensitivity = sensitivity;
        this.identity = identity;
    }

    int classes() {
        return representative.length;
    }

    /**
     * The value of each report dimension (area, project, classification, control regime) of every class, as numbers
     * into {@link Dimensions#names}; computed once per catalogue, so that a re-run on the same catalogue does not read
     * the representative items again. None of the four depends on a scenario's changes: an admission changes a project's
     * participants, never its area, and a REL TO change only an item's marking.
     */
    record Dimensions(int[][] of, String[][] names) {}

    private volatile Dimensions dimensions;

    Dimensions dimensions(World world) {
        Dimensions d = dimensions;
        if (d == null) {
            int dims = 4;
            int[][] of = new int[dims][classes()];
            List<Map<String, Integer>> ids = new ArrayList<>();
            for (int k = 0; k < dims; k++) {
                ids.add(new HashMap<>());
            }
            Map<SecurityLevel, String> levels = new HashMap<>();
            for (int c = 0; c < classes(); c++) {
                Item it = after[representative[c]];
                String area = area(it, world);
                String[] values = {area == null ? "none" : area, it.project() == null ? "none" : it.project(),
                        levels.computeIfAbsent(it.classification(), SecurityLevel::toString), it.control().regime()};
                for (int k = 0; k < dims; k++) {
                    Map<String, Integer> m = ids.get(k);
                    Integer id = m.get(values[k]);
                    if (id == null) {
                        id = m.size();
                        m.put(values[k], id);
                    }
                    of[k][c] = id;
                }
            }
            String[][] names = new String[dims][];
            for (int k = 0; k < dims; k++) {
                names[k] = new String[ids.get(k).size()];
                for (Map.Entry<String, Integer> e : ids.get(k).entrySet()) {
                    names[k][e.getValue()] = e.getKey();
                }
            }
            d = new Dimensions(of, names);
            dimensions = d;
        }
        return d;
    }

    int items() {
        return classOf.length;
    }

    static Item[] items(World w) {
        return w.items().toArray(Item[]::new);
    }

    /** Every item in a class of its own: the engine is asked for every item. */
    static Catalogue identity(World beforeWorld, World afterWorld) {
        Item[] b = items(beforeWorld);
        Item[] a = afterItems(b, afterWorld);
        int n = b.length;
        int[] idx = IntStream.range(0, n).toArray();
        int[] none = new int[n];
        Arrays.fill(none, -1);
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        return new Catalogue(b, a, idx, idx.clone(), none, ones, Sensitivity.of(beforeWorld, afterWorld), true);
    }

    /** Items with equal decision-relevant labels in both worlds share a class; {@code sensitivity} must cover both worlds. */
    static Catalogue classes(World beforeWorld, World afterWorld, Sensitivity sensitivity) {
        Item[] b = items(beforeWorld);
        Item[] a = afterItems(b, afterWorld);
        boolean unchanged = true;
        for (int i = 0; i < b.length && unchanged; i++) {
            unchanged = a[i] == b[i];
        }
        if (unchanged) {
            Catalogue packed = Packed.classes(b, a, beforeWorld, sensitivity);
            if (packed != null) {
                return packed;
            }
        }
        return byRecords(b, a, beforeWorld, afterWorld, sensitivity);
    }

    /** The general grouping: a record of the labels per item (both worlds' labels where an item changes). */
    private static Catalogue byRecords(Item[] b, Item[] a, World beforeWorld, World afterWorld, Sensitivity sensitivity) {
        int n = b.length;
        Object[] keys = new Object[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            Labels lb = labels(b[i], beforeWorld, sensitivity);
            keys[i] = a[i] == b[i] ? lb : new Both(lb, labels(a[i], afterWorld, sensitivity));
        });
        Map<Object, Integer> ids = new HashMap<>();
        Grouping g = new Grouping(n);
        for (int i = 0; i < n; i++) {
            Integer c = ids.putIfAbsent(keys[i], g.classes);
            g.add(i, c == null ? -1 : c);
        }
        return g.catalogue(b, a, sensitivity);
    }

    /** Numbers the classes in the order their first item appears, and keeps each class's first two items and size. */
    private static final class Grouping {
        final int[] classOf;
        int[] representative;
        int[] second;
        int[] size;
        int classes;

        Grouping(int items) {
            classOf = new int[items];
            representative = new int[Math.max(16, items / 64)];
            second = new int[representative.length];
            size = new int[representative.length];
        }

        /** Puts item {@code i} in class {@code c}, or in a new class (number {@link #classes} before the call) if {@code c} is -1. */
        void add(int i, int c) {
            if (c < 0) {
                if (classes == representative.length) {
                    representative = Arrays.copyOf(representative, classes * 2);
                    second = Arrays.copyOf(second, classes * 2);
                    size = Arrays.copyOf(size, classes * 2);
                }
                representative[classes] = i;
                second[classes] = -1;
                size[classes] = 1;
                classOf[i] = classes++;
            } else {
                classOf[i] = c;
                if (size[c]++ == 1) {
                    second[c] = i;
                }
            }
        }

        Catalogue catalogue(Item[] before, Item[] after, Sensitivity s) {
            return new Catalogue(before, after, classOf, Arrays.copyOf(representative, classes), Arrays.copyOf(second, classes),
                    Arrays.copyOf(size, classes), s, false);
        }
    }

    /**
     * The fast grouping when no item changes between the worlds: each label value is numbered once (by identity first:
     * loaded and generated catalogues share their label values), an item's numbers are packed into a {@code long}, and
     * items are grouped by it in a map of primitives. Null when the numbers do not fit in 63 bits.
     */
    private static final class Packed {
        /**
         * Numbers equal values: by identity first (for the shared instances), then by equality. Values that are not
         * shared (a new instance per item) stay out of the identity cache, which is kept small.
         */
        private static final class Numbers {
            static final int IDENTITIES = 4096;
            final IdentityHashMap<Object, Integer> byIdentity = new IdentityHashMap<>();
            final Map<Object, Integer> byValue = new HashMap<>();

            int of(Object o) {
                Integer i = byIdentity.get(o);
                if (i == null) {
                    i = byValue.computeIfAbsent(o, k -> byValue.size());
                    if (byIdentity.size() < IDENTITIES) {
                        byIdentity.put(o, i);
                    }
                }
                return i;
            }

            /** The number of a value {@link #of} has seen; safe to call from several threads once numbering is done. */
            int known(Object o) {
                Integer i = byIdentity.get(o);
                return i != null ? i : byValue.get(o);
            }

            int bits() {
                return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(0, byValue.size() - 1)));
            }
        }

        static Catalogue classes(Item[] items, Item[] after, World world, Sensitivity s) {
            int n = items.length;
            Numbers originators = new Numbers(), levels = new Numbers(), markings = new Numbers(), controls = new Numbers(),
                    projects = new Numbers(), areas = new Numbers(), tags = new Numbers();
            Map<Set<String>, Set<String>> relevant = new HashMap<>();
            for (Item it : items) {
                originators.of(it.originator());
                levels.of(it.classification());
                markings.of(it.releasability());
                controls.of(it.control());
                projects.of(it.project());
                areas.of(area(it, world));
                tags.of(relevant.computeIfAbsent(it.technologies(), s::relevant));
            }
            Numbers[] all = {originators, levels, markings, controls, projects, areas, tags};
            int[] width = new int[all.length + 1];
            int total = 0;
            for (int k = 0; k < all.length; k++) {
                width[k] = all[k].bits();
                total += width[k];
            }
            width[all.length] = Math.max(1, 32 - Integer.numberOfLeadingZeros(s.breakpoints.length));
            total += width[all.length];
            if (total > 63) {
                return null;
            }
            long[] keys = new long[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                Item it = items[i];
                int[] v = {originators.known(it.originator()), levels.known(it.classification()), markings.known(it.releasability()),
                        controls.known(it.control()), projects.known(it.project()), areas.known(area(it, world)),
                        tags.known(relevant.get(it.technologies())), s.bucket(it.valueUsd())};
                long key = 0;
                for (int k = 0; k < v.length; k++) {
                    key = (key << width[k]) | v[k];
                }
                keys[i] = key;
            });
            LongIntMap ids = new LongIntMap();
            Grouping g = new Grouping(n);
            for (int i = 0; i < n; i++) {
                g.add(i, ids.putIfAbsent(keys[i], g.classes));
            }
            return g.catalogue(items, after, s);
        }
    }

    /** An open-addressing map from non-negative {@code long} keys to {@code int}s. */
    private static final class LongIntMap {
        private long[] keys = new long[1 << 12];
        private int[] values = new int[1 << 12];
        private int size;

        LongIntMap() {
            Arrays.fill(keys, -1);
        }

        /** The value of {@code key}, or -1 after storing {@code value} for it. */
        int putIfAbsent(long key, int value) {
            int mask = keys.length - 1;
            int i = (int) (mix(key) & mask);
            while (keys[i] != -1) {
                if (keys[i] == key) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
            if (++size * 2 > keys.length) {
                grow();
            }
            return -1;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            Arrays.fill(keys, -1);
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != -1) {
                    int i = (int) (mix(oldKeys[j]) & mask);
                    while (keys[i] != -1) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    values[i] = oldValues[j];
                }
            }
        }

        private static long mix(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            return k;
        }
    }

    /** The after world's items in the before world's order (the same objects where unchanged). */
    private static Item[] afterItems(Item[] before, World afterWorld) {
        Item[] a = items(afterWorld);
        if (a.length != before.length) {
            throw new IllegalStateException("the hypothetical world has " + a.length + " items, the base world " + before.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (!a[i].id().equals(before[i].id())) {
                throw new IllegalStateException("item " + i + " is " + a[i].id() + " in the hypothetical world, " + before[i].id() + " in the base world");
            }
        }
        return a;
    }

    private static Labels labels(Item it, World w, Sensitivity s) {
        return new Labels(it.originator(), it.classification(), it.releasability(), it.control(), s.relevant(it.technologies()),
                it.project(), area(it, w), s.bucket(it.valueUsd()));
    }

    /** The item's area, or its project's. */
    static String area(Item it, World w) {
        if (it.area() != null || it.project() == null) {
            return it.area();
        }
        Project p = w.project(it.project());
        return p == null ? null : p.area();
    }
}
