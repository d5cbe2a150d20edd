package dev.pillar.http;

import dev.pillar.app.Access;
import dev.pillar.app.DecisionService;
import dev.pillar.app.Refusal;
import dev.pillar.app.WorldService;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Page;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Query;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.RuleVersion;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.JsonText;
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.impact.ImpactJson;
import dev.pillar.codec.impact.ScenarioReader;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.impact.ImpactAnalysis;
import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.impact.Scenario;
import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.CoreMember;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Participation;
import dev.pillar.core.model.Project;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON API under {@code /api/v1}: decisions, impact analysis, the partnership and its documents, rule data versions. */
final class Api {

    private final WorldService worlds;
    private final DecisionService decisions;
    private final MeterRegistry metrics;

    /** pillar_decisions by outcome, registered once (a registry look-up per request costs more than the count). */
    private final Counter[] decisionCounters;

    Api(WorldService worlds, DecisionService decisions, MeterRegistry metrics) {
        this.worlds = worlds;
        this.decisions = decisions;
        this.metrics = metrics;
        var outcomes = Outcome.values();
        this.decisionCounters = new Counter[outcomes.length];
        for (var o : outcomes) {
            decisionCounters[o.ordinal()] = metrics.counter("pillar_decisions", "outcome", o.name());
        }
    }

    private Counter decisionCounter(Outcome o) {
        return decisionCounters[o.ordinal()];
    }

    void routes(RoutesConfig r) {
        r.post("/api/v1/decisions", this::decide);
        r.get("/api/v1/decisions", this::searchDecisions);
        r.post("/api/v1/decisions/batch", this::decideBatch);
        r.get("/api/v1/decisions/{id}", this::getDecision);

        r.get("/api/v1/partnership", this::partnership);
        r.put("/api/v1/partnership", this::putPartnership);
        r.get("/api/v1/partnership/members", ctx -> Requests.json(ctx, members()));
        r.get("/api/v1/partnership/candidates", ctx -> Requests.json(ctx, candidates()));
        r.get("/api/v1/partnership/areas", ctx -> Requests.json(ctx, areas()));
        r.get("/api/v1/partnership/projects", ctx -> Requests.json(ctx, projects()));

        for (Kind kind : List.of(Kind.ORGANISATION, Kind.PERSON, Kind.ITEM, Kind.LICENCE, Kind.DETERMINATION)) {
            String base = "/api/v1/" + kind.collection();
            r.get(base, ctx -> list(ctx, kind));
            r.post(base, ctx -> create(ctx, kind));
            r.get(base + "/{id}", ctx -> get(ctx, kind));
            r.put(base + "/{id}", ctx -> update(ctx, kind));
            r.delete(base + "/{id}", ctx -> delete(ctx, kind));
        }

        r.post("/api/v1/impact", this::impact);

        r.get("/api/v1/rules", this::ruleVersions);
        r.post("/api/v1/rules", this::addRules);
        r.get("/api/v1/rules/{version}", this::ruleVersion);
    }

    // ---- decisions ---------------------------------------------------------------------------------------------------

    private void decide(Context ctx) {
        Principal p = Requests.principal(ctx);
        DecisionService.Decided d = decisions.decide(p, Requests.jsonBody(ctx));
        decisionCounter(d.decision().outcome()).increment();
        if (d.caseId() != null) {
            ctx.header("Pillar-Case", d.caseId()).header("Link", "</api/v1/cases/" + d.caseId() + ">; rel=\"case\"");
        }
        ctx.status(201).header("Location", "/api/v1/decisions/" + d.decision().decisionId()).contentType("application/json").result(d.answer());
    }

    private void decideBatch(Context ctx) {
        Principal p = Requests.principal(ctx);
        JsonNode body = Requests.jsonBody(ctx);
        String view = ctx.queryParam("view");
        if (view != null && !view.equals("full") && !view.equals("outcome")) {
            throw Refusal.invalid("view", "'" + view + "' is not a view: use full (the default: every decision with its explanation) "
                    + "or outcome (decision id, outcome, basis)");
        }
        DecisionService.BatchAnswer answer = decisions.decideBatch(p, body, view == null || view.equals("full"));
        for (var o : Outcome.values()) {
            if (answer.count(o) > 0) {
                decisionCounter(o).increment(answer.count(o));
            }
        }
        ctx.contentType("application/json").result(answer.json());
    }

    private static final List<String> SEARCH_PARAMS = List.of("recipient", "item", "organisation", "project", "outcome", "basis", "from", "to",
            "worldVersion", "askedBy", "cursor", "limit", "format");

    private void searchDecisions(Context ctx) {
        Principal p = Requests.principal(ctx);
        Requests.onlyParams(ctx, SEARCH_PARAMS.toArray(String[]::new));
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!format.equals("json") && !format.equals("csv")) {
            throw Refusal.invalid("format", "'" + dev.pillar.codec.Node.shown(format) + "' is not a format: use json or csv");
        }
        for (String name : List.of("recipient", "item", "organisation", "project", "basis", "worldVersion", "askedBy", "outcome", "cursor")) {
            String v = ctx.queryParam(name);
            if (v != null && (v.isBlank() || v.length() > 300)) {
                throw Refusal.invalid(name, "give 1-300 characters, or leave the parameter out");
            }
        }
        boolean csv = format.equals("csv");
        int limit = Requests.intParam(ctx, "limit", csv ? DecisionService.MAX_PAGE : 100, 1, DecisionService.MAX_PAGE);
        DecisionService.Search search = new DecisionService.Search(ctx.queryParam("recipient"), ctx.queryParam("item"), ctx.queryParam("organisation"),
                ctx.queryParam("project"), ctx.queryParam("outcome"), ctx.queryParam("basis"), day(ctx, "from"), day(ctx, "to"),
                ctx.queryParam("worldVersion"), ctx.queryParam("askedBy"), ctx.queryParam("cursor"), limit);
        if (csv) {
            DecisionCsv.Export export = DecisionCsv.export(decisions, p, search);
            ctx.header("Content-Disposition", "attachment; filename=\"decisions.csv\"");
            if (export.next() != null) {
                ctx.header("Pillar-Next", export.next()); // more than DecisionCsv.MAX_ROWS: the rest from this cursor
            }
            ctx.contentType("text/csv; charset=utf-8").result(export.text());
            return;
        }
        DecisionService.Found page = decisions.search(p, search);
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        ArrayNode items = out.putArray("decisions");
        for (var f : page.decisions()) {
            ObjectNode o = items.addObject();
            o.put("decisionId", f.id());
            o.put("createdAt", f.createdAt().toString());
            o.put("askedBy", f.actor());
            o.put("outcome", f.outcome());
            o.put("asOf", f.asOf().toString());
            o.put("worldVersion", f.worldVersion());
            o.put("item", f.item());
            o.put("recipient", f.recipient());
            o.put("organisation", f.organisation());
            o.put("project", f.project());
            ArrayNode basis = o.putArray("basis");
            f.basis().forEach(basis::add);
            o.put("href", "/api/v1/decisions/" + f.id());
        }
        out.put("next", page.next());
        Requests.json(ctx, out);
    }

    private static java.time.LocalDate day(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            if (!v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new java.time.format.DateTimeParseException("", v, 0);
            }
            return java.time.LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw Refusal.invalid(name, "'" + dev.pillar.codec.Node.shown(v) + "' is not a date: use YYYY-MM-DD");
        }
    }

    private void getDecision(Context ctx) {
        Principal p = Requests.principal(ctx);
        StoredDecision d = decisions.find(p, ctx.pathParam("id")).orElseThrow(() -> Refusal.notFound("no decision with this id"));
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("decisionId", d.id());
        out.put("createdAt", d.createdAt().toString());
        out.put("askedBy", d.actor());
        out.set("request", WorldDocuments.mapper().readTree(d.request()));
        out.set("decision", WorldDocuments.mapper().readTree(d.response()));
        decisions.caseOf(d.id()).ifPresent(c -> {
            ObjectNode x = out.putObject("case");
            x.put("id", "C-" + c.id());
            x.put("state", c.state());
            x.put("resolution", c.resolution());
            x.put("reference", c.reference());
            x.put("href", "/api/v1/cases/C-" + c.id());
        });
        ctx.contentType("application/json").result(out.toString());
    }

    // ---- impact analysis ----------------------------------------------------------------------------------------------

    /** Scenarios compared side by side at most, in one request. */
    static final int MAX_SCENARIOS = 5;

    private void impact(Context ctx) {
        Access.runImpact(Requests.principal(ctx));
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!List.of("json", "csv", "html").contains(format)) {
            throw Refusal.invalid("format", "'" + format + "' is not a format: use json, csv or html");
        }
        int offset = Requests.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Requests.intParam(ctx, "limit", 50, 1, Query.MAX_LIMIT);
        JsonNode body = Requests.jsonBody(ctx);
        List<Scenario> scenarios = new ArrayList<>();
        String prefix;
        if (body.isObject() && body.has("scenarios")) {
            for (String name : body.propertyNames()) {
                if (!name.equals("scenarios")) {
                    throw Refusal.invalid(name, "unknown field: remove it or use [scenarios] (or send one scenario as the body)");
                }
            }
            JsonNode list = body.get("scenarios");
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_SCENARIOS) {
                throw Refusal.invalid("scenarios", "must be a list of 1 to " + MAX_SCENARIOS + " scenarios");
            }
            for (int i = 0; i < list.size(); i++) {
                scenarios.add(scenario(list.get(i), "scenarios[" + i + "]."));
            }
            prefix = "scenarios[%d].";
        } else {
            scenarios.add(scenario(body, ""));
            prefix = "";
        }
        WorldService.Snapshot snap = worlds.current();
        ImpactAnalysis analysis = worlds.impact(snap);
        List<ImpactResult> results = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            try {
                results.add(analysis.run(scenarios.get(i), worlds.clock().today()));
            } catch (InvalidValueException e) {
                throw Refusal.invalid(String.format(prefix, i) + e.field(), e.problem());
            }
        }
        metrics.counter("pillar_impact_runs").increment(results.size());
        if (format.equals("json")) {
            ctx.contentType("application/json").result(ImpactJson.render(results, offset, limit).toString());
        } else {
            ImpactDownloads.send(ctx, results, format, offset, limit);
        }
    }

    private static Scenario scenario(JsonNode body, String prefix) {
        try {
            return ScenarioReader.parse("", body);
        } catch (BadInputException e) {
            String field = e.field().isEmpty() && !prefix.isEmpty() ? prefix.substring(0, prefix.length() - 1) : prefix + e.field();
            throw Refusal.invalid(field, e.problem());
        }
    }

    // ---- partnership views ------------------------------------------------------------------------------------------

    private void partnership(Context ctx) {
        Doc doc = worlds.partnershipDocument();
        ctx.header("ETag", doc.etag()).contentType("application/json").result(doc.body());
    }

    private void putPartnership(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.writePartnership(p);
        Doc current = worlds.partnershipDocument();
        JsonNode body = Requests.jsonBody(ctx);
        Doc updated = worlds.update(Kind.PARTNERSHIP, current.id(), body, Requests.ifMatch(ctx), p);
        ctx.header("ETag", updated.etag()).contentType("application/json").result(updated.body());
    }

    private ArrayNode members() {
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        for (CoreMember m : worlds.current().world().partnership().coreMembers()) {
            ObjectNode o = out.addObject();
            o.put("country", m.country().code());
            o.put("from", m.interval().from().toString());
            o.put("until", m.interval().until() == null ? null : m.interval().until().toString());
            o.put("source", m.source() == null ? null : m.source().toString());
        }
        return out;
    }

    private ArrayNode candidates() {
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        for (Candidate c : worlds.current().world().partnership().candidates()) {
            ObjectNode o = out.addObject();
            o.put("country", c.country().code());
            Candidate.StageEntry now = c.stageOn(worlds.clock().today());
            o.put("stage", now == null ? null : now.stage());
            ArrayNode h = o.putArray("history");
            for (Candidate.StageEntry e : c.history()) {
                ObjectNode s = h.addObject();
                s.put("stage", e.stage());
                s.put("date", e.date().toString());
                s.put("source", e.source().toString());
                ArrayNode projects = s.putArray("projects");
                e.projects().forEach(projects::add);
                s.put("note", e.note());
            }
        }
        return out;
    }

    private ArrayNode areas() {
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        worlds.current().world().partnership().areas().forEach(a -> {
            ObjectNode o = out.addObject();
            o.put("id", a.id());
            o.put("name", a.name());
            o.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
        });
        return out;
    }

    private ArrayNode projects() {
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        for (Project p : worlds.current().world().partnership().projects()) {
            ObjectNode o = out.addObject();
            o.put("id", p.id());
            o.put("name", p.name());
            o.put("pillar", p.pillar().name());
            o.put("area", p.area());
            ArrayNode parts = o.putArray("participants");
            for (Participation q : p.participants()) {
                ObjectNode x = parts.addObject();
                x.put("country", q.country().code());
                x.put("from", q.interval().from().toString());
                x.put("until", q.interval().until() == null ? null : q.interval().until().toString());
            }
        }
        return out;
    }

    // ---- documents --------------------------------------------------------------------------------------------------

    private void list(Context ctx, Kind kind) {
        Principal p = Requests.principal(ctx);
        int offset = Requests.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Requests.intParam(ctx, "limit", 50, 1, Query.MAX_LIMIT);
        Set<String> projects = kind == Kind.ITEM ? Access.visibleProjects(p, worlds.current().world(), worlds.clock().today()) : null;
        if ((kind == Kind.PERSON || kind == Kind.DETERMINATION) && p.role() == Role.ENGINEER) {
            throw Refusal.forbidden();
        }
        Query q = new Query(ctx.queryParam("area"), ctx.queryParam("project"), upper(ctx.queryParam("classification")),
                ctx.queryParam("control"), upper(ctx.queryParam("country")), projects, offset, limit);
        Page<Doc> page = worlds.documents(kind, q);
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("total", page.total());
        out.put("offset", page.offset());
        out.put("limit", page.limit());
        ArrayNode items = out.putArray("items");
        for (Doc d : page.items()) {
            ObjectNode o = items.addObject();
            o.put("id", d.id());
            o.put("version", d.version());
            o.put("updatedAt", d.updatedAt().toString());
            o.put("updatedBy", d.updatedBy());
            o.set("document", WorldDocuments.mapper().readTree(d.body()));
        }
        ctx.contentType("application/json").result(out.toString());
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private void get(Context ctx, Kind kind) {
        Principal p = Requests.principal(ctx);
        if ((kind == Kind.PERSON || kind == Kind.DETERMINATION) && p.role() == Role.ENGINEER) {
            throw Refusal.forbidden(); // before the lookup: a 403 must not tell whether the person exists
        }
        Doc d = worlds.document(kind, ctx.pathParam("id")).orElseThrow(() -> Refusal.notFound("no " + kind.key() + " with this id"));
        if (kind == Kind.ITEM && !Access.sees(p, worlds.current().world(), worlds.current().world().item(d.id()).project(), worlds.clock().today())) {
            throw Refusal.notFound("no " + kind.key() + " with this id");
        }
        ctx.header("ETag", d.etag()).contentType("application/json").result(d.body());
    }

    private void checkWrite(Principal p, Kind kind) {
        switch (kind) {
            case ORGANISATION, PERSON, PARTNERSHIP -> Access.writePartnership(p);
            case ITEM -> Access.writeItems(p);
            case LICENCE, DETERMINATION -> Access.writeLicencesAndRules(p);
        }
    }

    private void create(Context ctx, Kind kind) {
        Principal p = Requests.principal(ctx);
        checkWrite(p, kind);
        Doc d = worlds.create(kind, Requests.jsonBody(ctx), p);
        ctx.status(201).header("Location", "/api/v1/" + kind.collection() + "/" + d.id()).header("ETag", d.etag())
                .contentType("application/json").result(d.body());
    }

    private void update(Context ctx, Kind kind) {
        Principal p = Requests.principal(ctx);
        checkWrite(p, kind);
        long version = Requests.ifMatch(ctx);
        Doc d = worlds.update(kind, ctx.pathParam("id"), Requests.jsonBody(ctx), version, p);
        ctx.header("ETag", d.etag()).contentType("application/json").result(d.body());
    }

    private void delete(Context ctx, Kind kind) {
        Principal p = Requests.principal(ctx);
        checkWrite(p, kind);
        worlds.delete(kind, ctx.pathParam("id"), Requests.ifMatch(ctx), p);
        ctx.status(204);
    }

    // ---- rules -----------------------------------------------------------------------------------------------------

    private void ruleVersions(Context ctx) {
        Requests.principal(ctx);
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        for (RuleVersion v : worlds.ruleVersions()) {
            ObjectNode o = out.addObject();
            o.put("version", v.version());
            o.put("note", v.note());
            o.put("createdAt", v.createdAt().toString());
            o.put("createdBy", v.createdBy());
            o.put("inForce", v.version() == worlds.current().rules().version());
        }
        Requests.json(ctx, out);
    }

    private void ruleVersion(Context ctx) {
        Requests.principal(ctx);
        long v;
        try {
            v = Long.parseLong(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw Refusal.invalid("version", "must be a whole number");
        }
        RuleVersion rv = worlds.ruleVersion(v).orElseThrow(() -> Refusal.notFound("no rule data version " + v));
        ctx.contentType("application/json").result(rv.body());
    }

    private void addRules(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.writeLicencesAndRules(p);
        JsonNode body = Requests.jsonBody(ctx);
        String note = ctx.queryParam("note");
        RuleVersion v = worlds.addRules(body, note == null || note.isBlank() ? "rule data update" : note, p);
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("version", v.version());
        out.put("note", v.note());
        out.put("worldVersion", worlds.current().world().version());
        ctx.status(201).header("Location", "/api/v1/rules/" + v.version());
        Requests.json(ctx, out);
    }
}
