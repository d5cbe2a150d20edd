package dev.pillar.app.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The log's side of witnessing: which signatures of a submitted note are cosignatures by registered witness keys of
 * the kept checkpoint, the kept note with its cosignatures, and whether every core member has cosigned.
 */
public final class Cosignatures {
    private Cosignatures() {}

    /** A witness key registered for a core member. */
    public record Registered(String member, NoteKey key) {}

    /** A verified cosignature: whose key, and its signature line as it appears in a note. */
    public record Accepted(Registered witness, String line) {}

    /**
     * The cosignatures in {@code submitted} by {@code witnesses} of the kept checkpoint {@code keptNote}. Throws
     * IllegalArgumentException (naming the problem) when the note is not that checkpoint, or carries no valid
     * signature of a registered witness key.
     */
    public static List<Accepted> accept(String keptNote, String submitted, Collection<Registered> witnesses) {
        SignedNote kept = SignedNote.parse(keptNote);
        SignedNote note = SignedNote.parse(submitted);
        if (!note.text().equals(kept.text())) {
            throw new IllegalArgumentException("the note's text is not the checkpoint the log signed for tree size "
                    + Checkpoint.parse(kept.text()).size() + ": cosign the checkpoint exactly as GET /api/v1/audit/checkpoint gave it");
        }
        byte[] message = note.text().getBytes(StandardCharsets.UTF_8);
        List<Accepted> out = new ArrayList<>();
        for (SignedNote.Line l : note.signatures()) {
            for (Registered w : witnesses) {
                if (l.name().equals(w.key().name()) && Arrays.equals(l.keyId(), w.key().keyIdBytes())
                        && w.key().verify(message, l.signature())) {
                    out.add(new Accepted(w, l.render()));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the note carries no valid signature by a registered witness key"
                    + (witnesses.isEmpty() ? " (none is registered: POST /api/v1/audit/witnesses)" : ""));
        }
        return out;
    }

    /** The kept note with the given cosignature lines after the log's own signature(s). */
    public static String note(String keptNote, Collection<String> lines) {
        StringBuilder b = new StringBuilder(keptNote);
        lines.forEach(b::append);
        SignedNote.parse(b.toString()); // still a note
        return b.toString();
    }

    /** Who cosigned a checkpoint, among the core members in force at its time. */
    public record Status(List<String> cosigned, List<String> missing) {
        /** True when every core member cosigned (and there is at least one). */
        public boolean all() {
            return missing.isEmpty() && !cosigned.isEmpty();
        }
    }

    /**
     * The core members (of {@code coreMembers}) with a cosignature among {@code cosignatureKeys} (the verifier key
     * texts of the witness keys that cosigned, already verified), and those without.
     */
    public static Status status(Collection<String> coreMembers, Collection<String> cosignatureKeys, Collection<Registered> witnesses) {
        Map<String, String> memberOfKey = new TreeMap<>();
        witnesses.forEach(w -> memberOfKey.put(w.key().verifierText(), w.member()));
        TreeSet<String> signed = new TreeSet<>();
        for (String k : cosignatureKeys) {
            String m = memberOfKey.get(k);
            if (m != null && coreMembers.contains(m)) {
                signed.add(m);
            }
        }
        List<String> missing = new TreeSet<>(coreMembers).stream().filter(m -> !signed.contains(m)).toList();
        return new Status(List.copyOf(signed), missing);
    }
}
