package dev.pillar.http;

import dev.pillar.app.Access;
import dev.pillar.app.WorldService;

import dev.pillar.app.Principal;
import dev.pillar.app.Role;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.impact.ImpactAnalysis;
import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.impact.Scenario;
import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.CoreMember;
import dev.pillar.core.model.Participation;
import dev.pillar.core.model.Project;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.JsonText;
import dev.pillar.codec.impact.ImpactJson;
import dev.pillar.codec.impact.ScenarioReader;
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Page;
import dev.pillar.app.port.Query;
import dev.pillar.app.port.RuleVersion;
import dev.pillar.app.port.StoredDecision;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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
    static final int MAX_BATCH = 10_000;

    private final WorldService worlds;
    private final MeterRegistry metrics;

    /** pillar_decisions by outcome, registered once (a registry look-up per request costs more than the count). */
    private final io.micrometer.core.instrument.Counter[] decisions;

    Api(WorldService worlds, MeterRegistry metrics) {
        this.worlds = worlds;
        this.metrics = metrics;
        var outcomes = dev.pillar.core.decision.Outcome.values();
        this.decisions = new io.micrometer.core.instrument.Counter[outcomes.length];
        for (var o : outcomes) {
            decisions[o.ordinal()] = metrics.counter("pillar_decisions", "outcome", o.name());
        }
    }

    private io.micrometer.core.instrument.Counter decisionCounter(dev.pillar.core.decision.Outcome o) {
        return decisions[o.ordinal()];
    }

    void routes(RoutesConfig r) {
        r.post("/api/v1/decisions", this::decide);
        r.post("/api/v1/decisions/batch", this::decideBatch);
        r.get("/api/v1/decisions/{id}", this::getDecision);

        r.get("/api/v1/partnership", this::partnership);
        r.put("/api/v1/partnership", this::putPartnership);
        r.get("/api/v1/partnership/members", ctx -> Server.json(ctx, members()));
        r.get("/api/v1/partnership/candidates", ctx -> Server.json(ctx, candidates()));
        r.get("/api/v1/partnership/areas", ctx -> Server.json(ctx, areas()));
        r.get("/api/v1/partnership/projects", ctx -> Server.json(ctx, projects()));

        for (Kind kind : List.of(Kind.ORGANISATION, Kind.PERSON, Kind.ITEM, Kind.LICENCE)) {
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
        Principal p = Server.principal(ctx);
        WorldService.Snapshot snap = worlds.current();
        JsonNode body = Server.jsonBody(ctx);
        DecisionRequest request = parseRequest(body, snap, p, "");
        Decision d = snap.engine().decide(request);
        String response = RequestCodec.appendJson(new StringBuilder(3072), d).toString(); // rendered once: stored and sent
        worlds.record(List.of(stored(p, request, body, d, response)));
        decisionCounter(d.outcome()).increment();
        ctx.status(201).header("Location", "/api/v1/decisions/" + d.decisionId()).contentType("application/json").result(response);
    }

    private void decideBatch(Context ctx) {
        Principal p = Server.principal(ctx);
        WorldService.Snapshot snap = worlds.current();
        JsonNode body = Server.jsonBody(ctx);
        if (body.isObject()) {
            for (String name : body.propertyNames()) {
                if (!name.equals("requests")) {
                    throw ApiException.badRequest(name, "unknown field: remove it or use [requests]");
                }
            }
        }
        JsonNode requests = body.get("requests");
        if (requests == null || !requests.isArray()) {
            throw ApiException.badRequest("requests", "is required: a list of up to " + MAX_BATCH + " decision requests");
        }
        if (requests.size() > MAX_BATCH) {
            throw ApiException.badRequest("requests", "holds " + requests.size() + " requests; send at most " + MAX_BATCH + " per batch");
        }
        String view = ctx.queryParam("view");
        if (view != null && !view.equals("full") && !view.equals("outcome")) {
            throw ApiException.badRequest("view", "'" + view + "' is not a view: use full (the default: every decision with its explanation) "
                    + "or outcome (decision id, outcome, basis)");
        }
        boolean full = view == null || view.equals("full");
        // the answer is built in one buffer: head, then each result (rendered once: stored and sent; GET /decisions/{id}
        // gives back what was answered), sized after the first result so that 10,000 answers are not copied as it grows
        ObjectNode head = WorldDocuments.mapper().createObjectNode();
        head.put("worldVersion", snap.world().version());
        head.put("count", requests.size());
        String h = head.toString();
        StringBuilder out = new StringBuilder(h.length() + 16 + requests.size() * (full ? 3200 : 200));
        out.append(h, 0, h.length() - 1).append(",\"results\":[");
        List<StoredDecision> toStore = new ArrayList<>(requests.size());
        int[] counts = new int[4];
        for (int i = 0; i < requests.size(); i++) {
            JsonNode one = requests.get(i);
            if (i > 0) {
                out.append(',');
            }
            try {
                DecisionRequest request = parseRequest(one, snap, p, "requests[" + i + "].");
                Decision d = snap.engine().decide(request);
                int from = out.length();
                if (full) {
                    RequestCodec.appendJson(out, d);
                } else {
                    RequestCodec.appendOutcomeJson(out, d);
                }
                if (i == 0) {
                    out.ensureCapacity(out.length() + (requests.size() - 1) * (out.length() - from + 64) + 2);
                }
                toStore.add(stored(p, request, one, d, out.substring(from)));
                counts[d.outcome().ordinal()]++;
            } catch (ApiException e) {
                ObjectNode problem = WorldDocuments.mapper().createObjectNode();
                problem.put("status", e.status());
                problem.put("title", e.title());
                problem.put("detail", e.getMessage());
                if (e.field() != null) {
                    problem.put("field", e.field());
                }
                out.append(problem);
            }
        }
        worlds.record(toStore);
        for (var o : dev.pillar.core.decision.Outcome.values()) {
            if (counts[o.ordinal()] > 0) {
                decisionCounter(o).increment(counts[o.ordinal()]);
            }
        }
        ctx.contentType("application/json").result(out.append("]}").toString());
    }

    private DecisionRequest parseRequest(JsonNode body, WorldService.Snapshot snap, Principal p, String prefix) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), "a decision request must be a JSON object");
        }
        JsonNode item = body.get("item");
        if (item != null && item.isString() && snap.world().item(item.asString()) != null
                && !Access.sees(p, snap.world(), snap.world().item(item.asString()).project())) {
            // an engineer may not learn of items outside their organisation's projects
            // the same words as for an id that does not exist (RequestCodec), so that the answer does not tell them apart
            throw ApiException.badRequest(prefix + "item", "unknown item '" + item.asString() + "': use an item id of world "
                    + snap.world().id() + " or describe the item inline");
        }
        try {
            return RequestCodec.parse(body, snap.world(), LocalDate.now());
        } catch (BadInputException e) {
            throw ApiException.badRequest(prefix + e.field(), e.problem());
        }
    }

    private static StoredDecision stored(Principal p, DecisionRequest r, JsonNode request, Decision d, String response) {
        return new StoredDecision(d.decisionId(), Instant.now(), p.subject(), d.outcome().name(), d.worldVersion(), d.asOf(), r.item().id(),
                r.recipient().organisation().id(), r.item().project(), JsonText.tree(new StringBuilder(128), request).toString(), response,
                d.basis());
    }

    private void getDecision(Context ctx) {
        Principal p = Server.principal(ctx);
        StoredDecision d = worlds.store().decision(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("no decision with this id"));
        if (p.role() == Role.ENGINEER && !p.subject().equals(d.actor()) && !Access.sees(p, worlds.current().world(), d.project())) {
            throw ApiException.notFound("no decision with this id");
        }
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("decisionId", d.id());
        out.put("createdAt", d.createdAt().toString());
        out.put("askedBy", d.actor());
        out.set("request", WorldService.parse(d.request()));
        out.set("decision", WorldService.parse(d.response()));
        ctx.contentType("application/json").result(out.toString());
    }

    // ---- impact analysis ----------------------------------------------------------------------------------------------

    /** Scenarios compared side by side at most, in one request. */
    static final int MAX_SCENARIOS = 5;

    private void impact(Context ctx) {
        Access.runImpact(Server.principal(ctx));
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!List.of("json", "csv", "html").contains(format)) {
            throw ApiException.badRequest("format", "'" + format + "' is not a format: use json, csv or html");
        }
        int offset = Server.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Server.intParam(ctx, "limit", 50, 1, dev.pillar.app.port.Query.MAX_LIMIT);
        JsonNode body = Server.jsonBody(ctx);
        List<Scenario> scenarios = new ArrayList<>();
        String prefix;
        if (body.isObject() && body.has("scenarios")) {
            for (String name : body.propertyNames()) {
                if (!name.equals("scenarios")) {
                    throw ApiException.badRequest(name, "unknown field: remove it or use [scenarios] (or send one scenario as the body)");
                }
            }
            JsonNode list = body.get("scenarios");
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_SCENARIOS) {
                throw ApiException.badRequest("scenarios", "must be a list of 1 to " + MAX_SCENARIOS + " scenarios");
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
                results.add(analysis.run(scenarios.get(i), LocalDate.now()));
            } catch (dev.pillar.core.model.InvalidValueException e) {
                throw ApiException.badRequest(String.format(prefix, i) + e.field(), e.problem());
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
            throw ApiException.badRequest(field, e.problem());
        }
    }

    // ---- partnership views ------------------------------------------------------------------------------------------

    private void partnership(Context ctx) {
        Doc doc = worlds.store().all(Kind.PARTNERSHIP).getFirst();
        ctx.header("ETag", doc.etag()).contentType("application/json").result(doc.body());
    }

    private void putPartnership(Context ctx) {
        Principal p = Server.principal(ctx);
        Access.writePartnership(p);
        Doc current = worlds.store().all(Kind.PARTNERSHIP).getFirst();
        JsonNode body = Server.jsonBody(ctx);
        Doc updated = worlds.update(Kind.PARTNERSHIP, current.id(), body, Server.ifMatch(ctx), p);
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
            Candidate.StageEntry now = c.stageOn(LocalDate.now());
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
        Principal p = Server.principal(ctx);
        int offset = Server.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Server.intParam(ctx, "limit", 50, 1, Query.MAX_LIMIT);
        Set<String> projects = kind == Kind.ITEM ? Access.visibleProjects(p, worlds.current().world()) : null;
        if (kind == Kind.PERSON && p.role() == Role.ENGINEER) {
            throw ApiException.forbidden();
        }
        Query q = new Query(ctx.queryParam("area"), ctx.queryParam("project"), upper(ctx.queryParam("classification")),
                ctx.queryParam("control"), upper(ctx.queryParam("country")), projects, offset, limit);
        Page<Doc> page = worlds.store().list(kind, q);
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
            o.set("document", WorldService.parse(d.body()));
        }
        ctx.contentType("application/json").result(out.toString());
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private void get(Context ctx, Kind kind) {
        Principal p = Server.principal(ctx);
        if (kind == Kind.PERSON && p.role() == Role.ENGINEER) {
            throw ApiException.forbidden(); // before the lookup: a 403 must not tell whether the person exists
        }
        Doc d = worlds.store().get(kind, ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("no " + kind.key() + " with this id"));
        if (kind == Kind.ITEM && !Access.sees(p, worlds.current().world(), worlds.current().world().item(d.id()).project())) {
            throw ApiException.notFound("no " + kind.key() + " with this id");
        }
        ctx.header("ETag", d.etag()).contentType("application/json").result(d.body());
    }

    private void checkWrite(Principal p, Kind kind) {
        switch (kind) {
            case ORGANISATION, PERSON, PARTNERSHIP -> Access.writePartnership(p);
            case ITEM -> Access.writeItems(p);
            case LICENCE -> Access.writeLicencesAndRules(p);
        }
    }

    private void create(Context ctx, Kind kind) {
        Principal p = Server.principal(ctx);
        checkWrite(p, kind);
        Doc d = worlds.create(kind, Server.jsonBody(ctx), p);
        ctx.status(201).header("Location", "/api/v1/" + kind.collection() + "/" + d.id()).header("ETag", d.etag())
                .contentType("application/json").result(d.body());
    }

    private void update(Context ctx, Kind kind) {
        Principal p = Server.principal(ctx);
        checkWrite(p, kind);
        long version = Server.ifMatch(ctx);
        Doc d = worlds.update(kind, ctx.pathParam("id"), Server.jsonBody(ctx), version, p);
        ctx.header("ETag", d.etag()).contentType("application/json").result(d.body());
    }

    private void delete(Context ctx, Kind kind) {
        Principal p = Server.principal(ctx);
        checkWrite(p, kind);
        worlds.delete(kind, ctx.pathParam("id"), Server.ifMatch(ctx), p);
        ctx.status(204);
    }

    // ---- rules -----------------------------------------------------------------------------------------------------

    private void ruleVersions(Context ctx) {
        Server.principal(ctx);
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        for (RuleVersion v : worlds.store().ruleVersions()) {
            ObjectNode o = out.addObject();
            o.put("version", v.version());
            o.put("note", v.note());
            o.put("createdAt", v.createdAt().toString());
            o.put("createdBy", v.createdBy());
            o.put("inForce", v.version() == worlds.current().rules().version());
        }
        Server.json(ctx, out);
    }

    private void ruleVersion(Context ctx) {
        Server.principal(ctx);
        long v;
        try {
            v = Long.parseLong(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("version", "must be a whole number");
        }
        RuleVersion rv = worlds.store().ruleVersion(v).orElseThrow(() -> ApiException.notFound("no rule data version " + v));
        ctx.contentType("application/json").result(rv.body());
    }

    private void addRules(Context ctx) {
        Principal p = Server.principal(ctx);
        Access.writeLicencesAndRules(p);
        JsonNode body = Server.jsonBody(ctx);
        String note = ctx.queryParam("note");
        RuleVersion v = worlds.addRules(body, note == null || note.isBlank() ? "rule data update" : note, p);
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("version", v.version());
        out.put("note", v.note());
        out.put("worldVersion", worlds.current().world().version());
        ctx.status(201).header("Location", "/api/v1/rules/" + v.version());
        Server.json(ctx, out);
    }

    static JsonNode readJson(String text) {
        try {
            return WorldDocuments.mapper().readTree(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiException.badRequest("", "the body is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }
}
