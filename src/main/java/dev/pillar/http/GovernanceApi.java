package dev.pillar.http;

import dev.pillar.app.Access;
import dev.pillar.app.GovernanceService;
import dev.pillar.app.Refusal;
import dev.pillar.app.WorldService;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.StoredAct;
import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.governance.CastVote;
import dev.pillar.core.governance.Finding;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.governance.Proposal;
import dev.pillar.core.model.Country;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Governance under {@code /api/v1/governance}: proposals (secretariat and delegates propose), votes (a delegate posts
 * their member's signed JWS), bundles, the raw record of acts and its verification. See docs/governance.md.
 */
final class GovernanceApi {
    private final GovernanceService governance;
    private final dev.pillar.app.AuditService audit;

    GovernanceApi(GovernanceService governance, dev.pillar.app.AuditService audit) {
        this.governance = governance;
        this.audit = audit;
    }

    void routes(RoutesConfig r) {
        r.get("/api/v1/governance/proposals", this::list);
        r.post("/api/v1/governance/proposals", this::propose);
        r.get("/api/v1/governance/proposals/{id}", this::get);
        r.post("/api/v1/governance/proposals/{id}/votes", this::vote);
        r.get("/api/v1/governance/proposals/{id}/bundle", this::bundle);
        r.get("/api/v1/governance/nominations", this::nominations);
        r.post("/api/v1/governance/nominations", this::nominate);
        r.get("/api/v1/governance/nominations/{id}", this::nomination);
        r.get("/api/v1/governance/keys", this::enrolments);
        r.post("/api/v1/governance/keys", this::requestKey);
        r.get("/api/v1/governance/keys/{id}", this::enrolment);
        r.post("/api/v1/governance/keys/{id}/cosignatures", this::cosign);
        r.post("/api/v1/governance/keys/{id}/confirmation", this::confirm);
        r.get("/api/v1/governance/acts", this::acts);
        r.get("/api/v1/governance/verify", this::verify);
    }

    private void list(Context ctx) {
        Requests.principal(ctx);
        Governance g = governance.governance();
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        Instant now = governance.now();
        g.entries().forEach(e -> out.add(view(g, e, now)));
        Requests.json(ctx, out);
    }

    private void propose(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.propose(p);
        JsonNode body = Requests.jsonBody(ctx);
        Governance.Entry e = governance.propose(body, p.subject());
        ctx.status(201).header("Location", "/api/v1/governance/proposals/" + e.proposal().id());
        Requests.json(ctx, view(governance.governance(), e, governance.now()));
    }

    private Governance.Entry entry(Context ctx) {
        Governance.Entry e = governance.governance().entry(ctx.pathParam("id"));
        if (e == null) {
            throw Refusal.notFound("no proposal with this id");
        }
        return e;
    }

    private void get(Context ctx) {
        Requests.principal(ctx);
        Requests.json(ctx, view(governance.governance(), entry(ctx), governance.now()));
    }

    private void vote(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.vote(p);
        JsonNode body = Requests.jsonBody(ctx);
        if (!body.isObject()) {
            throw Refusal.invalid("", "the body must be a JSON object: {\"jws\": \"<compact JWS of the vote>\"}");
        }
        for (String name : body.propertyNames()) {
            if (!name.equals("jws")) {
                throw Refusal.invalid(name, "unknown field: remove it or use [jws]");
            }
        }
        JsonNode jws = body.get("jws");
        if (jws == null || !jws.isString() || jws.asString().isBlank()) {
            throw Refusal.invalid("jws", "is required: the compact JWS of the vote (pillar governance vote --sign-only prints it)");
        }
        String id = ctx.pathParam("id");
        governance.vote(id, jws.asString(), Country.of(p.country()), p.subject());
        ctx.status(201).header("Location", "/api/v1/governance/proposals/" + id);
        Requests.json(ctx, view(governance.governance(), governance.governance().entry(id), governance.now()));
    }

    private void nominations(Context ctx) {
        Requests.principal(ctx);
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        governance.governance().nominations().forEach(n -> out.add(GovernanceCodec.nominationView(n)));
        Requests.json(ctx, out);
    }

    private void nominate(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.secretariat(p);
        Governance.NominationEntry n = governance.nominate(Requests.jsonBody(ctx), p.subject());
        ctx.status(201).header("Location", "/api/v1/governance/nominations/" + n.nomination().id());
        Requests.json(ctx, GovernanceCodec.nominationView(n));
    }

    private void nomination(Context ctx) {
        Requests.principal(ctx);
        Governance.NominationEntry n = governance.governance().nomination(ctx.pathParam("id"));
        if (n == null) {
            throw Refusal.notFound("no nomination with this id");
        }
        Requests.json(ctx, GovernanceCodec.nominationView(n));
    }

    private void enrolments(Context ctx) {
        Requests.principal(ctx);
        Governance g = governance.governance();
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        g.enrolments().forEach(e -> out.add(GovernanceCodec.enrolmentView(g, e)));
        Requests.json(ctx, out);
    }

    private void requestKey(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.keys(p);
        JsonNode body = Requests.jsonBody(ctx);
        if (body.isObject() && !body.has("member")) {
            ((ObjectNode) body).put("member", p.country());
        }
        Governance.Enrolment e = governance.requestKey(body, Country.of(p.country()), p.subject());
        ctx.status(201).header("Location", "/api/v1/governance/keys/" + e.request().id());
        Requests.json(ctx, GovernanceCodec.enrolmentView(governance.governance(), e));
    }

    private Governance.Enrolment enrolmentOf(Context ctx) {
        Governance.Enrolment e = governance.governance().enrolment(ctx.pathParam("id"));
        if (e == null) {
            throw Refusal.notFound("no key enrolment with this id");
        }
        return e;
    }

    private void enrolment(Context ctx) {
        Requests.principal(ctx);
        Requests.json(ctx, GovernanceCodec.enrolmentView(governance.governance(), enrolmentOf(ctx)));
    }

    private static String field(JsonNode body, String name, String what, List<String> allowed) {
        if (!body.isObject()) {
            throw Refusal.invalid("", "the body must be a JSON object with " + allowed);
        }
        for (String n : body.propertyNames()) {
            if (!allowed.contains(n)) {
                throw Refusal.invalid(n, "unknown field: remove it or use " + allowed);
            }
        }
        JsonNode v = body.get(name);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw Refusal.invalid(name, "is required: " + what);
        }
        return v.asString().strip();
    }

    private void cosign(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.keys(p);
        enrolmentOf(ctx);
        JsonNode body = Requests.jsonBody(ctx);
        List<String> allowed = List.of("kid", "jws");
        String kid = field(body, "kid", "the id of the key that signed (your member's registered key, or the key it asked to enrol)", allowed);
        String jws = field(body, "jws", "the compact JWS of the co-signature statement (cosignStatements." + p.country() + " of the enrolment)", allowed);
        Country member = Country.of(p.country());
        Governance.Enrolment e = governance.cosignKey(ctx.pathParam("id"), member, kid, jws, member, p.subject());
        ctx.status(201);
        Requests.json(ctx, GovernanceCodec.enrolmentView(governance.governance(), e));
    }

    private void confirm(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.secretariat(p);
        enrolmentOf(ctx);
        String digest = field(Requests.jsonBody(ctx), "digest", "the digest of the enrolment you checked with the member", List.of("digest"));
        Governance.Enrolment e = governance.confirmKey(ctx.pathParam("id"), digest, p.subject());
        ctx.status(201);
        Requests.json(ctx, GovernanceCodec.enrolmentView(governance.governance(), e));
    }

    private void bundle(Context ctx) {
        Requests.principal(ctx);
        try {
            Requests.json(ctx, governance.bundle(ctx.pathParam("id")));
        } catch (Refusal r) {
            throw Refusal.notFound("no proposal with this id");
        }
    }

    private void acts(Context ctx) {
        Requests.principal(ctx);
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        for (StoredAct a : governance.worlds().current().governance().stored()) {
            ObjectNode o = out.addObject();
            o.put("seq", a.seq());
            o.put("kind", a.kind());
            o.put("proposal", a.proposalId());
            o.put("slot", a.slot());
            o.put("digest", a.digest());
            o.put("recordedAt", a.recordedAt().toString());
            o.put("recordedBy", a.recordedBy());
            o.put("body", a.body());
        }
        Requests.json(ctx, out);
    }

    private void verify(Context ctx) {
        Requests.principal(ctx);
        WorldService.GovernanceRecord record = governance.worlds().current().governance();
        List<Finding> findings = new java.util.ArrayList<>(record.verification());
        findings.addAll(audit.governanceFindings(record.stored()));
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("acts", record.stored().size());
        out.put("ok", findings.isEmpty());
        ArrayNode list = out.putArray("findings");
        for (Finding f : findings) {
            list.addObject().put("seq", f.seq()).put("proposal", f.proposalId()).put("act", f.act()).put("problem", f.problem());
        }
        Requests.json(ctx, out);
    }

    /** A proposal as the API shows it: its content, digest, status now, voters, votes and outcome. */
    static ObjectNode view(Governance g, Governance.Entry e, Instant now) {
        Proposal p = e.proposal();
        ObjectNode o = WorldDocuments.mapper().createObjectNode();
        o.put("id", p.id());
        o.put("status", e.status(now).name());
        o.put("candidate", p.candidate().code());
        o.put("action", p.action().label());
        o.put("stage", p.action().stage());
        ArrayNode projects = o.putArray("projects");
        p.projects().forEach(projects::add);
        o.put("effective", p.effective().toString());
        o.put("deadline", p.deadline().toString());
        o.set("sources", GovernanceCodec.sourcesJson(p.sources()));
        o.put("note", p.note());
        o.put("proposedBy", p.proposedBy());
        o.put("proposedAt", p.proposedAt().toString());
        o.put("digest", e.digest());
        ArrayNode voters = o.putArray("voters");
        g.voters(p).forEach(c -> voters.add(c.code()));
        ArrayNode votes = o.putArray("votes");
        for (CastVote c : e.votes()) {
            ObjectNode v = votes.addObject();
            v.put("member", c.vote().member().code());
            v.put("choice", c.vote().choice().name());
            v.put("reason", c.vote().reason());
            v.put("time", c.vote().time().toString());
            v.put("kid", c.kid());
            v.put("castBy", c.castBy());
            v.put("recordedAt", c.recordedAt().toString());
            v.put("jws", c.jws());
        }
        o.set("outcome", e.outcome() == null ? null : GovernanceCodec.outcomeJson(e.outcome()));
        return o;
    }
}
