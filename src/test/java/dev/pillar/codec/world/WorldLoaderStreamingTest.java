package dev.pillar.codec.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.pillar.codec.BadInputException;
import dev.pillar.core.model.Item;
import dev.pillar.core.world.CatalogGenerator;
import dev.pillar.core.world.World;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The people and items lists are read one element at a time: the same checks and messages (file, path, fix) as for
 * the other files, the same version digest over the files' bytes, and shared label values between items.
 */
class WorldLoaderStreamingTest {
    @TempDir
    Path dir;

    private World writeAndLoad(String itemsJson) throws IOException {
        WorldWriter.write(WorldSource.builtIn("aukus"), List.of(), List.of(), dir);
        Files.writeString(dir.resolve("items.json"), itemsJson);
        return WorldLoader.load(dir.toString());
    }

    private BadInputException refused(String itemsJson) {
        return catchThrowableOfType(BadInputException.class, () -> writeAndLoad(itemsJson));
    }

    static final String ITEM = "{\"id\":\"I-1\",\"originator\":\"USA\",\"classification\":\"USA:SECRET\",\"control\":\"ITAR:XI(d)\",\"project\":\"UNDERSEA-1\"}";

    @Test
    void errorsNameTheFileTheElementAndTheFix() {
        BadInputException e = refused("{\"items\":[" + ITEM + ",{\"id\":\"I-2\",\"originator\":\"USA\",\"classification\":\"SECRET\",\"control\":\"NONE\"}]}");
        assertThat(e.location()).endsWith("items.json");
        assertThat(e.field()).isEqualTo("items[1].classification");
        assertThat(e.problem()).contains("is not SCHEME:LEVEL");

        assertThat(refused("{\"items\":{}}").getMessage()).endsWith("items.json: items: must be a list");
        assertThat(refused("{\"items\":[], \"extra\": 1}").getMessage()).endsWith("items.json: extra: unknown field: remove it or use one of [items]");
        assertThat(refused("[]").getMessage()).endsWith("items.json: must hold an object at the top level");
        assertThat(refused("").getMessage()).endsWith("items.json: must hold an object at the top level");
        assertThat(refused("{\"items\":[" + ITEM).getMessage()).contains("items.json: is not valid JSON");
        assertThat(refused("{\"items\":[]} {\"items\":[]}").getMessage()).endsWith("items.json: must hold one object, with nothing after it");
        assertThat(refused("{\"items\":[" + ITEM + "," + ITEM + "]}").getMessage()).endsWith("items.json: items[1].id: duplicate id 'I-1'");
        assertThat(refused("{\"items\":[{\"id\":\"I-1\",\"id\":\"I-2\"}]}").getMessage()).contains("items.json: is not valid JSON", "Duplicate");
    }

    @Test
    void aNullListIsAnEmptyOne() throws IOException {
        assertThat(writeAndLoad("{\"items\":null}").items()).isEmpty();
    }

    @Test
    void theVersionDigestsEveryFileInOrderAndItemsShareTheirLabels() throws Exception {
        World base = WorldLoader.load("aukus");
        CatalogGenerator.Result g = CatalogGenerator.generate(base, 2000, 30, 5);
        WorldWriter.write(WorldSource.builtIn("aukus"), g.allItems(), g.allPeople(), dir);
        World w = WorldLoader.load(dir.toString());
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (String name : WorldLoader.FILES) {
            for (String ext : WorldSource.EXTENSIONS) {
                Path f = dir.resolve(name + ext);
                if (Files.exists(f)) {
                    d.update(name.getBytes(StandardCharsets.UTF_8));
                    d.update(Files.readAllBytes(f));
                    if (name.equals("rules")) { // then the national SPIFs the rules name, path and content
                        var rules = WorldLoader.yaml().readTree(Files.readString(f));
                        for (String spif : WorldLoader.spifFiles(rules).values()) {
                            d.update(spif.getBytes(StandardCharsets.UTF_8));
                            d.update(Files.readAllBytes(dir.resolve(spif)));
                        }
                    }
                }
            }
        }
        assertThat(w.version()).isEqualTo("aukus@" + HexFormat.of().formatHex(d.digest()).substring(0, 12));
        assertThat(w.items()).hasSize(2010);
        assertThat(w.people()).hasSize(42);
        List<Item> items = List.copyOf(w.items());
        Item a = items.stream().filter(i -> i.classification().toString().equals("USA:SECRET")).findFirst().orElseThrow();
        Item b = items.stream().filter(i -> i != a && i.classification().toString().equals("USA:SECRET")).findFirst().orElseThrow();
        assertThat(b.classification()).isSameAs(a.classification());
        assertThat(items.get(10).id()).isEqualTo(g.items().getFirst().id());
        assertThat(items.get(10)).isEqualTo(g.items().getFirst());
    }
}
