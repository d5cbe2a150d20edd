package dev.pillar.screening;

import dev.pillar.core.screening.Hit;
import dev.pillar.core.screening.ListEntry;
import dev.pillar.core.screening.ListVersion;
import dev.pillar.core.screening.Party;
import dev.pillar.core.screening.PartyType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of one list version, indexed for screening: every name of every entry, normalised, and an inverted index
 * from the phonetic keys of name parts to names. A query takes the names that share a key with the party's name (the
 * candidates) and scores only those; when a key is so common that candidates run into the thousands, a candidate must
 * share keys with two of the party's name parts. Immutable and thread-safe once built.
 */
public final class ScreeningIndex {
    /** The default score from which a match is reported (chosen on the labelled set, docs/screening.md). */
    public static final double DEFAULT_THRESHOLD = 0.85;
    /** Candidates above which a second shared name part is required. */
    static final int WIDE = 4096;
    /** A country that disagrees (both sides have countries, none in common) lowers the score by this factor. */
    static final double COUNTRY_DISAGREES = 0.93;
    /** A year of birth that disagrees lowers the score by this factor. */
    static final double BIRTH_DISAGREES = 0.85;

    private final ListVersion version;
    private final List<ListEntry> entries;
    private final NameNormaliser normaliser;
    private final NameMatcher.Prepared[] names;
    /** Every distinct name part of the list, prepared once (folds, sound keys). */
    private final Map<String, NameMatcher.Part> dictionary;
    private final int[] nameEntry;
    private final int[] nameSlot;
    private final Map<String, int[]> postings;
    /**
     * Scratch space for candidate retrieval (three int arrays the size of the index), lent to one query at a time and
     * given back: a pool, not a thread-local, because the server runs each request on a new virtual thread.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Scratch> scratch = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final int size;

    public ScreeningIndex(ListVersion version, List<ListEntry> entries, NameNormaliser normaliser) {
        this.version = version;
        this.entries = List.copyOf(entries);
        this.normaliser = normaliser;
        List<NameMatcher.Prepared> ns = new ArrayList<>(entries.size() * 2);
        Map<String, NameMatcher.Part> dict = new HashMap<>();
        List<Integer> owner = new ArrayList<>(entries.size() * 2);
        List<Integer> slot = new ArrayList<>(entries.size() * 2);
        Map<String, IntList> post = new HashMap<>();
        for (int e = 0; e < this.entries.size(); e++) {
            ListEntry entry = this.entries.get(e);
            for (int i = 0; i < entry.names().size(); i++) {
                String[] t = normaliser.tokens(entry.names().get(i), entry.type() == null ? PartyType.ENTITY : entry.type());
                if (t.length == 0) {
                    continue;
                }
                int id = ns.size();
                NameMatcher.Prepared prepared = NameMatcher.prepare(t, x -> dict.computeIfAbsent(x, NameMatcher::part));
                ns.add(prepared);
                owner.add(e);
                slot.add(i);
                for (String token : t) {
                    for (String k : dict.get(token).keys()) {
                        post.computeIfAbsent(k, x -> new IntList()).addOnce(id);
                    }
                }
            }
        }
        this.names = ns.toArray(NameMatcher.Prepared[]::new);
        this.dictionary = dict;
        this.nameEntry = owner.stream().mapToInt(Integer::intValue).toArray();
        this.nameSlot = slot.stream().mapToInt(Integer::intValue).toArray();
        this.postings = new HashMap<>(post.size() * 2);
        post.forEach((k, v) -> postings.put(k, v.toArray()));
        int size = names.length;
        this.size = size;
    }

    public ListVersion version() {
        return version;
    }

    public List<ListEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** Every entry listed on {@code day} whose name scores at least {@code threshold} against one of the party's names, best first. */
    public List<Hit> screen(Party party, LocalDate day, double threshold) {
        Map<Integer, Hit> best = new HashMap<>();
        for (String name : party.names()) {
            String[] q = normaliser.tokens(name, party.type());
            if (q.length == 0) {
                continue;
            }
            NameMatcher.Prepared pq = NameMatcher.prepare(q, dictionary::get);
            for (int n : candidates(pq)) {
                ListEntry entry = entries.get(nameEntry[n]);
                if (!compatible(party.type(), entry.type()) || !entry.listedOn(day)) {
                    continue;
                }
                double s = NameMatcher.score(pq, names[n]);
                if (s < threshold * 0.9) {
                    continue;
                }
                boolean countryOk = agrees(party.countries(), entry.countries());
                boolean birthOk = birthAgrees(party.birthDate(), entry.birthDates());
                double qualified = s * (countryOk ? 1.0 : COUNTRY_DISAGREES) * (birthOk ? 1.0 : BIRTH_DISAGREES);
                if (qualified < threshold) {
                    continue;
                }
                boolean exact = s == 1.0 && countryOk && birthOk && sameParts(q, names[n].parts());
                Hit prev = best.get(nameEntry[n]);
                if (prev == null || qualified > prev.score() || (exact && !prev.exact())) {
                    best.put(nameEntry[n], new Hit(entry, version, name, entry.names().get(nameSlot[n]), qualified, exact, null));
                }
            }
        }
        List<Hit> out = new ArrayList<>(best.values());
        out.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score()) : a.entry().id().compareTo(b.entry().id()));
        return out;
    }

    /**
     * Screens many parties (continuous screening after an import): the hits of each party, in the order of
     * {@code parties}, computed on every core. {@code progress}, if given, is told the number of parties screened at
     * every {@code every} parties, one thread at a time and in increasing order (a count overtaken by a later one before
     * it could be told is left out).
     */
    public List<List<Hit>> screenAll(List<Party> parties, LocalDate day, double threshold, int every, java.util.function.IntConsumer progress) {
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        Object lock = new Object();
        int[] told = {0};
        return java.util.stream.IntStream.range(0, parties.size()).parallel().mapToObj(i -> {
            List<Hit> hits = screen(parties.get(i), day, threshold);
            int n = done.incrementAndGet();
            if (progress != null && every > 0 && n % every == 0) {
                synchronized (lock) {
                    if (n > told[0]) {
                        told[0] = n;
                        progress.accept(n);
                    }
                }
            }
            return hits;
        }).toList();
    }

    private int[] candidates(NameMatcher.Prepared pq) {
        Scratch s = scratch.poll();
        if (s == null) {
            s = new Scratch(size);
        }
        try {
            return candidates(pq, s);
        } finally {
            scratch.offer(s);
        }
    }

    private int[] candidates(NameMatcher.Prepared pq, Scratch s) {
        String[] q = pq.parts();
        s.generation++;
        if (s.generation == Integer.MAX_VALUE) {
            Arrays.fill(s.stamp, 0);
            s.generation = 1;
        }
        int gen = s.generation;
        s.found.clear();
        for (int t = 0; t < q.length; t++) {
            for (String k : pq.keys(t)) {
                int[] p = postings.get(k);
                if (p == null) {
                    continue;
                }
                for (int n : p) {
                    if (s.stamp[n] != gen) {
                        s.stamp[n] = gen;
                        s.parts[n] = 1;
                        s.lastPart[n] = t;
                        s.found.add(n);
                    } else if (s.lastPart[n] != t) {
                        s.parts[n]++;
                        s.lastPart[n] = t;
                    }
                }
            }
        }
        int[] all = s.found.toArray();
        if (all.length <= WIDE || q.length < 2) {
            return all;
        }
        IntList narrow = new IntList();
        for (int n : all) {
            if (s.parts[n] >= 2) {
                narrow.add(n);
            }
        }
        return narrow.toArray();
    }

    private static boolean compatible(PartyType party, PartyType entry) {
        if (entry == null) {
            return true;
        }
        return party == PartyType.INDIVIDUAL ? entry == PartyType.INDIVIDUAL : entry != PartyType.INDIVIDUAL;
    }

    private static boolean agrees(Collection<String> a, Collection<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return true;
        }
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }

    private static boolean birthAgrees(String birth, List<String> dates) {
        if (birth == null || birth.length() < 4 || dates.isEmpty()) {
            return true;
        }
        String year = birth.substring(0, 4);
        for (String d : dates) {
            if (d.contains(year)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameParts(String[] a, String[] b) {
        if (a.length != b.length) {
            return false;
        }
        String[] x = a.clone();
        String[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    private static final class Scratch {
        final int[] stamp;
        final int[] parts;
        final int[] lastPart;
        final IntList found = new IntList();
        int generation;

        Scratch(int size) {
            stamp = new int[size];
            parts = new int[size];
            lastPart = new int[size];
        }
    }

    private static final class IntList {
        private int[] a = new int[4];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        void addOnce(int v) {
            if (n == 0 || a[n - 1] != v) {
                add(v);
            }
        }

        void clear() {
            n = 0;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
