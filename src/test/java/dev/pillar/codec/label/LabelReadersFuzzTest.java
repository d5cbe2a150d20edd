package dev.pillar.codec.label;

import static org.assertj.core.api.Assertions.assertThat;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.label.Clearance;
import dev.pillar.core.label.Label;
import dev.pillar.core.label.MarkingCode;
import dev.pillar.core.label.PolicyRegistry;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.model.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the readers of untrusted XML: the Open XML SPIF reader, and the label and clearance readers for the simple
 * syntax and for STANAG 4774. Any input either reads or is refused with a {@link BadInputException} (never another
 * exception, never a hang); what reads can be validated, marked in every location and decided, and a label survives a
 * round trip through both syntaxes.
 *
 * <p>A normal test run replays the seeds in {@code LabelReadersFuzzTestInputs/<method>/} (written for Pillar: small
 * policies and labels, hostile documents); {@code JAZZER_FUZZ=1 ./test -Dtest=LabelReadersFuzzTest} fuzzes.
 */
class LabelReadersFuzzTest {
    /** The built-in world's national SPIFs and the small policy of {@link SpifReaderTest}. */
    static final PolicyRegistry POLICIES = policies();

    private static PolicyRegistry policies() {
        List<SecurityPolicy> all = new ArrayList<>(WorldLoader.load("aukus").rules().policies().stream().map(p -> p.policy()).toList());
        all.add(SpifReaderTest.read(SpifReaderTest.MINI));
        return new PolicyRegistry(all);
    }

    @FuzzTest
    @DictionaryEntries({"<SPIF xmlns=\"http://www.xmlspif.org/spif\">", "</SPIF>", "<securityPolicyId name=\"P\" id=\"1.2\"/>",
        "<securityClassifications>", "<securityClassification name=\"S\" lacv=\"1\" hierarchy=\"1\">", "</securityClassification>",
        "<securityCategoryTagSets>", "<securityCategoryTagSet name=\"T\" id=\"1.2.1\">", "<securityCategoryTag name=\"G\" tagType=\"",
        "permissive", "restrictive", "enumerated\" enumType=\"", "tagType7", "<tagCategory name=\"C\" lacv=\"", "<excludedClass>",
        "<excludedCategory tagSetRef=\"T\" tagType=\"permissive\"", "<requiredCategory operation=\"", "oneOrMore", "onlyOne", "all",
        "<categoryGroup tagSetRef=\"T\" tagType=\"", "<markingData phrase=\"", "<code>", "replacePolicy", "noNameDisplay",
        "suppressClassName", "pageTopBottom", "<markingQualifier>", "<qualifier markingQualifier=\"", "qualifierCode=\"prefix\"",
        "xml:lang=\"fr\"", "<equivalentPolicies>", "<equivalentPolicy name=\"Q\" id=\"1.3\"/>", "<equivalentClassification policyRef=\"Q\"",
        "applied=\"both\"", "<!DOCTYPE", "&amp;", "&#", "<![CDATA[", "<!--"})
    void readSpif(byte[] data) {
        SecurityPolicy p;
        try {
            p = SpifReader.read(data, "fuzz.xml").policy();
        } catch (BadInputException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        // every classification alone is a label the policy can judge and render
        for (SecurityPolicy.Classification c : p.classifications()) {
            Label l = Label.of(p, c, List.of(), null);
            p.validate(l);
            for (MarkingCode loc : MarkingCode.LOCATIONS) {
                assertThat(p.marking(l, "fr-CA", loc)).isNotNull();
            }
        }
        // and every category with the lowest classification
        Label all = Label.of(p, p.classifications().getFirst(), p.categories(), null);
        assertThat(p.validate(all)).isNotNull();
        assertThat(p.marking(all, "")).isNotNull();
        List<SecurityPolicy.Category> privileges = p.categories().stream().filter(c -> !c.type().informative()).toList();
        Clearance c = Clearance.of(p, p.classifications(), privileges);
        assertThat(p.permits(all, c)).as("a clearance holding everything may read anything").isTrue();
        assertThat(p.marking(c, "")).isNotNull();
    }

    @FuzzTest
    @DictionaryEntries({"<label xmlns='http://surevine.com/xmlns/spiffy'>", "</label>", "<clearance xmlns='http://surevine.com/xmlns/spiffy'>",
        "</clearance>", "<policy id='1.2.3'/>", "<policy id='2.25.225772873714693205451231710551442976313'/>", "<classification lacv='",
        "<tag type='", "restrictive", "permissive", "enumeratedPermissive", "enumeratedRestrictive", "informative", "' id='1.2.3.1'",
        "' id='2.25.225772873714693205451231710551442976313.1'", "' id='2.25.225772873714693205451231710551442976313.2'", " lacv='",
        "<!DOCTYPE", "&amp;", "&#", "<![CDATA[", "<!--"})
    void readSimpleLabel(byte[] data) {
        readLabelOrClearance(data);
    }

    @FuzzTest
    @DictionaryEntries({"<originatorConfidentialityLabel xmlns=\"urn:nato:stanag:4774:confidentialitymetadatalabel:1:0\">",
        "</originatorConfidentialityLabel>", "<ConfidentialityInformation>", "</ConfidentialityInformation>", "<PolicyIdentifier",
        " URI=\"urn:oid:2.25.126362250775823874839668699754227339170\">", ">USA (illustrative)</PolicyIdentifier>", "<Classification>",
        "</Classification>", "SECRET", "OFFICIAL", "PROTECTED", "<Category TagName=\"Releasable To\" Type=\"PERMISSIVE\">",
        "<Category TagName=\"Dissemination Controls\" Type=\"RESTRICTIVE\">", "</Category>", "<GenericValue>", "</GenericValue>", "GBR",
        "FVEY", "NOFORN", "<PrivacyMark>", "<OriginatorID IDType=\"uid\">", "<CreationDateTime>", " ReviewDateTime=\"",
        "<Clearance xmlns=\"urn:dev-pillar:clearance:stanag4774-style:1\" xmlns:slab=\"urn:nato:stanag:4774:confidentialitymetadatalabel:1:0\">",
        "<slab:", "</slab:", "<!DOCTYPE", "&amp;", "&#", "<![CDATA["})
    void readStanag4774Label(byte[] data) {
        readLabelOrClearance(data);
    }

    private static void readLabelOrClearance(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        boolean clearance = text.contains("learance");
        try {
            if (clearance) {
                Clearance c = LabelXml.readClearance(data, "fuzz.xml", POLICIES);
                assertThat(c.policy().marking(c, "")).isNotNull();
                for (LabelXml.Syntax s : LabelXml.Syntax.values()) {
                    assertThat(LabelXml.readClearance(LabelXml.bytes(LabelXml.write(c, s)), "copy", POLICIES)).isEqualTo(c);
                }
                return;
            }
            Label l = LabelXml.readLabel(data, "fuzz.xml", POLICIES);
            SecurityPolicy p = l.policy();
            assertThat(p.validate(l)).isNotNull();
            assertThat(p.marking(l, "fr")).isNotNull();
            for (LabelXml.Syntax s : LabelXml.Syntax.values()) {
                assertThat(LabelXml.readLabel(LabelXml.bytes(LabelXml.write(l, s)), "copy", POLICIES)).as(s.cliName()).isEqualTo(l);
            }
            for (SecurityPolicy other : POLICIES.all()) {
                try {
                    Label t = POLICIES.translate(l, other.id());
                    assertThat(other.marking(t, "")).isNotNull();
                } catch (InvalidValueException e) {
                    assertThat(e.getMessage()).isNotBlank(); // no equivalence: refused with a reason
                }
            }
        } catch (BadInputException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
