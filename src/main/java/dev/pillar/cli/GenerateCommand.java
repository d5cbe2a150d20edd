package dev.pillar.cli;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.codec.world.WorldSource;
import dev.pillar.codec.world.WorldWriter;
import dev.pillar.core.world.CatalogGenerator;
import dev.pillar.core.world.World;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pillar world generate}: a world directory with a deterministic synthetic catalogue added to a base world. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a world directory: a base world plus N synthetic items and P synthetic people, for benchmarks and impact analysis. The same base world, counts and seed always give the same files, and so the same world version.",
                "",
                "The base world's world, rules, organisations and licences files are copied unchanged; items.json and people.json hold its items and people followed by the generated ones (ids GEN-I-0000001..., GEN-P-000001...). The written world is loaded back to prove it is valid, and its version is printed.",
                "",
                "Exit 0 when written, 2 for bad input (the message names the option), 1 for an internal error.",
                ""},
        footer = {"", "Examples:",
                "  pillar world generate --items 100000 --people 1000 --seed 1 \\",
                "      --out /tmp/aukus-100k",
                "  pillar world validate /tmp/aukus-100k",
                "  pillar world generate --items 2000 --seed 7 --world my-world \\",
                "      --out my-world-2k --force"})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--items", required = true, paramLabel = "N",
            description = "number of synthetic items to generate (0 to " + CatalogGenerator.MAX_ITEMS + ")")
    String items;

    @Option(names = "--seed", required = true, paramLabel = "S",
            description = "seed of the generator (a whole number); the same seed gives the same catalogue")
    String seed;

    @Option(names = "--people", paramLabel = "P", defaultValue = "0",
            description = "number of synthetic people to generate (0 to " + CatalogGenerator.MAX_PEOPLE + "; default: ${DEFAULT-VALUE})")
    String people;

    @Option(names = "--world", paramLabel = "aukus|DIR", defaultValue = "aukus",
            description = "base world: a world directory, or 'aukus' for the built-in world (default: ${DEFAULT-VALUE})")
    String world;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "directory to write; created if missing, and must be empty unless --force is given")
    String out;

    @Option(names = "--force",
            description = "write into a non-empty --out: its world files (world, rules, organisations, people, items, licences) are replaced, other files kept")
    boolean force;

    @Override
    public Integer call() {
        int nItems = (int) whole("--items", items, 0, CatalogGenerator.MAX_ITEMS);
        int nPeople = (int) whole("--people", people, 0, CatalogGenerator.MAX_PEOPLE);
        long s = whole("--seed", seed, Long.MIN_VALUE, Long.MAX_VALUE);
        Path dir = outDirectory();
        WorldSource source = WorldSource.of(world);
        if (!world.equals(WorldSource.BUILT_IN) && sameDirectory(Path.of(world), dir)) {
            throw new BadInputException("", "--out", "'" + out + "' is the base world's directory: write the generated world elsewhere");
        }
        PrintWriter w = spec.commandLine().getOut();
        long start = System.nanoTime();
        World base = WorldLoader.load(source);
        CatalogGenerator.Result generated = CatalogGenerator.generate(base, nItems, nPeople, s);
        WorldWriter.Summary summary = WorldWriter.write(source, generated.allItems(), generated.allPeople(), dir);
        long written = System.nanoTime();
        World loaded = WorldLoader.load(dir.toString());
        long loadedAt = System.nanoTime();
        w.printf("wrote %s%n", dir.toAbsolutePath().normalize());
        w.printf("  items:   %d (%d from %s + %d generated)%n", loaded.items().size(), base.items().size(), base.version(), nItems);
        w.printf("  people:  %d (%d from %s + %d generated)%n", loaded.people().size(), base.people().size(), base.version(), nPeople);
        w.printf("  seed:    %d%n", s);
        w.printf("  version: %s (as loaded back and validated; generated from %s%s)%n", loaded.version(), base.version(), generated.versionSuffix());
        w.printf("  time:    %d ms to generate and write, %d ms to load back%n", (written - start) / 1_000_000, (loadedAt - written) / 1_000_000);
        if (loaded.items().size() != summary.items() || loaded.people().size() != summary.people()) {
            throw new IllegalStateException("the world loaded back has " + loaded.items().size() + " items and " + loaded.people().size()
                    + " people, but " + summary.items() + " and " + summary.people() + " were written");
        }
        return Main.OK;
    }

    /** Parses a whole number between {@code min} and {@code max}, naming {@code option} when it is not one. */
    static long whole(String option, String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new BadInputException("", option, "'" + text + "' is not a whole number"
                    + (min == Long.MIN_VALUE ? "" : ": use " + min + " to " + max));
        }
        if (v < min || v > max) {
            throw new BadInputException("", option, v + " is out of range: use " + min + " to " + max);
        }
        return v;
    }

    private Path outDirectory() {
        Path dir = Path.of(out);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException("", "--out", "'" + out + "' exists and is not a directory");
        }
        if (Files.isDirectory(dir) && !force) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new BadInputException("", "--out", "'" + out + "' is not empty: choose a new or empty directory, or add --force to replace its world files");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isDirectory(a) && Files.isDirectory(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
