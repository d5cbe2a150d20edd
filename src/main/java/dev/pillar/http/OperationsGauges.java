package dev.pillar.http;

import dev.pillar.app.CaseService;
import dev.pillar.app.LicenceService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compliance queue and the licences as Prometheus gauges, refreshed at every scrape of {@code /metrics}:
 * {@code pillar_cases_open{outcome}}, and per licence {@code pillar_licence_used_usd}, {@code pillar_licence_remaining_usd}
 * and {@code pillar_licence_used_percent} (capped licences only), {@code pillar_licence_days_to_expiry} (licences with an
 * end date; negative once expired) and {@code pillar_licence_alert{licence,kind}} (1 for each alert in force: the 90, 30
 * and 7 days before expiry, expired, 80% of the value used). A licence removed from the world leaves the gauges.
 */
final class OperationsGauges {
    private final CaseService cases;
    private final LicenceService licences;
    private final MultiGauge open;
    private final MultiGauge used;
    private final MultiGauge remaining;
    private final MultiGauge percent;
    private final MultiGauge days;
    private final MultiGauge alerts;

    OperationsGauges(CaseService cases, LicenceService licences, MeterRegistry registry) {
        this.cases = cases;
        this.licences = licences;
        this.open = MultiGauge.builder("pillar_cases_open").description("compliance cases open, by the outcome that opened them").register(registry);
        this.used = MultiGauge.builder("pillar_licence_used_usd").description("value released under a capped licence").baseUnit("usd").register(registry);
        this.remaining = MultiGauge.builder("pillar_licence_remaining_usd").description("value a capped licence still authorises").baseUnit("usd").register(registry);
        this.percent = MultiGauge.builder("pillar_licence_used_percent").description("share of a capped licence's value used").register(registry);
        this.days = MultiGauge.builder("pillar_licence_days_to_expiry").description("days until a licence's last day (negative: expired)").register(registry);
        this.alerts = MultiGauge.builder("pillar_licence_alert").description("1 for each licence alert in force (expiry windows, value used)").register(registry);
    }

    /** Sets every gauge to what the queue and the licences are now. */
    void refresh() {
        Map<String, Long> counts = cases.openCounts();
        List<MultiGauge.Row<?>> openRows = new ArrayList<>();
        for (String outcome : List.of("REVIEW", "LICENSE_REQUIRED")) {
            openRows.add(MultiGauge.Row.of(Tags.of("outcome", outcome), counts.getOrDefault(outcome, 0L)));
        }
        open.register(openRows, true);
        List<MultiGauge.Row<?>> u = new ArrayList<>();
        List<MultiGauge.Row<?>> r = new ArrayList<>();
        List<MultiGauge.Row<?>> p = new ArrayList<>();
        List<MultiGauge.Row<?>> d = new ArrayList<>();
        List<MultiGauge.Row<?>> a = new ArrayList<>();
        for (LicenceService.Status s : licences.statuses()) {
            Tags tags = Tags.of("licence", s.licence().number());
            if (s.capUsd() != null) {
                u.add(MultiGauge.Row.of(tags, s.usedUsd()));
                r.add(MultiGauge.Row.of(tags, s.remainingUsd()));
                p.add(MultiGauge.Row.of(tags, s.percentUsed()));
            }
            if (s.daysToExpiry() != null) {
                d.add(MultiGauge.Row.of(tags, s.daysToExpiry()));
            }
            for (LicenceService.Alert alert : s.alerts()) {
                a.add(MultiGauge.Row.of(tags.and("kind", alert.kind()), 1));
            }
        }
        used.register(u, true);
        remaining.register(r, true);
        percent.register(p, true);
        days.register(d, true);
        alerts.register(a, true);
    }
}
