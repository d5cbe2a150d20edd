package dev.pillar.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Scores two normalised names (token arrays) from 0 to 1, in the spirit of OFAC's own search: Jaro-Winkler per name
 * part, with a part that sounds the same (Double Metaphone, primary or alternate key) counted as a near match; parts are
 * paired greedily, best first, in any order (word order does not matter), and weighted by their length. A part of the
 * shorter name that finds no partner counts fully against the match; an extra part of the longer name (a patronymic, a
 * middle name) counts a little. Two parts written together on one side and apart on the other (Jongun, Jong Un) are
 * also compared joined. Each comparison is made as written and once folded by each family of romanisation systems
 * ({@code /screening/romanisation-folds.txt}), and the best is kept. Thread-safe.
 */
public final class NameMatcher {
    /** A part pair below this Jaro-Winkler similarity, and not sounding alike, does not pair at all. */
    static final double PART_FLOOR = 0.84;
    /** The similarity given to parts that sound alike but are spelled further apart (Kim / Gim, Mohammed / Muhammad). */
    static final double SOUNDS_ALIKE = 0.90;
    /** How much the longer name's unpaired parts count against the match. */
    static final double EXTRA_WEIGHT = 0.15;

    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    /** Double Metaphone with keys of up to 8 sounds: the default 4 makes Orlov and Orlovskiy sound alike. */
    private static final DoubleMetaphone DM = metaphone();

    private static DoubleMetaphone metaphone() {
        DoubleMetaphone dm = new DoubleMetaphone();
        dm.setMaxCodeLen(8);
        return dm;
    }

    /** The phonetic keys of a name part (primary and alternate Double Metaphone), as used by the index too. */
    public static String[] keys(String token) {
        String p = DM.doubleMetaphone(token, false);
        String a = DM.doubleMetaphone(token, true);
        if (p == null || p.isEmpty()) {
            return new String[] {token};
        }
        return a == null || a.isEmpty() || a.equals(p) ? new String[] {p} : new String[] {p, a};
    }

    /** Parts equal once folded (Chong / Jong, Hsu / Xu): a near match. */
    static final double FOLDS_ALIKE = 0.93;
    /** A part differs from another: how far its Jaro-Winkler similarity is pulled down (short parts differ more by one letter). */
    static final double DIFFERENT_PART = 0.06;

    /** How much a difference in length pulls a part's similarity down (Orlov / Orlovskiy are other names). */
    static final double LENGTH_DIFFERS = 0.5;

    /** Parts of up to this many letters: one other letter makes another name (Yuko / Yuka, Wei / Wen), unless transposed. */
    static final int SHORT_PART = 4;
    static final double SHORT_PART_DIFFERS = 0.10;

    /** True if the two parts have the same letters in another order (a transposition typo). */
    private static boolean sameLetters(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        char[] x = a.toCharArray();
        char[] y = b.toCharArray();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    /** The similarity of two name parts as written (no folds). */
    public static double part(String a, String b) {
        return part(a, b, a, b);
    }

    /** The similarity of two parts given as written ({@code a}, {@code b}) and folded by one family ({@code fa}, {@code fb}). */
    private static double part(String a, String b, String fa, String fb) {
        return part(a, b, fa, fb, null, 0, null, 0);
    }

    /** As above, with the parts' sound keys at {@code ka[i]} and {@code kb[j]} (computed and kept there when null). */
    private static double part(String a, String b, String fa, String fb, String[][] ka, int i, String[][] kb, int j) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (fa.equals(fb)) {
            return FOLDS_ALIKE;
        }
        int shorter = Math.min(fa.length(), fb.length());
        int longer = Math.max(fa.length(), fb.length());
        // one letter more or less is a typo; more than that is another name (Orlov / Orlovskiy, Moroz / Morozov)
        double penalty = DIFFERENT_PART + LENGTH_DIFFERS * Math.max(0, longer - shorter - 1) / longer
                + (shorter <= SHORT_PART && !sameLetters(fa, fb) ? SHORT_PART_DIFFERS : 0.0);
        // Jaro-Winkler is computed only when its upper bound from the letters the parts share could reach the floor
        if (jaroWinklerBound(fa, fb) - penalty >= PART_FLOOR - 1e-9) {
            double s = JW.apply(fa, fb) - penalty;
            if (s >= PART_FLOOR) {
                return s;
            }
        }
        if (a.length() >= 2 && b.length() >= 2 && soundAlike(keysAt(ka, i, a), keysAt(kb, j, b))) {
            return SOUNDS_ALIKE;
        }
        return 0.0;
    }

    private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);

    /**
     * The part similarities computed while scoring one pair of names, by the identity of the four strings compared: the
     * same parts come back in each variant (joined, merged) and under each fold family that leaves them as they are.
     */
    private static final class Memo {
        private static final int SIZE = 512;
        private final String[] a = new String[SIZE];
        private final String[] b = new String[SIZE];
        private final String[] fa = new String[SIZE];
        private final String[] fb = new String[SIZE];
        private final double[] value = new double[SIZE];
        private final int[] stamp = new int[SIZE];
        private int generation = 1;
        private int used;

        void clear() {
            used = 0;
            if (++generation == Integer.MAX_VALUE) {
                java.util.Arrays.fill(stamp, 0);
                generation = 1;
            }
        }

        double part(String x, String y, String fx, String fy, String[][] kx, int i, String[][] ky, int j) {
            if (used >= SIZE / 2) {
                return NameMatcher.part(x, y, fx, fy, kx, i, ky, j);
            }
            int h = System.identityHashCode(x) * 31 + System.identityHashCode(y);
            h = (h * 31 + System.identityHashCode(fx)) * 31 + System.identityHashCode(fy);
            int at = (h ^ (h >>> 16)) & (SIZE - 1);
            while (stamp[at] == generation) {
                if (a[at] == x && b[at] == y && fa[at] == fx && fb[at] == fy) {
                    return value[at];
                }
                at = (at + 1) & (SIZE - 1);
            }
            double v = NameMatcher.part(x, y, fx, fy, kx, i, ky, j);
            stamp[at] = generation;
            a[at] = x;
            b[at] = y;
            fa[at] = fx;
            fb[at] = fy;
            value[at] = v;
            used++;
            return v;
        }
    }

    /**
     * An upper bound of the Jaro-Winkler similarity of two strings: the Jaro matches are at most the letters they have
     * in common (counted with repeats), the transpositions at least none, and the Winkler prefix at most four letters
     * (as Commons Text computes it: {@code j < 0.7 ? j : j + 0.1 * prefix * (1 - j)}, which grows with {@code j}).
     */
    static double jaroWinklerBound(String a, String b) {
        int m = commonLetters(a, b);
        if (m == 0) {
            return 0.0;
        }
        double j = ((double) m / a.length() + (double) m / b.length() + 1.0) / 3.0;
        return j < 0.7 ? j : j + 0.4 * (1.0 - j);
    }

    /** The letters two strings have in common, counted with repeats (the shorter length for other characters). */
    private static int commonLetters(String a, String b) {
        int[] count = new int[26];
        for (int i = 0; i < a.length(); i++) {
            int k = a.charAt(i) - 'a';
            if (k < 0 || k >= 26) {
                return Math.min(a.length(), b.length());
            }
            count[k]++;
        }
        int m = 0;
        for (int i = 0; i < b.length(); i++) {
            int k = b.charAt(i) - 'a';
            if (k < 0 || k >= 26) {
                return Math.min(a.length(), b.length());
            }
            if (count[k]-- > 0) {
                m++;
            }
        }
        return m;
    }

    private static String[] keysAt(String[][] k, int i, String part) {
        if (k == null) {
            return keys(part);
        }
        if (k[i] == null) {
            k[i] = keys(part);
        }
        return k[i];
    }

    private static boolean soundAlike(String[] ka, String[] kb) {
        // both single letters apart, e.g. initials, never sound alike enough
        for (String x : ka) {
            for (String y : kb) {
                if (x.length() >= 2 && x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A distinct name part with what scoring needs of it, computed once: its fold by each family of romanisation
     * systems (the same string when the family changes nothing) and its sound keys.
     */
    public static final class Part {
        final String text;
        final String[] folds;
        final String[] keys;
        /** Bit {@code s} set: fold family {@code s} changes this part. */
        final long changed;

        private Part(String text) {
            this.text = text;
            List<Folds.Set> sets = Folds.STANDARD.sets();
            this.folds = new String[sets.size()];
            long c = 0;
            for (int s = 0; s < folds.length; s++) {
                String f = sets.get(s).fold(text);
                if (f.equals(text)) {
                    folds[s] = text;
                } else {
                    // the same fold under two families is one string, so that their comparisons are recognised as the same
                    folds[s] = f;
                    for (int t = 0; t < s; t++) {
                        if (folds[t].equals(f)) {
                            folds[s] = folds[t];
                            break;
                        }
                    }
                    c |= 1L << s;
                }
            }
            this.changed = c;
            this.keys = NameMatcher.keys(text);
        }

        /** The part's phonetic keys (as {@link NameMatcher#keys}). */
        public String[] keys() {
            return keys;
        }
    }

    /** Prepares one distinct part; an index keeps these in a dictionary so that each part is prepared once. */
    public static Part part(String text) {
        return new Part(text);
    }

    /** A name prepared for scoring: its parts as written, each with its folds and sound keys. Immutable. */
    public static final class Prepared {
        final String[] parts;
        final Part[] info;
        final String[][] keys;
        final long changed;
        final boolean vowelless;

        private Prepared(String[] parts, Part[] info) {
            this.parts = parts;
            this.info = info;
            this.keys = new String[info.length][];
            long c = 0;
            for (int i = 0; i < info.length; i++) {
                keys[i] = info[i].keys;
                c |= info[i].changed;
            }
            this.changed = c;
            this.vowelless = NameMatcher.vowelless(parts);
        }

        public String[] parts() {
            return parts;
        }

        /** The phonetic keys of part {@code i}. */
        public String[] keys(int i) {
            return keys[i];
        }

        String[] folded(int set) {
            String[] out = new String[info.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = info[i].folds[set];
            }
            return out;
        }
    }

    /** A name's parts prepared for scoring, each part taken from {@code dictionary} when it has it (else prepared here). */
    public static Prepared prepare(String[] parts, Function<String, Part> dictionary) {
        Part[] info = new Part[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Part p = dictionary.apply(parts[i]);
            info[i] = p != null ? p : new Part(parts[i]);
        }
        return new Prepared(parts, info);
    }

    /**
     * The score of two names given as normalised parts: the best of comparing them as written and once folded by each
     * family of romanisation systems ({@code romanisation-folds.txt}).
     */
    public static double score(String[] q, String[] e) {
        return score(prepare(q, x -> null), prepare(e, x -> null));
    }

    /**
     * The score of two prepared names, as {@link #score(String[], String[])}. A family that changes no part of either
     * name gives the same comparison as any other such family, so it is made once.
     */
    public static double score(Prepared q, Prepared e) {
        if (q.parts.length == 0 || e.parts.length == 0) {
            return 0.0;
        }
        MEMO.get().clear();
        double best = joinedOrNot(q.parts, e.parts, q.parts, e.parts, q.keys, e.keys);
        boolean vowelless = q.vowelless || e.vowelless;
        boolean unchangedDone = false;
        List<Folds.Set> sets = Folds.STANDARD.sets();
        for (int s = 0; s < sets.size(); s++) {
            if (best >= 1.0) {
                break;
            }
            if (sets.get(s).onlyVowelless && !vowelless) {
                continue;
            }
            boolean unchanged = ((q.changed | e.changed) & (1L << s)) == 0;
            if (unchanged) {
                if (unchangedDone) {
                    continue;
                }
                unchangedDone = true;
            } else if (sameFolds(q, e, s, sets)) {
                continue;
            }
            String[] fq = unchanged ? q.parts : q.folded(s);
            String[] fe = unchanged ? e.parts : e.folded(s);
            // parts written apart on one side and together on the other (Shen Zhen / Shenzhen), merged where their folds meet
            String[][] mq = merged(q.parts, fq, fe);
            String[][] me = merged(e.parts, fe, mq[1]);
            best = Math.max(best, joinedOrNot(mq[0], me[0], mq[1], me[1], mq[0] == q.parts ? q.keys : new String[mq[0].length][],
                    me[0] == e.parts ? e.keys : new String[me[0].length][]));
        }
        return best;
    }

    /**
     * True if an earlier family that is compared for this pair folds every part of both names to the same strings as
     * family {@code s}: the comparison would be the same.
     */
    private static boolean sameFolds(Prepared q, Prepared e, int s, List<Folds.Set> sets) {
        boolean vowelless = q.vowelless || e.vowelless;
        for (int t = 0; t < s; t++) {
            if (sets.get(t).onlyVowelless && !vowelless) {
                continue;
            }
            if (sameFolds(q, t, s) && sameFolds(e, t, s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameFolds(Prepared p, int t, int s) {
        for (Part part : p.info) {
            if (part.folds[t] != part.folds[s]) {
                return false;
            }
        }
        return true;
    }

    /** True if a part of two letters or more has no vowel: the name came from a script that writes no short vowels. */
    private static boolean vowelless(String[] parts) {
        for (String p : parts) {
            if (p.length() >= 2 && p.chars().noneMatch(c -> c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u')) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code parts} (as written) and {@code folded} with runs of adjacent parts merged where the merged fold equals a
     * folded part of the other name.
     */
    private static String[][] merged(String[] parts, String[] folded, String[] other) {
        if (parts.length < 2) {
            return new String[][] {parts, folded};
        }
        List<String> raw = null;
        List<String> fold = null;
        int i = 0;
        while (i < parts.length) {
            int take = 1;
            StringBuilder f = new StringBuilder(folded[i]);
            for (int j = i + 1; j < parts.length; j++) {
                f.append(folded[j]);
                if (contains(other, f)) {
                    take = j - i + 1;
                }
            }
            if (take > 1 && raw == null) {
                raw = new ArrayList<>(parts.length);
                fold = new ArrayList<>(parts.length);
                for (int k = 0; k < i; k++) {
                    raw.add(parts[k]);
                    fold.add(folded[k]);
                }
            }
            if (take > 1) {
                StringBuilder r = new StringBuilder();
                StringBuilder ff = new StringBuilder();
                for (int k = i; k < i + take; k++) {
                    r.append(parts[k]);
                    ff.append(folded[k]);
                }
                raw.add(r.toString());
                fold.add(ff.toString());
            } else if (raw != null) {
                raw.add(parts[i]);
                fold.add(folded[i]);
            }
            i += take;
        }
        return raw != null ? new String[][] {raw.toArray(String[]::new), fold.toArray(String[]::new)} : new String[][] {parts, folded};
    }

    private static boolean contains(String[] a, CharSequence s) {
        for (String x : a) {
            if (x.contentEquals(s)) {
                return true;
            }
        }
        return false;
    }

    /** The parts as they are, and, when one name has more parts, with two adjacent parts of it written together. */
    private static double joinedOrNot(String[] q, String[] e, String[] fq, String[] fe, String[][] kq, String[][] ke) {
        double best = aligned(q, e, fq, fe, kq, ke);
        if (best < 1.0 && q.length != e.length) {
            boolean qLonger = q.length > e.length;
            String[] longer = qLonger ? q : e;
            String[] longerFolded = qLonger ? fq : fe;
            String[][] longerKeys = qLonger ? kq : ke;
            for (int i = 0; i + 1 < longer.length; i++) {
                String[] joined = join(longer, i);
                String[] joinedFolded = join(longerFolded, i);
                String[][] joinedKeys = join(longerKeys, i);
                best = Math.max(best, qLonger ? aligned(joined, e, joinedFolded, fe, joinedKeys, ke) : aligned(q, joined, fq, joinedFolded, kq, joinedKeys));
            }
        }
        return best;
    }

    /** Keys of the parts, with the two parts joined at {@code i} left to be computed (null). */
    private static String[][] join(String[][] k, int i) {
        String[][] out = new String[k.length - 1][];
        System.arraycopy(k, 0, out, 0, i);
        System.arraycopy(k, i + 2, out, i + 1, k.length - i - 2);
        return out;
    }

    private static String[] join(String[] t, int i) {
        String[] out = new String[t.length - 1];
        System.arraycopy(t, 0, out, 0, i);
        out[i] = t[i] + t[i + 1];
        System.arraycopy(t, i + 2, out, i + 1, t.length - i - 2);
        return out;
    }

    /** Greedy best-first pairing of parts, weighted by length (ties in the order of the parts). */
    private static double aligned(String[] q, String[] e, String[] fq, String[] fe, String[][] kq, String[][] ke) {
        Memo memo = MEMO.get();
        int n = q.length;
        int m = e.length;
        double[] sims = new double[n * m];
        int[] order = new int[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                sims[i * m + j] = memo.part(q[i], e[j], fq[i], fe[j], kq, i, ke, j);
            }
        }
        // stable insertion sort by similarity, best first (a handful of pairs)
        for (int k = 0; k < order.length; k++) {
            int x = k;
            int at = k;
            while (at > 0 && sims[order[at - 1]] < sims[x]) {
                order[at] = order[at - 1];
                at--;
            }
            order[at] = x;
        }
        boolean[] usedQ = new boolean[n];
        boolean[] usedE = new boolean[m];
        double matched = 0;
        double pairedLength = 0;
        for (int k : order) {
            double s = sims[k];
            if (s <= 0) {
                break;
            }
            int i = k / m;
            int j = k % m;
            if (!usedQ[i] && !usedE[j]) {
                usedQ[i] = true;
                usedE[j] = true;
                double w = q[i].length() + e[j].length();
                matched += s * w;
                pairedLength += w;
            }
        }
        double unpairedQ = unpaired(q, usedQ);
        double unpairedE = unpaired(e, usedE);
        // the shorter name's unpaired parts count fully, the longer name's a little
        boolean qShorter = n <= m;
        double against = (qShorter ? unpairedQ : unpairedE) + EXTRA_WEIGHT * (qShorter ? unpairedE : unpairedQ);
        double total = pairedLength + against;
        return total == 0 ? 0.0 : matched / total;
    }

    private static double unpaired(String[] t, boolean[] used) {
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            if (!used[i]) {
                sum += 2 * t[i].length();
            }
        }
        return sum;
    }
}
