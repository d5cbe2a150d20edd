package dev.pillar.codec.label;

import dev.pillar.codec.BadInputException;
import dev.pillar.core.label.PolicyRegistry;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.model.InvalidValueException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads SPIF, label and clearance files from disk. */
public final class PolicyFiles {
    private PolicyFiles() {}

    /** Policies loaded from files, and the warnings met while reading them (each prefixed with its file). */
    public record Loaded(PolicyRegistry registry, List<String> warnings) {}

    /** Reads every SPIF in {@code files} into one registry; two policies with one OID are refused. */
    public static Loaded load(List<Path> files) {
        List<SecurityPolicy> policies = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path f : files) {
            SpifReader.Result r = SpifReader.read(read(f), f.toString());
            policies.add(r.policy());
            r.warnings().forEach(w -> warnings.add(f + ": " + w));
        }
        try {
            return new Loaded(new PolicyRegistry(policies), List.copyOf(warnings));
        } catch (InvalidValueException e) {
            throw new BadInputException("--spif", "", e.problem());
        }
    }

    /** The bytes of {@code file}; a missing or unreadable file is bad input naming it. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file.toString(), "", "No data to parse: the file does not exist");
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "", "cannot be read: " + e.getMessage());
        }
    }
}
