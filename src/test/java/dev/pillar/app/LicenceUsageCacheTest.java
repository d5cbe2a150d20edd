package dev.pillar.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.app.port.LicenceLedger;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Licence;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The values used under capped licences as the decision path keeps them between reads of the ledger: a read that
 * began before a concurrent release and ends after it must not take the usage back (the release count was once off by
 * one when a refresh and a release crossed, and the licence's page showed 11 releases for 10).
 */
class LicenceUsageCacheTest {
    static final Licence DSP5 = new Licence("DSP5-CACHE-1", "DSP-5", "ITAR", List.of("JP-KAIYO-ROBOTICS"), List.of("XI(b)"), Set.of(Country.of("JPN")),
            Set.of(), new Interval(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-12-31")), 1_000_000L, false, List.of(), null);

    /** A ledger whose answer the test sets. */
    static final class Ledger implements LicenceLedger {
        final Map<String, Usage> usage = new HashMap<>();

        @Override public Map<String, Usage> licenceUsage() { return Map.copyOf(usage); }
        @Override public List<Release> releases(String licence, int limit) { return List.of(); }
        @Override public Usage saveRelease(StoredDecision d, String recipient, String licence, long valueUsd, long capUsd) { return null; }
    }

    @Test
    void aStaleReadNeverTakesTheUsageBack() {
        Ledger ledger = new Ledger();
        ledger.usage.put(DSP5.number(), new LicenceLedger.Usage(900_000, 9));
        LicenceService licences = new LicenceService(ledger, null, LicenceService.Alerting.DEFAULT);
        LocalDate day = LocalDate.parse("2026-12-01");
        assertThat(licences.status(DSP5, day).releases()).isEqualTo(9);
        // the tenth release is stored and reported; then a refresh that read the ledger before it completes
        licences.released(DSP5.number(), new LicenceLedger.Usage(1_000_000, 10));
        licences.refresh();
        LicenceService.Status s = licences.status(DSP5, day);
        assertThat(s.releases()).isEqualTo(10);
        assertThat(s.usedUsd()).isEqualTo(1_000_000);
        assertThat(s.remainingUsd()).isZero();
        // the same release reported twice (by its writer and by a refresh) counts once
        licences.released(DSP5.number(), new LicenceLedger.Usage(1_000_000, 10));
        assertThat(licences.status(DSP5, day).releases()).isEqualTo(10);
        // a later read of the ledger with more releases is taken
        ledger.usage.put(DSP5.number(), new LicenceLedger.Usage(1_000_000, 11)); // a release of value 0
        licences.refresh();
        assertThat(licences.status(DSP5, day).releases()).isEqualTo(11);
    }
}
