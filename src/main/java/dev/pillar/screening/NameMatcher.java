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
        if (a.equals(b)) {
            return 1.0;
        }
        if (fa.equals(fb)) {
            return FOLDS_ALIKE;
        }
        int shorter = Math.min(fa.length(), fb.length());
        int longer = Math.max(fa.length(), fb.length());
        // one letter more or less is a typo; more than that is another name (Orlov / Orlovskiy, Moroz / Morozov)
        double s = JW.apply(fa, fb) - DIFFERENT_PART - LENGTH_DIFFERS * Math.max(0, longer - shorter - 1) / longer
                - (shorter <= SHORT_PART && !sameLetters(fa, fb) ? SHORT_PART_DIFFERS : 0.0);
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

    /**
     * The score of two names given as normalised parts: the best of comparing them as written and once folded by each
     * family of romanisation systems ({@code romanisation-folds.txt}).
     */
    public static double score(String[] q, String[] e) {
        if (q.length == 0 || e.length == 0) {
            return 0.0;
        }
        double best = joinedOrNot(q, e, q, e);
        boolean vowelless = vowelless(q) || vowelless(e);
        for (Folds.Set set : Folds.STANDARD.sets()) {
            if (best >= 1.0) {
                break;
            }
            if (set.onlyVowelless && !vowelless) {
                continue;
            }
            String[] fq = set.fold(q);
            String[] fe = set.fold(e);
            // parts written apart on one side and together on the other (Shen Zhen / Shenzhen), merged where their folds meet
            String[][] mq = merged(q, fq, fe);
            String[][] me = merged(e, fe, mq[1]);
            best = Math.max(best, joinedOrNot(mq[0], me[0], mq[1], me[1]));
        }
        return best;
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
        java.util.Set<String> targets = new java.util.HashSet<>(java.util.Arrays.asList(other));
        java.util.List<String> raw = new java.util.ArrayList<>(parts.length);
        java.util.List<String> fold = new java.util.ArrayList<>(parts.length);
        int i = 0;
        boolean changed = false;
        while (i < parts.length) {
            int take = 1;
            StringBuilder f = new StringBuilder(folded[i]);
            for (int j = i + 1; j < parts.length; j++) {
                f.append(folded[j]);
                if (targets.contains(f.toString())) {
                    take = j - i + 1;
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
                changed = true;
            } else {
                raw.add(parts[i]);
                fold.add(folded[i]);
            }
            i += take;
        }
        return changed ? new String[][] {raw.toArray(String[]::new), fold.toArray(String[]::new)} : new String[][] {parts, folded};
    }

    /** The parts as they are, and, when one name has more parts, with two adjacent parts of it written together. */
    private static double joinedOrNot(String[] q, String[] e, String[] fq, String[] fe) {
        double best = aligned(q, e, fq, fe);
        if (best < 1.0 && q.length != e.length) {
            boolean qLonger = q.length > e.length;
            String[] longer = qLonger ? q : e;
            String[] longerFolded = qLonger ? fq : fe;
            for (int i = 0; i + 1 < longer.length; i++) {
                String[] joined = join(longer, i);
                String[] joinedFolded = join(longerFolded, i);
                best = Math.max(best, qLonger ? aligned(joined, e, joinedFolded, fe) : aligned(q, joined, fq, joinedFolded));
            }
        }
        return best;
    }

    private static String[] join(String[] t, int i) {
        String[] out = new String[t.length - 1];
        System.arraycopy(t, 0, out, 0, i);
        out[i] = t[i] + t[i + 1];
        System.arraycopy(t, i + 2, out, i + 1, t.length - i - 2);
        return out;
    }

    /** Greedy best-first pairing of parts, weighted by length. */
    private static double aligned(String[] q, String[] e, String[] fq, String[] fe) {
        int n = q.length;
        int m = e.length;
        double[] sims = new double[n * m];
        Integer[] order = new Integer[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                sims[i * m + j] = part(q[i], e[j], fq[i], fe[j]);
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
