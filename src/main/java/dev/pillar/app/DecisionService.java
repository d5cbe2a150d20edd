package dev.pillar.app;

import dev.pillar.app.port.CaseStore;
import dev.pillar.app.port.DecisionStore;
import dev.pillar.app.port.LicenceLedger;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.StoreException;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.JsonText;
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decide and record: the one path by which a decision asked of Pillar (through the API, singly or in a batch, the
 * console's explorer, the CLI on a data directory, or a benchmark) is decided against the world in force and recorded
 * durably before its answer is handed out. The answer is rendered once: what is stored is what was answered.
 */
public final class DecisionService implements AutoCloseable {
    /** Requests in one batch, at most. */
    public static final int MAX_BATCH = 10_000;

    /** Tries to draw a release from a capped licence whose value other releases took meanwhile, at most. */
    static final int RELEASE_ATTEMPTS = 16;

    private final WorldService worlds;
    private final DecisionStore store;
    private final dev.pillar.app.port.AuditStorage audit;
    private final dev.pillar.app.audit.AuditLog log;
    private final LicenceLedger ledger;
    private final LicenceService licences;
    private final CaseService cases;
    private final DecisionWriter writer;

    /**
     * @param audit       the stored log every decision read from the store is checked against
     * @param log         the log's tree in memory, which the stored entry must be part of
     * @param ledger      where releases under capped licences are stored with their decisions
     * @param licences    the values used under capped licences, for the decision path
     * @param cases       where REVIEW and LICENSE_REQUIRED decisions open or join cases
     * @param commitSizes told the number of decisions in every group commit (for metrics)
     */
    public DecisionService(WorldService worlds, DecisionStore store, dev.pillar.app.port.AuditStorage audit, dev.pillar.app.audit.AuditLog log,
                           LicenceLedger ledger, LicenceService licences, CaseService cases, IntConsumer commitSizes) {
        this.worlds = worlds;
        this.store = store;
        this.audit = audit;
        this.log = log;
        this.ledger = ledger;
        this.licences = licences;
        this.cases = cases;
        this.writer = new DecisionWriter(store, commitSizes);
    }

    /**
     * A decision made and recorded: the request as parsed, the decision, its rendered answer, when it was recorded, and
     * the case it opened or joined (null unless it is REVIEW or LICENSE_REQUIRED about a named item and recipient).
     */
    public record Decided(DecisionRequest request, Decision decision, String answer, Instant recordedAt, String caseId) {}

    /** A decision made; {@code stored} already durable if it drew on a capped licence ({@code released}). */
    private record Made(DecisionRequest request, Decision decision, StoredDecision stored, boolean released) {}

    /**
     * Decides {@code request} and renders it with {@code render}; a PERMIT that rests on a capped licence is stored at
     * once with its release, if the licence still has the value. When other releases used it up meanwhile, the request
     * is decided again with the values as they now stand, so a release beyond the cap is never authorised by it.
     */
    private Made make(Principal asker, WorldService.Snapshot snap, DecisionRequest parsed, JsonNode body,
                      java.util.function.Function<Decision, String> render) {
        DecisionRequest request = parsed.withLicenceUsed(licences.usedFor(snap.world(), parsed.recipient().organisation()));
        for (int attempt = 1; ; attempt++) {
            Decision d = snap.engine().decide(request);
            StoredDecision stored = stored(asker, request, body, d, render.apply(d));
            dev.pillar.core.model.Licence drawn = LicenceService.drawnBy(snap.world(), request, d);
            if (drawn == null) {
                return new Made(request, d, stored, false);
            }
            LicenceLedger.Usage after;
            try {
                after = ledger.saveRelease(stored, request.recipient().id(), drawn.number(), request.value(), drawn.valueCapUsd());
            } catch (StoreException e) {
                throw Refusal.of(e);
            }
            if (after != null) {
                licences.released(drawn.number(), after);
                return new Made(request, d, stored, true);
            }
            licences.refresh();
            java.util.Map<String, Long> used = new java.util.HashMap<>(licences.usedFor(snap.world(), request.recipient().organisation()));
            if (attempt >= RELEASE_ATTEMPTS) {
                used.put(drawn.number(), drawn.valueCapUsd()); // still contended: treat its value as used up, never beyond it
            }
            request = request.withLicenceUsed(used);
        }
    }

    /**
     * Decides one JSON v1 request for {@code asker} and records it.
     *
     * @throws Refusal INVALID naming the field if the request cannot be read (nothing is recorded), UNAVAILABLE if
     *                 the decision could not be stored (it must not be handed out)
     */
    public Decided decide(Principal asker, JsonNode body) {
        WorldService.Snapshot snap = worlds.current();
        DecisionRequest parsed = parse(asker, snap, body, "");
        boolean defaulted = !body.has("asOf"); // parse has refused anything but an object
        Made m = make(asker, snap, parsed, body, d -> RequestCodec.appendJson(new StringBuilder(3072), d, defaulted).toString());
        if (!m.released()) {
            record(List.of(m.stored()));
        }
        List<CaseStore.StoredCase> held = cases.hold(List.of(new CaseService.Asked(asker, m.request(), m.decision(), m.stored().createdAt())));
        return new Decided(m.request(), m.decision(), m.stored().response(), m.stored().createdAt(), held.isEmpty() ? null : "C-" + held.get(0).id());
    }

    /** The answer to a batch: the JSON text sent as is, and how many decisions of each outcome it holds. */
    public record BatchAnswer(String json, int[] countsByOutcome) {
        public int count(Outcome o) {
            return countsByOutcome[o.ordinal()];
        }
    }

    /**
     * Decides a batch ({@code {"requests": [...]}}, at most {@link #MAX_BATCH}) and records every decision in one
     * group commit. A request that cannot be read gets a problem in its place; the others are decided. With
     * {@code full} false each result is the outcome view (decision id, outcome, basis).
     */
    public BatchAnswer decideBatch(Principal asker, JsonNode body, boolean full) {
        WorldService.Snapshot snap = worlds.current();
        if (body.isObject()) {
            for (String name : body.propertyNames()) {
                if (!name.equals("requests")) {
                    throw Refusal.invalid(name, "unknown field: remove it or use [requests]");
                }
            }
        }
        JsonNode requests = body.get("requests");
        if (requests == null || !requests.isArray()) {
            throw Refusal.invalid("requests", "is required: a list of up to " + MAX_BATCH + " decision requests");
        }
        if (requests.size() > MAX_BATCH) {
            throw Refusal.invalid("requests", "holds " + requests.size() + " requests; send at most " + MAX_BATCH + " per batch");
        }
        // the answer is built in one buffer: head, then each result (rendered once: stored and sent; GET /decisions/{id}
        // gives back what was answered), sized after the first result so that 10,000 answers are not copied as it grows
        ObjectNode head = WorldDocuments.mapper().createObjectNode();
        head.put("worldVersion", snap.world().version());
        head.put("count", requests.size());
        String h = head.toString();
        StringBuilder out = new StringBuilder(h.length() + 16 + requests.size() * (full ? 3200 : 200));
        out.append(h, 0, h.length() - 1).append(",\"results\":[");
        List<StoredDecision> toStore = new ArrayList<>(requests.size());
        List<CaseService.Asked> asked = new ArrayList<>();
        int[] counts = new int[Outcome.values().length];
        for (int i = 0; i < requests.size(); i++) {
            JsonNode one = requests.get(i);
            if (i > 0) {
                out.append(',');
            }
            try {
                DecisionRequest request = parse(asker, snap, one, "requests[" + i + "].");
                boolean defaulted = !one.has("asOf");
                int from = out.length();
                Made m = make(asker, snap, request, one, d -> {
                    out.setLength(from); // a release decided again replaces what was rendered for it
                    if (full) {
                        RequestCodec.appendJson(out, d, defaulted);
                    } else {
                        RequestCodec.appendOutcomeJson(out, d, defaulted);
                    }
                    return out.substring(from);
                });
                if (i == 0) {
                    out.ensureCapacity(out.length() + (requests.size() - 1) * (out.length() - from + 64) + 2);
                }
                if (!m.released()) {
                    toStore.add(m.stored());
                }
                if (CaseService.holds(new CaseService.Asked(asker, m.request(), m.decision(), m.stored().createdAt()))) {
                    asked.add(new CaseService.Asked(asker, m.request(), m.decision(), m.stored().createdAt()));
                }
                counts[m.decision().outcome().ordinal()]++;
            } catch (Refusal e) {
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
        record(toStore);
        cases.hold(asked);
        return new BatchAnswer(out.append("]}").toString(), counts);
    }

    /**
     * Reads a JSON v1 request against the world of {@code snap} as {@code asker} may: an engineer is told of an item
     * outside their organisation's projects, or of a person they may not share data with ({@link Access#seesPerson}),
     * exactly as of one that does not exist. A missing {@code asOf} is today in
     * the partnership's time zone. Field paths in refusals start with {@code prefix}.
     */
    public DecisionRequest parse(Principal asker, WorldService.Snapshot snap, JsonNode body, String prefix) {
        if (body == null || !body.isObject()) {
            throw Refusal.invalid(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), "a decision request must be a JSON object");
        }
        JsonNode item = body.get("item");
        if (item != null && item.isString() && snap.world().item(item.asString()) != null
                && !Access.sees(asker, snap.world(), snap.world().item(item.asString()).project(), worlds.clock().today())) {
            // the same words as for an id that does not exist (RequestCodec), so that the answer does not tell them apart
            throw Refusal.invalid(prefix + "item", "unknown item '" + item.asString() + "': use an item id of world "
                    + snap.world().id() + " or describe the item inline");
        }
        JsonNode recipient = body.get("recipient");
        if (recipient != null && recipient.isString() && snap.world().person(recipient.asString()) != null
                && !Access.seesPerson(asker, snap.world(), snap.world().person(recipient.asString()), worlds.clock().today())) {
            // an engineer asks only about the people they may share data with; anyone else reads as an unknown id (RequestCodec)
            throw Refusal.invalid(prefix + "recipient", "unknown person '" + recipient.asString() + "': use a person id of world "
                    + snap.world().id() + " or describe the recipient inline");
        }
        try {
            return RequestCodec.parse(body, snap.world(), worlds.clock().today());
        } catch (BadInputException e) {
            throw Refusal.invalid(prefix + e.field(), e.problem());
        }
    }

    private StoredDecision stored(Principal p, DecisionRequest r, JsonNode request, Decision d, String answer) {
        List<String> rules = new ArrayList<>(d.reasons().size());
        for (dev.pillar.core.decision.Reason reason : d.reasons()) {
            if (!rules.contains(reason.ruleId())) {
                rules.add(reason.ruleId());
            }
        }
        return new StoredDecision(d.decisionId(), worlds.clock().now(), p.subject(), d.outcome().name(), d.worldVersion(), d.asOf(),
                r.item().id(), r.recipient().organisation().id(), r.item().project(), JsonText.tree(new StringBuilder(128), request).toString(),
                answer, d.basis(), r.recipient().id(), rules);
    }

    /**
     * Records decisions and returns once they are durable; concurrent callers share one commit.
     *
     * @throws Refusal UNAVAILABLE if they could not be stored: the caller must not hand out the decisions
     */
    public void record(List<StoredDecision> decisions) {
        try {
            writer.write(decisions);
        } catch (StoreException e) {
            throw Refusal.of(e);
        }
    }

    /**
     * A recorded decision, if {@code asker} may see it: engineers see their own, and others' about items of their
     * organisation's projects and people they may share data with ({@link Access#seesPerson}).
     */
    public Optional<StoredDecision> find(Principal asker, String id) {
        Optional<StoredDecision> d = store.decision(id);
        if (d.isPresent() && asker.role() == Role.ENGINEER && !asker.subject().equals(d.get().actor())) {
            var world = worlds.current().world();
            java.time.LocalDate today = worlds.clock().today();
            if (!Access.sees(asker, world, d.get().project(), today)) {
                return Optional.empty();
            }
            // another's decision about a person the engineer may not share data with: its facts are that person's
            JsonNode recipient = WorldDocuments.mapper().readTree(d.get().request()).get("recipient");
            if (recipient != null && recipient.isString() && world.person(recipient.asString()) != null
                    && !Access.seesPerson(asker, world, world.person(recipient.asString()), today)) {
                return Optional.empty();
            }
        }
        return d.map(this::checked); // only what the asker may see is checked (and so refused when changed)
    }

    /**
     * The request of a recorded decision decided again against the world in force, with the values used under capped
     * licences as they stand, without recording it (how a compliance officer sees what a closed case now gets).
     */
    public Optional<Decision> again(String decisionId) {
        Optional<StoredDecision> d = store.decision(decisionId).map(this::checked);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        WorldService.Snapshot snap = worlds.current();
        Principal reader = new Principal("pillar:case-check", Role.ADMIN, null, null);
        DecisionRequest r = parse(reader, snap, WorldDocuments.mapper().readTree(d.get().request()), "");
        return Optional.of(snap.engine().decide(r.withLicenceUsed(licences.usedFor(snap.world(), r.recipient().organisation()))));
    }

    /**
     * {@code d} as read from the store, if it is what the audit log's entry for it records (digests of its request and
     * answer, its outcome and who asked); otherwise it was changed in the store (or its entry is missing) and is not
     * served: UNAVAILABLE, naming the decision. The entry is found by the index kept beside the decision (one read),
     * or for decisions stored before that index by a scan of the log back to it.
     */
    private StoredDecision checked(StoredDecision d) {
        dev.pillar.app.port.AuditEntry.Decision[] logged = {null};
        boolean inTree = false;
        String unreadable = null;
        try {
            java.util.OptionalLong at = store.auditIndex(d.id());
            if (at.isEmpty()) {
                at = dev.pillar.app.audit.AuditLookup.decision(audit, audit.auditSize(), d.id());
            }
            if (at.isPresent() && at.getAsLong() >= 0 && at.getAsLong() < audit.auditSize()) {
                long index = at.getAsLong();
                byte[][] bytes = {null};
                audit.auditRecords(index, index + 1, r -> {
                    if (r.entry() instanceof dev.pillar.app.port.AuditEntry.Decision e) {
                        logged[0] = e;
                        bytes[0] = r.bytes();
                    }
                });
                inTree = bytes[0] != null && log.holds(index, bytes[0]);
            }
        } catch (RuntimeException e) {
            if (e instanceof StoreException) {
                throw Refusal.of(e);
            }
            unreadable = e.getMessage(); // an entry that does not parse: the store was changed
        }
        String broken = log.broken().orElse(null);
        String problem = broken != null ? "cannot be checked: the stored audit log disagrees with its last signed checkpoint (" + broken + ")"
                : unreadable != null ? "has an audit entry that cannot be read (" + unreadable + ")"
                : logged[0] == null ? "has no entry in the audit log"
                : !inTree ? "has an audit entry that is not the one the log recorded (the stored log was rewritten)"
                : !dev.pillar.app.audit.StateCheck.matches(logged[0], d) ? "differs from its audit entry (logged " + logged[0].outcome() + ", stored " + d.outcome() + ")"
                : null;
        if (problem != null) {
            throw new Refusal(Refusal.Kind.UNAVAILABLE, "Record differs from the audit log", "decision " + d.id() + " as stored " + problem
                    + ": it was changed in the store and is not served; run pillar audit verify", null);
        }
        return d;
    }

    /** The case a recorded decision opened or joined, if any: the requester sees where their request stands. */
    public Optional<CaseStore.StoredCase> caseOf(String decisionId) {
        return cases.caseOfDecision(decisionId);
    }

    /** Decisions in one page of a search, at most. */
    public static final int MAX_PAGE = 1000;

    /**
     * A search of the recorded decisions (null: any): dates are days of the partnership's time zone on which the
     * decision was recorded, {@code from} and {@code to} inclusive; {@code cursor} is the {@code next} of the page before.
     */
    public record Search(String recipient, String item, String organisation, String project, String outcome, String basis,
                         java.time.LocalDate from, java.time.LocalDate to, String worldVersion, String askedBy, String cursor, int limit) {
        /** The same search from {@code next} on. */
        public Search withCursor(String next) {
            return new Search(recipient, item, organisation, project, outcome, basis, from, to, worldVersion, askedBy, next, limit);
        }
    }

    /** A page of a search, newest first; {@code next} continues it (null at the end). */
    public record Found(List<DecisionStore.Found> decisions, String next) {}

    /**
     * Searches the recorded decisions as {@code asker} may see them: an engineer only their own, and others' about items
     * of their organisation's projects and people they may ask about (as {@link #find}). A bad outcome, date range or
     * cursor is refused naming it.
     */
    public Found search(Principal asker, Search s) {
        if (s.limit() < 1 || s.limit() > MAX_PAGE) {
            throw Refusal.invalid("limit", "must be 1.." + MAX_PAGE);
        }
        String outcome = null;
        if (s.outcome() != null) {
            try {
                outcome = Outcome.valueOf(s.outcome().toUpperCase(java.util.Locale.ROOT).replace('-', '_')).name();
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("outcome", "'" + dev.pillar.codec.Node.shown(s.outcome()) + "' is not an outcome: use PERMIT, LICENSE_REQUIRED, REVIEW or DENY");
            }
        }
        if (s.from() != null && s.to() != null && s.to().isBefore(s.from())) {
            throw Refusal.invalid("to", "is before from (" + s.from() + "): give a range from the earlier day to the later");
        }
        DecisionStore.Cursor after = null;
        if (s.cursor() != null) {
            try {
                String text = new String(java.util.Base64.getUrlDecoder().decode(s.cursor()), java.nio.charset.StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                after = new DecisionStore.Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            } catch (RuntimeException e) {
                throw Refusal.invalid("cursor", "is not a cursor of this search: pass the 'next' of the page before as it was given");
            }
        }
        java.time.ZoneId zone = worlds.clock().zone();
        Long fromMs = s.from() == null ? null : s.from().atStartOfDay(zone).toInstant().toEpochMilli();
        Long toMs = s.to() == null ? null : s.to().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        DecisionStore.Scope scope = null;
        if (asker.role() == Role.ENGINEER) {
            var world = worlds.current().world();
            java.time.LocalDate today = worlds.clock().today();
            java.util.Set<String> projects = Access.visibleProjects(asker, world, today);
            java.util.Set<String> orgs = new java.util.TreeSet<>();
            for (var o : world.organisations()) {
                if (o.id().equals(asker.organisation()) || (o.projects() != null && o.projects().stream().anyMatch(r -> r.inForce(today) && projects.contains(r.project())))) {
                    orgs.add(o.id());
                }
            }
            scope = new DecisionStore.Scope(asker.subject(), projects, orgs);
        }
        List<DecisionStore.Found> page;
        try {
            page = store.search(new DecisionStore.DecisionQuery(s.recipient(), s.item(), s.organisation(), s.project(), outcome, s.basis(), fromMs, toMs,
                    s.worldVersion(), s.askedBy(), scope, after, s.limit() + 1));
        } catch (StoreException e) {
            throw Refusal.of(e);
        }
        String next = null;
        if (page.size() > s.limit()) {
            page = page.subList(0, s.limit());
            DecisionStore.Found last = page.get(page.size() - 1);
            next = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((last.createdAt().toEpochMilli() + ":" + last.id())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new Found(List.copyOf(page), next);
    }

    /** Stores the decisions still queued and stops taking new ones (before the store closes). */
    @Override
    public void close() {
        writer.close();
    }
}
