package dev.pillar.codec.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.pillar.codec.BadInputException;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.label.TagType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading Open XML SPIFs: what a policy holds once compiled, and the errors a broken SPIF gets (element, reason, fix). */
class SpifReaderTest {
    static final String MINI = """
            <SPIF xmlns="http://www.xmlspif.org/spif">
              <securityPolicyId name="Mini" id="1.2.3"/>
              <equivalentPolicies><equivalentPolicy name="Other" id="1.2.4"/></equivalentPolicies>
              <securityClassifications>
                <securityClassification name="LOW" lacv="1" hierarchy="1" color="green"/>
                <securityClassification name="HIGH" lacv="2" hierarchy="2" obsolete="false">
                  <equivalentClassification policyRef="Other" lacv="9" applied="both"/>
                </securityClassification>
              </securityClassifications>
              <securityCategoryTagSets>
                <securityCategoryTagSet name="Caveats" id="1.2.3.1">
                  <securityCategoryTag name="Need" tagType="restrictive">
                    <tagCategory name="ALPHA" lacv="1"><excludedClass>LOW</excludedClass></tagCategory>
                    <tagCategory name="BRAVO" lacv="2"/>
                  </securityCategoryTag>
                  <securityCategoryTag name="Rel" tagType="enumerated" enumType="permissive">
                    <tagCategory name="X" lacv="7"/>
                  </securityCategoryTag>
                </securityCategoryTagSet>
              </securityCategoryTagSets>
            </SPIF>
            """;

    static SecurityPolicy read(String xml) {
        return SpifReader.read(xml.getBytes(StandardCharsets.UTF_8), "mini.xml").policy();
    }

    @Test
    void aPolicyKeepsItsClassificationsTagSetsAndEquivalences() {
        SecurityPolicy p = read(MINI);
        assertThat(p.id()).isEqualTo("1.2.3");
        assertThat(p.name()).isEqualTo("Mini");
        assertThat(p.classifications()).extracting(SecurityPolicy.Classification::name).containsExactly("LOW", "HIGH");
        assertThat(p.classification(1).colour()).isEqualTo("green");
        assertThat(p.classificationNamed("HIGH").equivalents()).singleElement()
                .satisfies(e -> assertThat(e.lacv()).isEqualTo(9));
        assertThat(p.equivalentPolicyId("Other")).isEqualTo("1.2.4");
        assertThat(p.tagSet("1.2.3.1").category(TagType.ENUMERATED_PERMISSIVE, 7).name()).isEqualTo("X");
        assertThat(p.categories()).extracting(SecurityPolicy.Category::name).containsExactly("ALPHA", "BRAVO", "X");
    }

    @Test
    void theNatoPolicyOfTheSuiteLoads() {
        SpifReader.Result r = SpifReader.read(SharedSuite.bytes("nato-4774-policy.xml"), "nato-4774-policy.xml");
        assertThat(r.policy().name()).isEqualTo("NATO");
        assertThat(r.policy().classifications()).hasSize(5);
        assertThat(r.policy().categories().size()).isGreaterThan(128);
        assertThat(r.warnings()).isEmpty();
    }

    private static void refused(String xml, String... parts) {
        assertThatThrownBy(() -> read(xml)).isInstanceOf(BadInputException.class).hasMessageContaining("mini.xml").hasMessageContainingAll(parts);
    }

    @Test
    void brokenPoliciesAreRefusedWithTheElementTheReasonAndTheFix() {
        refused(MINI.replace("<excludedClass>LOW</excludedClass>", "<excludedClass>LOW</excludedClass><excludedClass>LOW</excludedClass>"),
                "Duplicate excluded classification in category 'ALPHA'", "tagCategory[@name='ALPHA']/excludedClass (line 13)", "remove the repeated");
        refused(MINI.replace("<excludedClass>LOW", "<excludedClass>MEDIUM"), "Unknown classification 'MEDIUM'", "use one of [LOW, HIGH]");
        refused(MINI.replace("lacv=\"2\" hierarchy=\"2\"", "lacv=\"1\" hierarchy=\"2\""), "Duplicate classification lacv 1", "securityClassification[@name='HIGH']");
        refused(MINI.replace("name=\"BRAVO\" lacv=\"2\"", "name=\"BRAVO\" lacv=\"two\""), "lacv 'two' is not a whole number", "tagCategory[@name='BRAVO']");
        refused(MINI.replace("policyRef=\"Other\"", "policyRef=\"Nobody\""), "PolicyRef 'Nobody' not found", "equivalentPolicies [Other]");
        refused(MINI.replace("<securityPolicyId name=\"Mini\" id=\"1.2.3\"/>", ""), "has no <securityPolicyId");
        refused(MINI.replace("id=\"1.2.3\"", "id=\"mini\""), "'mini' is not an object identifier");
        refused(MINI.replace("enumType=\"permissive\"", ""), "an enumerated tag needs enumType");
        refused(MINI.replace("<tagCategory name=\"X\" lacv=\"7\"/>", "<tagCategory name=\"X\" lacv=\"7\"><excludedCategory tagSetRef=\"Nope\" tagType=\"permissive\"/></tagCategory>"),
                "Unknown tag set 'Nope'", "use one of [Caveats]");
        refused(MINI.replace("<tagCategory name=\"X\" lacv=\"7\"/>", "<tagCategory name=\"X\" lacv=\"7\"><markingData phrase=\"x\"><code>pageMiddle</code></markingData></tagCategory>"),
                "Unknown marking code 'pageMiddle'");
        refused(MINI.replace("<tagCategory name=\"X\" lacv=\"7\"/>", "<tagCategory name=\"X\" lacv=\"7\"><requiredCategory><categoryGroup tagSetRef=\"Caveats\" tagType=\"restrictive\" lacv=\"1\"/></requiredCategory></tagCategory>"),
                "requiredCategory needs operation=");
        refused(MINI.replace("name=\"BRAVO\" lacv=\"2\"", "name=\"BRAVO\" lacv=\"1\""), "Duplicate category: restrictive lacv 1 is already 'ALPHA'");
        refused("<label xmlns='http://surevine.com/xmlns/spiffy'/>", "Not a SPIF");
    }

    @Test
    void partsPillarDoesNotUseAreWarnedAboutNotSilentlyDropped() {
        SpifReader.Result r = SpifReader.read(MINI.replace("<securityClassification name=\"LOW\" lacv=\"1\" hierarchy=\"1\" color=\"green\"/>",
                "<securityClassification name=\"LOW\" lacv=\"1\" hierarchy=\"1\"><markingCode phrase=\"L\"/></securityClassification>")
                .getBytes(StandardCharsets.UTF_8), "mini.xml");
        assertThat(r.warnings()).singleElement().asString().contains("<markingCode>", "securityClassification", "ignored");
    }
}
