package dev.pillar.app.audit;

import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A checkpoint in the C2SP tlog-checkpoint format: the log's origin line, the tree size in decimal and the base64 root
 * hash, one per line. It is the text of a {@link SignedNote}.
 */
public record Checkpoint(String origin, long size, byte[] root) {
    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Checkpoint {
        if (origin == null || origin.isBlank() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint's origin is one non-empty line, e.g. pillar.example/audit");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is not negative");
        }
        if (root == null || root.length != Merkle.HASH_SIZE) {
            throw new IllegalArgumentException("a root hash has " + Merkle.HASH_SIZE + " bytes");
        }
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /** The note text: origin, size and base64 root hash, each on its own line. */
    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /** Reads a checkpoint from a note's text; extension lines after the root hash are allowed and ignored. */
    public static Checkpoint parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("a checkpoint has an origin line, a size line and a root hash line, each ending in a newline");
        }
        if (!SIZE.matcher(lines[1]).matches()) {
            throw new IllegalArgumentException("the size line of a checkpoint is a decimal number without leading zeros, got '" + lines[1] + "'");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the root hash line of a checkpoint is not base64: '" + lines[2] + "'");
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size && Arrays.equals(c.root, root);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(size) * 17 + Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return text();
    }
}
