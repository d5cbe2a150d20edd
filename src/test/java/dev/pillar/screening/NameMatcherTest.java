package dev.pillar.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.core.screening.ListEntry;
import dev.pillar.core.screening.ListVersion;
import dev.pillar.core.screening.Party;
import dev.pillar.core.screening.PartyType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Name normalisation and matching as an officer sees them: what matches, what does not, and why. */
class NameMatcherTest {
    private static final NameNormaliser N = NameNormaliser.standard();
    private static final double T = ScreeningIndex.DEFAULT_THRESHOLD;

    private static double score(String a, String b, PartyType type) {
        return NameMatcher.score(N.tokens(a, type), N.tokens(b, type));
    }

    @Test
    void scriptsAreTransliteratedDiacriticsFoldedAndLegalFormsSetAside() {
        assertThat(N.latin("Виктор Антонов")).isEqualTo("viktor antonov");
        assertThat(N.latin("Müller & Söhne")).isEqualTo("muller and sohne");
        assertThat(N.tokens("Northwind Avionics Trading Co., Ltd.", PartyType.ENTITY)).containsExactly("northwind", "avionics", "trading");
        assertThat(N.tokens("OOO Sibirskie Mikrosistemy", PartyType.ENTITY)).containsExactly("sibirskie", "mikrosistemy");
        assertThat(N.tokens("Gen. Kim Jong-su", PartyType.INDIVIDUAL)).containsExactly("kim", "jong", "su");
        assertThat(N.tokens("Ltd", PartyType.ENTITY)).as("a name of legal-form words only is kept").containsExactly("ltd");
    }

    @Test
    void variantsOfOneNameMatch() {
        assertThat(score("ANTONOV, Viktor Sergeyevich", "Viktor Antonov", PartyType.INDIVIDUAL)).as("order, patronymic absent").isGreaterThanOrEqualTo(T);
        assertThat(score("ANTONOFF, Victor", "Viktor Antonov", PartyType.INDIVIDUAL)).as("spelling variants").isGreaterThanOrEqualTo(T);
        assertThat(score("Виктор Сергеевич Антонов", "Viktor Sergeyevich Antonov", PartyType.INDIVIDUAL)).as("Cyrillic").isGreaterThanOrEqualTo(T);
        assertThat(score("Kim Jong-su", "Kim Chong Su", PartyType.INDIVIDUAL)).as("McCune-Reischauer").isGreaterThanOrEqualTo(T);
        assertThat(score("Kim Jong-su", "Kim Jongsu", PartyType.INDIVIDUAL)).as("written together").isGreaterThanOrEqualTo(T);
        assertThat(score("Meridian Photonics Pty Ltd", "Meridian Photonics Limited", PartyType.ENTITY)).as("legal form").isEqualTo(1.0);
        assertThat(score("Mohammed Hassan", "Muhammad Hasan", PartyType.INDIVIDUAL)).as("Arabic spellings").isGreaterThanOrEqualTo(T);
    }

    @Test
    void namesThatOnlyShareCommonWordsDoNotMatch() {
        assertThat(score("Northwind Avionics Ltd", "Northstar Avionics Ltd", PartyType.ENTITY)).isLessThan(T);
        assertThat(score("Kim Jong-su", "Kim Min-jun", PartyType.INDIVIDUAL)).isLessThan(T);
        assertThat(score("Britannia Sonar Ltd", "Meridian Photonics Pty Ltd", PartyType.ENTITY)).isLessThan(0.5);
    }

    private static ListEntry entry(String id, PartyType type, List<String> names, Set<String> countries, List<String> births) {
        return new ListEntry("us-csl", "Specially Designated Nationals (SDN) - Treasury Department", id, type, names, countries, births, List.of(),
                List.of(), LocalDate.of(2020, 1, 1), null, "");
    }

    @Test
    void theIndexFindsTheEntryAmongManyAndQualifiesByCountryAndBirth() {
        List<ListEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            entries.add(entry("X" + i, PartyType.INDIVIDUAL, List.of("Person Number" + i + " Filler"), Set.of(), List.of()));
        }
        entries.add(entry("SDN-1", PartyType.INDIVIDUAL, List.of("ANTONOV, Viktor Sergeyevich", "ANTONOFF, Victor"), Set.of("RUS"), List.of("1971-03-12")));
        entries.add(entry("SDN-2", PartyType.ENTITY, List.of("Antonov Viktor Trading"), Set.of("RUS"), List.of()));
        ListVersion v = new ListVersion(1, "us-csl", LocalDate.of(2026, 1, 1), Instant.EPOCH, "test", "x", entries.size());
        ScreeningIndex index = new ScreeningIndex(v, entries, N);
        LocalDate day = LocalDate.of(2026, 6, 1);

        var hits = index.screen(new Party("recipient", "p", PartyType.INDIVIDUAL, "Victor Antonov", List.of(), Set.of("RUS"), null), day, T);
        assertThat(hits).extracting(h -> h.entry().id()).as("an individual matches the individual, not the entity").containsExactly("SDN-1");
        assertThat(hits.getFirst().exact()).isFalse();

        var exact = index.screen(new Party("recipient", "p", PartyType.INDIVIDUAL, "Viktor Sergeyevich Antonov", List.of(), Set.of(), null), day, T);
        assertThat(exact.getFirst().exact()).as("the same parts in another order").isTrue();

        var otherBirth = index.screen(new Party("recipient", "p", PartyType.INDIVIDUAL, "Viktor Sergeyevich Antonov", List.of(), Set.of("RUS"), "1990-01-01"), day, T);
        assertThat(otherBirth).as("a year of birth that disagrees lowers the score").allSatisfy(h -> assertThat(h.exact()).isFalse());

        var before = index.screen(new Party("recipient", "p", PartyType.INDIVIDUAL, "Viktor Antonov", List.of(), Set.of(), null), LocalDate.of(2019, 1, 1), T);
        assertThat(before).as("not listed before its start date").isEmpty();
    }

    @Test
    void screeningManyPartiesOnEveryCoreGivesEachPartyItsOwnHitsInOrderAndTellsProgress() {
        List<ListEntry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            entries.add(entry("E" + i, PartyType.INDIVIDUAL, List.of("Listed" + (char) ('a' + i % 26) + " Person" + i), Set.of(), List.of()));
        }
        entries.add(entry("SDN-1", PartyType.INDIVIDUAL, List.of("ANTONOV, Viktor Sergeyevich"), Set.of("RUS"), List.of()));
        ScreeningIndex index = new ScreeningIndex(new ListVersion(1, "us-csl", LocalDate.of(2026, 1, 1), Instant.EPOCH, "test", "x", entries.size()),
                entries, N);
        LocalDate day = LocalDate.of(2026, 6, 1);
        List<Party> parties = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            String name = i % 500 == 7 ? "Viktor Antonov" : i % 3 == 0 ? "Listed" + (char) ('a' + i % 26) + " Person" + (i % 300) : "Unlisted Someone" + i;
            parties.add(new Party("recipient", "P" + i, PartyType.INDIVIDUAL, name, List.of(), Set.of(), null));
        }
        List<Integer> told = java.util.Collections.synchronizedList(new ArrayList<>());
        List<List<dev.pillar.core.screening.Hit>> all = index.screenAll(parties, day, T, 1000, told::add);
        assertThat(all).hasSize(parties.size());
        for (int i = 0; i < parties.size(); i++) {
            assertThat(all.get(i)).as(parties.get(i).name()).isEqualTo(index.screen(parties.get(i), day, T));
        }
        assertThat(all.get(7)).extracting(h -> h.entry().id()).containsExactly("SDN-1");
        assertThat(told).as("progress at every 1,000 parties, in increasing order, up to the last").isSorted().doesNotHaveDuplicates()
                .allMatch(n -> n % 1000 == 0).contains(2000);
    }
}
