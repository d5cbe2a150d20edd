package dev.pillar.bench;

import dev.pillar.app.PillarClock;
import dev.pillar.app.Services;
import dev.pillar.app.WorldService;
import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.auth.AuditKey;
import dev.pillar.codec.JsonText;
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.store.JdbcStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.JsonNode;

/**
 * The work of one call of {@code POST /api/v1/decisions/batch} with 10,000 requests, without HTTP, split into its
 * steps, so that the per-decision floor of the batch path can be compared with the goal (500,000 decisions/s on 2
 * cores: 4 µs of CPU per decision). Each operation handles a whole batch; divide by 10,000 for one decision. The
 * requests are those of {@code scripts/loadtest.sh} (the same request 10,000 times). The store is the embedded H2
 * store in a temporary directory, with the audit log attached as the server attaches it; every stored batch is a
 * real group commit of 10,000 decisions and 10,000 audit entries.
 *
 * <ul>
 *   <li>{@code parse}: the 810 kB body to a Jackson tree, and each element to a {@link DecisionRequest}</li>
 *   <li>{@code decideOutcome} / {@code decideFull}: decide each request and render the answer as the outcome view or
 *       the full view (with every reason's explanation)</li>
 *   <li>{@code batchOutcome} / {@code batchFull}: everything the endpoint does: parse, decide, render, make the
 *       stored records (request re-rendered), store them with their audit entries, and encode the answer as UTF-8</li>
 * </ul>
 *
 * <p>On a shared machine the JMH wall-clock times mostly measure how long the thread waited for a CPU. {@link #main}
 * measures instead the CPU time of the whole process (the writer thread, GC and JIT included) per decision, which
 * other load on the machine inflates much less: {@code java -cp target/benchmarks.jar dev.pillar.bench.BatchPathBenchmark
 * [warm-up batches] [measured batches]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BatchPathBenchmark {
    static final int SIZE = 10_000;
    static final String REQUEST = "{\"asOf\":\"2024-10-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\"}";

    private Path dir;
    private static final Principal ADMIN = new Principal("admin", Role.ADMIN, null, null);
    private Services services;
    private WorldService worlds;
    private String body;
    private JsonNode tree;
    private List<DecisionRequest> parsed;
    private List<JsonNode> trees;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("pillar-batch-bench");
        NoteKey key = AuditKey.open(dir.resolve("audit-key"));
        services = Services.open(JdbcStore.embedded(dir), key, PillarClock.systemUtc(), n -> {}, true);
        worlds = services.worlds();
        StringBuilder b = new StringBuilder("{\"requests\":[");
        for (int i = 0; i < SIZE; i++) {
            b.append(i > 0 ? "," : "").append(REQUEST);
        }
        body = b.append("]}").toString();
        tree = WorldDocuments.mapper().readTree(body);
        trees = new ArrayList<>();
        parsed = parse(trees);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        services.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * CPU time per decision of each step (see the class comment): every step is warmed up, then the steps take turns,
     * one batch each, so that drift in the machine's load spreads over all of them. Prints the process CPU time (all
     * threads: the caller, the store's writer thread, GC, JIT) and the calling thread's own CPU time, each summed over
     * the measured batches and divided by the decisions, and the least and median wall time. On a shared virtual machine
 * even CPU time varies by 2× from run to run (steal time is partly counted as the guest's); the least wall time of
 * many rounds is then the figure closest to what the step costs on an idle machine.
     */
    public static void main(String[] args) throws Exception {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        BatchPathBenchmark b = new BatchPathBenchmark();
        b.open();
        try {
            java.util.Map<String, Runnable> steps = new java.util.LinkedHashMap<>();
            steps.put("parse", b::parse);
            steps.put("decideOutcome", b::decideOutcome);
            steps.put("decideFull", b::decideFull);
            steps.put("batchOutcome", b::batchOutcome);
            steps.put("batchFull", b::batchFull);
            for (int i = 0; i < warm; i++) {
                steps.values().forEach(Runnable::run);
            }
            java.util.Map<String, long[]> cpu = new java.util.HashMap<>(); // process, thread
            java.util.Map<String, double[]> wall = new java.util.HashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (var step : steps.entrySet()) {
                    long c0 = os.getProcessCpuTime();
                    long t0 = threads.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    step.getValue().run();
                    long w = System.nanoTime() - w0;
                    long[] c = cpu.computeIfAbsent(step.getKey(), k -> new long[2]);
                    c[0] += os.getProcessCpuTime() - c0;
                    c[1] += threads.getCurrentThreadCpuTime() - t0;
                    wall.computeIfAbsent(step.getKey(), k -> new double[rounds])[r] = w / 1e3 / SIZE;
                }
            }
            double n = (double) rounds * SIZE;
            for (String step : steps.keySet()) {
                double[] ws = wall.get(step);
                java.util.Arrays.sort(ws);
                System.out.printf(java.util.Locale.ROOT, "%-14s wall min %6.2f median %6.2f us/decision; process CPU %6.2f, calling thread CPU %6.2f us/decision%n",
                        step, ws[0], ws[rounds / 2], cpu.get(step)[0] / 1e3 / n, cpu.get(step)[1] / 1e3 / n);
            }
            System.out.printf(java.util.Locale.ROOT, "%d warm-up rounds, %d measured rounds of %d decisions per step; load average %.2f%n",
                    warm, rounds, SIZE, os.getSystemLoadAverage());
        } finally {
            b.close();
        }
    }

    private List<DecisionRequest> parse(List<JsonNode> elements) {
        WorldService.Snapshot snap = worlds.current();
        JsonNode requests = WorldDocuments.mapper().readTree(body).get("requests");
        List<DecisionRequest> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            JsonNode one = requests.get(i);
            elements.add(one);
            out.add(RequestCodec.parse(one, snap.world(), worlds.clock().today()));
        }
        return out;
    }

    @Benchmark
    public List<DecisionRequest> parse() {
        return parse(new ArrayList<>(SIZE));
    }

    @Benchmark
    public int decideOutcome() {
        return decideAndRender(false);
    }

    @Benchmark
    public int decideFull() {
        return decideAndRender(true);
    }

    @Benchmark
    public int batchOutcome() {
        return batch(false);
    }

    @Benchmark
    public int batchFull() {
        return batch(true);
    }

    /** The server's batch path as it is: parse, decide, render and record through the application's one decide-and-record path. */
    private int batch(boolean full) {
        return services.decisions().decideBatch(ADMIN, tree, full).json().getBytes(StandardCharsets.UTF_8).length;
    }

    private int decideAndRender(boolean full) {
        StringBuilder out = new StringBuilder(SIZE * (full ? 3200 : 200));
        WorldService.Snapshot snap = worlds.current();
        for (DecisionRequest r : parsed) {
            Decision d = snap.engine().decide(r);
            if (full) {
                RequestCodec.appendJson(out, d);
            } else {
                RequestCodec.appendOutcomeJson(out, d);
            }
        }
        return out.length();
    }
}
