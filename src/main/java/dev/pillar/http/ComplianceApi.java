package dev.pillar.http;

import dev.pillar.app.CaseService;
import dev.pillar.app.LicenceService;
import dev.pillar.app.Refusal;
import dev.pillar.app.port.CaseStore.CaseDecision;
import dev.pillar.app.port.CaseStore.StoredCase;
import dev.pillar.app.port.LicenceLedger;
import dev.pillar.app.port.Principal;
import dev.pillar.codec.world.WorldDocuments;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compliance operations (docs/cases.md): the queue of cases held by REVIEW and LICENSE_REQUIRED decisions and their
 * resolution, and the licences as they run down (value used and left, expiry, alerts, releases).
 */
final class ComplianceApi {
    private final CaseService cases;
    private final LicenceService licences;

    ComplianceApi(CaseService cases, LicenceService licences) {
        this.cases = cases;
        this.licences = licences;
    }

    void routes(RoutesConfig r) {
        r.get("/api/v1/cases", this::list);
        r.get("/api/v1/cases/{id}", this::get);
        r.post("/api/v1/cases/{id}/resolution", this::close);
        r.get("/api/v1/licences/{id}/usage", this::usage);
        r.get("/api/v1/licence-alerts", this::alerts);
    }

    private void list(Context ctx) {
        Principal p = Requests.principal(ctx);
        Requests.onlyParams(ctx, "state", "outcome", "reason", "country", "project", "organisation", "minAgeDays", "offset", "limit");
        String age = ctx.queryParam("minAgeDays");
        Integer minAge = null;
        if (age != null) {
            try {
                minAge = Integer.parseInt(age);
            } catch (NumberFormatException e) {
                throw Refusal.invalid("minAgeDays", "'" + age + "' is not a number of days");
            }
        }
        String country = ctx.queryParam("country");
        CaseService.Filters f = new CaseService.Filters(ctx.queryParam("state"), ctx.queryParam("outcome"), ctx.queryParam("reason"),
                country == null ? null : country.toUpperCase(Locale.ROOT), ctx.queryParam("project"), ctx.queryParam("organisation"), minAge);
        CaseService.CasePage page = cases.list(p, f, Requests.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                Requests.intParam(ctx, "limit", 50, 1, CaseService.MAX_PAGE));
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("total", page.total());
        out.put("offset", page.offset());
        out.put("limit", page.limit());
        ArrayNode items = out.putArray("cases");
        page.cases().forEach(c -> items.add(view(c, null)));
        Requests.json(ctx, out);
    }

    private void get(Context ctx) {
        CaseService.CaseView v = cases.get(Requests.principal(ctx), ctx.pathParam("id"));
        ctx.header("ETag", "\"" + v.stored().version() + "\"");
        Requests.json(ctx, view(v.stored(), v.decisions()));
    }

    private void close(Context ctx) {
        Principal p = Requests.principal(ctx);
        dev.pillar.app.Access.require(p, dev.pillar.app.port.Role.COMPLIANCE_OFFICER); // before reading the body
        long version = Requests.ifMatch(ctx);
        JsonNode body = Requests.jsonBody(ctx);
        if (!body.isObject()) {
            throw Refusal.invalid("", "the body must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!List.of("action", "determination", "licence", "number", "reason", "note").contains(name)) {
                throw Refusal.invalid(name, "unknown field: use action, determination, licence, number, reason or note");
            }
        }
        String action = Requests.text(body, "action");
        CaseService.Resolution resolution = switch (action == null ? "" : action) {
            case "determination" -> new CaseService.Resolution.WithDetermination(body.get("determination"));
            case "licence" -> new CaseService.Resolution.WithLicence(body.get("licence"), Requests.text(body, "number"));
            case "reject" -> new CaseService.Resolution.Rejected(Requests.text(body, "reason"));
            default -> throw Refusal.invalid("action", "is required: determination (a REVIEW checked), licence (a LICENSE_REQUIRED licensed) or reject");
        };
        CaseService.Closed closed = cases.close(p, ctx.pathParam("id"), version, resolution, Requests.text(body, "note"));
        ObjectNode out = view(closed.view().stored(), closed.view().decisions());
        ObjectNode now = out.putObject("nowDecides");
        now.put("outcome", closed.nowOutcome() == null ? null : closed.nowOutcome().name());
        ArrayNode basis = now.putArray("basis");
        closed.nowBasis().forEach(basis::add);
        ctx.header("ETag", "\"" + closed.view().stored().version() + "\"");
        Requests.json(ctx, out);
    }

    static ObjectNode view(StoredCase c, List<CaseDecision> decisions) {
        ObjectNode o = WorldDocuments.mapper().createObjectNode();
        o.put("id", "C-" + c.id());
        o.put("state", c.state());
        o.put("outcome", c.outcome());
        ArrayNode reasons = o.putArray("reasons");
        for (String r : c.reason().split(" ")) {
            reasons.add(r);
        }
        o.put("item", c.item());
        o.put("recipient", c.recipient());
        o.put("organisation", c.organisation());
        o.put("country", c.country());
        o.put("project", c.project());
        o.put("openedAt", c.openedAt().toString());
        o.put("openedBy", c.openedBy());
        o.put("decisionCount", c.decisions());
        o.put("lastDecision", c.lastDecision());
        o.put("version", c.version());
        if (!c.open()) {
            ObjectNode res = o.putObject("resolution");
            res.put("kind", c.resolution());
            res.put("reference", c.reference());
            res.put("note", c.note());
            res.put("by", c.resolvedBy());
            res.put("at", c.resolvedAt() == null ? null : c.resolvedAt().toString());
        }
        if (decisions != null) {
            ArrayNode ds = o.putArray("decisions");
            for (CaseDecision d : decisions) {
                ObjectNode x = ds.addObject();
                x.put("decisionId", d.decisionId());
                x.put("askedBy", d.askedBy());
                x.put("at", d.at().toString());
                x.put("href", "/api/v1/decisions/" + d.decisionId());
            }
        }
        return o;
    }

    // ---- licences -----------------------------------------------------------------------------------------------------

    private void usage(Context ctx) {
        Principal p = Requests.principal(ctx);
        Requests.onlyParams(ctx, "releases");
        int limit = Requests.intParam(ctx, "releases", 100, 1, 1000);
        LicenceService.Status s = licences.status(ctx.pathParam("id"));
        ObjectNode out = status(s);
        if (p.role() != dev.pillar.app.port.Role.ENGINEER) {
            ArrayNode rs = out.putArray("releases");
            for (LicenceLedger.Release r : licences.releases(p, s.licence().number(), limit)) {
                ObjectNode x = rs.addObject();
                x.put("decisionId", r.decisionId());
                x.put("valueUsd", r.valueUsd());
                x.put("usedAfterUsd", r.usedAfter());
                x.put("at", r.at().toString());
                x.put("askedBy", r.actor());
                x.put("recipient", r.recipient());
                x.put("item", r.item());
            }
        }
        Requests.json(ctx, out);
    }

    private void alerts(Context ctx) {
        Requests.principal(ctx);
        Requests.onlyParams(ctx);
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        for (LicenceService.Status s : licences.statuses()) {
            if (!s.alerts().isEmpty()) {
                out.add(status(s));
            }
        }
        Requests.json(ctx, out);
    }

    static ObjectNode status(LicenceService.Status s) {
        ObjectNode o = WorldDocuments.mapper().createObjectNode();
        o.put("number", s.licence().number());
        o.put("type", s.licence().type());
        o.put("day", s.day().toString());
        o.put("state", s.state());
        o.put("from", s.licence().interval().from().toString());
        o.put("until", s.licence().interval().until() == null ? null : s.licence().interval().until().toString());
        if (s.daysToExpiry() == null) {
            o.putNull("daysToExpiry");
        } else {
            o.put("daysToExpiry", s.daysToExpiry());
        }
        if (s.capUsd() == null) {
            o.putNull("valueCapUsd");
            o.putNull("remainingUsd");
            o.putNull("percentUsed");
        } else {
            o.put("valueCapUsd", s.capUsd());
            o.put("remainingUsd", s.remainingUsd());
            o.put("percentUsed", s.percentUsed());
        }
        o.put("usedUsd", s.usedUsd());
        o.put("releaseCount", s.releases());
        ArrayNode alerts = o.putArray("alerts");
        for (LicenceService.Alert a : s.alerts()) {
            ObjectNode x = alerts.addObject();
            x.put("kind", a.kind());
            x.put("message", a.message());
        }
        return o;
    }
}
