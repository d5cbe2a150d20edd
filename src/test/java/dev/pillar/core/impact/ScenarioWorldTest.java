package dev.pillar.core.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.pillar.codec.impact.ScenarioReader;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Participation;
import dev.pillar.core.rules.AukusExemption;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** A scenario applied to the built-in world gives the hypothetical world its changes describe, and nothing more. */
class ScenarioWorldTest {
    static final World BASE = WorldLoader.load("aukus");
    static final LocalDate JAN_2025 = LocalDate.of(2025, 1, 1);

    static Scenario scenario(String changesYaml) {
        String yaml = "id: t\ntitle: test\nchanges:\n" + changesYaml;
        return ScenarioReader.parse("test", YAMLMapper.builder().build().readTree(yaml));
    }

    static World apply(String changesYaml) {
        return ScenarioWorld.apply(BASE, scenario(changesYaml));
    }

    static InvalidValueException refused(String changesYaml) {
        return catchThrowableOfType(InvalidValueException.class, () -> apply(changesYaml));
    }

    static Outcome decide(World w, String item, String person, LocalDate day) {
        return decision(w, item, person, day).outcome();
    }

    static Decision decision(World w, String item, String person, LocalDate day) {
        return DecisionEngine.standard(w).decide(new DecisionRequest(w.item(item), w.person(person), null, day, null));
    }

    @Test
    void admittingToAreasAddsTheCountryToEachOfTheirProjectsAndItsFirmsFromTheDay() {
        World w = ScenarioWorld.apply(BASE, ScenarioReader.builtIn("korea"));
        assertThat(w.version()).isEqualTo(BASE.version() + "+korea");
        for (String p : List.of("QUANTUM-1", "QUANTUM-2", "MAS-1", "AI-2")) {
            Participation part = w.project(p).participation(Country.of("KOR"), JAN_2025);
            assertThat(part).as(p).isNotNull();
            assertThat(part.interval().from()).isEqualTo(JAN_2025);
            assertThat(part.source().cite()).contains("scenario korea");
            assertThat(w.project(p).participation(Country.of("KOR"), JAN_2025.minusDays(1))).isNull();
            assertThat(w.organisation("KR-HANBIT-DEFENCE").role(p, JAN_2025)).isNotNull();
            assertThat(w.organisation("KR-HANBIT-DEFENCE").role(p, JAN_2025.minusDays(1))).isNull();
        }
        assertThat(w.project("UNDERSEA-1").participation(Country.of("KOR"), JAN_2025)).isNull();
        assertThat(w.person("p-kor-engineer").organisation()).isSameAs(w.organisation("KR-HANBIT-DEFENCE"));
        // the base world is untouched and the catalogue is shared, not copied
        assertThat(BASE.project("QUANTUM-1").participation(Country.of("KOR"), JAN_2025)).isNull();
        assertThat(w.item("MAS-AI-010")).isSameAs(BASE.item("MAS-AI-010"));
        // the engine sees it: scope now permits the Korean engineer, the EAR still wants a licence
        assertThat(decide(BASE, "MAS-NAV-004", "p-kor-engineer", JAN_2025)).isEqualTo(Outcome.DENY);
        assertThat(decide(w, "MAS-NAV-004", "p-kor-engineer", JAN_2025)).isEqualTo(Outcome.PERMIT);
        assertThat(decide(w, "MAS-NAV-004", "p-kor-engineer", JAN_2025.minusDays(1))).isEqualTo(Outcome.DENY);
        assertThat(decide(w, "Q-PNT-005", "p-kor-engineer", JAN_2025)).isEqualTo(Outcome.LICENSE_REQUIRED);
    }

    @Test
    void daysACountryAlreadyTakesPartKeepTheirRecordedParticipation() {
        World w = apply("""
                  - {type: admit, country: JPN, projects: [MAS-1], from: 2024-01-01}
                """);
        List<Participation> jpn = w.project("MAS-1").participants().stream().filter(p -> p.country().equals(Country.of("JPN"))).toList();
        assertThat(jpn).extracting(p -> p.interval().toString()).containsExactlyInAnyOrder("2024-01-01 to 2024-09-16", "2024-09-17 onwards");
        Decision d = decision(w, "MAS-NAV-004", "p-jpn-engineer", LocalDate.of(2025, 3, 1));
        assertThat(d.reasons().getFirst().citation()).isEqualTo("AUKUS Leaders' Joint Statement, 17-18 Sept 2024");
    }

    @Test
    void equivalentTreatmentSplitsTheDatedRulesAtItsFirstDay() {
        World w = apply("""
                  - {type: equivalentTreatment, country: KOR, from: 2025-01-01, earLike: AUS}
                """);
        AukusExemption before = w.rules().aukusExemption(JAN_2025.minusDays(1));
        AukusExemption after = w.rules().aukusExemption(JAN_2025);
        AukusExemption finalRule = w.rules().aukusExemption(LocalDate.of(2026, 6, 1));
        assertThat(before.id()).isEqualTo("AUKUS-IFR-2024");
        assertThat(before.territory()).doesNotContain(Country.of("KOR"));
        assertThat(after.id()).isEqualTo("AUKUS-IFR-2024/with-KOR");
        assertThat(after.territory()).contains(Country.of("KOR"), Country.of("AUS"), Country.of("GBR"), Country.of("USA"));
        assertThat(finalRule.territory()).contains(Country.of("KOR"));
        assertThat(after.source()).isEqualTo(before.source());
        assertThat(w.organisation("KR-HANBIT-DEFENCE").authorizedUserOn(JAN_2025)).isTrue();
        assertThat(w.organisation("KR-HANBIT-DEFENCE").authorizedUserOn(JAN_2025.minusDays(1))).isFalse();
        assertThat(w.rules().chartRow(Country.of("KOR"), JAN_2025).licenceRequired()).isEmpty();
        assertThat(w.rules().chartRow(Country.of("KOR"), JAN_2025.minusDays(1)).licenceRequired()).containsExactlyInAnyOrder("NS1", "MT1", "RS1");
        assertThat(w.rules().regime(Country.of("AUS"), JAN_2025).licenceFree()).contains(Country.of("KOR"));
        assertThat(w.rules().regime(Country.of("AUS"), JAN_2025.minusDays(1)).licenceFree()).doesNotContain(Country.of("KOR"));
        // Korea is not yet in the projects: scope still denies, whatever the export rules say
        assertThat(decide(w, "MAS-AI-010", "p-kor-engineer", JAN_2025)).isEqualTo(Outcome.DENY);
    }

    @Test
    void excludedTechnologyEntriesComeAndGo() {
        World removed = apply("""
                  - {type: removeExcludedTechnology, id: ETL-ILL-1, from: 2025-01-01}
                """);
        assertThat(removed.rules().excludedTechnology().stream().filter(e -> e.id().equals("ETL-ILL-1")).findFirst().orElseThrow().interval().toString())
                .isEqualTo("2024-09-01 to 2024-12-31");
        assertThat(decide(BASE, "A-UNDERSEA-002", "p-gbr-engineer", JAN_2025)).isEqualTo(Outcome.LICENSE_REQUIRED);
        assertThat(decide(removed, "A-UNDERSEA-002", "p-gbr-engineer", JAN_2025)).isEqualTo(Outcome.PERMIT);
        assertThat(decide(removed, "A-UNDERSEA-002", "p-gbr-engineer", JAN_2025.minusDays(1))).isEqualTo(Outcome.LICENSE_REQUIRED);

        World added = apply("""
                  - type: addExcludedTechnology
                    entry: {id: ETL-SONAR, description: "sonar (hypothetical)", technologies: [sonar], from: 2025-01-01, source: {title: hypothetical}}
                """);
        assertThat(decide(added, "A-UNDERSEA-001", "p-gbr-engineer", JAN_2025)).isEqualTo(Outcome.LICENSE_REQUIRED);
        assertThat(decide(added, "A-UNDERSEA-001", "p-gbr-engineer", JAN_2025.minusDays(1))).isEqualTo(Outcome.PERMIT);
    }

    @Test
    void aLicenceAndARelToChangeAreSeenByTheEngine() {
        World w = apply("""
                  - type: addLicence
                    licence: {number: BIS-2025-1, type: BIS licence, regime: EAR, parties: [KR-HANBIT-DEFENCE], covers: ["3E001"], countries: [KOR], from: 2025-01-01}
                  - {type: admit, country: KOR, projects: [QUANTUM-1, MAS-1], from: 2025-01-01}
                  - type: changeRelTo
                    items: {projects: [MAS-1]}
                    add: [KOR]
                """);
        assertThat(decide(w, "Q-PNT-005", "p-kor-engineer", JAN_2025)).isEqualTo(Outcome.PERMIT);
        assertThat(w.item("MAS-AI-010").releasability().marking()).isEqualTo("REL TO USA, AUS, GBR, JPN, KOR");
        assertThat(w.item("AU-MAS-008").releasability().relTo()).contains("KOR");
        assertThat(w.item("MAS-NAV-004")).as("unmarked items keep no marking").isSameAs(BASE.item("MAS-NAV-004"));
        assertThat(BASE.item("MAS-AI-010").releasability().relTo()).doesNotContain("KOR");
    }

    @Test
    void changesThatDoNotFitTheWorldAreRefusedNamingTheField() {
        assertThat(refused("  - {type: admit, country: KOR, projects: [SSN-1], from: 2025-01-01}\n").getMessage())
                .startsWith("changes[0].projects[0]: project SSN-1 is Pillar I");
        assertThat(refused("  - {type: admit, country: KOR, projects: [QUANTUM-9], from: 2025-01-01}\n").field()).isEqualTo("changes[0].projects[0]");
        assertThat(refused("  - {type: admit, country: KOR, areas: [space], from: 2025-01-01}\n").getMessage())
                .startsWith("changes[0].areas[0]: unknown area 'space': use one of");
        assertThat(refused("  - {type: admit, country: KOR, areas: [quantum], from: 2025-01-01, organisations: [GB-BRITANNIA-SONAR]}\n").getMessage())
                .isEqualTo("changes[0].organisations[0]: organisation GB-BRITANNIA-SONAR is of GBR, not KOR: name organisations of KOR only");
        assertThat(refused("  - {type: removeExcludedTechnology, id: ETL-NOPE}\n").field()).isEqualTo("changes[0].id");
        assertThat(refused("""
                  - type: addExcludedTechnology
                    entry: {id: ETL-ILL-1, description: "again", technologies: [x], source: {title: t}}
                """).getMessage()).contains("already has an entry 'ETL-ILL-1'");
        assertThat(refused("""
                  - type: addLicence
                    licence: {number: L-1, type: TAA, regime: ITAR, parties: [NOBODY], covers: ["XI(d)"], countries: [KOR], from: 2025-01-01}
                """).field()).isEqualTo("changes[0].licence.parties[0]");
        assertThat(refused("""
                  - type: addLicence
                    licence: {number: TA-2025-0001, type: TAA, regime: ITAR, parties: [KR-HANBIT-DEFENCE], covers: ["XI(d)"], countries: [KOR], from: 2025-01-01}
                """).field()).isEqualTo("changes[0].licence.number");
        assertThat(refused("""
                  - type: changeRelTo
                    items: {ids: [MAS-AI-010]}
                    remove: [USA, AUS, GBR, JPN]
                """).getMessage()).contains("leaves item MAS-AI-010 without a REL TO list");
        assertThat(refused("""
                  - type: changeRelTo
                    items: {projects: [MAS-1]}
                    add: [XYZW]
                """).field()).isEqualTo("changes[0].add[0]");
    }

    @Test
    void theHypotheticalWorldDecidesLikeTheBaseWorldWhereNoChangeReaches() {
        World base = dev.pillar.core.world.CatalogGenerator.generateWorld(BASE, 600, 40, 3);
        Scenario s = ScenarioReader.parse("test", YAMLMapper.builder().build().readTree(
                "id: t\ntitle: test\nchanges:\n  - {type: admit, country: KOR, projects: [CYBER-1], from: 2025-01-01}\n"));
        World w = ScenarioWorld.apply(base, s);
        DecisionEngine before = DecisionEngine.standard(base);
        DecisionEngine after = DecisionEngine.standard(w);
        LocalDate day = LocalDate.of(2025, 6, 1);
        int compared = 0;
        for (dev.pillar.core.model.Item it : w.items()) {
            if ("CYBER-1".equals(it.project())) {
                continue;
            }
            for (dev.pillar.core.model.Person p : w.people()) {
                Decision b = before.decide(new DecisionRequest(it, base.person(p.id()), null, day, null));
                Decision a = after.decide(new DecisionRequest(it, p, null, day, null));
                assertThat(a.reasons().stream().map(Object::toString).toList()).as("%s to %s", it.id(), p.id())
                        .isEqualTo(b.reasons().stream().map(Object::toString).toList());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        assertThat(w.rules().security()).as("classification policies, SPIFs included, are the base world's").isSameAs(base.rules().security());
    }

    @Test
    void theDayToEvaluateOnIsTheLatestChangeUnlessGiven() {
        Scenario s = scenario("""
                  - {type: admit, country: KOR, projects: [QUANTUM-1], from: 2025-01-01}
                  - {type: equivalentTreatment, country: KOR, from: 2025-03-01}
                  - {type: removeExcludedTechnology, id: ETL-ILL-1}
                """);
        assertThat(s.effectiveAsOf(LocalDate.of(2030, 1, 1))).isEqualTo(LocalDate.of(2025, 3, 1));
        Scenario undated = scenario("  - {type: removeExcludedTechnology, id: ETL-ILL-1}\n");
        assertThat(undated.effectiveAsOf(LocalDate.of(2030, 1, 1))).isEqualTo(LocalDate.of(2030, 1, 1));
    }
}
