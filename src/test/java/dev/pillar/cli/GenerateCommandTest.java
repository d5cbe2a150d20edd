package dev.pillar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.world.CatalogGenerator;
import dev.pillar.core.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path tmp;

    private static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    @Test
    void writesAWorldThatLoadsWithBuiltInAndGeneratedEntries() throws IOException {
        Path dir = tmp.resolve("gen");
        CliTest.Run r = run("world", "generate", "--items", "300", "--people", "20", "--seed", "5", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();

        World base = WorldLoader.load("aukus");
        World loaded = WorldLoader.load(dir.toString());
        assertThat(loaded.items()).hasSize(base.items().size() + 300);
        assertThat(loaded.people()).hasSize(base.people().size() + 20);
        assertThat(r.out()).contains(dir.toAbsolutePath().normalize().toString())
                .contains("items:   " + (base.items().size() + 300))
                .contains("people:  " + (base.people().size() + 20))
                .contains(loaded.version());

        // the written entries are exactly the built-in ones followed by the generated ones
        CatalogGenerator.Result expected = CatalogGenerator.generate(base, 300, 20, 5);
        assertThat(List.copyOf(loaded.items())).isEqualTo(expected.allItems());
        assertThat(List.copyOf(loaded.people())).isEqualTo(expected.allPeople());

        // the base files are copied byte for byte
        for (String name : List.of("world", "rules", "organisations", "licences")) {
            try (InputStream in = GenerateCommandTest.class.getResourceAsStream("/worlds/aukus/" + name + ".yaml")) {
                assertThat(Files.readAllBytes(dir.resolve(name + ".yaml"))).as(name).isEqualTo(in.readAllBytes());
            }
        }
        assertThat(dir.resolve("items.json")).exists();
        assertThat(dir.resolve("people.json")).exists();
    }

    @Test
    void sameSeedWritesTheSameFiles() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(run("world", "generate", "--items", "200", "--people", "10", "--seed", "11", "--out", a.toString()).code()).isZero();
        assertThat(run("world", "generate", "--items", "200", "--people", "10", "--seed", "11", "--out", b.toString()).code()).isZero();
        assertThat(Files.readAllBytes(a.resolve("items.json"))).isEqualTo(Files.readAllBytes(b.resolve("items.json")));
        assertThat(Files.readAllBytes(a.resolve("people.json"))).isEqualTo(Files.readAllBytes(b.resolve("people.json")));
        assertThat(WorldLoader.load(a.toString()).version()).isEqualTo(WorldLoader.load(b.toString()).version());
    }

    @Test
    void generatesFromAWorldDirectory() {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        assertThat(run("world", "generate", "--items", "50", "--seed", "1", "--out", first.toString()).code()).isZero();
        CliTest.Run r = run("world", "generate", "--items", "30", "--people", "3", "--seed", "2", "--world", first.toString(), "--out", second.toString());
        assertThat(r.code()).as(r.err()).isZero();
        World base = WorldLoader.load("aukus");
        World loaded = WorldLoader.load(second.toString());
        assertThat(loaded.items()).hasSize(base.items().size() + 80);
        assertThat(loaded.item("GEN-I-0000080")).isNotNull();
    }

    @Test
    void badItemsIsBadInputNamingTheOption() {
        for (String bad : List.of("abc", "-5", "1.5", "99999999999")) {
            CliTest.Run r = run("world", "generate", "--items", bad, "--seed", "1", "--out", tmp.resolve("x").toString());
            assertThat(r.code()).as("--items %s", bad).isEqualTo(2);
            assertThat(r.err()).contains("--items");
        }
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void badSeedOrPeopleIsBadInput() {
        CliTest.Run seed = run("world", "generate", "--items", "1", "--seed", "one", "--out", tmp.resolve("x").toString());
        assertThat(seed.code()).isEqualTo(2);
        assertThat(seed.err()).contains("--seed");
        CliTest.Run people = run("world", "generate", "--items", "1", "--seed", "1", "--people", "-1", "--out", tmp.resolve("x").toString());
        assertThat(people.code()).isEqualTo(2);
        assertThat(people.err()).contains("--people");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CliTest.Run r = run("world", "generate", "--items", "1", "--out", tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--seed");
    }

    @Test
    void refusesANonEmptyOutUnlessForced() throws IOException {
        Path dir = tmp.resolve("busy");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        Files.writeString(dir.resolve("items.yaml"), "items: []\n");
        CliTest.Run refused = run("world", "generate", "--items", "5", "--seed", "1", "--out", dir.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--out").contains("--force");

        CliTest.Run forced = run("world", "generate", "--items", "5", "--seed", "1", "--out", dir.toString(), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(dir.resolve("notes.txt")).hasContent("keep me");
        assertThat(dir.resolve("items.yaml")).doesNotExist();
        assertThat(WorldLoader.load(dir.toString()).item("GEN-I-0000005")).isNotNull();
    }

    @Test
    void refusesToOverwriteTheBaseWorld() {
        Path dir = tmp.resolve("base");
        assertThat(run("world", "generate", "--items", "5", "--seed", "1", "--out", dir.toString()).code()).isZero();
        CliTest.Run r = run("world", "generate", "--items", "5", "--seed", "1", "--world", dir.toString(), "--out", dir.toString(), "--force");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--out");
    }

    @Test
    void helpDescribesTheOptions() {
        CliTest.Run r = run("world", "generate", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--items", "--seed", "--people", "--world", "--out", "--force");
        assertThat(run("world", "--help").out()).contains("generate");
    }
}
