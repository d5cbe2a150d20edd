package dev.pillar.bench;

import dev.pillar.app.audit.Merkle;
import dev.pillar.app.audit.TreeHashes;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The audit log's tree: an inclusion proof and its verification at growing log sizes (the goal: at most
 * 100 µs at 10 million entries), against a baseline of one leaf hash in the same run. The tree holds random leaf
 * hashes; building it is the setup, not measured. Run with -Xmx3g or more for 10 million entries (about 640 MB of
 * hashes). Command and results: docs/benchmarks.md, "Audit log".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuditBenchmark {
    @Param({"100000", "1000000", "10000000"})
    long size;

    private TreeHashes tree;
    private byte[] root;
    private final SplittableRandom random = new SplittableRandom(42);
    private long index;

    @Setup(Level.Trial)
    public void build() {
        tree = new TreeHashes();
        byte[] h = new byte[Merkle.HASH_SIZE];
        SplittableRandom r = new SplittableRandom(7);
        for (long i = 0; i < size; i++) {
            for (int j = 0; j < h.length; j += 8) {
                long v = r.nextLong();
                for (int k = 0; k < 8; k++) {
                    h[j + k] = (byte) (v >>> (8 * k));
                }
            }
            tree.appendLeafHash(h);
        }
        root = Merkle.root(tree, size);
    }

    private long older;

    @Setup(Level.Invocation)
    public void pick() {
        index = random.nextLong(size);
        older = 1 + random.nextLong(size - 1);
    }

    @Benchmark
    public List<byte[]> inclusionProof() {
        return Merkle.inclusionProof(tree, index, size);
    }

    @Benchmark
    public boolean inclusionProofAndVerify() {
        List<byte[]> proof = Merkle.inclusionProof(tree, index, size);
        return Merkle.verifyInclusion(tree.node(0, index), index, size, proof, root);
    }

    /** A consistency proof from a random earlier size to the whole log (what a witness asks for). */
    @Benchmark
    public List<byte[]> consistencyProof() {
        return Merkle.consistencyProof(tree, older, size);
    }

    @Benchmark
    public byte[] baselineOneLeafHash() {
        return Merkle.leafHash(root);
    }
}
