package dev.pillar.http.console;

import dev.pillar.app.AuditService;
import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.audit.Checkpoint;
import dev.pillar.app.audit.Merkle;
import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.audit.SignedNote;
import dev.pillar.app.port.Role;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.http.console.Views.AuditCheckpointRow;
import dev.pillar.http.console.Views.AuditCheckpointsView;
import dev.pillar.http.console.Views.AuditEntriesView;
import dev.pillar.http.console.Views.AuditEntryRow;
import dev.pillar.http.console.Views.AuditProofView;
import dev.pillar.http.console.Views.WitnessRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * The console's audit pages (not for engineers, like {@code GET /api/v1/audit/entries}): {@code /audit} (the entries,
 * newest first, paged), {@code /audit/lookup} (a decision by id or an entry by index: its inclusion proof against the
 * latest signed checkpoint, verified here with the log's key) and {@code /audit/checkpoints} (kept checkpoints with
 * their witnesses' cosignatures, and whether every core member cosigned). See docs/console.md and docs/audit.md.
 */
final class AuditPages {
    static final int PAGE = 50;
    private final Console console;
    private final AuditService audit;

    AuditPages(Console console, AuditService audit) {
        this.console = console;
        this.audit = audit;
    }

    void routes(RoutesConfig r) {
        r.get("/audit", console.page(this::entries));
        r.get("/audit/lookup", console.page(this::lookup));
        r.get("/audit/checkpoints", console.page(this::checkpoints));
    }

    private boolean refused(Context ctx, Sessions.Session s) {
        if (s.principal().role() == Role.ENGINEER) {
            console.forbidden(ctx, s, "The audit log names every actor and item: it is not shown to engineers.");
            return true;
        }
        return false;
    }

    /** A whole number from the query, or null when absent or not a number (the caller says which). */
    private static Long number(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private void entries(Context ctx, Sessions.Session s) {
        if (refused(ctx, s)) {
            return;
        }
        AuditLog log = audit.log();
        long size = log.size();
        Long before = number(ctx.queryParam("before"));
        long to = before == null || before < 0 || before > size ? size : before;
        long from = Math.max(0, to - PAGE);
        List<AuditEntryRow> rows = new ArrayList<>();
        audit.log().entries(from, to).forEach((index, bytes) -> rows.add(row(index, bytes)));
        Collections.reverse(rows);
        String newer = to < size ? "/audit?before=" + Math.min(size, to + PAGE) : null;
        String older = from > 0 ? "/audit?before=" + from : null;
        console.render(ctx, "audit.jte", console.page(s, "Audit log", "audit"), "view",
                new AuditEntriesView(size, log.origin(), rows, from, to, newer, older));
    }

    static AuditEntryRow row(long index, byte[] bytes) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        String type = "?";
        String time = "";
        String summary = "";
        try {
            JsonNode e = WorldDocuments.mapper().readTree(json);
            type = text(e, "type");
            time = text(e, "time");
            summary = switch (type) {
                case "decision" -> text(e, "decisionId") + ": " + text(e, "outcome").replace('_', ' ') + " for " + text(e, "actor")
                        + " (as of " + text(e, "asOf") + ")";
                case "document" -> text(e, "action") + " " + text(e, "kind") + " " + text(e, "id") + " (version " + text(e, "version") + ") by "
                        + text(e, "actor");
                case "rules" -> "rule data version " + text(e, "version") + " by " + text(e, "actor");
                case "user" -> text(e, "action") + " user " + text(e, "username") + " (" + text(e, "role") + ")";
                case "governance" -> text(e, "kind") + " of " + text(e, "proposalId") + " by " + text(e, "actor");
                case "witness" -> "witness key of " + text(e, "member") + " registered by " + text(e, "actor");
                case "case" -> text(e, "action") + " case C-" + text(e, "caseId") + " by " + text(e, "actor")
                        + (text(e, "reference").isEmpty() ? "" : " (" + text(e, "reference") + ")");
                case "release" -> text(e, "valueUsd") + " USD released under " + text(e, "licence") + " by decision " + text(e, "decisionId");
                default -> "";
            };
        } catch (RuntimeException e) {
            summary = "not JSON";
        }
        return new AuditEntryRow(index, type, time, summary, json);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.isString() ? v.asString() : v.toString();
    }

    private void lookup(Context ctx, Sessions.Session s) {
        if (refused(ctx, s)) {
            return;
        }
        String decision = ctx.queryParam("decision");
        String entry = ctx.queryParam("entry");
        AuditLog log = audit.log();
        if ((decision == null || decision.isBlank()) && (entry == null || entry.isBlank())) {
            render(ctx, s, empty("", null, null));
            return;
        }
        long index;
        String query;
        String field;
        if (decision != null && !decision.isBlank()) {
            query = decision.strip();
            field = "decision";
            if (query.length() > 200) {
                ctx.status(HttpStatus.BAD_REQUEST);
                render(ctx, s, empty(query.substring(0, 200), field, "A decision id has at most 200 characters."));
                return;
            }
            OptionalLong found = audit.decisionEntry(query);
            if (found.isEmpty()) {
                ctx.status(HttpStatus.NOT_FOUND);
                render(ctx, s, empty(query, field, "No entry of the log records decision '" + query + "'. Check the id (it is in the answer, "
                        + "field decisionId); decisions made by the command line without the server are not logged."));
                return;
            }
            index = found.getAsLong();
        } else {
            query = entry.strip();
            field = "entry";
            Long n = number(query);
            if (n == null || n < 0 || n >= log.size()) {
                ctx.status(HttpStatus.BAD_REQUEST);
                render(ctx, s, empty(query, field, "'" + query + "' is not an entry of this log: give a number from 0 to " + (log.size() - 1) + "."));
                return;
            }
            index = n;
        }
        SignedNote note = log.checkpoint(); // the tree of at least index + 1 entries: the log only grows
        Checkpoint cp = Checkpoint.parse(note.text());
        NoteKey key = NoteKey.verifier(log.verifierKey());
        byte[] bytes = log.entry(index);
        List<byte[]> proof = log.inclusionProof(index, cp.size());
        boolean proofOk = Merkle.verifyInclusion(Merkle.leafHash(bytes), index, cp.size(), proof, cp.root());
        Base64.Encoder b64 = Base64.getEncoder();
        render(ctx, s, new AuditProofView(query, field, null, index, new String(bytes, StandardCharsets.UTF_8), b64.encodeToString(Merkle.leafHash(bytes)),
                note.render(), cp.size(), b64.encodeToString(cp.root()), proof.stream().map(b64::encodeToString).toList(), note.verifiedBy(key),
                proofOk, log.verifierKey()));
    }

    private AuditProofView empty(String query, String field, String error) {
        return new AuditProofView(query, field, error, -1, null, null, null, 0, null, List.of(), false, false, audit.log().verifierKey());
    }

    private void render(Context ctx, Sessions.Session s, AuditProofView view) {
        console.render(ctx, "audit-lookup.jte", console.page(s, "Audit log: look up", "audit"), "view", view);
    }

    private void checkpoints(Context ctx, Sessions.Session s) {
        if (refused(ctx, s)) {
            return;
        }
        Long before = number(ctx.queryParam("before"));
        long b = before == null || before < 0 ? Long.MAX_VALUE : before;
        List<AuditService.Kept> kept = audit.checkpoints(b, 0, 20);
        List<AuditCheckpointRow> rows = kept.stream().map(k -> new AuditCheckpointRow(k.size(), k.time().toString(), k.rootHash(), k.note(),
                k.cosigners().stream().map(c -> c.member() + " (" + c.keyName() + ")").toList(), k.status().missing(), k.status().all())).toList();
        List<WitnessRow> witnesses = audit.witnessKeys().stream().map(w -> new WitnessRow(w.member(), w.keyName(), w.verifierKey(),
                w.registeredAt().toString(), w.registeredBy())).toList();
        String older = kept.size() == 20 ? "/audit/checkpoints?before=" + kept.getLast().size() : null;
        console.render(ctx, "audit-checkpoints.jte", console.page(s, "Audit log: checkpoints", "audit"), "view",
                new AuditCheckpointsView(rows, audit.coreMembers(audit.now()), witnesses, older, audit.log().verifierKey()));
    }
}
