package dev.pillar.app.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle tree hashing and proofs as RFC 9162 §2.1 defines them, with SHA-256: a leaf hash is {@code SHA-256(0x00 ||
 * entry)}, an interior node {@code SHA-256(0x01 || left || right)}, and the tree over {@code n} entries splits at the
 * largest power of two below {@code n}. Proofs are built from the hashes of complete subtrees that a
 * {@link Nodes} source supplies, so that a proof in a tree of any size needs O(log n) lookups.
 */
public final class Merkle {
    /** The size in bytes of every hash. */
    public static final int HASH_SIZE = 32;

    private Merkle() {}

    /**
     * The hashes of complete subtrees: {@code node(level, index)} is the root of the subtree over entries {@code
     * [index * 2^level, (index + 1) * 2^level)}; level 0 holds the leaf hashes.
     */
    public interface Nodes {
        byte[] node(int level, long index);
    }

    /** One digest per thread, reset for each use: looking SHA-256 up per hash costs more than hashing an entry. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    });

    /** This thread's SHA-256 digest, reset; finish with it (digest) before calling another method of this class. */
    static MessageDigest sha256() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md;
    }

    public static byte[] leafHash(byte[] entry) {
        MessageDigest md = sha256();
        md.update((byte) 0x00);
        return md.digest(entry);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = sha256();
        md.update((byte) 0x01);
        md.update(left);
        return md.digest(right);
    }

    /** The hash of the empty tree: SHA-256 of nothing. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** The largest power of two strictly less than {@code n} (n at least 2). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** The root of the tree over entries {@code [from, to)}, MTH(D[from:to]). */
    public static byte[] hash(Nodes nodes, long from, long to) {
        long n = to - from;
        if (n <= 0) {
            return emptyRoot();
        }
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return nodes.node(Long.numberOfTrailingZeros(n), from / n);
        }
        long k = split(n);
        return nodeHash(hash(nodes, from, from + k), hash(nodes, from + k, to));
    }

    /** The root of the tree of the first {@code size} entries. */
    public static byte[] root(Nodes nodes, long size) {
        return hash(nodes, 0, size);
    }

    /** The inclusion proof of entry {@code index} in the tree of size {@code size} (RFC 9162 §2.1.3.1). */
    public static List<byte[]> inclusionProof(Nodes nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("entry " + index + " is not in a tree of size " + size + ": use 0 to " + (size - 1));
        }
        List<byte[]> proof = new ArrayList<>();
        path(nodes, index, 0, size, proof);
        return proof;
    }

    private static void path(Nodes nodes, long m, long from, long to, List<byte[]> proof) {
        long n = to - from;
        if (n <= 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            path(nodes, m, from, from + k, proof);
            proof.add(hash(nodes, from + k, to));
        } else {
            path(nodes, m - k, from + k, to, proof);
            proof.add(hash(nodes, from, from + k));
        }
    }

    /** The consistency proof from the tree of size {@code m} to the tree of size {@code n} (RFC 9162 §2.1.4.1). */
    public static List<byte[]> consistencyProof(Nodes nodes, long m, long n) {
        if (m <= 0 || m > n) {
            throw new IllegalArgumentException("no consistency proof from size " + m + " to size " + n + ": need 0 < from <= to");
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(nodes, m, 0, n, true, proof);
        return proof;
    }

    private static void subproof(Nodes nodes, long m, long from, long to, boolean complete, List<byte[]> proof) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                proof.add(hash(nodes, from, to));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(nodes, m, from, from + k, complete, proof);
            proof.add(hash(nodes, from + k, to));
        } else {
            subproof(nodes, m - k, from + k, to, false, proof);
            proof.add(hash(nodes, from, from + k));
        }
    }

    /**
     * Checks an inclusion proof (RFC 9162 §2.1.3.2): true if {@code leafHash} is entry {@code index} of the tree of
     * size {@code size} whose root is {@code root}.
     */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * Checks a consistency proof (RFC 9162 §2.1.4.2): true if the tree of size {@code n} with root {@code newRoot}
     * extends the tree of size {@code m} with root {@code oldRoot}.
     */
    public static boolean verifyConsistency(long m, long n, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (m <= 0 || m > n) {
            return false;
        }
        if (m == n) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(m) == 1) {
            path.addFirst(oldRoot); // m is a power of two: the old root is the first node of the path
        }
        long fn = m - 1;
        long sn = n - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.getFirst();
        byte[] sr = path.getFirst();
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }

    static byte[] copy(byte[] b) {
        return Arrays.copyOf(b, b.length);
    }
}
