package dev.pillar.http.console;

import dev.pillar.app.CaseService;
import dev.pillar.app.Refusal;
import dev.pillar.app.WorldService;
import dev.pillar.app.port.CaseStore.CaseDecision;
import dev.pillar.app.port.CaseStore.StoredCase;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.model.Determination;
import dev.pillar.core.model.Item;
import dev.pillar.http.console.OperationViews.CaseDecisionRow;
import dev.pillar.http.console.OperationViews.CasePage;
import dev.pillar.http.console.OperationViews.CaseQueue;
import dev.pillar.http.console.OperationViews.CaseRow;
import dev.pillar.http.console.OperationViews.Form;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The compliance queue in the console: {@code /cases} (open cases oldest first, with the filters of
 * {@code GET /api/v1/cases}), {@code /cases/{id}} (the case, every decision that joined it, and for a compliance officer
 * who asked for none of its releases the forms that close it: a determination of what was checked for a REVIEW, the
 * licence or agreement obtained for a LICENSE_REQUIRED, or a rejection) and {@code POST /cases/{id}/resolution}. The
 * forms send what {@code POST /api/v1/cases/{id}/resolution} takes, with the case's version as its If-Match, so another
 * officer's resolution meanwhile is a 409 that changes nothing. See docs/cases.md.
 */
final class CasePages {
    static final List<String> FILTERS = List.of("state", "outcome", "reason", "country", "project", "organisation", "minAgeDays");

    private final Console console;
    private final CaseService cases;
    private final WorldService worlds;

    CasePages(Console console, CaseService cases, WorldService worlds) {
        this.console = console;
        this.cases = cases;
        this.worlds = worlds;
    }

    void routes(RoutesConfig r) {
        r.get("/cases", console.page(this::queue));
        r.get("/cases/{id}", console.page(this::show));
        r.post("/cases/{id}/resolution", console.page(this::resolve));
    }

    // ---- the queue ---------------------------------------------------------------------------------------------------

    private void queue(Context ctx, Sessions.Session s) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : FILTERS) {
            String v = ctx.queryParam(f);
            values.put(f, v == null ? "" : v.strip());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Integer minAge = null;
        if (!values.get("minAgeDays").isEmpty()) {
            try {
                minAge = Integer.parseInt(values.get("minAgeDays"));
            } catch (NumberFormatException e) {
                errors.put("minAgeDays", "'" + values.get("minAgeDays") + "' is not a number of days");
            }
        }
        int offset = 0;
        try {
            offset = ctx.queryParam("offset") == null ? 0 : Math.max(0, Integer.parseInt(ctx.queryParam("offset")));
        } catch (NumberFormatException e) {
            errors.put("offset", "not a number");
        }
        CaseService.CasePage page = new CaseService.CasePage(0, offset, Console.PAGE_SIZE, List.of());
        if (errors.isEmpty()) {
            try {
                page = cases.list(s.principal(), new CaseService.Filters(Console.blank(values.get("state")), Console.blank(values.get("outcome")),
                        Console.blank(values.get("reason")), Console.blank(values.get("country").toUpperCase(Locale.ROOT)), Console.blank(values.get("project")),
                        Console.blank(values.get("organisation")), minAge), offset, Console.PAGE_SIZE);
            } catch (Refusal r) {
                Console.fieldError(r, errors);
            }
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
        }
        Instant now = worlds.clock().now();
        List<CaseRow> rows = page.cases().stream().map(c -> row(c, now)).toList();
        String query = RecordPages.query(values);
        String previous = offset > 0 ? "/cases?" + query + "offset=" + Math.max(0, offset - Console.PAGE_SIZE) : null;
        String next = offset + rows.size() < page.total() ? "/cases?" + query + "offset=" + (offset + rows.size()) : null;
        console.render(ctx, "cases.jte", console.page(s, "Cases", "cases"), "view", new CaseQueue(rows, new Form(values, errors), page.total(),
                rows.isEmpty() ? 0 : offset + 1, offset + rows.size(), previous, next,
                s.principal().role() == Role.ENGINEER ? Map.of() : cases.openCounts()));
    }

    static CaseRow row(StoredCase c, Instant now) {
        return new CaseRow("C-" + c.id(), c.state(), c.outcome(), String.join(", ", c.reason().split(" ")), c.item(), c.recipient(),
                c.organisation(), c.country(), c.project() == null ? "" : c.project(), Fmt.instant(c.openedAt()),
                Math.max(0, Duration.between(c.openedAt(), now).toDays()), c.decisions());
    }

    // ---- a case and its forms ------------------------------------------------------------------------------------------

    /** The case of the path, or null once the 404 page is sent (no such case, or one the user may not see). */
    private CaseService.CaseView caseOrNotFound(Context ctx, Sessions.Session s) {
        String id = ctx.pathParam("id");
        try {
            return cases.get(s.principal(), id);
        } catch (Refusal r) {
            if (r.kind() != Refusal.Kind.NOT_FOUND) {
                throw r;
            }
            console.notFound(ctx, s, "There is no case " + id + " that you may see.");
            return null;
        }
    }

    private void show(Context ctx, Sessions.Session s) {
        CaseService.CaseView v = caseOrNotFound(ctx, s);
        if (v == null) {
            return;
        }
        render(ctx, s, v, defaults(v.stored()), Map.of(), null, null, ctx.queryParam("closed") != null ? "The case is closed." : null);
    }

    /** The forms' starting values: the case's organisation and country, the item's control entry and project. */
    private Map<String, String> defaults(StoredCase c) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("licence.parties", c.organisation() == null ? "" : c.organisation());
        v.put("licence.countries", c.country() == null ? "" : c.country());
        v.put("licence.projects", c.project() == null ? "" : c.project());
        Item it = c.item() == null ? null : worlds.current().world().item(c.item());
        if (it != null && it.control() != null && !it.control().regime().equals("NONE")) {
            v.put("licence.regime", it.control().regime());
            v.put("licence.covers", it.control().entry());
            v.put("licence.type", it.control().regime().equals("ITAR") ? "DSP-5" : it.control().regime().equals("EAR") ? "BIS" : "");
        }
        v.put("determination.from", worlds.clock().today().toString());
        return v;
    }

    private void render(Context ctx, Sessions.Session s, CaseService.CaseView v, Map<String, String> values, Map<String, String> errors,
                        String nowOutcome, String nowBasis, String notice) {
        StoredCase c = v.stored();
        Principal p = s.principal();
        boolean asked = v.decisions().stream().anyMatch(d -> d.askedBy().equals(p.subject()));
        String whyNot = !c.open() ? null
                : p.role() != Role.COMPLIANCE_OFFICER ? "Only a compliance officer closes a case."
                : asked ? "You asked for a release in this case: another compliance officer must act on it (separation of duties)." : null;
        List<String> rules = Arrays.stream(c.reason().split(" ")).filter(Determination.RULES::contains).toList();
        List<CaseDecisionRow> decisions = v.decisions().stream().map(CasePages::decisionRow).toList();
        console.render(ctx, "case.jte", console.page(s, "Case " + v.id(), "cases"), "view", new CasePage(row(c, worlds.clock().now()),
                c.version(), decisions, c.resolution(), c.reference(), c.note(), c.resolvedBy(), c.resolvedAt() == null ? null : Fmt.instant(c.resolvedAt()),
                c.open() && whyNot == null, whyNot, rules, new Form(values, errors), nowOutcome, nowBasis, notice));
    }

    private static CaseDecisionRow decisionRow(CaseDecision d) {
        return new CaseDecisionRow(d.decisionId(), d.askedBy(), Fmt.instant(d.at()));
    }

    private void resolve(Context ctx, Sessions.Session s) {
        String id = ctx.pathParam("id");
        CaseService.CaseView v = caseOrNotFound(ctx, s);
        if (v == null) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>(defaults(v.stored()));
        ctx.formParamMap().forEach((k, list) -> {
            if (!k.equals("csrf") && !list.isEmpty()) {
                values.put(k, list.getFirst().strip());
            }
        });
        if (!s.principal().is(Role.COMPLIANCE_OFFICER)) {
            console.forbidden(ctx, s, "Only a compliance officer closes a case.");
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        long version = -1;
        try {
            version = Long.parseLong(values.getOrDefault("version", ""));
        } catch (NumberFormatException e) {
            errors.put("", "The form did not say which version of the case it was made from: reload the case.");
        }
        String action = values.getOrDefault("action", "");
        CaseService.Resolution resolution = null;
        if (errors.isEmpty()) {
            try {
                resolution = switch (action) {
                    case "determination" -> new CaseService.Resolution.WithDetermination(determination(values));
                    case "licence" -> values.getOrDefault("number", "").isEmpty()
                            ? new CaseService.Resolution.WithLicence(licence(values), null)
                            : new CaseService.Resolution.WithLicence(null, values.get("number"));
                    case "reject" -> new CaseService.Resolution.Rejected(values.getOrDefault("reason", ""));
                    default -> throw Refusal.invalid("action", "choose one of the forms: record a determination, record a licence, or reject");
                };
            } catch (Refusal r) {
                errors.put(formField(r.field()), r.getMessage());
            }
        }
        if (errors.isEmpty()) {
            String note = values.getOrDefault("note", "");
            try {
                CaseService.Closed closed = cases.close(s.principal(), id, version, resolution, note.isEmpty() ? null : note);
                render(ctx, s, closed.view(), values, Map.of(), closed.nowOutcome() == null ? null : closed.nowOutcome().name(),
                        String.join("; ", closed.nowBasis()), "The case is closed.");
                return;
            } catch (Refusal r) {
                switch (r.kind()) {
                    case INVALID -> errors.put(formField(r.field()), r.getMessage());
                    case CONFLICT, FORBIDDEN -> {
                        ctx.status(r.status());
                        render(ctx, s, cases.get(s.principal(), id), values, Map.of("", r.getMessage()), null, null, null);
                        return;
                    }
                    default -> throw r;
                }
            }
        }
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        render(ctx, s, v, values, errors, null, null, null);
    }

    /** The form field a refusal names: {@code licence.parties[0]} is the field {@code licence.parties}. */
    static String formField(String path) {
        return path == null ? "" : path.replaceAll("\\[\\d+]", "");
    }

    private static ObjectNode determination(Map<String, String> v) {
        ObjectNode d = WorldDocuments.mapper().createObjectNode();
        if (!v.getOrDefault("determination.rule", "").isEmpty()) {
            d.put("rule", v.get("determination.rule"));
        }
        ArrayNode checked = d.putArray("checked");
        lines(v.getOrDefault("determination.checked", "")).forEach(checked::add);
        put(d, "evidence", v.get("determination.evidence"));
        put(d, "from", v.get("determination.from"));
        put(d, "until", v.get("determination.until"));
        return d;
    }

    private static ObjectNode licence(Map<String, String> v) {
        ObjectNode l = WorldDocuments.mapper().createObjectNode();
        put(l, "number", v.get("licence.number"));
        put(l, "type", v.get("licence.type"));
        put(l, "regime", v.get("licence.regime"));
        for (String list : List.of("parties", "covers", "countries", "projects")) {
            List<String> items = Arrays.stream(v.getOrDefault("licence." + list, "").split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
            if (!items.isEmpty() || !list.equals("projects")) {
                ArrayNode a = l.putArray(list);
                items.forEach(a::add);
            }
        }
        put(l, "from", v.get("licence.from"));
        put(l, "until", v.get("licence.until"));
        String cap = v.getOrDefault("licence.valueCapUsd", "").replace(",", "").replace("_", "");
        if (!cap.isEmpty()) {
            try {
                l.put("valueCapUsd", Long.parseLong(cap));
            } catch (NumberFormatException e) {
                throw Refusal.invalid("licence.valueCapUsd", "'" + v.get("licence.valueCapUsd") + "' is not a whole number of US dollars");
            }
        }
        l.put("classified", "on".equals(v.get("licence.classified")) || "true".equals(v.get("licence.classified")));
        List<String> provisos = lines(v.getOrDefault("licence.provisos", ""));
        if (!provisos.isEmpty()) {
            ArrayNode a = l.putArray("provisos");
            provisos.forEach(a::add);
        }
        return l;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static void put(ObjectNode o, String name, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(name, value);
        }
    }
}
