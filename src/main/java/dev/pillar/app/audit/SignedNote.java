package dev.pillar.app.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A note in the C2SP signed-note format: UTF-8 text ending in a newline, a blank line, then one line per signature,
 * {@code — name base64(keyid || signature)} (an em dash and a space first). Ed25519 signatures (type 0x01) cover the
 * text exactly. Signatures by keys the reader does not know are kept but not trusted.
 */
public record SignedNote(String text, List<Line> signatures) {
    private static final String DASH = "\u2014 ";
    private static final int MAX_SIGNATURES = 100;

    /** One signature line: the signer's name, key id and signature bytes. */
    public record Line(String name, byte[] keyId, byte[] signature) {
        String render() {
            return DASH + name + " " + Base64.getEncoder().encodeToString(NoteKey.concat(keyId, signature)) + "\n";
        }
    }

    public SignedNote {
        if (text.isEmpty() || !text.endsWith("\n") || text.contains("\n\n")) {
            throw new IllegalArgumentException("a note's text is non-empty, ends with a newline and has no blank line");
        }
        signatures = List.copyOf(signatures);
    }

    /** Signs {@code text} with every key given. */
    public static SignedNote sign(String text, NoteKey... keys) {
        SignedNote n = new SignedNote(text, List.of());
        for (NoteKey k : keys) {
            n = n.cosign(k);
        }
        return n;
    }

    /** This note with one more signature, by {@code key}. */
    public SignedNote cosign(NoteKey key) {
        List<Line> lines = new ArrayList<>(signatures);
        lines.add(new Line(key.name(), key.keyIdBytes(), key.sign(text.getBytes(StandardCharsets.UTF_8))));
        return new SignedNote(text, lines);
    }

    /** The note as text: the signed text, a blank line and the signature lines. */
    public String render() {
        StringBuilder out = new StringBuilder(text).append('\n');
        signatures.forEach(s -> out.append(s.render()));
        return out.toString();
    }

    /** Reads a note; the signatures are parsed but not checked (see {@link #verifiedBy}). */
    public static SignedNote parse(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("not a signed note: no blank line between the text and the signatures");
        }
        String text = note.substring(0, split + 1);
        String rest = note.substring(split + 2);
        if (!rest.endsWith("\n")) {
            throw new IllegalArgumentException("not a signed note: the last signature line does not end with a newline");
        }
        List<Line> lines = new ArrayList<>();
        for (String line : rest.substring(0, rest.length() - 1).split("\n", -1)) {
            if (!line.startsWith(DASH)) {
                throw new IllegalArgumentException("not a signature line (it must start with an em dash and a space): '" + line + "'");
            }
            String[] parts = line.substring(DASH.length()).split(" ", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("a signature line is '— name base64', got '" + line + "'");
            }
            NoteKey.checkName(parts[0]);
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the signature of '" + parts[0] + "' is not base64");
            }
            if (sig.length < 5) {
                throw new IllegalArgumentException("the signature of '" + parts[0] + "' is too short");
            }
            lines.add(new Line(parts[0], Arrays.copyOf(sig, 4), Arrays.copyOfRange(sig, 4, sig.length)));
            if (lines.size() > MAX_SIGNATURES) {
                throw new IllegalArgumentException("a note with more than " + MAX_SIGNATURES + " signatures is refused");
            }
        }
        return new SignedNote(text, lines);
    }

    /** True if the note carries a valid signature by {@code key} (matched by name and key id). */
    public boolean verifiedBy(NoteKey key) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        for (Line l : signatures) {
            if (l.name().equals(key.name()) && Arrays.equals(l.keyId(), key.keyIdBytes()) && key.verify(message, l.signature())) {
                return true;
            }
        }
        return false;
    }
}
