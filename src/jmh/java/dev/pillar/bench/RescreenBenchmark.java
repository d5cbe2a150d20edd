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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Continuous screening after an import: every party of a world of {@code parties} people and organisations
 * re-screened against a list of {@code entries} generated entries ({@link ScreeningIndex#screenAll}, on every core),
 * with the generator of {@link ScreeningBenchmark} (one party in ten a spelling variant of a listed name). One shot per
 * measurement: the time to re-screen the whole world.
 *
 * <p>Build with {@code ./mvnw -B -Pbench -DskipTests package}, run with {@code java -jar target/benchmarks.jar
 * RescreenBenchmark}; see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class RescreenBenchmark {
    @Param({"1000000"})
    int entries;

    @Param({"100000"})
    int parties;

    ScreeningIndex index;
    List<Party> world;
    LocalDate day = LocalDate.of(2026, 12, 1);

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(ScreeningBenchmark.SEED);
        List<ListEntry> list = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            boolean person = r.nextInt(3) != 0;
            String name = person ? ScreeningBenchmark.individual(r) : ScreeningBenchmark.entity(r);
            list.add(new ListEntry("us-csl", "Specially Designated Nationals (SDN) - Treasury Department", "E" + i,
                    person ? PartyType.INDIVIDUAL : PartyType.ENTITY, List.of(name), Set.of(), List.of(), List.of(), List.of(), null, null, ""));
        }
        index = new ScreeningIndex(new ListVersion(1, "us-csl", day, Instant.EPOCH, "bench", "x", entries), list, NameNormaliser.standard());
        world = new ArrayList<>(parties);
        for (int i = 0; i < parties; i++) {
            boolean person = i % 5 != 0;
            String name;
            if (i % 10 == 0) {
                ListEntry e = list.get(r.nextInt(list.size()));
                person = e.type() == PartyType.INDIVIDUAL;
                name = ScreeningBenchmark.variant(e.name(), r);
            } else {
                name = person ? ScreeningBenchmark.individual(r) : ScreeningBenchmark.entity(r);
            }
            world.add(new Party(person ? "recipient" : "organisation", "P" + i, person ? PartyType.INDIVIDUAL : PartyType.ENTITY, name, List.of(),
                    Set.of(), null));
        }
    }

    @Benchmark
    public int rescreenWorld() {
        long start = System.nanoTime();
        List<List<Hit>> hits = index.screenAll(world, day, ScreeningIndex.DEFAULT_THRESHOLD, parties / 10,
                n -> System.out.printf("[RescreenBenchmark] re-screened %,d of %,d parties, %,d s%n", n, parties, (System.nanoTime() - start) / 1_000_000_000L));
        int withHits = 0;
        for (List<Hit> h : hits) {
            withHits += h.isEmpty() ? 0 : 1;
        }
        System.out.printf("[RescreenBenchmark] %,d of %,d parties have a hit%n", withHits, parties);
        return withHits;
    }
}
