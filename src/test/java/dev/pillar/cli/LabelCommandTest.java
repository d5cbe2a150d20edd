package dev.pillar.cli;

import static dev.pillar.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.cli.CliTest.Run;
import dev.pillar.codec.label.SharedSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pillar label} as a security officer uses it: the suite, validity, markings, access decisions, translation. */
class LabelCommandTest {
    @TempDir
    Path tmp;

    private static String f(String name) {
        return SharedSuite.file(name).toString();
    }

    @Test
    void checkSuitePassesTheSharedSuiteAndSaysSo() {
        Run r = run("label", "check-suite", f("tests.xml"));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("24 passed, 0 failed, 2 not run (ASN.1 BER labels are not supported)")
                .contains("pass    #9   line 14   policy food-policy-borked.xml is refused");
    }

    @Test
    void checkSuiteTakesTheSuiteByAPathWithDotDotAsTheReadmeNamesIt() {
        // the README runs `pillar label check-suite ../shared/conformance/xml-spif/tests.xml`: a path that climbs out
        // of the working directory must still find the policies and labels beside tests.xml
        Path suite = SharedSuite.file("tests.xml");
        Path viaDotDot = suite.getParent().resolve("../xml-spif/tests.xml");
        Path relative = Path.of("").toAbsolutePath().relativize(viaDotDot);
        assertThat(viaDotDot.toString()).contains("..");
        Run r = run("label", "check-suite", relative.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("24 passed, 0 failed, 2 not run");
    }

    @Test
    void checkSuiteExitsNonZeroWhenARowFails() throws IOException {
        for (String name : new String[] {"food-policy.xml", "food-label-water.xml"}) {
            Files.copy(SharedSuite.file(name), tmp.resolve(name));
        }
        Path suite = tmp.resolve("tests.xml");
        Files.writeString(suite, """
                <tests><sequence><policy spif="food-policy.xml"/>
                  <test label="food-label-water.xml" label-marking="[ Food FREE British Flag ]"/>
                  <test label="food-label-water.xml" valid="false"/>
                </sequence></tests>""");
        Run r = run("label", "check-suite", suite.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("1 passed, 1 failed", "FAIL    #2", "valid: expected false, got true");
        assertThat(run("label", "check-suite", tmp.resolve("none.xml").toString()).code()).isEqualTo(2);
    }

    @Test
    void validateExplainsAnInvalidLabelAndExitsTwo() {
        Run ok = run("label", "validate", "--spif", f("food-policy.xml"), f("food-label-bacon.xml"));
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).startsWith("VALID under policy 'Food'");
        assertThat(ok.err()).contains("warning:", "securityCategiryTagSet");
        Run bad = run("label", "validate", "--spif", f("nato-4774-policy.xml"), f("nato-4774-17-5.nato"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).contains("INVALID", "'EAPC'", "cannot be used with classification 'CONFIDENTIAL'");
    }

    @Test
    void markRendersLabelsAndClearancesInALanguage() {
        assertThat(run("label", "mark", "--spif", f("nato-4774-policy.xml"), "--lang", "fr", f("nato-4774-17-1.nato")).out())
                .isEqualTo("NATO SANS CLASSIFICATION Communicable a ISAF, KFOR, RESOLUTE SUPPORT\n");
        assertThat(run("label", "mark", "--spif", f("food-policy.xml"), "--clearance", f("food-clearance-lactose-intolerant.xml")).out())
                .isEqualTo("[ {Commodity|Luxury} Sweet Contains Peanut+Nut+Gluten Not Vegan ]\n");
        assertThat(run("label", "mark", "--spif", f("food-policy.xml"), "--location", "pageMiddle", f("food-label-water.xml")))
                .satisfies(r -> assertThat(r.err()).contains("--location", "pageMiddle"));
    }

    @Test
    void acdfGivesTheDecisionWithReasonsAndTranslatesAcrossPolicies() {
        Run denied = run("label", "acdf", "--spif", f("food-policy.xml"), "--clearance", f("food-clearance-lactose-intolerant.xml"), f("food-label-milk-chocolate.xml"));
        assertThat(denied.code()).isZero();
        assertThat(denied.out()).startsWith("DENIED").contains("restrictive category 'Lactose'");
        Run granted = run("label", "acdf", "--spif", f("tlp-plus.xml"), "--spif", f("tlp.xml"), "--spif", f("uk-demo.xml"),
                "--clearance", f("uk-demo-secret-uk.xml"), f("tlpx-amber-eu.xml"));
        assertThat(granted.out()).contains("translated from 'TLPX'", "DEMO-UK SECRET - UK / EU EYES ONLY", "GRANTED");
    }

    @Test
    void translateRendersTheLabelInTheTargetPolicyAndWritesIt() throws IOException {
        Run r = run("label", "translate", "--spif", f("tlp-plus.xml"), "--spif", f("tlp.xml"), "--to", "1.2.826.0.1.6726289.0.2",
                "--syntax", "4774", f("tlpx-green-sh-na.xml"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("to:      'TLP' (1.2.826.0.1.6726289.0.2)  TLP:GREEN [REGION=EU/US] [Imported Data]", "valid:   yes",
                "<PolicyIdentifier URI=\"urn:oid:1.2.826.0.1.6726289.0.2\">TLP</PolicyIdentifier>");
        Run xml = run("label", "translate", "--spif", f("tlp-plus.xml"), "--spif", f("tlp.xml"), "--to", "1.2.826.0.1.6726289.0.2",
                "--format", "xml", f("tlpx-green-sh-na.xml"));
        Path out = tmp.resolve("tlp.xml");
        Files.writeString(out, xml.out());
        assertThat(run("label", "mark", "--spif", f("tlp.xml"), out.toString()).out()).isEqualTo("TLP:GREEN [REGION=EU/US] [Imported Data]\n");
        Run none = run("label", "translate", "--spif", f("food-policy.xml"), "--to", "1.2.3", f("food-label-water.xml"));
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Unknown policy id: 1.2.3");
    }

    @Test
    void withoutSpifTheBuiltInWorldsNationalPoliciesAreUsed() throws IOException {
        Path label = tmp.resolve("us.xml");
        Files.writeString(label, """
                <originatorConfidentialityLabel xmlns="urn:nato:stanag:4774:confidentialitymetadatalabel:1:0">
                  <ConfidentialityInformation>
                    <PolicyIdentifier>USA (illustrative)</PolicyIdentifier>
                    <Classification>SECRET</Classification>
                    <Category TagName="Releasable To" Type="PERMISSIVE"><GenericValue>GBR</GenericValue><GenericValue>USA</GenericValue></Category>
                  </ConfidentialityInformation>
                </originatorConfidentialityLabel>""");
        assertThat(run("label", "mark", label.toString()).out()).isEqualTo("SECRET//REL TO USA, GBR\n");
        Run t = run("label", "translate", "--to", "2.25.288193317066951994026054901677763696027", label.toString());
        assertThat(t.out()).contains("to:      'AUS (illustrative)'", "SECRET//REL GBR/USA", "valid:   yes");
    }

    @Test
    void hostileXmlIsBadInput() throws IOException {
        Path evil = tmp.resolve("evil.xml");
        Files.writeString(evil, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><label xmlns='http://surevine.com/xmlns/spiffy'>&e;</label>");
        Run r = run("label", "validate", "--spif", f("food-policy.xml"), evil.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("evil.xml", "document type declaration").doesNotContain("root:");
    }
}
