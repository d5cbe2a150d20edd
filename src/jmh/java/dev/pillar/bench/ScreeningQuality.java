package dev.pillar.bench;

import dev.pillar.core.screening.PartyType;
import dev.pillar.screening.NameMatcher;
import dev.pillar.screening.NameNormaliser;
import dev.pillar.screening.ScreeningIndex;
import java.io.IOException;
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

/**
 * Measures name matching on the labelled set of name pairs ({@code src/test/resources/screening/name-pairs.csv}, see
 * its README): precision and recall at every threshold from 0.70 to 1.00, and at the default threshold the misses by
 * category. Run (after {@code ./mvnw -Pbench -DskipTests package}):
 * {@code java -cp target/benchmarks.jar dev.pillar.bench.ScreeningQuality [name-pairs.csv]}.
 */
public final class ScreeningQuality {
    record Pair(String listName, String query, PartyType type, boolean match, String category) {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "src/test/resources/screening/name-pairs.csv");
        List<Pair> pairs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                pairs.add(new Pair(rec.get("list_name"), rec.get("query_name"), PartyType.parse(rec.get("type")), rec.get("match").equals("1"),
                        rec.get("category")));
            }
        }
        NameNormaliser n = NameNormaliser.standard();
        double[] scores = new double[pairs.size()];
        for (int i = 0; i < scores.length; i++) {
            Pair p = pairs.get(i);
            scores[i] = NameMatcher.score(n.tokens(p.query(), p.type()), n.tokens(p.listName(), p.type()));
        }
        long positives = pairs.stream().filter(Pair::match).count();
        System.out.printf(Locale.ROOT, "%d pairs (%d matches, %d non-matches) from %s%n", pairs.size(), positives, pairs.size() - positives, file);
        System.out.println("threshold  precision  recall  TP  FP  FN");
        for (int t = 70; t <= 100; t++) {
            double threshold = t / 100.0;
            int[] c = counts(pairs, scores, threshold);
            System.out.printf(Locale.ROOT, "%.2f%s     %.3f      %.3f   %d %d %d%n", threshold,
                    Math.abs(threshold - ScreeningIndex.DEFAULT_THRESHOLD) < 1e-9 ? "*" : " ", precision(c), recall(c), c[0], c[1], c[2]);
        }
        Map<String, int[]> byCategory = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            Pair p = pairs.get(i);
            int[] c = byCategory.computeIfAbsent(p.category(), k -> new int[2]);
            c[0]++;
            if ((scores[i] >= ScreeningIndex.DEFAULT_THRESHOLD) == p.match()) {
                c[1]++;
            }
        }
        System.out.printf(Locale.ROOT, "%nat the default threshold %.2f, right answers by category:%n", ScreeningIndex.DEFAULT_THRESHOLD);
        byCategory.forEach((k, c) -> System.out.printf(Locale.ROOT, "  %-20s %3d of %3d%n", k, c[1], c[0]));
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
