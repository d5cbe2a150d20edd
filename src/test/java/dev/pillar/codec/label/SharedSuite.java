package dev.pillar.codec.label;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the public XML-SPIF conformance suite in the shared folder that sits beside the clone ({@code ../shared} from
 * the project root). In a git worktree the clone is the main working tree named in {@code .git}. The system property
 * {@code pillar.shared} overrides the folder. A missing suite fails the test with the places looked at; it is never
 * skipped. A clone of a local checkout also looks beside the checkout it was cloned from (its {@code origin}).
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
        Path origin = localOrigin(git);
        if (origin != null) { // a clone of a local checkout (git clone CHECKOUT FOLDER/fresh): the folder beside that one
            Path q = origin.resolve("../shared/conformance/xml-spif").normalize();
            if (Files.isRegularFile(q.resolve("tests.xml"))) {
                return q;
            }
            tried.append(q).append(' ');
        }
        throw new AssertionError("the XML-SPIF conformance suite (conformance/xml-spif/tests.xml) is missing from the shared folder "
                + "beside the clone; looked in: " + tried + "(set -Dpillar.shared=DIR to point at the shared folder)");
    }

    /** The path of the {@code origin} remote in {@code .git/config} if it names a local directory, else null. */
    private static Path localOrigin(Path git) {
        Path config = git.resolve("config");
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            boolean inOrigin = false;
            for (String line : Files.readAllLines(config)) {
                String t = line.strip();
                if (t.startsWith("[")) {
                    inOrigin = t.equals("[remote \"origin\"]");
                } else if (inOrigin && t.startsWith("url")) {
                    String url = t.substring(t.indexOf('=') + 1).strip();
                    if (url.startsWith("file://")) {
                        url = url.substring("file://".length());
                    }
                    Path p = url.startsWith("/") ? Path.of(url) : null;
                    return p != null && Files.isDirectory(p) ? p : null;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
