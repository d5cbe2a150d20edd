package dev.pillar.store;

import dev.pillar.app.port.StoredDecision;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * How decisions are kept: many to a row. A group commit stores its decisions as one chunk, a deflated sequence of
 * records, instead of one row (and three index entries) per decision; that is what lets the embedded store keep up
 * with tens of thousands of decisions per second. A chunk is found by the time in its decision ids: ids are UUIDv7,
 * whose first 48 bits are the Unix time in milliseconds, and a chunk records the least and greatest of those times.
 * A chunk never spans more than {@link #MAX_SPAN_MS}, so the chunks that may hold an id are the few whose greatest
 * time lies within that span after the id's time.
 */
final class DecisionChunks {
    /** The longest time between the first and last decision id of one chunk. */
    static final long MAX_SPAN_MS = 2_000;
    /** The format chunks are written in: 2 keeps each decision's basis after its response; 1 (before) had none. */
    private static final int FORMAT = 2;

    private DecisionChunks() {}

    /** One chunk to store: its decisions in id-time order, their least and greatest id times, and the encoded body. */
    record Chunk(long firstMs, long lastMs, int count, byte[] body) {}

    /** The Unix time in milliseconds of a UUIDv7 id; fails on anything else. */
    static long idTime(String id) {
        UUID u = parseV7(id);
        if (u == null) {
            throw new IllegalArgumentException("decision id '" + id + "' is not a UUIDv7 (the server makes decision ids; do not invent them)");
        }
        return u.getMostSignificantBits() >>> 16;
    }

    /** The UUID if {@code id} is a version-7 UUID in its canonical text form, null otherwise. */
    static UUID parseV7(String id) {
        if (id == null || id.length() != 36) {
            return null;
        }
        try {
            UUID u = UUID.fromString(id);
            return u.version() == 7 && u.toString().equals(id) ? u : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Splits decisions into chunks of at most {@link #MAX_SPAN_MS} each, after checking every record. */
    static List<Chunk> encode(List<StoredDecision> decisions) {
        record Timed(long ms, StoredDecision d) {}
        List<Timed> timed = new ArrayList<>(decisions.size());
        for (StoredDecision d : decisions) {
            check(d);
            timed.add(new Timed(idTime(d.id()), d));
        }
        timed.sort(Comparator.comparingLong(Timed::ms));
        List<Chunk> chunks = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= timed.size(); i++) {
            if (i == timed.size() || timed.get(i).ms() - timed.get(start).ms() > MAX_SPAN_MS) {
                List<StoredDecision> part = timed.subList(start, i).stream().map(Timed::d).toList();
                chunks.add(new Chunk(timed.get(start).ms(), timed.get(i - 1).ms(), part.size(), body(part)));
                start = i;
            }
        }
        return chunks;
    }

    private static void check(StoredDecision d) {
        if (d == null || d.createdAt() == null || d.actor() == null || d.outcome() == null || d.worldVersion() == null
                || d.asOf() == null || d.request() == null || d.response() == null || d.basis() == null) {
            throw new IllegalArgumentException("a decision to store lacks a required value: " + d);
        }
    }

    private static byte[] body(List<StoredDecision> part) {
        // sized for the texts at one byte a character (Bytes grows for the rest): copying a buffer of tens of megabytes
        // as it doubles cost more than encoding it
        long size = 256;
        for (StoredDecision d : part) {
            size += 160 + d.request().length() + d.response().length();
        }
        Bytes raw = new Bytes((int) Math.min(size, Integer.MAX_VALUE - 16));
        raw.putInt(FORMAT);
        raw.putInt(part.size());
        for (StoredDecision d : part) {
            raw.putString(d.id());
            raw.putLong(d.createdAt().getEpochSecond());
            raw.putInt(d.createdAt().getNano());
            raw.putString(d.actor());
            raw.putString(d.outcome());
            raw.putString(d.worldVersion());
            raw.putLong(d.asOf().toEpochDay());
            raw.putString(d.itemId());
            raw.putString(d.organisation());
            raw.putString(d.project());
            raw.putString(d.request());
            raw.putString(d.response());
            raw.putInt(d.basis().size());
            for (String b : d.basis()) {
                raw.putString(b);
            }
        }
        // deflated in one call over the whole chunk (per-record calls would cost more than the encoding)
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw.buf, 0, raw.len);
            deflater.finish();
            Bytes packed = new Bytes(raw.len / 4 + 64);
            while (!deflater.finished()) {
                packed.ensure(1 << 16);
                packed.len += deflater.deflate(packed.buf, packed.len, packed.buf.length - packed.len);
            }
            return Arrays.copyOf(packed.buf, packed.len);
        } finally {
            deflater.end();
        }
    }

    /** A growable byte array written big-endian, as {@link DataInputStream} reads it; not synchronized. */
    private static final class Bytes {
        byte[] buf;
        int len;

        Bytes(int capacity) {
            buf = new byte[capacity];
        }

        void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        void putInt(int v) {
            ensure(4);
            buf[len++] = (byte) (v >>> 24);
            buf[len++] = (byte) (v >>> 16);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
        }

        void putLong(long v) {
            putInt((int) (v >>> 32));
            putInt((int) v);
        }

        void putString(String s) {
            if (s == null) {
                putInt(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            putInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }
    }

    /** Every decision of a chunk body, in the order stored. */
    static List<StoredDecision> decode(byte[] body) {
        Inflater inflater = new Inflater(); // ended below: its native memory is not left to the GC
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new InflaterInputStream(new ByteArrayInputStream(body), inflater, 1 << 16), 1 << 16))) {
            int format = in.readInt();
            if (format != 1 && format != FORMAT) {
                throw new IllegalStateException("decision chunk in unknown format " + format);
            }
            int n = in.readInt();
            List<StoredDecision> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String id = string(in);
                Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
                String actor = string(in);
                String outcome = string(in);
                String wv = string(in);
                LocalDate asOf = LocalDate.ofEpochDay(in.readLong());
                String item = string(in);
                String organisation = string(in);
                String project = string(in);
                String request = string(in);
                String response = string(in);
                out.add(new StoredDecision(id, at, actor, outcome, wv, asOf, item, organisation, project, request, response,
                        format == 1 ? List.of() : strings(in)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("a stored decision chunk cannot be read", e);
        } finally {
            inflater.end();
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(string(in));
        }
        return out;
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
