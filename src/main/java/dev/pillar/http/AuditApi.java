package dev.pillar.http;

import dev.pillar.app.AuditService;
import dev.pillar.app.Refusal;
import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.audit.Merkle;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.codec.world.WorldDocuments;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The audit log under {@code /api/v1/audit}: the signed checkpoint, its verifier key, entries and proofs. */
final class AuditApi {
    private final AuditLog log;
    private final AuditService audit;

    AuditApi(AuditService audit) {
        this.audit = audit;
        this.log = audit.log();
    }

    void routes(RoutesConfig r) {
        r.get("/api/v1/audit/checkpoint", ctx -> ctx.contentType("text/plain; charset=utf-8").result(log.checkpoint().render()));
        r.get("/api/v1/audit/key", ctx -> ctx.contentType("text/plain; charset=utf-8").result(log.verifierKey() + "\n"));
        r.get("/api/v1/audit/entries/{index}", this::entry);
        r.get("/api/v1/audit/proof/inclusion", this::inclusion);
        r.get("/api/v1/audit/proof/consistency", this::consistency);
        r.get("/api/v1/audit/decisions/{id}", this::decision);
        r.get("/api/v1/audit/checkpoints", this::checkpoints);
        r.get("/api/v1/audit/checkpoints/{size}", this::cosignedCheckpoint);
        r.get("/api/v1/audit/witnesses", this::witnesses);
        r.post("/api/v1/audit/witnesses", this::register);
        r.post("/api/v1/audit/witnesses/revocations", this::revoke);
        r.post("/api/v1/audit/cosignatures", this::cosign);
    }

    private static void notForEngineers(Context ctx) {
        if (Requests.principal(ctx).role() == Role.ENGINEER) {
            throw Refusal.forbidden(); // entries name every actor and item: not for engineers
        }
    }

    private static void witnessRoles(Context ctx) {
        Role role = Requests.principal(ctx).role();
        if (role != Role.SECRETARIAT && role != Role.DELEGATE) {
            throw Refusal.forbidden(); // witnesses are the core members' (their delegates), kept by the secretariat
        }
    }

    private void decision(Context ctx) {
        notForEngineers(ctx);
        String id = ctx.pathParam("id");
        long index = audit.decisionEntry(id).orElseThrow(() -> Refusal.notFound("no entry of the log records decision '" + id + "'"));
        byte[] e = log.entry(index);
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("decisionId", id);
        out.put("index", index);
        out.put("entry", new String(e, StandardCharsets.UTF_8));
        out.put("leafHash", Base64.getEncoder().encodeToString(Merkle.leafHash(e)));
        Requests.json(ctx, out);
    }

    static ObjectNode kept(AuditService.Kept k) {
        ObjectNode o = WorldDocuments.mapper().createObjectNode();
        o.put("treeSize", k.size());
        o.put("time", k.time().toString());
        o.put("rootHash", k.rootHash());
        o.put("note", k.note());
        ArrayNode c = o.putArray("cosignatures");
        k.cosigners().forEach(x -> c.addObject().put("member", x.member()).put("keyName", x.keyName()).put("receivedAt", x.receivedAt().toString()));
        ArrayNode by = o.putArray("cosignedBy");
        k.status().cosigned().forEach(by::add);
        ArrayNode missing = o.putArray("missing");
        k.status().missing().forEach(missing::add);
        o.put("cosignedByAllCoreMembers", k.status().all());
        return o;
    }

    private void checkpoints(Context ctx) {
        long before = number(ctx, "before", Long.MAX_VALUE);
        int limit = Requests.intParam(ctx, "limit", 20, 1, 200);
        int offset = Requests.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        ArrayNode a = out.putArray("checkpoints");
        audit.checkpoints(before, offset, limit).forEach(k -> a.add(kept(k)));
        Requests.json(ctx, out);
    }

    private void cosignedCheckpoint(Context ctx) {
        long size;
        try {
            size = Long.parseLong(ctx.pathParam("size"));
        } catch (NumberFormatException e) {
            throw Refusal.invalid("size", "'" + ctx.pathParam("size") + "' is not a whole number");
        }
        AuditService.Kept k = audit.checkpoint(size).orElseThrow(() -> Refusal.notFound("the log kept no checkpoint of tree size " + size));
        ctx.contentType("text/plain; charset=utf-8").result(k.note());
    }

    private void witnesses(Context ctx) {
        Requests.principal(ctx);
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        ArrayNode a = out.putArray("witnesses");
        for (var k : audit.witnessKeys()) {
            a.add(witnessView(k));
        }
        ArrayNode core = out.putArray("coreMembers");
        audit.coreMembers(audit.now()).forEach(core::add);
        Requests.json(ctx, out);
    }

    private static ObjectNode witnessView(dev.pillar.app.port.AuditStorage.WitnessKey k) {
        ObjectNode o = WorldDocuments.mapper().createObjectNode();
        o.put("member", k.member()).put("keyName", k.keyName()).put("key", k.verifierKey()).put("registeredAt", k.registeredAt().toString())
                .put("registeredBy", k.registeredBy());
        if (k.revoked()) {
            o.put("revokedAt", k.revokedAt().toString()).put("revokedBy", k.revokedBy());
        }
        return o;
    }

    private void revoke(Context ctx) {
        witnessRoles(ctx);
        var body = Requests.jsonBody(ctx);
        String member = body.get("member") != null && body.get("member").isString() ? body.get("member").asString() : null;
        String key = body.get("key") != null && body.get("key").isString() ? body.get("key").asString() : null;
        String jws = body.get("jws") != null && body.get("jws").isString() ? body.get("jws").asString() : null;
        var k = audit.revoke(Requests.principal(ctx), member, key, jws);
        Requests.json(ctx, witnessView(k));
    }

    private void register(Context ctx) {
        witnessRoles(ctx);
        var body = Requests.jsonBody(ctx);
        String member = body.get("member") != null && body.get("member").isString() ? body.get("member").asString() : null;
        String key = body.get("key") != null && body.get("key").isString() ? body.get("key").asString() : null;
        String jws = body.get("jws") != null && body.get("jws").isString() ? body.get("jws").asString() : null;
        var k = audit.register(Requests.principal(ctx), member, key, jws);
        ctx.status(201);
        Requests.json(ctx, witnessView(k));
    }

    private void cosign(Context ctx) {
        witnessRoles(ctx);
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        String note;
        if (type.startsWith("text/plain")) {
            note = ctx.body();
        } else if (type.startsWith("application/json")) {
            var body = Requests.jsonBody(ctx);
            if (body.get("note") == null || !body.get("note").isString()) {
                throw Refusal.invalid("note", "is required: the cosigned checkpoint, a signed note as text");
            }
            note = body.get("note").asString();
        } else {
            throw new Refusal(Refusal.Kind.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "send the cosigned checkpoint note as text/plain (or JSON {\"note\": ...})", "Content-Type");
        }
        Requests.json(ctx, kept(audit.submit(note)));
    }

    private static long number(Context ctx, String name, Long otherwise) {
        String v = ctx.queryParam(name);
        if (v == null) {
            if (otherwise == null) {
                throw Refusal.invalid(name, "is required: a whole number");
            }
            return otherwise;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw Refusal.invalid(name, "'" + v + "' is not a whole number");
        }
    }

    private static ArrayNode hashes(ObjectNode out, String name, List<byte[]> proof) {
        ArrayNode a = out.putArray(name);
        proof.forEach(h -> a.add(Base64.getEncoder().encodeToString(h)));
        return a;
    }

    private void entry(Context ctx) {
        Principal p = Requests.principal(ctx);
        if (p.role() == Role.ENGINEER) {
            throw Refusal.forbidden(); // entries name every actor and item: not for engineers
        }
        long index;
        try {
            index = Long.parseLong(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            throw Refusal.invalid("index", "'" + ctx.pathParam("index") + "' is not a whole number");
        }
        if (index < 0 || index >= log.size()) {
            throw Refusal.notFound("no entry " + index + ": the log has " + log.size() + " entries");
        }
        byte[] e = log.entry(index);
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("index", index);
        out.put("entry", new String(e, StandardCharsets.UTF_8));
        out.put("leafHash", Base64.getEncoder().encodeToString(Merkle.leafHash(e)));
        Requests.json(ctx, out);
    }

    private void inclusion(Context ctx) {
        long size = number(ctx, "size", log.size());
        long index = number(ctx, "index", null);
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        try {
            List<byte[]> proof = log.inclusionProof(index, size);
            out.put("index", index);
            out.put("treeSize", size);
            out.put("rootHash", Base64.getEncoder().encodeToString(log.root(size)));
            hashes(out, "proof", proof);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(index < 0 || index >= size ? "index" : "size", e.getMessage());
        }
        Requests.json(ctx, out);
    }

    private void consistency(Context ctx) {
        long to = number(ctx, "to", log.size());
        long from = number(ctx, "from", null);
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        try {
            List<byte[]> proof = log.consistencyProof(from, to);
            out.put("from", from);
            out.put("to", to);
            out.put("fromRoot", Base64.getEncoder().encodeToString(log.root(from)));
            out.put("toRoot", Base64.getEncoder().encodeToString(log.root(to)));
            hashes(out, "proof", proof);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(from <= 0 || from > to ? "from" : "to", e.getMessage());
        }
        Requests.json(ctx, out);
    }
}
