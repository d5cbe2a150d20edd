package dev.pillar.bench;

import dev.pillar.codec.label.SpifReader;
import dev.pillar.core.label.Clearance;
import dev.pillar.core.label.Label;
import dev.pillar.core.label.SecurityPolicy.Category;
import dev.pillar.core.label.SecurityPolicy.Classification;
import dev.pillar.core.label.SecurityPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The access control decision on a compiled policy, and loading a SPIF, on the NATO policy of the public XML-SPIF
 * suite ({@code nato-4774-policy.xml}: 5 classifications, 5 tag sets, several hundred categories, so each category
 * set is several 64-bit words). Over a pre-built ring of 1,024 label/clearance pairs (fixed seed): labels of 1 to 6
 * categories, mostly REL TO and context categories; clearances holding some of them and a few others.
 *
 * <ul>
 *   <li>{@code baselineHashLookup}: one {@code HashMap} lookup, the floor to quote ratios against;</li>
 *   <li>{@code acdfBySets}: the same rule written over {@code java.util.HashSet}s of categories (what a direct
 *       implementation does);</li>
 *   <li>{@code acdfPermits}: {@link SecurityPolicy#permits} on the bit sets (the decision itself);</li>
 *   <li>{@code accessWithValidityAndReasons}: {@link SecurityPolicy#access}, which also validates the label and
 *       explains a refusal (what the API and the console call);</li>
 *   <li>{@code markLabel}: the display marking of the label;</li>
 *   <li>{@code loadNatoSpif}: reading and compiling the NATO SPIF (87 KB), in microseconds.</li>
 * </ul>
 *
 * <p>The suite is read from {@code -p suite=DIR} (default {@code ../shared/conformance/xml-spif}, beside the clone).
 * Build with {@code ./mvnw -B -Pbench -DskipTests package}, run {@code java -jar target/benchmarks.jar LabelBenchmark};
 * see docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class LabelBenchmark {
    static final int PAIRS = 1024; // a power of two: the index wraps with a mask
    static final long SEED = 4774L;

    @Param("../shared/conformance/xml-spif")
    String suite;

    byte[] natoBytes;
    SecurityPolicy nato;
    Label[] labels;
    Clearance[] clearances;
    Set<Category>[] labelSets;
    Set<Category>[] clearanceSets;
    Map<String, Integer> map;
    String[] keys;
    int next;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        Path file = Path.of(suite, "nato-4774-policy.xml");
        try {
            natoBytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the NATO policy of the XML-SPIF suite is missing at " + file.toAbsolutePath()
                    + ": give the suite folder with -p suite=DIR", e);
        }
        nato = SpifReader.read(natoBytes, file.toString()).policy();
        List<Category> rel = nato.tagSetNamed("Releasable To").tags().getFirst().categories();
        List<Category> context = nato.tagSetNamed("Context").tags().getFirst().categories();
        List<Category> all = nato.categories();
        SplittableRandom random = new SplittableRandom(SEED);
        labels = new Label[PAIRS];
        clearances = new Clearance[PAIRS];
        labelSets = new Set[PAIRS];
        clearanceSets = new Set[PAIRS];
        map = new HashMap<>();
        keys = new String[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            List<Classification> classes = nato.classifications();
            Classification cls = classes.get(random.nextInt(classes.size()));
            List<Category> cats = new ArrayList<>();
            cats.add(context.get(random.nextInt(context.size())));
            int n = random.nextInt(6);
            for (int j = 0; j < n; j++) {
                List<Category> from = random.nextInt(4) == 0 ? all : rel;
                cats.add(from.get(random.nextInt(from.size())));
            }
            List<Category> held = new ArrayList<>();
            for (Category c : cats) {
                if (!c.type().informative() && random.nextInt(3) > 0) {
                    held.add(c);
                }
            }
            for (int j = 0; j < 3; j++) {
                Category c = all.get(random.nextInt(all.size()));
                if (!c.type().informative()) {
                    held.add(c);
                }
            }
            List<Classification> heldClasses = random.nextInt(4) == 0 ? List.of(classes.getFirst()) : classes;
            labels[i] = Label.of(nato, cls, cats, null);
            clearances[i] = Clearance.of(nato, heldClasses, held);
            labelSets[i] = new HashSet<>(labels[i].categories());
            clearanceSets[i] = new HashSet<>(clearances[i].categories());
            keys[i] = "item-" + i;
            map.put(keys[i], i);
        }
    }

    private int index() {
        return next++ & (PAIRS - 1);
    }

    @Benchmark
    public Integer baselineHashLookup() {
        return map.get(keys[index()]);
    }

    @Benchmark
    public boolean acdfBySets() {
        int i = index();
        Label l = labels[i];
        Clearance c = clearances[i];
        if (!c.classifications().contains(l.classification())) {
            return false;
        }
        Set<Category> cats = labelSets[i];
        Set<Category> held = clearanceSets[i];
        for (Category cat : cats) {
            if (cat.type().restrictive() && !held.contains(cat)) {
                return false;
            }
        }
        for (Category cat : cats) {
            if (cat.type().permissive()) {
                boolean any = false;
                for (Category other : cats) {
                    if (other.tag() == cat.tag() && held.contains(other)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    @Benchmark
    public boolean acdfPermits() {
        int i = index();
        return nato.permits(labels[i], clearances[i]);
    }

    @Benchmark
    public SecurityPolicy.Access accessWithValidityAndReasons() {
        int i = index();
        return nato.access(labels[i], clearances[i]);
    }

    @Benchmark
    public String markLabel() {
        return nato.marking(labels[index()], "");
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public SecurityPolicy loadNatoSpif() {
        return SpifReader.read(natoBytes, "nato-4774-policy.xml").policy();
    }
}
