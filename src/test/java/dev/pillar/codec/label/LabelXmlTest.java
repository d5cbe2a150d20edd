package dev.pillar.codec.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.label.LabelXml.Syntax;
import dev.pillar.core.label.Clearance;
import dev.pillar.core.label.Label;
import dev.pillar.core.label.PolicyRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Labels and clearances in the simple syntax and in STANAG 4774 XML: reading, writing, round trips and errors. */
class LabelXmlTest {
    static final PolicyRegistry SUITE = new PolicyRegistry(List.of(
            spif("food-policy.xml"), spif("nato-4774-policy.xml"), spif("tlp.xml"), spif("tlp-plus.xml"), spif("uk-demo.xml")));

    static dev.pillar.core.label.SecurityPolicy spif(String name) {
        return SpifReader.read(SharedSuite.bytes(name), name).policy();
    }

    static Label label(String name) {
        return LabelXml.readLabel(SharedSuite.bytes(name), name, SUITE);
    }

    static Label label(String xml, String name) {
        return LabelXml.readLabel(xml.getBytes(StandardCharsets.UTF_8), name, SUITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"food-label-bacon.xml", "food-label-milk-chocolate.xml", "food-label-water.xml", "nato-4774-17-1.xml",
        "nato-4774-17-3.nato", "nato-4774-17-4.xml", "nato-4774-17-6.nato", "tlpx-green-sh-na.xml", "nato-4774-extra-1.xml"})
    void aLabelSurvivesARoundTripThroughBothSyntaxes(String file) {
        Label l = label(file);
        for (Syntax s : Syntax.values()) {
            String written = LabelXml.write(l, s);
            Label back = label(written, "written");
            assertThat(back).as(written).isEqualTo(l);
            assertThat(back.policy().marking(back, "")).isEqualTo(l.policy().marking(l, ""));
            assertThat(LabelXml.write(back, s)).isEqualTo(written);
        }
    }

    @Test
    void theSimpleAndTheStanagFormOfATable17ExampleAreTheSameLabel() {
        assertThat(label("nato-4774-17-1.nato")).isEqualTo(label("nato-4774-17-1.xml"));
        assertThat(label("nato-4774-17-6.nato")).isEqualTo(label("nato-4774-17-6.xml"));
    }

    @Test
    void stanag4774MetadataIsKeptThroughBothSyntaxes() {
        String xml = """
                <originatorConfidentialityLabel xmlns="urn:nato:stanag:4774:confidentialitymetadatalabel:1:0" ReviewDateTime="2031-01-01T00:00:00Z">
                  <ConfidentialityInformation>
                    <PolicyIdentifier URI="urn:oid:1.3.26.1.3.1">NATO</PolicyIdentifier>
                    <Classification>restricted</Classification>
                    <PrivacyMark>STAFF &amp; MEDICAL</PrivacyMark>
                    <Category TagName="Context" Type="PERMISSIVE"><GenericValue>NATO</GenericValue></Category>
                  </ConfidentialityInformation>
                  <OriginatorID IDType="uid">j.smith (fictional)</OriginatorID>
                  <CreationDateTime>2026-02-03T04:05:06Z</CreationDateTime>
                </originatorConfidentialityLabel>
                """;
        Label l = label(xml, "meta.xml");
        assertThat(l.classification().name()).isEqualTo("RESTRICTED");
        assertThat(l.metadata()).isEqualTo(new Label.Metadata("STAFF & MEDICAL", "2026-02-03T04:05:06Z", "j.smith (fictional)", "uid", "2031-01-01T00:00:00Z"));
        for (Syntax s : Syntax.values()) {
            assertThat(label(LabelXml.write(l, s), "written")).isEqualTo(l);
        }
    }

    @Test
    void aClearanceSurvivesARoundTripThroughBothSyntaxes() {
        for (String f : List.of("food-clearance-all-okay.xml", "uk-demo-secret-uk.xml")) {
            Clearance c = LabelXml.readClearance(SharedSuite.bytes(f), f, SUITE);
            for (Syntax s : Syntax.values()) {
                String written = LabelXml.write(c, s);
                assertThat(LabelXml.readClearance(written.getBytes(StandardCharsets.UTF_8), "written", SUITE)).as(written).isEqualTo(c);
            }
        }
    }

    private static void refused(String xml, String... parts) {
        assertThatThrownBy(() -> label(xml, "bad.xml")).isInstanceOf(BadInputException.class).hasMessageContaining("bad.xml").hasMessageContainingAll(parts);
    }

    @Test
    void badLabelsNameTheElementAndTheFix() {
        String simple = "<label xmlns='http://surevine.com/xmlns/spiffy'><policy id='%s'/><classification lacv='%s'/>%s</label>";
        refused(simple.formatted("1.1", "1", ""), "Unknown policy id: 1.1", "load its SPIF");
        refused(simple.formatted("1.3.26.1.3.1", "9", ""), "has no classification with lacv 9", "use one of");
        refused(simple.formatted("1.3.26.1.3.1", "1", "<tag type='permissive' id='1.3.26.1.4.4' lacv='4242'/>"),
                "<tag> (line 1)", "no permissive category with lacv 4242");
        refused(simple.formatted("1.3.26.1.3.1", "1", "<tag type='sideways' id='1.3.26.1.4.4' lacv='1'/>"), "tag type 'sideways'");
        refused("<label xmlns='urn:other'/>", "Not a label");
        String nato = "<originatorConfidentialityLabel xmlns='urn:nato:stanag:4774:confidentialitymetadatalabel:1:0'><ConfidentialityInformation>"
                + "<PolicyIdentifier>NATO</PolicyIdentifier><Classification>%s</Classification>%s</ConfidentialityInformation></originatorConfidentialityLabel>";
        refused(nato.formatted("MEGA SECRET", ""), "no classification 'MEGA SECRET'");
        refused(nato.formatted("SECRET", "<Category TagName='Releasable To' Type='PERMISSIVE'><GenericValue>ATLANTIS</GenericValue></Category>"),
                "no permissive category named 'ATLANTIS'");
        refused(nato.formatted("SECRET", "<Category TagName='Nowhere' Type='PERMISSIVE'><GenericValue>X</GenericValue></Category>"),
                "no tag set named 'Nowhere'");
        refused(nato.formatted("SECRET", "<Category TagName='Context' Type='MAYBE'><GenericValue>NATO</GenericValue></Category>"),
                "Type 'MAYBE'");
    }

    @Test
    void aClearanceCannotHoldAnInformativeCategory() {
        String c = "<clearance xmlns='http://surevine.com/xmlns/spiffy'><policy id='1.3.26.1.3.1'/><classification lacv='1'/>"
                + "<tag type='informative' id='1.3.26.1.4.3' lacv='2'/></clearance>";
        assertThatThrownBy(() -> LabelXml.readClearance(c.getBytes(StandardCharsets.UTF_8), "c.xml", SUITE))
                .hasMessageContaining("informative category 'STAFF'").hasMessageContaining("carries no privilege");
        String none = "<clearance xmlns='http://surevine.com/xmlns/spiffy'><policy id='1.3.26.1.3.1'/></clearance>";
        assertThatThrownBy(() -> LabelXml.readClearance(none.getBytes(StandardCharsets.UTF_8), "c.xml", SUITE))
                .hasMessageContaining("holds at least one classification");
    }
}
