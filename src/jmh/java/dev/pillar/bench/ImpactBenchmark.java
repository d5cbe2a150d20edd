package dev.pillar.bench;

import dev.pillar.codec.impact.ScenarioReader;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.impact.Change;
import dev.pillar.core.impact.ImpactAnalysis;
import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.impact.Recipients;
import dev.pillar.core.impact.Scenario;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Item;
import dev.pillar.core.world.CatalogGenerator;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The impact analysis of the built-in Korea scenario (Korea joins every quantum and AI Pillar II project from
 * 2025-01-01) over the built-in world plus a generated catalogue of {@code items} items and 1,000 people, against 7
 * representative recipients (a US, UK, Australian, Japanese and Korean engineer, a UK/Chinese dual national and a
 * Canadian researcher):
 *
 * <ul>
 *   <li>{@code fullRun}: a new {@link ImpactAnalysis} evaluates the scenario: item and recipient classes, the engine
 *       before and after for each class (and a second member), all counts;</li>
 *   <li>{@code rerunOneProject}: the same scenario plus Korea's admission to one more project (CYBER-1), re-evaluated
 *       from the first result on the affected items only;</li>
 *   <li>{@code oneByOne}: the baseline: the engine asked for every item and recipient, before and after, one by one
 *       (14 decisions per item; run it on 100,000 items only, a million take minutes per operation);</li>
 *   <li>{@code scanItems}: the floor: one plain pass over the catalogue reading the labels the item classes are keyed on.</li>
 * </ul>
 *
 * <p>Each operation also reports the process CPU time it used. Build with {@code ./mvnw -B -Pbench -DskipTests package};
 * see docs/benchmarks.md for the commands and results.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class ImpactBenchmark {
    static final long SEED = 20_250_101L;
    static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    static final List<String> SEVEN = List.of("p-usa-engineer", "p-gbr-engineer", "p-aus-engineer", "p-jpn-engineer", "p-kor-engineer",
            "p-gbr-chn-dual", "p-can-researcher");

    @Param({"100000", "1000000", "5000000"})
    int items;

    World world;
    Scenario korea;
    Scenario koreaAndCyber;
    ImpactAnalysis analysis;
    ImpactResult first;

    @Setup(Level.Trial)
    public void setUp() {
        world = CatalogGenerator.generateWorld(WorldLoader.load("aukus"), items, 1_000, SEED);
        Scenario builtIn = ScenarioReader.builtIn("korea");
        Recipients seven = new Recipients(SEVEN, Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
        korea = new Scenario("korea-7", builtIn.title(), "", builtIn.asOf(), seven, builtIn.changes(), null);
        List<Change> more = new ArrayList<>(korea.changes());
        more.add(new Change.Admit(Country.of("KOR"), List.of("CYBER-1"), List.of(), Interval.from(builtIn.asOf()), Change.Organisations.ALL, null));
        koreaAndCyber = new Scenario("korea-7-cyber", "and CYBER-1", "", builtIn.asOf(), seven, more, null);
        analysis = ImpactAnalysis.of(world);
        first = analysis.run(korea, TODAY);
        ImpactResult.Stats s = first.stats();
        ImpactResult again = analysis.rerun(first, koreaAndCyber, TODAY);
        System.out.printf("%n[impact] %,d items: %,d item classes, %d recipient classes, %,d decisions; rerun: %,d classes, %,d items re-evaluated%n",
                first.items(), s.classes(), s.recipientClasses(), s.decisions(), again.stats().evaluatedClasses(), again.stats().evaluatedItems());
    }

    // Process CPU time per operation (all threads, JIT and GC included): on a shared machine wall time is inflated by
    // waiting for a core; CPU time is not.
    private final List<Long> cpu = new ArrayList<>();
    private long cpuAtStart;

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Setup(Level.Iteration)
    public void startCpu() {
        cpuAtStart = processCpuNanos();
    }

    @TearDown(Level.Iteration)
    public void stopCpu() {
        cpu.add(processCpuNanos() - cpuAtStart);
    }

    @TearDown(Level.Trial)
    public void reportCpu(BenchmarkParams params) {
        int warmup = params.getWarmup().getCount();
        List<Long> measured = new ArrayList<>(cpu.subList(Math.min(warmup, cpu.size()), cpu.size()));
        measured.sort(null);
        if (!measured.isEmpty()) {
            System.out.printf("%n[impact] %s items=%d: process CPU per op, median %.0f ms (min %.0f, max %.0f) over %d ops%n", params.getBenchmark(),
                    items, measured.get(measured.size() / 2) / 1e6, measured.getFirst() / 1e6, measured.getLast() / 1e6, measured.size());
        }
        cpu.clear();
    }

    @Benchmark
    public ImpactResult fullRun() {
        return ImpactAnalysis.of(world).run(korea, TODAY);
    }

    @Benchmark
    public ImpactResult rerunOneProject() {
        return analysis.rerun(first, koreaAndCyber, TODAY);
    }

    @Benchmark
    public long scanItems() {
        long h = 0;
        for (Item it : world.items()) {
            h = 31 * h + (it.originator().hashCode() ^ it.classification().hashCode() ^ it.releasability().hashCode() ^ it.control().hashCode()
                    ^ Objects.hashCode(it.project()) ^ Objects.hashCode(it.area()) ^ it.technologies().size() ^ Long.hashCode(it.valueUsd()));
        }
        return h;
    }

    @Benchmark
    public ImpactResult oneByOne() {
        return ImpactAnalysis.of(world, ImpactAnalysis.Mode.ONE_BY_ONE).run(korea, TODAY);
    }
}
