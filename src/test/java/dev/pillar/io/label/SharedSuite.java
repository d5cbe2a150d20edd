package dev.pillar.io.label;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the public XML-SPIF conformance suite in the shared folder that sits beside the clone ({@code ../shared} from
 * the project root). In a git worktree the clone is the main working tree named in {@code .git}. The system property
 * {@code pillar.shared} overrides the folder. A missing suite fails the test with the places looked at; it is never
 * skipped.
 */
public final class SharedSuite {
    private SharedSuite() {}

    public static Path folder() {
        Path root = Path.of("").toAbsolutePath();
        StringBuilder tried = new StringBuilder();
        String override = System.getProperty("pillar.shared");
        if (override != null) {
            Path p = Path.of(override).resolve("conformance/xml-spif");
            if (Files.isRegularFile(p.resolve("tests.xml"))) {
                return p;
            }
            tried.append(p).append(' ');
        }
        Path p = root.resolve("../shared/conformance/xml-spif").normalize();
        if (Files.isRegularFile(p.resolve("tests.xml"))) {
            return p;
        }
        tried.append(p).append(' ');
        Path git = root.resolve(".git");
        if (Files.isRegularFile(git)) {
            try {
                String line = Files.readString(git).strip();
                int at = line.indexOf("/.git/worktrees/");
                if (line.startsWith("gitdir:") && at > 0) {
                    Path clone = Path.of(line.substring("gitdir:".length(), at).strip());
                    Path q = clone.resolve("../shared/conformance/xml-spif").normalize();
                    if (Files.isRegularFile(q.resolve("tests.xml"))) {
                        return q;
                    }
                    tried.append(q);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("the XML-SPIF conformance suite (conformance/xml-spif/tests.xml) is missing from the shared folder "
                + "beside the clone; looked in: " + tried + "(set -Dpillar.shared=DIR to point at the shared folder)");
    }

    public static Path file(String name) {
        return folder().resolve(name);
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
