package dev.pillar.http;

import dev.pillar.app.Access;
import dev.pillar.app.DecisionService;
import dev.pillar.app.Refusal;
import dev.pillar.app.WorldService;
import dev.pillar.app.port.Principal;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.world.World;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenID AuthZEN Authorization API 1.0 over Pillar's decisions (docs/authzen.md), for the gateways and
 * applications that enforce them: {@code POST /access/v1/evaluation}, {@code /evaluations} (with the three evaluation
 * semantics), {@code /search/subject}, {@code /search/resource}, {@code /search/action} and
 * {@code GET /.well-known/authzen-configuration}.
 *
 * <p>The subject is a person of the world ({@code {"type":"person","id":...}}), the resource an item
 * ({@code {"type":"item","id":...}}), the action {@code release}; the context may carry the request's {@code asOf},
 * {@code transferor} and {@code valueUsd}. {@code decision} is true only for PERMIT, and {@code context} is Pillar's
 * whole answer: the four-way outcome, the reasons with citations, the obligations, what would change it. Every
 * evaluation is decided and recorded as {@code POST /api/v1/decisions} would. A payload that is not an AuthZEN request
 * (not JSON, a required entity or field missing or of the wrong type) is 400; an evaluation Pillar cannot decide (an
 * unknown person or item, another type or action) is {@code decision: false} with the error in its context, never a
 * permit.
 */
final class AuthZenApi {
    static final String SUBJECT_TYPE = "person";
    static final String RESOURCE_TYPE = "item";
    static final String ACTION = "release";
    /** Results of a search page when the request gives no {@code page.limit}, and the most it may ask. */
    static final int PAGE = 100;
    static final int MAX_PAGE = 1000;
    /** Decisions asked at once while a search scans the world. */
    private static final int SCAN = 500;
    /**
     * Candidates one search request decides at most: a page may then hold fewer results than its limit, with a
     * {@code next_token} to go on (so that one request never decides the whole of a large catalogue).
     */
    static final int MAX_SCAN = 10_000;

    private final WorldService worlds;
    private final DecisionService decisions;

    AuthZenApi(WorldService worlds, DecisionService decisions) {
        this.worlds = worlds;
        this.decisions = decisions;
    }

    void routes(RoutesConfig r) {
        r.post("/access/v1/evaluation", ctx -> json(ctx, evaluate(Requests.principal(ctx), body(ctx))));
        r.post("/access/v1/evaluations", this::evaluations);
        r.post("/access/v1/search/subject", ctx -> json(ctx, searchSubjects(Requests.principal(ctx), body(ctx))));
        r.post("/access/v1/search/resource", ctx -> json(ctx, searchResources(Requests.principal(ctx), body(ctx))));
        r.post("/access/v1/search/action", ctx -> json(ctx, searchActions(Requests.principal(ctx), body(ctx))));
        r.get("/.well-known/authzen-configuration", this::configuration);
    }

    // ---- requests -------------------------------------------------------------------------------------------------

    /** The body as a JSON object; AuthZEN answers 400 (not 415) to another content type. */
    private static ObjectNode body(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw Refusal.invalid("Content-Type", "send the body as application/json");
        }
        if (ctx.body().isBlank()) {
            throw Refusal.invalid("", "the body is empty: send an AuthZEN request as a JSON object");
        }
        JsonNode n = Requests.readJson(ctx.body());
        if (!n.isObject()) {
            throw Refusal.invalid("", "the body must be a JSON object");
        }
        return (ObjectNode) n;
    }

    /** An entity of a request (subject or resource): its type and id. */
    record Entity(String type, String id) {}

    /**
     * The entity {@code name} of {@code body}: an object with a string {@code type} and, when {@code idRequired}, a
     * string {@code id}. Its {@code properties} are accepted and not used: Pillar decides on the world's records.
     */
    private static Entity entity(JsonNode body, String name, boolean idRequired, String at) {
        JsonNode e = body.get(name);
        if (e == null || e.isNull()) {
            throw Refusal.invalid(at + name, "is required: {\"type\": \"" + (name.equals("subject") ? SUBJECT_TYPE : RESOURCE_TYPE) + "\", \"id\": ...}");
        }
        if (!e.isObject()) {
            throw Refusal.invalid(at + name, "must be an object with type and id");
        }
        String type = string(e, "type", true, at + name + ".");
        String id = string(e, "id", idRequired, at + name + ".");
        if (e.has("properties") && !e.get("properties").isObject()) {
            throw Refusal.invalid(at + name + ".properties", "must be an object");
        }
        return new Entity(type, id);
    }

    private static String action(JsonNode body, String at) {
        JsonNode a = body.get("action");
        if (a == null || a.isNull()) {
            throw Refusal.invalid(at + "action", "is required: {\"name\": \"" + ACTION + "\"}");
        }
        if (!a.isObject()) {
            throw Refusal.invalid(at + "action", "must be an object with a name");
        }
        return string(a, "name", true, at + "action.");
    }

    private static String string(JsonNode o, String field, boolean required, String at) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw Refusal.invalid(at + field, "is required");
            }
            return null;
        }
        if (!v.isString() || v.asString().isBlank()) {
            throw Refusal.invalid(at + field, "must be a non-empty string");
        }
        return v.asString();
    }

    private static ObjectNode context(JsonNode body, String at) {
        JsonNode c = body.get("context");
        if (c == null || c.isNull()) {
            return null;
        }
        if (!c.isObject()) {
            throw Refusal.invalid(at + "context", "must be an object");
        }
        return (ObjectNode) c;
    }

    /**
     * The Pillar decision request for person {@code person} and item {@code item}: {@code asOf}, {@code transferor}
     * and {@code valueUsd} are taken from the context (other context fields, such as {@code time}, are ignored).
     */
    private static ObjectNode pillarRequest(String person, String item, ObjectNode context) {
        ObjectNode r = WorldDocuments.mapper().createObjectNode();
        r.put("item", item);
        r.put("recipient", person);
        if (context != null) {
            for (String f : List.of("asOf", "transferor", "valueUsd")) {
                if (context.has(f) && !context.get(f).isNull()) {
                    r.set(f, context.get(f));
                }
            }
        }
        return r;
    }

    // ---- evaluation -----------------------------------------------------------------------------------------------

    private ObjectNode evaluate(Principal p, JsonNode body) {
        Entity subject = entity(body, "subject", true, "");
        String action = action(body, "");
        Entity resource = entity(body, "resource", true, "");
        return decide(p, subject, action, resource, context(body, ""));
    }

    /** One evaluation of a well-formed request: the decision, or {@code false} with the reason Pillar could not decide. */
    private ObjectNode decide(Principal p, Entity subject, String action, Entity resource, ObjectNode context) {
        if (!subject.type().equals(SUBJECT_TYPE)) {
            return undecided(400, "subject.type", "Pillar decides for subjects of type " + SUBJECT_TYPE + " (a person of the world), not '"
                    + subject.type() + "'");
        }
        if (!resource.type().equals(RESOURCE_TYPE)) {
            return undecided(400, "resource.type", "Pillar decides on resources of type " + RESOURCE_TYPE + " (an item of the world), not '"
                    + resource.type() + "'");
        }
        if (!action.equals(ACTION)) {
            return undecided(400, "action.name", "Pillar decides the action " + ACTION + " (may this item go to this person), not '" + action + "'");
        }
        DecisionService.Decided d;
        try {
            d = decisions.decide(p, pillarRequest(subject.id(), resource.id(), context));
        } catch (Refusal e) {
            if (e.kind() != Refusal.Kind.INVALID) {
                throw e; // not signed in, not allowed, the store down: an HTTP error, as for any other route
            }
            String field = e.field() == null ? "" : e.field();
            String world = worlds.current().world().id();
            if (field.equals("recipient")) {
                return undecided(404, "subject.id", "'" + subject.id() + "' is not a person of world " + world + " that you may ask about");
            }
            if (field.equals("item")) {
                return undecided(404, "resource.id", "'" + resource.id() + "' is not an item of world " + world + " that you may see");
            }
            return undecided(400, field.isEmpty() ? "context" : "context." + field, e.getMessage());
        }
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("decision", d.decision().outcome() == dev.pillar.core.decision.Outcome.PERMIT);
        ObjectNode answer = (ObjectNode) Requests.readJson(d.answer());
        if (d.caseId() != null) {
            answer.put("case", d.caseId());
        }
        out.set("context", answer);
        return out;
    }

    private static ObjectNode undecided(int status, String field, String message) {
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("decision", false);
        ObjectNode error = out.putObject("context").putObject("error");
        error.put("status", status);
        error.put("message", message);
        if (field != null && !field.isEmpty()) {
            error.put("field", field);
        }
        return out;
    }

    // ---- evaluations ----------------------------------------------------------------------------------------------

    private void evaluations(Context ctx) {
        Principal p = Requests.principal(ctx);
        ObjectNode body = body(ctx);
        JsonNode list = body.get("evaluations");
        if (list != null && !list.isNull() && !list.isArray()) {
            throw Refusal.invalid("evaluations", "must be an array of evaluation requests");
        }
        if (list == null || list.isNull() || list.isEmpty()) {
            json(ctx, evaluate(p, body)); // as the single evaluation API
            return;
        }
        if (list.size() > DecisionService.MAX_BATCH) {
            throw Refusal.invalid("evaluations", "holds " + list.size() + " evaluations; send at most " + DecisionService.MAX_BATCH);
        }
        String semantic = "execute_all";
        JsonNode options = body.get("options");
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                throw Refusal.invalid("options", "must be an object");
            }
            String s = string(options, "evaluations_semantic", false, "options.");
            if (s != null) {
                if (!List.of("execute_all", "deny_on_first_deny", "permit_on_first_permit").contains(s)) {
                    throw Refusal.invalid("options.evaluations_semantic", "'" + s + "' is not a semantic: use execute_all, deny_on_first_deny or "
                            + "permit_on_first_permit");
                }
                semantic = s;
            }
        }
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        ArrayNode results = out.putArray("evaluations");
        for (int i = 0; i < list.size(); i++) {
            JsonNode one = list.get(i);
            ObjectNode result;
            if (!one.isObject()) {
                result = undecided(400, "evaluations[" + i + "]", "an evaluation must be an object");
            } else {
                try {
                    ObjectNode merged = merged(body, (ObjectNode) one);
                    String at = "evaluations[" + i + "].";
                    Entity subject = entity(merged, "subject", true, at);
                    String action = action(merged, at);
                    Entity resource = entity(merged, "resource", true, at);
                    result = decide(p, subject, action, resource, context(merged, at));
                } catch (Refusal e) {
                    if (e.kind() != Refusal.Kind.INVALID) {
                        throw e;
                    }
                    result = undecided(400, e.field(), e.getMessage()); // an error of one evaluation is its decision: false
                }
            }
            results.add(result);
            boolean decision = result.get("decision").asBoolean();
            if (semantic.equals("deny_on_first_deny") && !decision || semantic.equals("permit_on_first_permit") && decision) {
                break;
            }
        }
        json(ctx, out);
    }

    /**
     * One evaluation with the request's top-level values as defaults: an entity given in the evaluation replaces the
     * default one, except that a required field it lacks ({@code type}, {@code id}, {@code name}) is taken from the
     * default.
     */
    private static ObjectNode merged(ObjectNode defaults, ObjectNode one) {
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        for (String name : List.of("subject", "action", "resource", "context")) {
            JsonNode own = one.get(name);
            JsonNode base = defaults.get(name);
            if (own == null || own.isNull()) {
                if (base != null) {
                    out.set(name, base);
                }
                continue;
            }
            if (own.isObject() && base != null && base.isObject() && !name.equals("context")) {
                ObjectNode m = ((ObjectNode) own).deepCopy();
                for (String f : List.of("type", "id", "name")) {
                    if (!m.has(f) && base.has(f)) {
                        m.set(f, base.get(f));
                    }
                }
                out.set(name, m);
            } else {
                out.set(name, own);
            }
        }
        return out;
    }

    // ---- search ---------------------------------------------------------------------------------------------------

    /** Which people of the world may receive the item (every one the asker may ask about), a page at a time. */
    private ObjectNode searchSubjects(Principal p, ObjectNode body) {
        return search(p, body, true);
    }

    /** Which items of the world the person may receive (every item the asker may see), a page at a time. */
    private ObjectNode searchResources(Principal p, ObjectNode body) {
        return search(p, body, false);
    }

    /**
     * A subject search ({@code forSubjects}: the people who may receive the named item) or a resource search (the
     * items the named person may receive). Another type or action, or an entity the asker may not see, has no results.
     */
    private ObjectNode search(Principal p, ObjectNode body, boolean forSubjects) {
        Entity subject = entity(body, "subject", !forSubjects, "");
        String action = action(body, "");
        Entity resource = entity(body, "resource", forSubjects, "");
        ObjectNode context = context(body, "");
        Page page = page(body);
        WorldService.Snapshot snap = worlds.current();
        World world = snap.world();
        LocalDate today = worlds.clock().today();
        List<String> ids = new ArrayList<>();
        if (subject.type().equals(SUBJECT_TYPE) && resource.type().equals(RESOURCE_TYPE) && action.equals(ACTION)) {
            if (forSubjects && visibleItem(p, world, resource.id(), today)) {
                world.people().stream().filter(x -> x.id() != null && Access.seesPerson(p, world, x, today)).map(x -> x.id()).sorted().forEach(ids::add);
            } else if (!forSubjects && visiblePerson(p, world, subject.id(), today)) {
                world.items().stream().filter(x -> x.id() != null && Access.sees(p, world, x.project(), today)).map(x -> x.id()).sorted().forEach(ids::add);
            }
        }
        return search(p, snap, page, ids, id -> forSubjects ? pillarRequest(id, resource.id(), context) : pillarRequest(subject.id(), id, context),
                forSubjects ? SUBJECT_TYPE : RESOURCE_TYPE);
    }

    /** The actions the person may take on the item: {@code release} when it is permitted. */
    private ObjectNode searchActions(Principal p, ObjectNode body) {
        Entity subject = entity(body, "subject", true, "");
        Entity resource = entity(body, "resource", true, "");
        ObjectNode context = context(body, "");
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        ArrayNode results = out.putArray("results");
        ObjectNode d = decide(p, subject, ACTION, resource, context);
        if (d.get("decision").asBoolean()) {
            results.addObject().put("name", ACTION);
        }
        out.putObject("page").put("next_token", "");
        return out;
    }

    private static boolean visibleItem(Principal p, World world, String id, LocalDate today) {
        var item = world.item(id);
        return item != null && Access.sees(p, world, item.project(), today);
    }

    private static boolean visiblePerson(Principal p, World world, String id, LocalDate today) {
        var person = world.person(id);
        return person != null && Access.seesPerson(p, world, person, today);
    }

    /** Where a search page starts (an index into the ordered candidates) and how many results it holds at most. */
    record Page(int from, int limit, String worldVersion) {}

    /**
     * The request's {@code page}: {@code limit} (1 to {@link #MAX_PAGE}, default {@link #PAGE}) and the
     * {@code next_token} of an earlier answer ({@code token} is accepted too). A token is bound to the world version it
     * was made in.
     */
    private static Page page(JsonNode body) {
        JsonNode page = body.get("page");
        if (page == null || page.isNull()) {
            return new Page(0, PAGE, null);
        }
        if (!page.isObject()) {
            throw Refusal.invalid("page", "must be an object with limit and next_token");
        }
        int limit = PAGE;
        JsonNode l = page.get("limit");
        if (l != null && !l.isNull()) {
            if (!l.isIntegralNumber() || l.asLong() < 1 || l.asLong() > MAX_PAGE) {
                throw Refusal.invalid("page.limit", "must be a whole number from 1 to " + MAX_PAGE);
            }
            limit = l.asInt();
        }
        String token = page.has("next_token") ? string(page, "next_token", false, "page.") : page.has("token") ? string(page, "token", false, "page.") : null;
        if (token == null) {
            return new Page(0, limit, null);
        }
        try {
            String[] t = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 2);
            return new Page(Integer.parseInt(t[0]), limit, t[1]);
        } catch (RuntimeException e) {
            throw Refusal.invalid("page.next_token", "is not a token of this API: send the next_token of the previous answer as it was given");
        }
    }

    private static String token(int from, String worldVersion) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((from + "\n" + worldVersion).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The permitted candidates from {@code page.from}, decided (and recorded) a batch at a time, until the page holds
     * {@code limit} results, {@link #MAX_SCAN} candidates have been decided, or the candidates end.
     */
    private ObjectNode search(Principal p, WorldService.Snapshot snap, Page page, List<String> candidates,
                              java.util.function.Function<String, ObjectNode> request, String type) {
        String version = snap.world().version();
        if (page.worldVersion() != null && !page.worldVersion().equals(version)) {
            throw Refusal.invalid("page.next_token", "the world has changed since this token was given: search again from the first page");
        }
        if (page.from() < 0 || page.from() > candidates.size()) {
            throw Refusal.invalid("page.next_token", "is not a token of this search: search again from the first page");
        }
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        ArrayNode results = out.putArray("results");
        int at = page.from();
        int stop = (int) Math.min(candidates.size(), (long) at + MAX_SCAN);
        while (at < stop && results.size() < page.limit()) {
            int end = Math.min(stop, at + Math.min(SCAN, page.limit() - results.size()));
            ObjectNode batch = WorldDocuments.mapper().createObjectNode();
            ArrayNode requests = batch.putArray("requests");
            for (int i = at; i < end; i++) {
                requests.add(request.apply(candidates.get(i)));
            }
            JsonNode answer = Requests.readJson(decisions.decideBatch(p, batch, false).json()).get("results");
            for (int i = at; i < end; i++) {
                JsonNode r = answer.get(i - at);
                if (r.has("outcome") && r.get("outcome").asString().equals("PERMIT")) {
                    results.addObject().put("type", type).put("id", candidates.get(i));
                }
            }
            at = end;
        }
        ObjectNode pageOut = out.putObject("page");
        pageOut.put("next_token", at < candidates.size() ? token(at, version) : "");
        pageOut.put("count", results.size());
        return out;
    }

    // ---- metadata -------------------------------------------------------------------------------------------------

    /** The PDP metadata: the endpoints, under the base URL the request was made to. */
    private void configuration(Context ctx) {
        String scheme = ctx.header("X-Forwarded-Proto") != null ? ctx.header("X-Forwarded-Proto") : ctx.scheme();
        String host = ctx.header("X-Forwarded-Host") != null ? ctx.header("X-Forwarded-Host") : ctx.host();
        String base = scheme + "://" + host;
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("policy_decision_point", base);
        out.put("access_evaluation_endpoint", base + "/access/v1/evaluation");
        out.put("access_evaluations_endpoint", base + "/access/v1/evaluations");
        out.put("search_subject_endpoint", base + "/access/v1/search/subject");
        out.put("search_resource_endpoint", base + "/access/v1/search/resource");
        out.put("search_action_endpoint", base + "/access/v1/search/action");
        json(ctx, out);
    }

    private static void json(Context ctx, JsonNode node) {
        ctx.contentType("application/json").result(node.toString());
    }
}
