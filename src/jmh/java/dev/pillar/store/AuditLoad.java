package dev.pillar.store;

import dev.pillar.app.DecisionWriter;
import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.audit.Merkle;
import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.port.StoredDecision;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A load harness for the audit log through the real embedded store (not a JMH benchmark: it measures a system with its
 * own writer thread, group commit and fsync, as the server runs it). In the {@code dev.pillar.store} package so that
 * it can run the same path with the fsync skipped, as a baseline.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.pillar.store.AuditLoad append [threads=64,256] [seconds=20] [decisions per call=1]
 * java -Xmx4g -cp target/benchmarks.jar dev.pillar.store.AuditLoad verify [sizes=100000,1000000]
 * </pre>
 *
 * {@code append}: that many virtual threads each store one decision (or a batch) at a time through a {@link DecisionWriter} (as
 * the server's request threads do) into a new store with an {@link AuditLog} listening and a checkpoint signed every
 * second; durable appends per second, fsyncs, group sizes and acknowledgement latency. Baselines in the same run: a
 * bare 4 KiB write + fsync of a file, and the same load with the fsync skipped.
 *
 * <p>{@code verify}: fills a store with that many decisions (batches of 10,000, a checkpoint every 100,000 entries),
 * reopens it, and times {@link AuditLog#verify} and the start-up rebuild of the tree ({@code new AuditLog}), against
 * reading the entries alone and leaf-hashing them in memory.
 */
public final class AuditLoad {
    private AuditLoad() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "append";
        System.out.printf("load average at start: %s%n", loadAverage());
        switch (mode) {
            case "append" -> append(args.length > 1 ? ints(args[1]) : new int[] {64, 256}, args.length > 2 ? Integer.parseInt(args[2]) : 20,
                    args.length > 3 ? Integer.parseInt(args[3]) : 1);
            case "verify" -> verify(args.length > 1 ? ints(args[1]) : new int[] {100_000, 1_000_000});
            default -> throw new IllegalArgumentException("mode: append or verify, not " + mode);
        }
        System.out.printf("load average at end: %s%n", loadAverage());
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    // ---- append ------------------------------------------------------------------------------------------------------

    private static void append(int[] threadCounts, int seconds, int perCall) throws Exception {
        Path tmp = Files.createTempDirectory("pillar-auditload");
        System.out.printf("bare fsync of a 4 KiB write, median of 200: %.3f ms%n", bareFsyncMillis(tmp.resolve("bare"), 200));
        Path jit = Files.createTempDirectory(tmp, "warmup");
        System.out.println("JIT warm-up run (not reported):");
        appendRun(jit, threadCounts[0], 10, true, perCall);
        deleteTree(jit);
        System.out.println("measured runs:");
        for (int threads : threadCounts) {
            for (boolean fsync : new boolean[] {false, true}) {
                Path dir = Files.createTempDirectory(tmp, "store");
                appendRun(dir, threads, seconds, fsync, perCall);
                deleteTree(dir);
            }
        }
        deleteTree(tmp);
    }

    private static double bareFsyncMillis(Path file, int n) throws IOException {
        long[] t = new long[n];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            for (int i = 0; i < n; i++) {
                b.clear();
                ch.write(b, (long) i * 4096);
                long s = System.nanoTime();
                ch.force(true);
                t[i] = System.nanoTime() - s;
            }
        }
        Arrays.sort(t);
        return t[n / 2] / 1e6;
    }

    private static void appendRun(Path dir, int threads, int seconds, boolean fsync, int perCall) throws Exception {
        int warmup = Math.max(5, seconds / 2);
        ConcurrentLinkedQueue<Long> forceNanos = new ConcurrentLinkedQueue<>();
        try (JdbcStore store = JdbcStore.embedded(dir, real -> fsync ? () -> {
            long s = System.nanoTime();
            real.force();
            forceNanos.add(System.nanoTime() - s);
        } : () -> {})) {
            AuditLog log = new AuditLog(store, NoteKey.generate("bench.example/pillar-audit"), "bench.example/pillar-audit");
            ConcurrentLinkedQueue<Integer> groups = new ConcurrentLinkedQueue<>();
            AtomicBoolean measuring = new AtomicBoolean();
            DecisionWriter writer = new DecisionWriter(store, n -> {
                if (measuring.get()) {
                    groups.add(n);
                }
            });
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong acknowledged = new AtomicLong();
            ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ts.add(Thread.ofVirtual().start(() -> {
                    long[] lat = new long[1 << 16];
                    int k = 0;
                    while (!stop.get()) {
                        List<StoredDecision> ds = new ArrayList<>(perCall);
                        for (int i = 0; i < perCall; i++) {
                            ds.add(decision());
                        }
                        long s = System.nanoTime();
                        writer.write(ds);
                        long took = System.nanoTime() - s;
                        if (measuring.get()) {
                            acknowledged.addAndGet(perCall);
                            if (k < lat.length) {
                                lat[k++] = took;
                            }
                        }
                    }
                    latencies.add(Arrays.copyOf(lat, k));
                }));
            }
            Thread checkpoints = Thread.ofPlatform().daemon().start(() -> { // as the server does: one per second
                while (!stop.get()) {
                    log.checkpoint();
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Thread.sleep(warmup * 1000L);
            long fsyncs0 = store.fsyncs();
            long cpu0 = cpuNanos();
            long size0 = log.size();
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpuPerAppend = (cpuNanos() - cpu0) / 1e3 / Math.max(1, acknowledged.get());
            long fsyncs = store.fsyncs() - fsyncs0;
            long appended = log.size() - size0;
            stop.set(true);
            for (Thread t : ts) {
                t.join();
            }
            checkpoints.interrupt();
            writer.close();
            long[] forced = forceNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            if (fsync) {
                System.out.printf(Locale.ROOT, "  fsync of pillar.mv.db under this load: median %.2f ms, p90 %.2f ms; file %,d MB at the end%n",
                        pct(forced, 0.5), pct(forced, 0.9), Files.size(dir.resolve("pillar.mv.db")) >> 20);
            }
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            int[] g = groups.stream().mapToInt(Integer::intValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "append %s, %d threads × %d decisions per call, %d s (after %d s warm-up): %,.0f durable appends/s (%,d acknowledged; tree grew by %,d); "
                            + "%,.0f fsyncs/s; %,d commits, group size median %d, mean %.0f, max %d; acknowledgement p50 %.2f ms, p99 %.2f ms; "
                            + "process CPU %.1f µs per append (capacity on 2 dedicated CPUs: %,.0f/s); load %s%n",
                    fsync ? "with fsync" : "WITHOUT fsync (baseline)", threads, perCall, seconds, warmup, acknowledged.get() / elapsed, acknowledged.get(), appended,
                    fsyncs / elapsed, g.length, g.length == 0 ? 0 : g[g.length / 2], Arrays.stream(g).average().orElse(0), g.length == 0 ? 0 : g[g.length - 1],
                    pct(all, 0.5), pct(all, 0.99), cpuPerAppend, 2e6 / cpuPerAppend, loadAverage());
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    /** The answer a decision gets from the server is about 2.6 kB; the request about 80 bytes. */
    private static final String RESPONSE_END = "\",\"outcome\":\"PERMIT\",\"basis\":[\"AUKUS Pillar II exemption, 22 CFR 126.7(b)\"],"
            + "\"explanation\":\"" + "x".repeat(2400) + "\"}";

    private static StoredDecision decision() {
        long ms = System.currentTimeMillis();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String id = new UUID((ms << 16) | 0x7000L | (r.nextInt() & 0x0FFF), (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
        return new StoredDecision(id, Instant.ofEpochMilli(ms).truncatedTo(ChronoUnit.MICROS), "admin", "PERMIT", "aukus@r2",
                LocalDate.of(2024, 10, 1), "A-UNDERSEA-001", "p-gbr-engineer", "MAS-1",
                "{\"asOf\":\"2024-10-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\"}", "{\"decisionId\":\"" + id + RESPONSE_END,
                List.of("AUKUS Pillar II exemption, 22 CFR 126.7(b)"));
    }

    // ---- verify ------------------------------------------------------------------------------------------------------

    private static void verify(int[] sizes) throws Exception {
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("pillar-auditverify");
            NoteKey key = NoteKey.generate("bench.example/pillar-audit");
            long fillStart = System.nanoTime();
            try (JdbcStore store = JdbcStore.embedded(dir)) {
                AuditLog log = new AuditLog(store, key, key.name());
                int batch = 10_000;
                long nextCheckpoint = 100_000;
                while (store.auditSize() < size) {
                    int n = (int) Math.min(batch, size - store.auditSize());
                    List<StoredDecision> ds = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        ds.add(decision());
                    }
                    store.saveDecisions(ds);
                    if (log.size() >= nextCheckpoint || log.size() >= size) {
                        log.checkpoint();
                        nextCheckpoint += 100_000;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "filled %,d entries in %.1f s; pillar.mv.db %,d MB%n", size, (System.nanoTime() - fillStart) / 1e9,
                    Files.size(dir.resolve("pillar.mv.db")) >> 20);
            try (JdbcStore store = JdbcStore.embedded(dir)) {
                NoteKey verifier = NoteKey.verifier(key.verifierText());
                List<byte[]> entries = new ArrayList<>(size);
                store.auditEntries(0, store.auditSize(), (e, i) -> entries.add(e));
                for (int round = 0; round < 2; round++) { // warm-up rounds
                    AuditLog.verify(store, verifier, key.name());
                }
                double read = median(3, () -> {
                    long[] bytes = {0};
                    store.auditEntries(0, store.auditSize(), (e, i) -> bytes[0] += e.length);
                    return bytes[0];
                });
                double hash = median(3, () -> {
                    long x = 0;
                    for (byte[] e : entries) {
                        x += Merkle.leafHash(e)[0];
                    }
                    return x;
                });
                AuditLog.Report[] report = new AuditLog.Report[1];
                double verify = median(3, () -> {
                    report[0] = AuditLog.verify(store, verifier, key.name());
                    return report[0].entries();
                });
                double rebuild = median(3, () -> new AuditLog(store, key, key.name()).size());
                System.out.printf(Locale.ROOT, "%,d entries (%d checkpoints, %s): verify %.2f s; start-up rebuild of the tree %.2f s; "
                                + "baselines: reading the entries %.2f s, leaf-hashing them in memory %.2f s (medians of 3); load %s%n",
                        size, report[0].checkpoints(), report[0].ok() ? "verified" : report[0].problems(), verify, rebuild, read, hash, loadAverage());
            }
            deleteTree(dir);
        }
    }

    private static double median(int n, LongSupplier run) {
        double[] t = new double[n];
        long sink = 0;
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            sink += run.getAsLong();
            t[i] = (System.nanoTime() - s) / 1e9;
        }
        if (sink == 42) {
            System.out.print("");
        }
        Arrays.sort(t);
        return t[n / 2];
    }

    /** CPU time of this process (all threads, the JIT and GC included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
