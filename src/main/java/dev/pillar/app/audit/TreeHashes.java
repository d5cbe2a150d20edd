package dev.pillar.app.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Every complete-subtree hash of a growing tree, kept in memory, packed 32 bytes to a hash in pages of 1 MiB: about
 * 64 bytes per entry in all levels together. Appending an entry adds its leaf hash and the hashes of the subtrees it
 * completes, so proofs and roots of any earlier size need only lookups ({@link Merkle#hash}). Not thread-safe for
 * writers; readers of sizes already appended may run alongside one writer once they see the size published.
 */
public final class TreeHashes implements Merkle.Nodes {
    private static final int PAGE_SHIFT = 15; // 32,768 hashes of 32 bytes per page
    private static final int PAGE = 1 << PAGE_SHIFT;

    private final List<List<byte[]>> levels = new ArrayList<>();
    private final List<long[]> counts = new ArrayList<>();
    private volatile long size;

    public long size() {
        return size;
    }

    /** Appends an entry by its leaf hash. */
    public void appendLeafHash(byte[] leafHash) {
        if (leafHash.length != Merkle.HASH_SIZE) {
            throw new IllegalArgumentException("a leaf hash has " + Merkle.HASH_SIZE + " bytes, not " + leafHash.length);
        }
        long index = size;
        put(0, index, leafHash);
        byte[] h = leafHash;
        int level = 0;
        while ((index & 1) == 1) { // a right child: its parent's subtree is now complete
            byte[] left = node(level, index - 1);
            h = Merkle.nodeHash(left, h);
            level++;
            index >>= 1;
            put(level, index, h);
        }
        size = size + 1;
    }

    private void put(int level, long index, byte[] hash) {
        while (levels.size() <= level) {
            levels.add(new ArrayList<>());
            counts.add(new long[1]);
        }
        List<byte[]> pages = levels.get(level);
        int page = (int) (index >>> PAGE_SHIFT);
        if (page == pages.size()) {
            pages.add(new byte[PAGE * Merkle.HASH_SIZE]);
        }
        System.arraycopy(hash, 0, pages.get(page), (int) (index & (PAGE - 1)) * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
        counts.get(level)[0] = index + 1;
    }

    @Override
    public byte[] node(int level, long index) {
        if (level >= levels.size() || index >= counts.get(level)[0] || index < 0) {
            throw new IllegalArgumentException("no complete subtree at level " + level + ", index " + index + " in a tree of size " + size);
        }
        byte[] out = new byte[Merkle.HASH_SIZE];
        System.arraycopy(levels.get(level).get((int) (index >>> PAGE_SHIFT)), (int) (index & (PAGE - 1)) * Merkle.HASH_SIZE, out, 0,
                Merkle.HASH_SIZE);
        return out;
    }
}
