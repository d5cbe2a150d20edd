package dev.pillar.http.console;

import dev.pillar.app.LicenceService;
import dev.pillar.app.Refusal;
import dev.pillar.app.port.LicenceLedger;
import dev.pillar.app.port.Role;
import dev.pillar.core.model.Licence;
import dev.pillar.http.console.OperationViews.AlertRow;
import dev.pillar.http.console.OperationViews.LicencePage;
import dev.pillar.http.console.OperationViews.LicenceRow;
import dev.pillar.http.console.OperationViews.ReleaseRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * Licences and agreements as they run down: {@code /licences} (each one's state today: pending, in force or expired,
 * days to expiry, the value used and left under a cap, and its alerts at 90, 30 and 7 days before expiry and at 80% of
 * the value used, as {@code GET /api/v1/licence-alerts}) and {@code /licences/{number}} (the same, and every release made
 * under it: the decision, value, who asked, for whom; not for engineers, as in the API).
 */
final class LicencePages {
    static final int RELEASES = 200;

    private final Console console;
    private final LicenceService licences;

    LicencePages(Console console, LicenceService licences) {
        this.console = console;
        this.licences = licences;
    }

    void routes(RoutesConfig r) {
        r.get("/licences", console.page(this::list));
        r.get("/licences/<number>", console.page(this::licence)); // a number may hold a slash (ids allow it)
    }

    private void list(Context ctx, Sessions.Session s) {
        List<LicenceRow> rows = licences.statuses().stream().map(LicencePages::row).toList();
        console.render(ctx, "licences.jte", console.page(s, "Licences", "licences"), "rows", rows);
    }

    private void licence(Context ctx, Sessions.Session s) {
        LicenceService.Status status;
        try {
            status = licences.status(ctx.pathParam("number"));
        } catch (Refusal r) {
            console.notFound(ctx, s, "There is no licence " + ctx.pathParam("number") + " on file.");
            return;
        }
        List<ReleaseRow> releases = s.principal().role() == Role.ENGINEER ? null
                : licences.releases(s.principal(), status.licence().number(), RELEASES).stream().map(LicencePages::release).toList();
        console.render(ctx, "licence.jte", console.page(s, "Licence " + status.licence().number(), "licences"), "view",
                new LicencePage(row(status), releases));
    }

    static LicenceRow row(LicenceService.Status s) {
        Licence l = s.licence();
        return new LicenceRow(l.number(), l.type(), l.regime(), l.parties(), l.covers(), Fmt.countries(l.countries()),
                l.projects().isEmpty() ? "any" : String.join(", ", l.projects().stream().sorted().toList()), l.interval().toString(), s.state(),
                s.daysToExpiry() == null ? "" : s.daysToExpiry() < 0 ? "expired " + (-s.daysToExpiry()) + " days ago" : s.daysToExpiry() + " days",
                s.capUsd() == null ? "none" : Fmt.usd(s.capUsd()), Fmt.usd(s.usedUsd()), s.remainingUsd() == null ? "" : Fmt.usd(s.remainingUsd()),
                s.percentUsed(), s.releases(), l.classified(), l.provisos(), l.source() == null ? "" : l.source().toString(),
                s.alerts().stream().map(a -> new AlertRow(a.kind(), a.message())).toList());
    }

    private static ReleaseRow release(LicenceLedger.Release r) {
        return new ReleaseRow(r.decisionId(), Fmt.usd(r.valueUsd()), Fmt.usd(r.usedAfter()), Fmt.instant(r.at()), r.actor(), r.recipient(), r.item());
    }
}
