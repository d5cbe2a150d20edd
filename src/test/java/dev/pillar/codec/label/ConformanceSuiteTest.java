package dev.pillar.codec.label;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.codec.label.ConformanceSuite.Row;
import dev.pillar.codec.label.ConformanceSuite.Status;
import org.junit.jupiter.api.Test;

/**
 * Runs the public XML-SPIF conformance suite ({@code ../shared/conformance/xml-spif/tests.xml}) from the shared folder:
 * every row that does not need an ASN.1 BER label must pass, including the expected refusal of the broken policy, the
 * French and English markings of the NATO policy, translation into equivalent policies and the access decisions.
 */
class ConformanceSuiteTest {
    @Test
    void everyRowWithoutABerLabelPasses() {
        ConformanceSuite.Report report = ConformanceSuite.run(SharedSuite.file("tests.xml"));
        for (Row r : report.rows()) {
            if (r.status() == Status.NOT_RUN) {
                assertThat(r.description()).as("only BER rows are not run").contains(".ber");
            } else {
                assertThat(r.status()).as("#%d line %d %s: %s", r.number(), r.line(), r.description(), r.detail()).isEqualTo(Status.PASSED);
            }
        }
        assertThat(report.count(Status.PASSED)).as(report.summary()).isGreaterThanOrEqualTo(24);
        assertThat(report.count(Status.NOT_RUN)).isEqualTo(2);
        assertThat(report.summary()).startsWith(report.count(Status.PASSED) + " passed, 0 failed");
    }

    @Test
    void theBrokenPolicyIsRefusedForItsDuplicateExcludedClassification() {
        ConformanceSuite.Report report = ConformanceSuite.run(SharedSuite.file("tests.xml"));
        Row borked = report.rows().stream().filter(r -> r.description().contains("food-policy-borked.xml")).findFirst().orElseThrow();
        assertThat(borked.status()).isEqualTo(Status.PASSED);
        assertThat(borked.detail()).contains("Duplicate excluded classification in category", "Chocolate", "Ambrosia", "line 38");
    }
}
