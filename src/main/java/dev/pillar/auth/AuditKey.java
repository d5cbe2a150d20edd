package dev.pillar.auth;

import dev.pillar.app.audit.NoteKey;
import dev.pillar.crypto.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The audit log's signing key in the data directory ({@code audit-key}, readable by the owner only), in the signer
 * key text form of Go's note package. Its name is the log's origin, {@code localhost/pillar-audit/<8 hex digits>},
 * chosen at random when the key is made, so that two installations never sign checkpoints under the same origin.
 */
public final class AuditKey {
    private AuditKey() {}

    public static NoteKey open(Path file) {
        try {
            if (Files.exists(file)) {
                return NoteKey.signer(Files.readString(file, StandardCharsets.UTF_8));
            }
            byte[] id = new byte[4];
            new SecureRandom().nextBytes(id);
            NoteKey key = NoteKey.generate("localhost/pillar-audit/" + HexFormat.of().formatHex(id));
            KeyFiles.writePrivate(file, key.signerText() + "\n"); // owner-only, written then moved into place
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the audit key " + file + " is not a signer key: " + e.getMessage(), e);
        }
    }
}
