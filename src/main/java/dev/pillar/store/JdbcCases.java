package dev.pillar.store;

import static dev.pillar.store.Database.instant;
import static dev.pillar.store.Database.ts;

import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.CaseStore;
import dev.pillar.app.port.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Compliance cases in {@code cases} and their decisions in {@code case_decisions}. The open case of an item, recipient
 * and reason is found by its {@code open_key}, which a unique index keeps to one open case; a concurrent opening that
 * loses the race joins the case the other opened.
 */
final class JdbcCases implements CaseStore {
    private final Database db;

    JdbcCases(Database db) {
        this.db = db;
    }

    static String openKey(Held held) {
        return held.item() + "|" + held.recipient() + "|" + held.reason();
    }

    @Override
    public List<StoredCase> openOrJoin(List<Held> held) {
        if (held.isEmpty()) {
            return List.of();
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return db.write((h, log) -> {
                    List<StoredCase> out = new ArrayList<>(held.size());
                    for (Held one : held) {
                        out.add(hold(h, log, one));
                    }
                    return out;
                });
            } catch (RuntimeException e) {
                if (attempt < 2 && Database.uniqueViolation(e)) {
                    continue; // another request opened one of these cases meanwhile: join it
                }
                throw e;
            }
        }
    }

    private static StoredCase hold(Handle h, Database.Log log, Held held) {
        Optional<StoredCase> open = h.createQuery("SELECT * FROM cases WHERE open_key = :k").bind("k", openKey(held))
                .map((rs, ctx) -> row(rs)).findOne();
        if (open.isPresent()) {
            StoredCase c = open.get();
            int added = h.createUpdate("INSERT INTO case_decisions (case_id, decision_id, asked_by, asked_at) "
                            + "SELECT :c, :d, :by, :at WHERE NOT EXISTS (SELECT 1 FROM case_decisions WHERE case_id = :c AND decision_id = :d)")
                    .bind("c", c.id()).bind("d", held.decisionId()).bind("by", held.askedBy()).bind("at", ts(held.at())).execute();
            if (added == 1) {
                h.createUpdate("UPDATE cases SET decisions = decisions + 1, last_decision = :d WHERE id = :c")
                        .bind("d", held.decisionId()).bind("c", c.id()).execute();
            }
            return get(h, c.id());
        }
        long id = h.createQuery("SELECT NEXTVAL('case_ids')").mapTo(Long.class).one();
        h.createUpdate("INSERT INTO cases (id, state, outcome, reason, item_id, recipient, organisation, country, project, opened_at, "
                        + "opened_by, decisions, last_decision, open_key, version) VALUES (:id, 'open', :outcome, :reason, :item, :recipient, "
                        + ":org, :country, :project, :at, :by, 1, :d, :k, 1)")
                .bind("id", id).bind("outcome", held.outcome()).bind("reason", held.reason()).bind("item", held.item())
                .bind("recipient", held.recipient()).bind("org", held.organisation()).bind("country", held.country())
                .bind("project", held.project()).bind("at", ts(held.at())).bind("by", held.askedBy()).bind("d", held.decisionId())
                .bind("k", openKey(held)).execute();
        h.createUpdate("INSERT INTO case_decisions (case_id, decision_id, asked_by, asked_at) VALUES (:c, :d, :by, :at)")
                .bind("c", id).bind("d", held.decisionId()).bind("by", held.askedBy()).bind("at", ts(held.at())).execute();
        log.add(new AuditEntry.Case("opened", held.askedBy(), id, held.decisionId(), "open", held.at(), 1));
        return get(h, id);
    }

    @Override
    public Optional<StoredCase> storedCase(long id) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM cases WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    private static StoredCase get(Handle h, long id) {
        return h.createQuery("SELECT * FROM cases WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).one();
    }

    @Override
    public List<StoredCase> cases(CaseQuery q) {
        return db.jdbi.withHandle(h -> bind(h.createQuery("SELECT * FROM cases" + where(q) + " ORDER BY opened_at, id LIMIT :limit OFFSET :offset"), q)
                .bind("limit", q.limit()).bind("offset", q.offset()).map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public long countCases(CaseQuery q) {
        return db.jdbi.withHandle(h -> bind(h.createQuery("SELECT COUNT(*) FROM cases" + where(q)), q).mapTo(Long.class).one());
    }

    private static String where(CaseQuery q) {
        List<String> w = new ArrayList<>();
        if (q.state() != null) w.add("state = :state");
        if (q.outcome() != null) w.add("outcome = :outcome");
        if (q.reason() != null) w.add("(reason = :reason OR reason LIKE :reasonFirst OR reason LIKE :reasonLast OR reason LIKE :reasonMid)");
        if (q.country() != null) w.add("country = :country");
        if (q.project() != null) w.add("project = :project");
        if (q.organisation() != null) w.add("organisation = :org");
        if (q.openedBefore() != null) w.add("opened_at <= :before");
        if (q.askedBy() != null) w.add("id IN (SELECT case_id FROM case_decisions WHERE asked_by = :askedBy)");
        return w.isEmpty() ? "" : " WHERE " + String.join(" AND ", w);
    }

    private static Query bind(Query query, CaseQuery q) {
        if (q.state() != null) query.bind("state", q.state());
        if (q.outcome() != null) query.bind("outcome", q.outcome());
        if (q.reason() != null) {
            query.bind("reason", q.reason()).bind("reasonFirst", q.reason() + " %").bind("reasonLast", "% " + q.reason()).bind("reasonMid", "% " + q.reason() + " %");
        }
        if (q.country() != null) query.bind("country", q.country());
        if (q.project() != null) query.bind("project", q.project());
        if (q.organisation() != null) query.bind("org", q.organisation());
        if (q.openedBefore() != null) query.bind("before", ts(q.openedBefore()));
        if (q.askedBy() != null) query.bind("askedBy", q.askedBy());
        return query;
    }

    @Override
    public List<CaseDecision> caseDecisions(long id) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM case_decisions WHERE case_id = :c ORDER BY asked_at, decision_id").bind("c", id)
                .map((rs, ctx) -> new CaseDecision(rs.getString("decision_id"), rs.getString("asked_by"), instant(rs, "asked_at"))).list());
    }

    @Override
    public Optional<Long> caseOfDecision(String decisionId) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT case_id FROM case_decisions WHERE decision_id = :d").bind("d", decisionId)
                .mapTo(Long.class).findFirst());
    }

    @Override
    public StoredCase closeCase(long id, long expectedVersion, String state, String resolution, String reference, String note, String actor) {
        if (!state.equals("resolved") && !state.equals("rejected")) {
            throw new IllegalArgumentException("a case is closed as resolved or rejected, not " + state);
        }
        return db.write((h, log) -> {
            Instant now = db.now();
            int n = h.createUpdate("UPDATE cases SET state = :state, resolution = :resolution, reference = :reference, note = :note, "
                            + "resolved_by = :by, resolved_at = :at, open_key = NULL, version = version + 1 "
                            + "WHERE id = :id AND state = 'open' AND version = :v")
                    .bind("state", state).bind("resolution", resolution).bind("reference", reference).bind("note", note).bind("by", actor)
                    .bind("at", ts(now)).bind("id", id).bind("v", expectedVersion).execute();
            if (n != 1) {
                throw new StoreException(StoreException.Reason.CONFLICT, "case C-" + id + " is no longer open at version " + expectedVersion
                        + ": another officer acted on it meanwhile; reload it");
            }
            StoredCase c = get(h, id);
            log.add(new AuditEntry.Case(state.equals("resolved") ? "resolved" : "rejected", actor, id, reference, state, now, c.version()));
            return c;
        });
    }

    @Override
    public Map<String, Long> openCases() {
        Map<String, Long> out = new LinkedHashMap<>();
        db.jdbi.useHandle(h -> h.createQuery("SELECT outcome, COUNT(*) FROM cases WHERE state = 'open' GROUP BY outcome ORDER BY outcome")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    private static StoredCase row(ResultSet rs) throws SQLException {
        return new StoredCase(rs.getLong("id"), rs.getString("state"), rs.getString("outcome"), rs.getString("reason"), rs.getString("item_id"),
                rs.getString("recipient"), rs.getString("organisation"), rs.getString("country"), rs.getString("project"), instant(rs, "opened_at"),
                rs.getString("opened_by"), rs.getInt("decisions"), rs.getString("last_decision"), rs.getString("resolution"), rs.getString("reference"),
                rs.getString("note"), rs.getString("resolved_by"), rs.getObject("resolved_at") == null ? null : instant(rs, "resolved_at"),
                rs.getLong("version"));
    }
}
