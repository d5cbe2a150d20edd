package dev.pillar.server;

import dev.pillar.audit.AuditLog;
import dev.pillar.audit.Merkle;
import dev.pillar.auth.Principal;
import dev.pillar.auth.Role;
import dev.pillar.io.WorldDocuments;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The audit log under {@code /api/v1/audit}: the signed checkpoint, its verifier key, entries and proofs. */
final class AuditApi {
    private final AuditLog log;

    AuditApi(AuditLog log) {
        this.log = log;
    }

    void routes(RoutesConfig r) {
        r.get("/api/v1/audit/checkpoint", ctx -> ctx.contentType("text/plain; charset=utf-8").result(log.checkpoint().render()));
        r.get("/api/v1/audit/key", ctx -> ctx.contentType("text/plain; charset=utf-8").result(log.verifierKey() + "\n"));
        r.get("/api/v1/audit/entries/{index}", this::entry);
        r.get("/api/v1/audit/proof/inclusion", this::inclusion);
        r.get("/api/v1/audit/proof/consistency", this::consistency);
    }

    private static long number(Context ctx, String name, Long otherwise) {
        String v = ctx.queryParam(name);
        if (v == null) {
            if (otherwise == null) {
                throw ApiException.badRequest(name, "is required: a whole number");
            }
            return otherwise;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "'" + v + "' is not a whole number");
        }
    }

    private static ArrayNode hashes(ObjectNode out, String name, List<byte[]> proof) {
        ArrayNode a = out.putArray(name);
        proof.forEach(h -> a.add(Base64.getEncoder().encodeToString(h)));
        return a;
    }

    private void entry(Context ctx) {
        Principal p = Server.principal(ctx);
        if (p.role() == Role.ENGINEER) {
            throw ApiException.forbidden(); // entries name every actor and item: not for engineers
        }
        long index;
        try {
            index = Long.parseLong(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("index", "'" + ctx.pathParam("index") + "' is not a whole number");
        }
        if (index < 0 || index >= log.size()) {
            throw ApiException.notFound("no entry " + index + ": the log has " + log.size() + " entries");
        }
        byte[] e = log.entry(index);
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("index", index);
        out.put("entry", new String(e, StandardCharsets.UTF_8));
        out.put("leafHash", Base64.getEncoder().encodeToString(Merkle.leafHash(e)));
        Server.json(ctx, out);
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
            throw ApiException.badRequest(index < 0 || index >= size ? "index" : "size", e.getMessage());
        }
        Server.json(ctx, out);
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
            throw ApiException.badRequest(from <= 0 || from > to ? "from" : "to", e.getMessage());
        }
        Server.json(ctx, out);
    }
}
