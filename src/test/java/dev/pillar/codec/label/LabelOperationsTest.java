package dev.pillar.codec.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.pillar.core.label.Clearance;
import dev.pillar.core.label.Label;
import dev.pillar.core.label.MarkingCode;
import dev.pillar.core.label.PolicyRegistry;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.model.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The label operations as a security officer meets them, on the suite's policies and small policies of our own:
 * validity with reasons, markings per language and location, the access decision and translation.
 */
class LabelOperationsTest {
    static final PolicyRegistry SUITE = LabelXmlTest.SUITE;

    static Clearance clearance(String xml) {
        return LabelXml.readClearance(xml.getBytes(StandardCharsets.UTF_8), "clearance.xml", SUITE);
    }

    static String simpleClearance(String classes, String tags) {
        return "<clearance xmlns='http://surevine.com/xmlns/spiffy'><policy id='1.3.26.1.3.1'/>" + classes + tags + "</clearance>";
    }

    @Test
    void anInvalidLabelIsExplainedAndNeverGrantsAccess() {
        Label cheap = LabelXmlTest.label("food-label-cheap-milk-chocolate.xml");
        SecurityPolicy.Validity v = cheap.policy().validate(cheap);
        assertThat(v.valid()).isFalse();
        assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("'Chocolate'", "cannot be used with classification 'Commodity'"));
        Clearance all = LabelXml.readClearance(SharedSuite.bytes("food-clearance-all-okay.xml"), "c", SUITE);
        assertThat(cheap.policy().permits(cheap, all)).as("the ACDF alone looks at privileges only").isTrue();
        SecurityPolicy.Access a = cheap.policy().access(cheap, all);
        assertThat(a.granted()).isFalse();
        assertThat(a.reasons()).anySatisfy(r -> assertThat(r).startsWith("the label is not valid"));
    }

    @Test
    void theClearanceMustHoldTheClassificationEveryRestrictiveCategoryAndOnePerPermissiveTag() {
        Label l = LabelXmlTest.label("nato-4774-17-1.xml"); // UNCLASSIFIED, Context NATO+Releasable, Releasable To NATO/ISAF/KFOR/RS
        SecurityPolicy p = l.policy();
        String ctx = "<tag type='permissive' id='1.3.26.1.4.4' lacv='1001'/>";
        String rel = "<tag type='enumeratedPermissive' id='1.3.26.1.4.2' lacv='1501'/>";
        assertThat(p.permits(l, clearance(simpleClearance("<classification lacv='1'/>", ctx + rel)))).isTrue();
        assertThat(p.permits(l, clearance(simpleClearance("<classification lacv='2'/>", ctx + rel))))
                .as("holding RESTRICTED does not imply UNCLASSIFIED").isFalse();
        assertThat(p.permits(l, clearance(simpleClearance("<classification lacv='1'/>", ctx)))).as("no Releasable To category").isFalse();
        SecurityPolicy.Access a = p.access(l, clearance(simpleClearance("<classification lacv='1'/>", rel)));
        assertThat(a.granted()).isFalse();
        assertThat(a.reasons()).singleElement().asString().contains("tag 'Context'", "'NATO', 'Releasable'");

        String atomal = "<label xmlns='http://surevine.com/xmlns/spiffy'><policy id='1.3.26.1.3.1'/><classification lacv='4'/>"
                + "<tag type='restrictive' id='1.3.26.1.4.1' lacv='1'/><tag type='restrictive' id='1.3.26.1.4.1' lacv='2'/>" + ctx + "</label>";
        Label secret = LabelXmlTest.label(atomal, "atomal.xml");
        String oneOfTwo = "<tag type='restrictive' id='1.3.26.1.4.1' lacv='1'/>";
        String twoOfTwo = oneOfTwo + "<tag type='restrictive' id='1.3.26.1.4.1' lacv='2'/>";
        assertThat(p.permits(secret, clearance(simpleClearance("<classification lacv='4'/>", ctx + oneOfTwo)))).isFalse();
        assertThat(p.permits(secret, clearance(simpleClearance("<classification lacv='4'/>", ctx + twoOfTwo)))).isTrue();
    }

    @Test
    void markingsFallBackFromRegionToLanguageToDefaultAndHonourLocations() {
        Label l = LabelXmlTest.label("nato-4774-17-6.xml");
        SecurityPolicy p = l.policy();
        assertThat(p.marking(l, "fr-BE")).isEqualTo("NATO/KFOR CONFIDENTIEL Irlande, Suède, Ukraine, NATO SEULEMENT");
        assertThat(p.marking(l, "FR")).isEqualTo(p.marking(l, "fr"));
        assertThat(p.marking(l, "de")).isEqualTo("NATO/KFOR CONFIDENTIAL Ireland, Sweden, Ukraine, NATO ONLY");
        Label staff = LabelXmlTest.label("nato-4774-17-3.xml");
        assertThat(p.marking(staff, "", MarkingCode.PAGE_TOP)).isEqualTo("NATO UNCLASSIFIED - STAFF");
    }

    @Test
    void translationNamesWhatHasNoEquivalence() {
        Label bacon = LabelXmlTest.label("food-label-bacon.xml");
        assertThatThrownBy(() -> SUITE.translate(bacon, "1.3.26.1.3.1")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("declares no equivalent policy").hasMessageContaining("add an equivalentPolicy");
        assertThatThrownBy(() -> SUITE.translate(bacon, "9.9.9")).hasMessageContaining("Unknown policy id: 9.9.9");
        String red = "<label xmlns='http://surevine.com/xmlns/spiffy'><policy id='1.2.826.0.1.6726289.0.1'/><classification lacv='13'/>"
                + "<tag type='restrictive' id='1.2.826.0.1.6726289.0.1.2' lacv='0'/></label>";
        Label anonymize = LabelXmlTest.label(red, "red.xml");
        assertThatThrownBy(() -> SUITE.translate(anonymize, "1.2.826.0.1.6726289.0.2"))
                .hasMessageContaining("No equivalence for category 'Anonymize'").hasMessageContaining("equivalentSecCategoryTag");
        Label amber = LabelXmlTest.label("tlpx-amber-eu.xml");
        Label tlp = SUITE.translate(amber, "1.2.826.0.1.6726289.0.2");
        assertThat(tlp.policy().name()).isEqualTo("TLP");
        assertThat(tlp.policy().validate(tlp).valid()).isTrue();
        assertThat(amber.policy().name()).as("the source label is unchanged").isEqualTo("TLPX");
    }

    @Test
    void labelsAndClearancesOfAnotherPolicyAreRefusedNotMisread() {
        Label food = LabelXmlTest.label("food-label-water.xml");
        Clearance nato = clearance(simpleClearance("<classification lacv='1'/>", ""));
        assertThatThrownBy(() -> nato.policy().permits(food, nato)).hasMessageContaining("translate it first");
        assertThatThrownBy(() -> nato.policy().marking(food, "")).hasMessageContaining("not 'NATO'");
        assertThat(List.of(food.policy().name(), nato.policy().name())).containsExactly("Food", "NATO");
    }
}
