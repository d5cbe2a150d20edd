package dev.pillar.bench;

import dev.pillar.core.screening.Hit;
import dev.pillar.core.screening.ListEntry;
import dev.pillar.core.screening.ListVersion;
import dev.pillar.core.screening.Party;
import dev.pillar.core.screening.PartyType;
import dev.pillar.screening.NameNormaliser;
import dev.pillar.screening.ScreeningIndex;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
 * Screening one party against a list of {@code entries} generated names (fixed seed): individuals and entities whose
 * name parts are drawn from syllables, one entry in ten with one of 40 very common family names (Kim, Li, Mohammed...)
 * so that some phonetic keys are shared by tens of thousands of names, as on the real lists. Over a ring of 4,096
 * parties ({@code ring} of them are screened in turn), half of them a spelling variant of a listed name (a letter
 * changed, parts reordered) and half not listed:
 *
 * <ul>
 *   <li>{@code baselineNormalise}: normalising the party's name only (NFKC, transliteration, legal forms), the floor;</li>
 *   <li>{@code screen}: normalising, finding candidates by phonetic keys and scoring them.</li>
 * </ul>
 *
 * <p>Build with {@code ./mvnw -B -Pbench -DskipTests package}, run with {@code java -jar target/benchmarks.jar
 * ScreeningBenchmark}; see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Threads(1)
public class ScreeningBenchmark {
    static final long SEED = 20_261_203L;
    static final int PARTIES = 4096;
    static final String[] SYLLABLES = {"ka", "ri", "to", "na", "se", "mo", "lu", "vi", "de", "ro", "sa", "ni", "ko", "ma", "te", "ra", "lo",
        "mi", "da", "fe", "go", "hu", "ja", "ke", "li", "no", "pa", "qui", "su", "ta", "ve", "wa", "xi", "yo", "zu", "bar", "den", "kov", "lin",
        "mar", "nov", "ros", "tan", "vel", "zan", "hol", "grat", "pol", "sten", "ber"};
    static final String[] COMMON = {"kim", "lee", "park", "li", "wang", "zhang", "chen", "liu", "mohammed", "ahmed", "ali", "hassan",
        "hussein", "ivanov", "smirnov", "petrov", "kuznetsov", "popov", "nguyen", "tran", "singh", "kumar", "khan", "rahman", "hosseini",
        "karimi", "rezaei", "tanaka", "sato", "suzuki", "garcia", "rodriguez", "lopez", "martinez", "mueller", "schmidt", "smith", "jones",
        "brown", "taylor"};
    static final String[] FORMS = {"Ltd", "LLC", "Co., Ltd.", "OOO", "GmbH", "JSC", "Trading Company", "Industries", "Group"};

    @Param({"1000000"})
    int entries;

    /** Parties in the ring (a power of two): small enough that a measurement covers it several times, so that two runs measure the same parties. */
    @Param({"4096"})
    int ring;

    ScreeningIndex index;
    NameNormaliser normaliser;
    Party[] parties;
    LocalDate day = LocalDate.of(2026, 12, 1);
    int next;

    static String part(SplittableRandom r) {
        int n = 2 + r.nextInt(2);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    static String individual(SplittableRandom r) {
        String family = r.nextInt(10) == 0 ? COMMON[r.nextInt(COMMON.length)] : part(r);
        return part(r) + " " + (r.nextInt(3) == 0 ? part(r) + " " : "") + family;
    }

    static String entity(SplittableRandom r) {
        return part(r) + " " + part(r) + " " + FORMS[r.nextInt(FORMS.length)];
    }

    /** A letter changed in one part, or the parts in another order. */
    static String variant(String name, SplittableRandom r) {
        String[] p = name.split(" ");
        if (r.nextBoolean() && p.length > 1) {
            String t = p[0];
            p[0] = p[p.length - 1];
            p[p.length - 1] = t;
            return String.join(" ", p);
        }
        int i = r.nextInt(p.length);
        if (p[i].length() > 3) {
            char[] c = p[i].toCharArray();
            int k = 1 + r.nextInt(c.length - 1);
            c[k] = "aeiou".charAt(r.nextInt(5));
            p[i] = new String(c);
        }
        return String.join(" ", p);
    }

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(SEED);
        List<ListEntry> list = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            boolean person = r.nextInt(3) != 0;
            String name = person ? individual(r) : entity(r);
            List<String> names = r.nextInt(4) == 0 ? List.of(name, person ? individual(r) : entity(r)) : List.of(name);
            list.add(new ListEntry("us-csl", "Specially Designated Nationals (SDN) - Treasury Department", "E" + i,
                    person ? PartyType.INDIVIDUAL : PartyType.ENTITY, names, Set.of(), List.of(), List.of(), List.of(), null, null, ""));
        }
        normaliser = NameNormaliser.standard();
        long t0 = System.nanoTime();
        index = new ScreeningIndex(new ListVersion(1, "us-csl", day, Instant.EPOCH, "bench", "x", entries), list, normaliser);
        long built = System.nanoTime() - t0;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("%n[ScreeningBenchmark] index of %,d entries built in %,d ms; heap in use after GC %,d MB%n", entries, built / 1_000_000,
                (rt.totalMemory() - rt.freeMemory()) >> 20);
        parties = new Party[PARTIES];
        int hits = 0;
        for (int i = 0; i < PARTIES; i++) {
            boolean listed = i % 2 == 0;
            ListEntry e = list.get(r.nextInt(list.size()));
            boolean person = listed ? e.type() == PartyType.INDIVIDUAL : r.nextBoolean();
            String name = listed ? variant(e.name(), r) : person ? individual(r) : entity(r);
            parties[i] = new Party("recipient", "P" + i, person ? PartyType.INDIVIDUAL : PartyType.ENTITY, name, List.of(), Set.of(), null);
            if (i < ring && !index.screen(parties[i], day, ScreeningIndex.DEFAULT_THRESHOLD).isEmpty()) {
                hits++;
            }
        }
        System.out.printf("[ScreeningBenchmark] %,d of the %,d parties of the ring have a hit (half are variants of listed names)%n", hits, ring);
    }

    @Benchmark
    public String[] baselineNormalise() {
        Party p = parties[next++ & (PARTIES - 1)];
        return normaliser.tokens(p.name(), p.type());
    }

    @Benchmark
    public List<Hit> screen() {
        Party p = parties[next++ & (ring - 1)];
        return index.screen(p, day, ScreeningIndex.DEFAULT_THRESHOLD);
    }
}
