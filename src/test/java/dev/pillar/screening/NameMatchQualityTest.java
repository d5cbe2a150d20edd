package dev.pillar.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.core.screening.PartyType;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of name matching on the labelled set of 818 name pairs in
 * {@code src/test/resources/screening/name-pairs.csv} (transliteration variants of Korean, Chinese, Russian, Arabic,
 * Persian and Japanese names, word order, legal suffixes, typos, diacritics, native scripts, and look-alike
 * non-matches; see its README). The curve over thresholds and the answers by category are written to
 * {@code target/screening-quality.txt}, which docs/benchmarks.md quotes. The goal is recall of at least 0.95
 * at precision of at least 0.90 at the default threshold: recall is held to the goal; precision, which does not reach
 * it (benchmarks.md says why), is held to the level measured when the matcher was last tuned, so that a change that
 * lowers it fails here.
 */
class NameMatchQualityTest {
    record Pair(String listName, String query, PartyType type, boolean match, String category) {}

    static List<Pair> pairs() throws IOException {
        List<Pair> out = new ArrayList<>();
        try (Reader r = new InputStreamReader(NameMatchQualityTest.class.getResourceAsStream("/screening/name-pairs.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(new Pair(rec.get("list_name"), rec.get("query_name"), PartyType.parse(rec.get("type")), rec.get("match").equals("1"),
                        rec.get("category")));
            }
        }
        return out;
    }

    @Test
    void recallMeetsTheGoalAndPrecisionHoldsAtTheDefaultThreshold() throws IOException {
        List<Pair> pairs = pairs();
        assertThat(pairs).as("the labelled set").hasSizeGreaterThanOrEqualTo(500);
        NameNormaliser n = NameNormaliser.standard();
        double[] scores = new double[pairs.size()];
        for (int i = 0; i < scores.length; i++) {
            Pair p = pairs.get(i);
            scores[i] = NameMatcher.score(n.tokens(p.query(), p.type()), n.tokens(p.listName(), p.type()));
        }
        long positives = pairs.stream().filter(Pair::match).count();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%d pairs (%d matches, %d non-matches)%n%n", pairs.size(), positives,
                pairs.size() - positives));
        report.append("| threshold | precision | recall | true positives | false positives | false negatives |\n|---|---|---|---|---|---|\n");
        for (int t = 70; t <= 100; t += 2) {
            double threshold = t / 100.0;
            int[] c = counts(pairs, scores, threshold);
            report.append(String.format(Locale.ROOT, "| %.2f | %.3f | %.3f | %d | %d | %d |%n", threshold, precision(c), recall(c), c[0], c[1], c[2]));
        }
        Map<String, int[]> byCategory = new TreeMap<>();
        StringBuilder misses = new StringBuilder();
        for (int i = 0; i < scores.length; i++) {
            Pair p = pairs.get(i);
            boolean hit = scores[i] >= ScreeningIndex.DEFAULT_THRESHOLD;
            int[] c = byCategory.computeIfAbsent(p.category(), k -> new int[2]);
            c[0]++;
            if (hit == p.match()) {
                c[1]++;
            } else {
                misses.append(String.format(Locale.ROOT, "%s %.3f %s | %s | %s%n", p.match() ? "missed" : "false hit", scores[i], p.category(),
                        p.listName(), p.query()));
            }
        }
        int[] c = counts(pairs, scores, ScreeningIndex.DEFAULT_THRESHOLD);
        report.append(String.format(Locale.ROOT, "%nAt the default threshold %.2f: precision %.3f, recall %.3f. Right answers by category:%n%n",
                ScreeningIndex.DEFAULT_THRESHOLD, precision(c), recall(c)));
        report.append("| category | right | of |\n|---|---|---|\n");
        byCategory.forEach((k, v) -> report.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", k, v[1], v[0])));
        report.append("\n").append(misses);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/screening-quality.txt"), report);
        assertThat(recall(c)).as("recall at %.2f (the misses are in target/screening-quality.txt)", ScreeningIndex.DEFAULT_THRESHOLD).isGreaterThanOrEqualTo(0.95);
        assertThat(precision(c)).as("precision at %.2f (the false hits are in target/screening-quality.txt)", ScreeningIndex.DEFAULT_THRESHOLD).isGreaterThanOrEqualTo(0.88);
    }

    private static int[] counts(List<Pair> pairs, double[] scores, double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean hit = scores[i] >= threshold;
            if (hit && pairs.get(i).match()) {
                tp++;
            } else if (hit) {
                fp++;
            } else if (pairs.get(i).match()) {
                fn++;
            }
        }
        return new int[] {tp, fp, fn};
    }

    private static double precision(int[] c) {
        return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
    }

    private static double recall(int[] c) {
        return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
    }
}
