package dev.pillar.screening;

import java.util.Arrays;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Scores two normalised names (token arrays) from 0 to 1, in the spirit of OFAC's own search: Jaro-Winkler per name
 * part, with a part that sounds the same (Double Metaphone, primary or alternate key) counted as a near match; parts are
 * paired greedily, best first, in any order (word order does not matter), and weighted by their length. A part of the
 * shorter name that finds no partner counts fully against the match; an extra part of the longer name (a patronymic, a
 * middle name) counts a little. Two parts written together on one side and apart on the other (Jongun, Jong Un) are
 * also compared joined. Thread-safe.
 */
public final class NameMatcher {
    /** A part pair below this Jaro-Winkler similarity, and not sounding alike, does not pair at all. */
    static final double PART_FLOOR = 0.84;
    /** The similarity given to parts that sound alike but are spelled further apart (Kim / Gim, Mohammed / Muhammad). */
    static final double SOUNDS_ALIKE = 0.90;
    /** How much the longer name's unpaired parts count against the match. */
    static final double EXTRA_WEIGHT = 0.15;

    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    private static final DoubleMetaphone DM = new DoubleMetaphone();

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

    /** The similarity of two name parts. */
    public static double part(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        String fa = Folds.STANDARD.fold(a);
        String fb = Folds.STANDARD.fold(b);
        if (fa.equals(fb)) {
            return FOLDS_ALIKE;
        }
        double s = Math.max(JW.apply(a, b), JW.apply(fa, fb)) - DIFFERENT_PART;
        if (s >= PART_FLOOR) {
            return s;
        }
        if (a.length() >= 2 && b.length() >= 2 && soundAlike(a, b)) {
            return SOUNDS_ALIKE;
        }
        return 0.0;
    }

    private static boolean soundAlike(String a, String b) {
        // both single letters apart, e.g. initials, never sound alike enough
        String[] ka = keys(a);
        String[] kb = keys(b);
        for (String x : ka) {
            for (String y : kb) {
                if (x.length() >= 2 && x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The score of two names given as normalised parts. */
    public static double score(String[] q, String[] e) {
        if (q.length == 0 || e.length == 0) {
            return 0.0;
        }
        double best = aligned(q, e);
        if (best < 1.0 && q.length != e.length) {
            String[] longer = q.length > e.length ? q : e;
            String[] shorter = longer == q ? e : q;
            for (int i = 0; i + 1 < longer.length; i++) {
                String[] joined = join(longer, i);
                best = Math.max(best, longer == q ? aligned(joined, shorter) : aligned(shorter, joined));
            }
        }
        if (best < 1.0 && q.length > 1 && e.length > 1) {
            // everything written as one word on both sides, in sorted order (Jong Un Kim / Kimjongun)
            best = Math.max(best, Math.min(0.99, whole(q, e)));
        }
        return best;
    }

    private static double whole(String[] q, String[] e) {
        String a = String.join("", q);
        String b = String.join("", e);
        double s = JW.apply(a, b);
        return s >= 0.95 ? s : 0.0;
    }

    private static String[] join(String[] t, int i) {
        String[] out = new String[t.length - 1];
        System.arraycopy(t, 0, out, 0, i);
        out[i] = t[i] + t[i + 1];
        System.arraycopy(t, i + 2, out, i + 1, t.length - i - 2);
        return out;
    }

    /** Greedy best-first pairing of parts, weighted by length. */
    private static double aligned(String[] q, String[] e) {
        int n = q.length;
        int m = e.length;
        double[] sims = new double[n * m];
        Integer[] order = new Integer[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                sims[i * m + j] = part(q[i], e[j]);
                order[i * m + j] = i * m + j;
            }
        }
        Arrays.sort(order, (x, y) -> Double.compare(sims[y], sims[x]));
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
