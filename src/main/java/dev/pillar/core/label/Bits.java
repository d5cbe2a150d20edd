package dev.pillar.core.label;

/** Bit-set helpers over {@code long[]} words, used for compiled category and classification sets (no allocation). */
final class Bits {
    private Bits() {}

    static long[] of(int size) {
        return new long[Math.max(1, (size + 63) >>> 6)];
    }

    static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    static boolean intersects(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & b[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    static int count(long[] a, long[] mask) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += Long.bitCount(a[i] & mask[i]);
        }
        return n;
    }

    static boolean isEmpty(long[] a) {
        for (long w : a) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }
}
