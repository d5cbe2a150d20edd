package dev.pillar.codec.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.pillar.codec.BadInputException;
import dev.pillar.core.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** World-wide consistency checks of the loader: dated entries that overlap, duplicates, and the messages they give. */
class WorldLoaderChecksTest {
    private static World load(String file, UnaryOperator<String> change) {
        Map<String, String> files = new HashMap<>();
        for (String name : WorldLoader.FILES) {
            try (InputStream in = WorldLoaderChecksTest.class.getResourceAsStream("/worlds/aukus/" + name + ".yaml")) {
                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        files.put(file, change.apply(files.get(file)));
        return WorldLoader.load(new WorldSource() {
            @Override
            public File read(String logicalName) {
                String s = files.get(logicalName);
                return s == null ? null : new File("test:" + logicalName + ".yaml", s.getBytes(StandardCharsets.UTF_8), false);
            }

            @Override
            public byte[] readRelative(String path) {
                return WorldSource.builtIn(WorldSource.BUILT_IN).readRelative(path);
            }

            @Override
            public String describe() {
                return "test world";
            }
        });
    }

    @Test
    void theBuiltInWorldLoadsWithAStableVersion() {
        World a = WorldLoader.load("aukus");
        assertThat(a.version()).matches("aukus@[0-9a-f]{12}");
        assertThat(load("items", s -> s).version()).isEqualTo(a.version());
        assertThat(load("items", s -> s + "\n# a comment changes the content\n").version()).isNotEqualTo(a.version());
    }

    @Test
    void overlappingCountryChartRowsAreRefused() {
        assertThatThrownBy(() -> load("rules", s -> s.replace("    - {country: JPN, licenceRequired: [NS1, MT1, RS1],",
                "    - {country: JPN, licenceRequired: [], from: 2026-01-01, source: {title: new row}}\n    - {country: JPN, licenceRequired: [NS1, MT1, RS1],")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("test:rules.yaml")
                .hasMessageContaining("ear.countryChart[")
                .hasMessageContaining("end the earlier entry with 'until'");
    }

    @Test
    void closingTheEarlierRowMakesTheNewRowApply() {
        World w = load("rules", s -> s.replace("    - {country: JPN, licenceRequired: [NS1, MT1, RS1],",
                "    - {country: JPN, licenceRequired: [], from: 2026-01-01, source: {title: new row}}\n    - {country: JPN, licenceRequired: [NS1, MT1, RS1], until: 2025-12-31,"));
        assertThat(w.rules().chartRow(dev.pillar.core.model.Country.of("JPN"), java.time.LocalDate.of(2026, 6, 1)).licenceRequired()).isEmpty();
        assertThat(w.rules().chartRow(dev.pillar.core.model.Country.of("JPN"), java.time.LocalDate.of(2025, 6, 1)).licenceRequired()).contains("NS1");
    }

    @Test
    void duplicateKeysAndDuplicateLicencesAreRefused() {
        assertThatThrownBy(() -> load("licences", s -> s.replace("    until: 2025-12-31\n", "    until: 2025-12-31\n    until: 2026-12-31\n")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("Duplicate").hasMessageContaining("until");
        assertThatThrownBy(() -> load("licences", s -> s.replace("\"DSP85-2025-0042\"", "\"TA-2025-0001\"")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("licences[1]").hasMessageContaining("duplicate id 'TA-2025-0001'");
    }

    @Test
    void errorsInEquivalencesNameTheirFullPath() {
        assertThatThrownBy(() -> load("rules", s -> s.replace("\"KOR:GRADE II\"], from", "\"KOR:GRADE 2\"], from")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("classification.equivalences[3].levels")
                .hasMessageContaining("KOR:GRADE 2");
    }

    @Test
    void levelNamesWithUnderscoresMatchReferences() {
        String jpn = "{name: TOP SECRET}]\n      source: {title: \"Illustrative scheme for Japan\"";
        World w = load("rules", s -> {
            assertThat(s).contains(jpn);
            return s.replace(jpn, jpn.replace("TOP SECRET", "TOP_SECRET"));
        });
        assertThat(w.rules().security().knows(dev.pillar.core.model.SecurityLevel.parse("c", "JPN:TOP SECRET"))).isTrue();
    }

    @Test
    void numbersWhereTextIsExpectedAskForQuotes() {
        assertThatThrownBy(() -> load("rules", s -> s.replace("{code: \"3E001\"", "{code: 3E001")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("ear.eccns[0].code").hasMessageContaining("quote it");
    }
}
