package dev.pillar.core.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.model.Determination;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Determinations and licence use in the engine: a REVIEW answered by a compliance officer's determination turns that
 * reason into PERMIT for the same subject, on the days of its validity only; a capped licence authorises a release
 * only within what is left of its cap.
 */
class DeterminationsTest {
    static final World WORLD = WorldLoader.load("aukus");
    static final LocalDate DAY = LocalDate.of(2024, 10, 1);

    static Determination screening(String person, String org, LocalDate from) {
        return new Determination("D-1", Determination.DUAL_NATIONAL_SCREENING, person, org, null, Interval.from(from),
                List.of("screened under 126.18(c)(2)", "non-disclosure agreement signed"), "HR-118/screening.pdf", "officer");
    }

    static Reason export(World w, String item, String person, Long value, LocalDate day) {
        Decision d = DecisionEngine.standard(w).decide(new DecisionRequest(w.item(item), w.person(person), null, day, value));
        return d.reasons(Layer.EXPORT_CONTROL).getFirst();
    }

    @Test
    void aScreeningOnRecordLetsTheDualNationalTransferProceedUnder12618() {
        assertThat(export(WORLD, "A-UNDERSEA-001", "p-gbr-chn-dual", null, DAY).outcome()).isEqualTo(Outcome.REVIEW);
        World screened = WORLD.withDeterminations(List.of(screening("p-gbr-chn-dual", "GB-BRITANNIA-SONAR", DAY)));
        Reason r = export(screened, "A-UNDERSEA-001", "p-gbr-chn-dual", null, DAY);
        assertThat(r.outcome()).isEqualTo(Outcome.PERMIT);
        assertThat(r.ruleId()).isEqualTo("itar.dual-national-review");
        assertThat(r.basis()).contains("22 CFR 126.18").contains("determination D-1 (evidence HR-118/screening.pdf)");
        assertThat(r.message()).contains("non-disclosure agreement signed");
        // the day before it was recorded, it is still held
        assertThat(export(screened, "A-UNDERSEA-001", "p-gbr-chn-dual", null, DAY.minusDays(1)).outcome()).isEqualTo(Outcome.REVIEW);
    }

    @Test
    void aScreeningHoldsForItsPersonAndEmployerOnly() {
        World otherEmployer = WORLD.withDeterminations(List.of(screening("p-gbr-chn-dual", "GB-THAMES-AUTONOMY", DAY)));
        assertThat(export(otherEmployer, "A-UNDERSEA-001", "p-gbr-chn-dual", null, DAY).outcome()).isEqualTo(Outcome.REVIEW);
        World ended = WORLD.withDeterminations(List.of(new Determination("D-2", Determination.DUAL_NATIONAL_SCREENING, "p-gbr-chn-dual",
                "GB-BRITANNIA-SONAR", null, new Interval(DAY.minusDays(30), DAY.minusDays(1)), List.of("screened"), "x", "officer")));
        assertThat(export(ended, "A-UNDERSEA-001", "p-gbr-chn-dual", null, DAY).outcome()).isEqualTo(Outcome.REVIEW);
    }

    @Test
    void aDeterminationThatTheItemIsNotMajorDefenseEquipmentSettlesTheValueReview() {
        long value = 25_000_000; // reaches 123.15(a)(2)'s amount for major defense equipment, not the one for other articles
        assertThat(export(WORLD, "X-SONAR-TRAINING-006", "p-gbr-engineer", value, DAY).ruleId()).isEqualTo("itar.exemption-review");
        World determined = WORLD.withDeterminations(List.of(new Determination("D-3", Determination.NOT_MAJOR_DEFENSE_EQUIPMENT, null, null,
                "X-SONAR-TRAINING-006", Interval.from(DAY), List.of("not MDE under 22 CFR 120.37: no nonrecurring R&D cost over 50M USD"),
                "CJ-2024-77", "officer")));
        Reason r = export(determined, "X-SONAR-TRAINING-006", "p-gbr-engineer", value, DAY);
        assertThat(r.outcome()).isEqualTo(Outcome.PERMIT);
        assertThat(r.ruleId()).isEqualTo("itar.aukus-exemption");
        assertThat(r.citation()).contains("determination D-3");
        // the amount for other defense articles still needs congressional certification: no determination helps
        assertThat(export(determined, "X-SONAR-TRAINING-006", "p-gbr-engineer", 100_000_000L, DAY).outcome()).isEqualTo(Outcome.LICENSE_REQUIRED);
        // another item is not determined by it
        assertThat(export(determined, "A-UNDERSEA-001", "p-gbr-engineer", value, DAY).ruleId()).isEqualTo("itar.exemption-review");
    }

    @Test
    void aDeterminationIsCheckedAgainstTheWorldAndItsRule() {
        assertThatThrownBy(() -> WORLD.withDeterminations(List.of(screening("p-nobody", "GB-BRITANNIA-SONAR", DAY))))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("determinations[0].person"));
        assertThatThrownBy(() -> new Determination("D-4", "itar.licence-required", "p", "o", null, Interval.from(DAY), List.of("x"), "e", "o"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("rule"));
        assertThatThrownBy(() -> new Determination("D-5", Determination.NOT_MAJOR_DEFENSE_EQUIPMENT, "p", null, "X", Interval.from(DAY), List.of("x"), "e", "o"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("person"));
        assertThatThrownBy(() -> new Determination("D-6", Determination.DUAL_NATIONAL_SCREENING, "p", "o", null, Interval.from(DAY), List.of(), "e", "o"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("checked"));
    }

    @Test
    void aCappedLicenceAuthorisesOnlyWhatIsLeftOfItsCap() {
        LocalDate day = LocalDate.of(2025, 6, 1);
        // TA-2025-0001: Hanbit and ACME, XI(d) to KOR, cap 5,000,000 USD
        DecisionRequest r = new DecisionRequest(WORLD.item("X-SONAR-TRAINING-006"), WORLD.person("p-kor-engineer"), WORLD.organisation("US-ACME-MARINE"),
                day, 1_000_000L);
        DecisionEngine engine = DecisionEngine.standard(WORLD);
        assertThat(engine.decide(r).basis()).contains("TAA TA-2025-0001");
        assertThat(engine.decide(r.withLicenceUsed(Map.of("TA-2025-0001", 4_000_000L))).basis()).contains("TAA TA-2025-0001");
        Decision spent = engine.decide(r.withLicenceUsed(Map.of("TA-2025-0001", 4_000_001L)));
        assertThat(spent.outcome()).isEqualTo(Outcome.LICENSE_REQUIRED);
        assertThat(spent.reasons(Layer.EXPORT_CONTROL).getFirst().message())
                .contains("TA-2025-0001 would cover it but its value cap of 5000000 USD has 999999 USD left, less than this release's 1000000 USD");
        assertThatThrownBy(() -> r.withLicenceUsed(Map.of("TA-2025-0001", -1L))).isInstanceOf(InvalidValueException.class);
    }
}
