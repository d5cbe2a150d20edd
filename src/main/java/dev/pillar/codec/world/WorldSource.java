package dev.pillar.codec.world;

import dev.pillar.codec.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a world's files come from: a directory, or the built-in worlds inside the jar. Each logical file (e.g.
 * {@code items}) may be written as {@code .yaml}, {@code .yml} or {@code .json}, but only once.
 */
public interface WorldSource {
    List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

    /** The name of the built-in world. */
    String BUILT_IN = "aukus";

    /** The file's content, or null if this source has no such logical file. */
    File read(String logicalName);

    /** A description for messages, e.g. the directory. */
    String describe();

    /**
     * Another file of the world named by a relative path in one of its files (a national scheme's SPIF, e.g.
     * {@code spif/usa.xml}), or null if there is none. The path stays inside the world: no absolute paths, no {@code ..}.
     */
    default byte[] readRelative(String path) {
        return null;
    }

    /** Refuses a path that is absolute or leaves the world's directory. */
    static String checkRelative(String path) {
        if (path == null || path.isBlank() || path.startsWith("/") || path.startsWith("\\") || path.contains("\\") || path.contains(":")
                || Arrays.asList(path.split("/")).contains("..")) {
            throw new BadInputException("", "file", "'" + path + "' must be a relative path inside the world directory, e.g. spif/usa.xml");
        }
        return path;
    }

    /** One file of the world: its name as shown in errors, its content and whether it is JSON. */
    record File(String name, byte[] content, boolean json) {}

    /** A file to be read as a stream (a large catalogue need not be held in memory at once). */
    record Streamed(String name, boolean json, Opener opener) {
        public InputStream open() throws IOException {
            return opener.open();
        }
    }

    /** Opens a file's content. */
    interface Opener {
        InputStream open() throws IOException;
    }

    /** The logical file as a stream, or null if this source has none. By default the content read by {@link #read}. */
    default Streamed open(String logicalName) {
        File f = read(logicalName);
        return f == null ? null : new Streamed(f.name(), f.json(), () -> new ByteArrayInputStream(f.content()));
    }

    static WorldSource directory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir.toString(), "", "is not a directory: give a world directory (with world.yaml) or 'aukus' for the built-in world");
        }
        return new WorldSource() {
            private Path find(String logicalName) {
                List<Path> found = new ArrayList<>();
                for (String ext : EXTENSIONS) {
                    Path p = dir.resolve(logicalName + ext);
                    if (Files.isRegularFile(p)) {
                        found.add(p);
                    }
                }
                if (found.size() > 1) {
                    throw new BadInputException(found.get(1).toString(), "", "the world already has " + found.get(0).getFileName() + ": keep one file per part");
                }
                return found.isEmpty() ? null : found.get(0);
            }

            @Override
            public File read(String logicalName) {
                Path p = find(logicalName);
                if (p == null) {
                    return null;
                }
                try {
                    return new File(p.toString(), Files.readAllBytes(p), p.toString().endsWith(".json"));
                } catch (IOException e) {
                    throw new BadInputException(p.toString(), "", "cannot be read: " + e.getMessage());
                }
            }

            @Override
            public byte[] readRelative(String path) {
                Path p = dir.resolve(checkRelative(path)).normalize();
                if (!p.startsWith(dir.normalize()) || !Files.isRegularFile(p)) {
                    return null;
                }
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new BadInputException(p.toString(), "", "cannot be read: " + e.getMessage());
                }
            }

            @Override
            public Streamed open(String logicalName) {
                Path p = find(logicalName);
                return p == null ? null : new Streamed(p.toString(), p.toString().endsWith(".json"), () -> Files.newInputStream(p));
            }

            @Override
            public String describe() {
                return dir.toString();
            }
        };
    }

    static WorldSource builtIn(String name) {
        String base = "/worlds/" + name + "/";
        if (WorldSource.class.getResource(base + "world.yaml") == null) {
            throw new BadInputException("", "world", "no built-in world '" + name + "': use 'aukus' or a directory");
        }
        return new WorldSource() {
            @Override
            public File read(String logicalName) {
                for (String ext : EXTENSIONS) {
                    try (InputStream in = WorldSource.class.getResourceAsStream(base + logicalName + ext)) {
                        if (in != null) {
                            return new File("built-in:" + name + "/" + logicalName + ext, in.readAllBytes(), ext.equals(".json"));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return null;
            }

            @Override
            public byte[] readRelative(String path) {
                try (InputStream in = WorldSource.class.getResourceAsStream(base + checkRelative(path))) {
                    return in == null ? null : in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String describe() {
                return "built-in world " + name;
            }
        };
    }

    /** {@code aukus} (or another built-in name) or a directory path. */
    static WorldSource of(String spec) {
        if (spec == null || spec.equals(BUILT_IN)) {
            return builtIn(BUILT_IN);
        }
        return directory(Path.of(spec));
    }
}
