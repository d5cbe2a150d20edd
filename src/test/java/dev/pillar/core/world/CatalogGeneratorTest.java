package dev.pillar.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.model.Area;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Person;
import dev.pillar.core.model.Project;
import dev.pillar.core.rules.ClassificationScheme;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogGeneratorTest {
    static World base;
    static CatalogGenerator.Result big;

    @BeforeAll
    static void load() {
        base = WorldLoader.load("aukus");
        big = CatalogGenerator.generate(base, 2000, 1000, 7);
    }

    @Test
    void sameArgumentsGiveTheSameCatalogue() {
        CatalogGenerator.Result a = CatalogGenerator.generate(base, 500, 100, 42);
        CatalogGenerator.Result b = CatalogGenerator.generate(base, 500, 100, 42);
        assertThat(a.items()).isEqualTo(b.items());
        assertThat(a.people()).isEqualTo(b.people());
        assertThat(a.world().version()).isEqualTo(b.world().version());
    }

    @Test
    void differentSeedsGiveDifferentCatalogues() {
        CatalogGenerator.Result a = CatalogGenerator.generate(base, 500, 100, 42);
        CatalogGenerator.Result b = CatalogGenerator.generate(base, 500, 100, 43);
        assertThat(a.items()).isNotEqualTo(b.items());
        assertThat(a.people()).isNotEqualTo(b.people());
        assertThat(a.items().stream().map(Item::id).toList()).isEqualTo(b.items().stream().map(Item::id).toList());
    }

    @Test
    void peopleDoNotDependOnTheNumberOfItems() {
        assertThat(CatalogGenerator.generate(base, 10, 50, 9).people()).isEqualTo(CatalogGenerator.generate(base, 300, 50, 9).people());
    }

    @Test
    void idsAreNumberedAndCountsAreExact() {
        assertThat(big.items()).hasSize(2000);
        assertThat(big.people()).hasSize(1000);
        assertThat(big.items().get(0).id()).isEqualTo("GEN-I-0000001");
        assertThat(big.items().get(1999).id()).isEqualTo("GEN-I-0002000");
        assertThat(big.people().get(0).id()).isEqualTo("GEN-P-000001");
        assertThat(big.people().get(999).id()).isEqualTo("GEN-P-001000");
    }

    @Test
    void itemsSpreadOverEveryAreaProjectAndControlRegime() {
        Set<String> areas = new HashSet<>();
        Set<String> projects = new HashSet<>();
        for (Item it : big.items()) {
            if (it.area() != null) {
                areas.add(it.area());
            }
            if (it.project() != null) {
                projects.add(it.project());
                Project p = base.project(it.project());
                assertThat(p).as("project of %s", it.id()).isNotNull();
                assertThat(it.area()).as("area of %s", it.id()).isEqualTo(p.area());
            }
        }
        assertThat(areas).containsExactlyInAnyOrderElementsOf(base.partnership().areas().stream().map(Area::id).toList());
        assertThat(projects).containsExactlyInAnyOrderElementsOf(base.partnership().projects().stream().map(Project::id).toList());

        Set<String> regimes = big.items().stream().map(i -> i.control().regime()).collect(Collectors.toSet());
        assertThat(regimes).containsExactlyInAnyOrder("ITAR", "EAR", "GBR", "AUS", "NONE");

        Set<String> eccns = big.items().stream().map(Item::control).filter(c -> c instanceof ExportControl.Ear)
                .map(ExportControl::entry).collect(Collectors.toSet());
        Set<String> allowed = new HashSet<>(base.rules().eccns().keySet());
        allowed.add("EAR99");
        assertThat(eccns).isEqualTo(allowed);

        Set<String> paragraphs = big.items().stream().map(Item::control).filter(c -> c instanceof ExportControl.Itar)
                .map(ExportControl::entry).collect(Collectors.toSet());
        assertThat(paragraphs).containsExactlyInAnyOrderElementsOf(CatalogGenerator.ITAR_PARAGRAPHS);
        for (Item it : big.items()) {
            if (it.control() instanceof ExportControl.National n) {
                assertThat(n.country()).isEqualTo(it.originator());
                assertThat(n.entry()).isEqualTo("ML22");
            }
        }
    }

    @Test
    void itemLabelsHaveTheIntendedMix() {
        List<Item> items = big.items();
        assertThat(share(items, i -> i.project() != null)).isBetween(0.75, 0.85);
        assertThat(share(items, i -> i.originator().code().equals("USA"))).isBetween(0.62, 0.78);
        assertThat(items.stream().map(i -> i.originator().code()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("USA", "GBR", "AUS", "JPN", "KOR");
        Map<String, ClassificationScheme> schemes = base.rules().schemes().stream()
                .collect(Collectors.toMap(ClassificationScheme::id, s -> s));
        for (Item it : items) {
            assertThat(it.classification().scheme()).isEqualTo(it.originator().code());
            assertThat(schemes.get(it.classification().scheme()).rank(it.classification().level())).isNotNegative();
            assertThat(it.valueUsd()).isBetween(0L, 5_000_000L);
            for (String code : it.releasability().relTo()) {
                assertThat(code).isIn("USA", "AUS", "GBR", "JPN", "KOR", "AUKS", "AUKUS", "FVEY");
                assertThat(code.length() == 3 || base.coalitions().containsKey(code)).as(code).isTrue();
            }
        }
        Predicate<Item> unclassified = i -> !base.rules().security().requiresClearance(i.classification());
        assertThat(share(items, unclassified)).isBetween(0.42, 0.58);
        assertThat(share(items.stream().filter(unclassified).toList(), i -> !i.releasability().restricted())).isGreaterThan(0.75);
        assertThat(share(items, i -> i.releasability().noforn())).isBetween(0.005, 0.08);
        Set<String> markings = items.stream().flatMap(i -> i.releasability().relTo().stream()).collect(Collectors.toSet());
        assertThat(markings).contains("FVEY").containsAnyOf("AUKS", "AUKUS");
        assertThat(share(items, i -> i.technologies().contains("anti-tamper"))).isBetween(0.01, 0.06);
        assertThat(share(items, i -> i.control() == ExportControl.NONE)).isBetween(0.05, 0.4);
    }

    @Test
    void peopleWorkForOrganisationsOfTheWorldWithPlausibleNationalities() {
        List<Person> people = big.people();
        for (Person p : people) {
            assertThat(base.organisation(p.organisation().id())).isSameAs(p.organisation());
            if (p.clearance() != null) {
                assertThat(p.clearance().level().scheme()).isIn(p.citizenships().stream().map(Country::code).toList());
                assertThat(p.clearance().interval().from()).hasToString("2020-01-01");
                assertThat(p.clearance().interval().until()).hasToString("2035-12-31");
                assertThat(base.rules().security().knows(p.clearance().level())).isTrue();
            }
        }
        assertThat(share(people, p -> p.citizenships().contains(p.organisation().country()))).isGreaterThan(0.85);
        assertThat(share(people, p -> p.citizenships().size() == 2)).isBetween(0.06, 0.14);
        Set<Country> denied = base.rules().deniedCountries().stream().map(d -> d.country()).collect(Collectors.toSet());
        assertThat(share(people, p -> p.citizenships().stream().anyMatch(denied::contains))).isBetween(0.002, 0.025);
        assertThat(share(people, p -> p.location().equals(p.organisation().country()))).isGreaterThan(0.85);
        assertThat(share(people, p -> p.clearance() != null)).isBetween(0.3, 0.95);
        // every organisation employs somebody with 1000 people and a dozen organisations
        assertThat(people.stream().map(p -> p.organisation().id()).collect(Collectors.toSet())).hasSize(base.organisations().size());
    }

    @Test
    void theCombinedWorldHasBaseAndGeneratedEntries() {
        World w = big.world();
        assertThat(w.items()).hasSize(base.items().size() + 2000);
        assertThat(w.people()).hasSize(base.people().size() + 1000);
        assertThat(w.version()).isEqualTo(base.version() + "+gen-2000-1000-7");
        assertThat(w.id()).isEqualTo(base.id());
        assertThat(w.rules()).isSameAs(base.rules());
        assertThat(w.partnership()).isSameAs(base.partnership());
        assertThat(w.licences()).isEqualTo(base.licences());
        assertThat(w.organisations()).containsExactlyElementsOf(base.organisations());
        assertThat(w.coalitions()).isEqualTo(base.coalitions());
        for (Item it : base.items()) {
            assertThat(w.item(it.id())).isSameAs(it);
        }
        assertThat(w.item("GEN-I-0001234")).isEqualTo(big.items().get(1233));
        assertThat(w.person("GEN-P-000077")).isEqualTo(big.people().get(76));
    }

    @Test
    void emptyCatalogueKeepsTheBaseWorld() {
        CatalogGenerator.Result none = CatalogGenerator.generate(base, 0, 0, 1);
        assertThat(none.items()).isEmpty();
        assertThat(none.people()).isEmpty();
        World w = none.world();
        assertThat(w.items()).containsExactlyElementsOf(base.items());
        assertThat(w.people()).containsExactlyElementsOf(base.people());
        assertThat(w.version()).endsWith("+gen-0-0-1");
    }

    @Test
    void generatingFromAGeneratedWorldSkipsIdsInUse() {
        World first = CatalogGenerator.generateWorld(base, 20, 5, 1);
        CatalogGenerator.Result second = CatalogGenerator.generate(first, 10, 3, 2);
        assertThat(second.items().get(0).id()).isEqualTo("GEN-I-0000021");
        assertThat(second.people().get(0).id()).isEqualTo("GEN-P-000006");
        assertThat(second.world().items()).hasSize(first.items().size() + 10);
    }

    @Test
    void rejectsNegativeOrHugeCounts() {
        assertThatThrownBy(() -> CatalogGenerator.generate(base, -1, 0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("items");
        assertThatThrownBy(() -> CatalogGenerator.generate(base, 0, -1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("people");
        assertThatThrownBy(() -> CatalogGenerator.generate(base, CatalogGenerator.MAX_ITEMS + 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CatalogGenerator.generate(null, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static <T> double share(List<T> values, Predicate<T> p) {
        return values.isEmpty() ? 0 : values.stream().filter(p).count() / (double) values.size();
    }
}
