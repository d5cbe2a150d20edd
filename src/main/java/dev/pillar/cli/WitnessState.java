package dev.pillar.cli;

import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.audit.SignedNote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A witness's own state, in a directory the witness chooses: {@code log-key} (the log's verifier key, pinned on the
 * first run) and {@code checkpoint} (the last checkpoint it checked and cosigned, as the log signed it). Each file is
 * written to a temporary file and moved into place, so a crash leaves the old state or the new one.
 */
public record WitnessState(Path dir) {
    public Path logKeyFile() {
        return dir.resolve("log-key");
    }

    public Path checkpointFile() {
        return dir.resolve("checkpoint");
    }

    /** The pinned log key, or null before the first run. */
    public NoteKey logKey() {
        String text = read(logKeyFile());
        return text == null ? null : NoteKey.verifier(text);
    }

    /** The last checkpoint seen, or null before the first one. */
    public SignedNote last() {
        String text = read(checkpointFile());
        return text == null ? null : SignedNote.parse(text);
    }

    public void pin(NoteKey logKey) {
        write(logKeyFile(), logKey.verifierText() + "\n");
    }

    public void saw(SignedNote checkpoint) {
        write(checkpointFile(), checkpoint.render());
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the witness state " + f, e);
        }
    }

    private void write(Path f, String text) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, f.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (var ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the witness state " + f, e);
        }
    }
}
