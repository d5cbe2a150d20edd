package dev.pillar.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The validated values: what they accept, what they refuse and how they say why. */
class ValuesTest {
    @Test
    void countriesAreCheckedTrigraphs() {
        assertThat(Country.of("KOR").code()).isEqualTo("KOR");
        assertThat(Country.isKnown("XKS")).as("GENC Kosovo").isTrue();
        assertThatThrownBy(() -> Country.of("KOX")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'KOX' is not a GENC/ISO 3166-1 alpha-3 trigraph");
        assertThatThrownBy(() -> Country.of("kor")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void relToMarkingOrderIsUsaFirstThenTrigraphsThenTetragraphs() {
        Releasability r = new Releasability(false, List.of("NZL", "FVEY", "GBR", "USA", "AUKUS", "AUS", "gbr"));
        assertThat(r.marking()).isEqualTo("REL TO USA, AUS, GBR, NZL, AUKUS, FVEY");
        assertThat(new Releasability(true, List.of()).marking()).isEqualTo("NOFORN");
        assertThatThrownBy(() -> new Releasability(true, List.of("GBR"))).hasMessageContaining("either NOFORN or REL TO");
        assertThatThrownBy(() -> new Releasability(false, List.of("GB"))).hasMessageContaining("releasableTo[0]");
    }

    @Test
    void exportControlsParseEveryRegime() {
        assertThat(ExportControl.parse("control", "ITAR:XI(d)")).isEqualTo(new ExportControl.Itar("XI", "XI(d)"));
        assertThat(ExportControl.parse("control", "ITAR:XI(a)(3)")).isEqualTo(new ExportControl.Itar("XI", "XI(a)(3)"));
        assertThat(ExportControl.parse("control", "ITAR:XXI")).isEqualTo(new ExportControl.Itar("XXI", "XXI"));
        assertThat(ExportControl.parse("control", "EAR:3E001")).isEqualTo(new ExportControl.Ear("3E001"));
        assertThat(((ExportControl.Ear) ExportControl.parse("control", "EAR:EAR99")).ear99()).isTrue();
        assertThat(ExportControl.parse("control", "GBR:ML22")).isEqualTo(new ExportControl.National(Country.of("GBR"), "ML22"));
        assertThat(ExportControl.parse("control", "none")).isEqualTo(ExportControl.NONE);
        assertThat(ExportControl.format(ExportControl.parse("c", "ITAR:XX(d)"))).isEqualTo("ITAR:XX(d)");
        assertThatThrownBy(() -> ExportControl.parse("item.control", "ITAR:XXII(a)")).hasMessageStartingWith("item.control:")
                .hasMessageContaining("category I-XXI");
        assertThatThrownBy(() -> ExportControl.parse("item.control", "EAR:3X001")).hasMessageContaining("ECCN");
        assertThatThrownBy(() -> ExportControl.parse("item.control", "JPN:1")).hasMessageContaining("unknown control regime 'JPN'");
        assertThatThrownBy(() -> ExportControl.parse("item.control", "XI(d)")).hasMessageContaining("ITAR:<USML paragraph>");
    }

    @Test
    void securityLevelsParseSchemeAndLevel() {
        assertThat(SecurityLevel.parse("c", "usa:top_secret")).isEqualTo(new SecurityLevel("USA", "TOP SECRET"));
        assertThatThrownBy(() -> SecurityLevel.parse("item.classification", "SECRET")).hasMessageStartingWith("item.classification:")
                .hasMessageContaining("SCHEME:LEVEL");
    }

    @Test
    void intervalsAreInclusiveAndOpenEnded() {
        Interval i = new Interval(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
        assertThat(i.contains(LocalDate.of(2025, 1, 1))).isTrue();
        assertThat(i.contains(LocalDate.of(2025, 12, 31))).isTrue();
        assertThat(i.contains(LocalDate.of(2026, 1, 1))).isFalse();
        assertThat(i.contains(LocalDate.of(2024, 12, 31))).isFalse();
        assertThat(Interval.from(LocalDate.of(2024, 9, 1)).contains(LocalDate.of(2099, 1, 1))).isTrue();
        assertThatThrownBy(() -> new Interval(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 1))).hasMessageStartingWith("until:");
    }

    @Test
    void licencesCoverParagraphsAndTheirSubParagraphs() {
        Licence l = new Licence("L-1", "TAA", "ITAR", List.of("ORG"), List.of("XI(d)", "XX"), Set.of(Country.of("KOR")), Set.of(),
                Interval.ALWAYS, null, false, List.of(), null);
        assertThat(l.covers("XI(d)")).isTrue();
        assertThat(l.covers("XI(d)(1)")).isTrue();
        assertThat(l.covers("XX(a)")).isTrue();
        assertThat(l.covers("XI(a)")).isFalse();
        assertThat(l.covers("XXI")).as("XX does not cover XXI").isFalse();
        assertThat(l.covers("XI")).isFalse();
        assertThatThrownBy(() -> new Licence("L-2", "TAA", "ITAR", List.of(), List.of("XI"), Set.of(Country.of("KOR")), Set.of(),
                Interval.ALWAYS, null, false, List.of(), null)).hasMessageStartingWith("parties:");
        assertThatThrownBy(() -> new Licence("L-3", "X", "OFAC", List.of("O"), List.of("XI"), Set.of(Country.of("KOR")), Set.of(),
                Interval.ALWAYS, null, false, List.of(), null)).hasMessageStartingWith("regime:");
    }

    @Test
    void coalitionsExpandByDate() {
        Coalition c = new Coalition("AUKUS", "AUKUS", List.of(
                new Coalition.Membership(Country.of("AUS"), Interval.from(LocalDate.of(2021, 9, 15))),
                new Coalition.Membership(Country.of("JPN"), Interval.from(LocalDate.of(2030, 1, 1)))), null);
        assertThat(c.expand(LocalDate.of(2025, 1, 1))).containsExactly(Country.of("AUS"));
        assertThat(c.expand(LocalDate.of(2030, 1, 1))).containsExactly(Country.of("AUS"), Country.of("JPN"));
        assertThatThrownBy(() -> new Coalition("GBR", "x", List.of(new Coalition.Membership(Country.of("GBR"), Interval.ALWAYS)), null))
                .hasMessageContaining("not a coalition tetragraph");
    }

    @Test
    void candidatesReportTheStageOnADate() {
        Source s = new Source("statement", "", null, null);
        Candidate kor = new Candidate(Country.of("KOR"), List.of(
                new Candidate.StageEntry("formal-discussions", LocalDate.of(2024, 9, 17), s, List.of(), null),
                new Candidate.StageEntry("considered", LocalDate.of(2024, 4, 10), s, List.of(), null)));
        assertThat(kor.stageOn(LocalDate.of(2024, 4, 9))).isNull();
        assertThat(kor.stageOn(LocalDate.of(2024, 5, 1)).stage()).isEqualTo("considered");
        assertThat(kor.stageOn(LocalDate.of(2025, 1, 1)).stage()).isEqualTo("formal-discussions");
    }

    @Test
    void invalidValueExceptionsMoveUnderTheCallersPath() {
        InvalidValueException e = new InvalidValueException("country", "bad");
        assertThat(e.under("recipient").field()).isEqualTo("recipient.country");
        assertThat(e.under("recipient").getMessage()).isEqualTo("recipient.country: bad");
    }
}
