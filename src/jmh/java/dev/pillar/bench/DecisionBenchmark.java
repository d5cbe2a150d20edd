package dev.pillar.bench;

import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Person;
import dev.pillar.core.world.CatalogGenerator;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cost of one decision on the built-in AUKUS world plus a generated catalogue of 100,000 items and 1,000 people
 * (fixed seed), over a pre-built ring of 4,096 random requests (random item, random person, random day in 2023-2026):
 *
 * <ul>
 *   <li>{@code baselineHashLookup}: looking the item up by id in the world's map, the floor to quote ratios against;</li>
 *   <li>{@code decideLazy}: decide and return the outcome; no explanation is built;</li>
 *   <li>{@code decideFullExplanation}: decide, then touch every reason's message, facts and toPermit and the
 *       decision's basis, obligations and toPermit;</li>
 *   <li>{@code decideAndRenderJson}: decide and build the v1 JSON response ({@link RequestCodec#toJson}).</li>
 * </ul>
 *
 * <p>Build with {@code ./mvnw -B -Pbench -DskipTests package}, run with {@code java -jar target/benchmarks.jar
 * DecisionBenchmark}; see docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DecisionBenchmark {
    static final int ITEMS = 100_000;
    static final int PEOPLE = 1_000;
    static final long SEED = 20_250_101L;
    static final int REQUESTS = 4096; // a power of two: the index wraps with a mask

    World world;
    DecisionEngine engine;
    DecisionRequest[] requests;
    String[] itemIds;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        world = CatalogGenerator.generateWorld(WorldLoader.load("aukus"), ITEMS, PEOPLE, SEED);
        engine = DecisionEngine.standard(world);
        Item[] items = world.items().toArray(Item[]::new);
        Person[] people = world.people().toArray(Person[]::new);
        SplittableRandom random = new SplittableRandom(SEED);
        LocalDate first = LocalDate.of(2023, 1, 1);
        int days = (int) (LocalDate.of(2026, 12, 31).toEpochDay() - first.toEpochDay()) + 1;
        requests = new DecisionRequest[REQUESTS];
        itemIds = new String[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            Item item = items[random.nextInt(items.length)];
            Person person = people[random.nextInt(people.length)];
            requests[i] = new DecisionRequest(item, person, null, first.plusDays(random.nextInt(days)), null);
            itemIds[i] = item.id();
        }
    }

    private int index() {
        return next++ & (REQUESTS - 1);
    }

    @Benchmark
    public Item baselineHashLookup() {
        return world.item(itemIds[index()]);
    }

    @Benchmark
    public Outcome decideLazy() {
        return engine.decide(requests[index()]).outcome();
    }

    @Benchmark
    public void decideFullExplanation(Blackhole bh) {
        Decision d = engine.decide(requests[index()]);
        for (Reason r : d.reasons()) {
            bh.consume(r.message());
            bh.consume(r.facts());
            bh.consume(r.toPermit());
        }
        bh.consume(d.basis());
        bh.consume(d.obligations());
        bh.consume(d.toPermit());
    }

    @Benchmark
    public ObjectNode decideAndRenderJson() {
        return RequestCodec.toJson(engine.decide(requests[index()]));
    }
}
