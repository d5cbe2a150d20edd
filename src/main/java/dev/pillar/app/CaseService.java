package dev.pillar.app;

import dev.pillar.app.port.CaseStore;
import dev.pillar.app.port.CaseStore.CaseDecision;
import dev.pillar.app.port.CaseStore.CaseQuery;
import dev.pillar.app.port.CaseStore.Held;
import dev.pillar.app.port.CaseStore.StoredCase;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.StoreException;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.model.Determination;
import dev.pillar.core.model.Licence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The compliance officers' work queue (docs/cases.md). Every REVIEW and LICENSE_REQUIRED decision about a named item
 * and recipient, asked through the server, opens a case or joins the open case for the same item, recipient and
 * reason. An officer resolves a REVIEW case by recording a {@link Determination} (what was checked, dated, with its
 * evidence), a LICENSE_REQUIRED case by recording the licence or agreement obtained, or rejects either with a reason.
 * Whoever asked for a release in a case cannot close it (separation of duties); acting on a case that another officer
 * closed meanwhile is refused (409) and changes nothing.
 */
public final class CaseService {
    /** Cases in one page of the queue, at most. */
    public static final int MAX_PAGE = 500;

    private final CaseStore store;
    private final WorldService worlds;
    private final Object[] locks = new Object[64];
    private final java.util.function.Function<String, java.util.Optional<Decision>> again;

    /** @param again decides a recorded decision's request again against the world now, without recording it */
    public CaseService(CaseStore store, WorldService worlds, java.util.function.Function<String, java.util.Optional<Decision>> again) {
        this.store = store;
        this.worlds = worlds;
        this.again = again;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** A decision recorded, to hold in a case if it is REVIEW or LICENSE_REQUIRED. */
    record Asked(Principal asker, DecisionRequest request, Decision decision, Instant at) {}

    /** The rule ids that hold a release back: those of the reasons with the decision's outcome, sorted, space-separated. */
    static String reason(Decision d) {
        TreeSet<String> ids = new TreeSet<>();
        for (Reason r : d.reasons()) {
            if (r.outcome() == d.outcome()) {
                ids.add(r.ruleId());
            }
        }
        return String.join(" ", ids);
    }

    /** True if a decision opens or joins a case: REVIEW or LICENSE_REQUIRED about an item and a person of the world. */
    static boolean holds(Asked a) {
        Outcome o = a.decision().outcome();
        return (o == Outcome.REVIEW || o == Outcome.LICENSE_REQUIRED) && a.request().item().id() != null && a.request().recipient().id() != null;
    }

    /** Opens or joins the cases of the held decisions among {@code asked}, in one transaction; their cases, in order. */
    List<StoredCase> hold(List<Asked> asked) {
        List<Held> held = new ArrayList<>();
        for (Asked a : asked) {
            if (holds(a)) {
                DecisionRequest r = a.request();
                held.add(new Held(a.decision().outcome().name(), reason(a.decision()), r.item().id(), r.recipient().id(),
                        r.recipient().organisation().id(), r.recipient().organisation().country().code(), r.item().project(),
                        a.decision().decisionId(), a.asker().subject(), a.at()));
            }
        }
        try {
            return store.openOrJoin(held);
        } catch (StoreException e) {
            throw Refusal.of(e);
        }
    }

    // ---- the queue ----------------------------------------------------------------------------------------------------

    /** A page of the queue. */
    public record CasePage(long total, int offset, int limit, List<StoredCase> cases) {}

    /** The filters of the queue as given (null: any). {@code minAgeDays} keeps cases open at least that many days. */
    public record Filters(String state, String outcome, String reason, String country, String project, String organisation, Integer minAgeDays) {}

    /**
     * The queue, oldest first: compliance officers, the secretariat, delegates and admins see every case; an engineer
     * sees the cases of the releases they asked for.
     */
    public CasePage list(Principal who, Filters f, int offset, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw Refusal.invalid("limit", "must be 1.." + MAX_PAGE);
        }
        if (offset < 0) {
            throw Refusal.invalid("offset", "must be 0 or more");
        }
        String state = f.state() == null ? "open" : f.state().equals("any") ? null : f.state();
        if (state != null && !List.of("open", "resolved", "rejected").contains(state)) {
            throw Refusal.invalid("state", "'" + f.state() + "' is not a case state: use open (the default), resolved, rejected or any");
        }
        String outcome = f.outcome() == null ? null : f.outcome().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        if (outcome != null && !outcome.equals("REVIEW") && !outcome.equals("LICENSE_REQUIRED")) {
            throw Refusal.invalid("outcome", "'" + f.outcome() + "' is not the outcome of a case: use REVIEW or LICENSE_REQUIRED");
        }
        if (f.country() != null && !f.country().matches("[A-Z]{3}")) {
            throw Refusal.invalid("country", "'" + f.country() + "' is not a country: give a trigraph such as KOR");
        }
        if (f.minAgeDays() != null && (f.minAgeDays() < 0 || f.minAgeDays() > 36_500)) {
            throw Refusal.invalid("minAgeDays", "must be 0 to 36500 days");
        }
        Instant before = f.minAgeDays() == null ? null : worlds.clock().now().minus(Duration.ofDays(f.minAgeDays()));
        CaseQuery q = new CaseQuery(state, outcome, f.reason(), f.country(), f.project(), f.organisation(), before,
                who.role() == Role.ENGINEER ? who.subject() : null, offset, limit);
        return new CasePage(store.countCases(q), offset, limit, store.cases(q));
    }

    /** Open cases by outcome, for the dashboard. */
    public Map<String, Long> openCounts() {
        return store.openCases();
    }

    /** A case with its decisions. */
    public record CaseView(StoredCase stored, List<CaseDecision> decisions) {
        public String id() {
            return "C-" + stored.id();
        }
    }

    /** A case, if {@code who} may see it (an engineer: only a case of a release they asked for, else 404). */
    public CaseView get(Principal who, String id) {
        long n = parseId(id);
        StoredCase c = store.storedCase(n).orElseThrow(() -> Refusal.notFound("no case with this id"));
        List<CaseDecision> decisions = store.caseDecisions(n);
        if (who.role() == Role.ENGINEER && decisions.stream().noneMatch(d -> d.askedBy().equals(who.subject()))) {
            throw Refusal.notFound("no case with this id");
        }
        return new CaseView(c, decisions);
    }

    /** The case a decision joined, if any (for the decision's record). */
    public java.util.Optional<StoredCase> caseOfDecision(String decisionId) {
        return store.caseOfDecision(decisionId).flatMap(store::storedCase);
    }

    static long parseId(String id) {
        if (id == null || !id.matches("C-[1-9][0-9]{0,17}")) {
            throw Refusal.notFound("no case with this id");
        }
        return Long.parseLong(id.substring(2));
    }

    // ---- acting on a case ---------------------------------------------------------------------------------------------

    /** What an officer records to close a case. */
    public sealed interface Resolution {
        /** A REVIEW answered: the determination's document (subject and id filled from the case when left out). */
        record WithDetermination(JsonNode determination) implements Resolution {}

        /** A LICENSE_REQUIRED answered by a licence recorded now ({@code licence}) or already on file ({@code number}). */
        record WithLicence(JsonNode licence, String number) implements Resolution {}

        /** Refused, with the reason. */
        record Rejected(String reason) implements Resolution {}
    }

    /** A case closed, and what its last request is decided as now (so the officer sees whether the record suffices). */
    public record Closed(CaseView view, Outcome nowOutcome, List<String> nowBasis) {}

    /**
     * Closes a case as a compliance officer: {@code expectedVersion} is the version read (If-Match). Refused: 403 for
     * other roles or for someone who asked for a release in the case; 409 if it is not open at that version (nothing is
     * recorded); 400 naming the field for a resolution that does not fit the case.
     */
    public Closed close(Principal who, String id, long expectedVersion, Resolution resolution, String note) {
        Access.require(who, Role.COMPLIANCE_OFFICER);
        long n = parseId(id);
        if (note != null && note.length() > 2000) {
            throw Refusal.invalid("note", "is at most 2000 characters");
        }
        synchronized (locks[(int) (n % locks.length)]) {
            StoredCase c = store.storedCase(n).orElseThrow(() -> Refusal.notFound("no case with this id"));
            if (!c.open() || c.version() != expectedVersion) {
                throw Refusal.conflict("case " + id + " is " + c.state() + " at version " + c.version() + ", not open at version " + expectedVersion
                        + (c.open() ? ": reload it" : ": " + c.resolution() + " by " + c.resolvedBy()), null);
            }
            List<CaseDecision> decisions = store.caseDecisions(n);
            if (decisions.stream().anyMatch(d -> d.askedBy().equals(who.subject()))) {
                throw new Refusal(Refusal.Kind.FORBIDDEN, "Forbidden", "separation of duties: you asked for a release in case " + id
                        + ", so another compliance officer must act on it", null);
            }
            StoredCase closed = switch (resolution) {
                case Resolution.WithDetermination d -> withDetermination(who, c, d.determination(), expectedVersion, note);
                case Resolution.WithLicence l -> withLicence(who, c, l, expectedVersion, note);
                case Resolution.Rejected r -> {
                    if (r.reason() == null || r.reason().isBlank() || r.reason().length() > 2000) {
                        throw Refusal.invalid("reason", "say why the release is refused (1-2000 characters)");
                    }
                    yield closeOrConflict(c, expectedVersion, "rejected", "rejected", null, r.reason(), who, null);
                }
            };
            CaseView view = new CaseView(closed, decisions);
            Decision now = redecide(c);
            return new Closed(view, now == null ? null : now.outcome(), now == null ? List.of() : now.basis());
        }
    }

    private StoredCase withDetermination(Principal who, StoredCase c, JsonNode body, long version, String note) {
        if (!c.outcome().equals("REVIEW")) {
            throw Refusal.invalid("action", "case C-" + c.id() + " needs a licence (LICENSE_REQUIRED): record the licence, or reject it");
        }
        if (body == null || !body.isObject()) {
            throw Refusal.invalid("determination", "is required: what was checked, e.g. {\"checked\": [...], \"evidence\": \"...\", \"from\": \"2026-12-01\"}");
        }
        ObjectNode d = ((ObjectNode) body).deepCopy();
        List<String> rules = List.of(c.reason().split(" "));
        if (!d.has("rule")) {
            List<String> answerable = rules.stream().filter(Determination.RULES::contains).toList();
            if (answerable.size() != 1) {
                throw Refusal.invalid("determination.rule", "case C-" + c.id() + " is held by " + rules + ": name the rule the determination answers"
                        + (answerable.isEmpty() ? " (none of them is answered by a determination: correct the item or person, or reject the case)" : ""));
            }
            d.put("rule", answerable.get(0));
        }
        String rule = d.get("rule").asString();
        if (!rules.contains(rule)) {
            throw Refusal.invalid("determination.rule", "case C-" + c.id() + " is held by " + rules + ", not by " + rule);
        }
        if (rule.equals(Determination.NOT_MAJOR_DEFENSE_EQUIPMENT)) {
            fill(d, "item", c.item(), "determination.item");
        } else {
            fill(d, "person", c.recipient(), "determination.person");
            fill(d, "organisation", c.organisation(), "determination.organisation");
        }
        if (!d.has("id")) {
            d.put("id", "D-C-" + c.id());
        }
        Doc created = create(Kind.DETERMINATION, d, who, "determination.");
        return closeOrConflict(c, version, "resolved", "determination", created.id(), note, who, () -> worlds.delete(Kind.DETERMINATION, created.id(), created.version(), who));
    }

    private StoredCase withLicence(Principal who, StoredCase c, Resolution.WithLicence l, long version, String note) {
        if (!c.outcome().equals("LICENSE_REQUIRED")) {
            throw Refusal.invalid("action", "case C-" + c.id() + " is a REVIEW: record a determination of what was checked, or reject it");
        }
        if ((l.licence() == null) == (l.number() == null)) {
            throw Refusal.invalid("licence", "give either the licence obtained (licence: its document) or the number of one on file (number)");
        }
        if (l.number() != null) {
            Licence on = worlds.current().world().licences().stream().filter(x -> x.number().equals(l.number())).findFirst()
                    .orElseThrow(() -> Refusal.invalid("number", "no licence " + l.number() + " is on file: record it with licence"));
            return closeOrConflict(c, version, "resolved", "licence", on.type() + " " + on.number(), note, who, null);
        }
        Doc created = create(Kind.LICENCE, l.licence(), who, "licence.");
        Licence on = worlds.current().world().licences().stream().filter(x -> x.number().equals(created.id())).findFirst().orElseThrow();
        return closeOrConflict(c, version, "resolved", "licence", on.type() + " " + on.number(), note, who,
                () -> worlds.delete(Kind.LICENCE, created.id(), created.version(), who));
    }

    private static void fill(ObjectNode d, String field, String value, String path) {
        if (!d.has(field)) {
            d.put(field, value);
        } else if (!d.get(field).isString() || !d.get(field).asString().equals(value)) {
            throw Refusal.invalid(path, "the case is about " + value + ": leave " + field + " out or give " + value);
        }
    }

    /** Creates the document, with refusals naming the field under {@code prefix} (e.g. {@code licence.until}). */
    private Doc create(Kind kind, JsonNode body, Principal who, String prefix) {
        try {
            return worlds.create(kind, body, who);
        } catch (Refusal r) {
            if (r.field() != null && r.kind() == Refusal.Kind.INVALID) {
                throw Refusal.invalid(prefix + r.field(), r.getMessage());
            }
            if (r.kind() == Refusal.Kind.CONFLICT) {
                throw Refusal.conflict(r.getMessage(), r.field() == null ? null : prefix + r.field());
            }
            throw r;
        }
    }

    private StoredCase closeOrConflict(StoredCase c, long version, String state, String resolution, String reference, String note, Principal who,
                                      Runnable undo) {
        try {
            return store.closeCase(c.id(), version, state, resolution, reference, note, who.subject());
        } catch (StoreException e) {
            if (undo != null) {
                undo.run(); // another instance closed it meanwhile: take back what was recorded for it
            }
            throw Refusal.of(e);
        }
    }

    /** The case's last decision asked again against the world as it is now (null if it can no longer be decided). */
    private Decision redecide(StoredCase c) {
        try {
            return again.apply(c.lastDecision()).orElse(null);
        } catch (Refusal e) {
            return null; // the request names what the world no longer holds
        }
    }
}
