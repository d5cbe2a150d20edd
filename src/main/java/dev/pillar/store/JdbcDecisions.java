package dev.pillar.store;

import static dev.pillar.store.Database.instant;
import static dev.pillar.store.Database.ts;

import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.DecisionStore;
import dev.pillar.app.port.StoredDecision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Decisions in {@link DecisionChunks chunks} of the table {@code decision_chunks}, and those recorded before
 * migration V3 in the table {@code decisions} (read only).
 */
final class JdbcDecisions implements DecisionStore {
    /** How many of the most recent decisions {@link #decisionsForItem} looks through. */
    static final int ITEM_SCAN_LIMIT = 200_000;

    private final Database db;

    JdbcDecisions(Database db) {
        this.db = db;
        if (db.meta("decision_index") == 0) {
            backfillIndex();
        }
        if (db.meta("decision_audit_index") == 0) {
            backfillAuditIndex();
        }
    }

    /**
     * Gives the decisions indexed without it (before migration V10, and by the V6 backfill) the index of their audit
     * entry, by one forward read of the log; those the log never recorded get -1. Once; then every decision has one.
     */
    private void backfillAuditIndex() {
        db.jdbi.useTransaction(h -> {
            if (h.createQuery("SELECT meta_value FROM store_meta WHERE meta_key = 'decision_audit_index' FOR UPDATE").mapTo(Long.class).one() != 0) {
                return; // another instance did it meanwhile
            }
            java.util.Set<String> pending = new java.util.HashSet<>(h.createQuery("SELECT id FROM decision_index WHERE audit_index IS NULL")
                    .mapTo(String.class).list());
            if (!pending.isEmpty()) {
                PreparedBatch set = h.prepareBatch("UPDATE decision_index SET audit_index = :at WHERE id = :id AND audit_index IS NULL");
                int[] queued = {0};
                try (var rows = h.createQuery("SELECT first_index, entry_count, entries FROM audit_bundles ORDER BY first_index").setFetchSize(64)
                        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getInt(2), rs.getBytes(3)}).stream()) {
                    rows.forEach(r -> {
                        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap((byte[]) r[2]);
                        for (int i = 0; i < (int) r[1]; i++) {
                            byte[] e = new byte[b.getInt()];
                            b.get(e);
                            AuditEntry entry;
                            try {
                                entry = AuditEntry.parse(e);
                            } catch (IllegalArgumentException unreadable) {
                                continue; // a damaged entry: pillar audit verify names it; its decision keeps -1 and is refused
                            }
                            if (entry instanceof AuditEntry.Decision d && pending.remove(d.decisionId())) {
                                set.bind("at", (long) r[0] + i).bind("id", d.decisionId()).add();
                                if (++queued[0] % 1000 == 0) {
                                    set.execute();
                                }
                            }
                        }
                    });
                }
                if (queued[0] % 1000 != 0) {
                    set.execute();
                }
                h.createUpdate("UPDATE decision_index SET audit_index = -1 WHERE audit_index IS NULL").execute();
            }
            h.createUpdate("UPDATE store_meta SET meta_value = 1 WHERE meta_key = 'decision_audit_index'").execute();
        });
    }

    @Override
    public void saveDecisions(List<StoredDecision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        List<DecisionChunks.Chunk> chunks = DecisionChunks.encode(decisions); // checks every record before writing any
        db.write((h, log) -> {
            insert(h, log, db, chunks, decisions);
            return null;
        });
    }

    /** Inserts encoded decisions and appends their audit entries, in the caller's transaction. */
    static void insert(org.jdbi.v3.core.Handle h, Database.Log log, Database db, List<DecisionChunks.Chunk> chunks, List<StoredDecision> decisions) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO decision_chunks (first_ms, last_ms, entry_count, committed_at, body) "
                + "VALUES (:first, :last, :n, :at, :body)");
        OffsetDateTime at = ts(db.now());
        for (DecisionChunks.Chunk c : chunks) {
            batch.bind("first", c.firstMs()).bind("last", c.lastMs()).bind("n", c.count()).bind("at", at).bind("body", c.body()).add();
        }
        batch.execute();
        long[] positions = new long[decisions.size()];
        for (int i = 0; i < decisions.size(); i++) {
            positions[i] = log.add(AuditEntry.Decision.of(decisions.get(i)));
        }
        log.afterAppend(first -> {
            long[] entries = new long[positions.length];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = first + positions[i];
            }
            index(h, decisions, entries);
        });
    }

    /**
     * The search rows of {@code decisions} (decision_index, decision_terms), in the caller's transaction, with the index
     * of each one's audit entry ({@code auditIndex[i]}; null when not known yet: decisions indexed by the V6 backfill,
     * given theirs by {@link #backfillAuditIndex}).
     */
    static void index(org.jdbi.v3.core.Handle h, List<StoredDecision> decisions, long[] auditIndex) {
        PreparedBatch rows = h.prepareBatch("INSERT INTO decision_index (id, created_ms, actor, outcome, as_of, world_version, item_id, recipient, "
                + "organisation, project, audit_index) VALUES (:id, :ms, :actor, :outcome, :asOf, :world, :item, :recipient, :org, :project, :audit)");
        PreparedBatch terms = h.prepareBatch("INSERT INTO decision_terms (term, decision_id, kind) VALUES (:term, :id, :kind)");
        boolean anyTerm = false;
        for (int i = 0; i < decisions.size(); i++) {
            StoredDecision d = decisions.get(i);
            rows.bind("audit", auditIndex == null ? null : auditIndex[i]).bind("id", d.id()).bind("ms", d.createdAt().toEpochMilli()).bind("actor", d.actor()).bind("outcome", d.outcome())
                    .bind("asOf", d.asOf()).bind("world", d.worldVersion()).bind("item", d.itemId()).bind("recipient", d.recipient())
                    .bind("org", d.organisation()).bind("project", d.project()).add();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String b : d.basis() == null ? List.<String>of() : d.basis()) {
                if (b.length() <= 300 && seen.add("b" + b)) {
                    terms.bind("term", b).bind("id", d.id()).bind("kind", "b").add();
                    anyTerm = true;
                }
            }
            for (String r : d.ruleIds()) {
                if (r.length() <= 300 && seen.add("r" + r)) {
                    terms.bind("term", r).bind("id", d.id()).bind("kind", "r").add();
                    anyTerm = true;
                }
            }
        }
        rows.execute();
        if (anyTerm) {
            terms.execute();
        }
    }

    /**
     * Indexes the decisions stored before the index existed (migration V6), once: their recipient and rule ids are
     * read from their request and answer texts.
     */
    private void backfillIndex() {
        tools.jackson.databind.ObjectMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        List<StoredDecision> pending = new ArrayList<>();
        db.write((h, log) -> {
            if (h.createQuery("SELECT meta_value FROM store_meta WHERE meta_key = 'decision_index'").mapTo(Long.class).one() != 0) {
                return null; // another instance did it meanwhile
            }
            java.util.function.Consumer<StoredDecision> add = d -> {
                pending.add(withSearchFields(json, d));
                if (pending.size() >= 1000) {
                    index(h, pending, null);
                    pending.clear();
                }
            };
            try (var rows = h.createQuery("SELECT body FROM decision_chunks ORDER BY seq").setFetchSize(16).mapTo(byte[].class).stream()) {
                rows.forEach(b -> DecisionChunks.decode(b).forEach(add));
            }
            h.createQuery("SELECT * FROM decisions").map((rs, ctx) -> legacy(rs)).list().forEach(add);
            index(h, pending, null);
            h.createUpdate("UPDATE store_meta SET meta_value = 1 WHERE meta_key = 'decision_index'").execute();
            return null;
        });
    }

    private static StoredDecision withSearchFields(tools.jackson.databind.ObjectMapper json, StoredDecision d) {
        String recipient = null;
        List<String> rules = new ArrayList<>();
        try {
            tools.jackson.databind.JsonNode r = json.readTree(d.request()).get("recipient");
            recipient = r != null && r.isString() ? r.asString() : null;
            for (tools.jackson.databind.JsonNode reason : json.readTree(d.response()).path("reasons")) {
                String id = reason.path("ruleId").asString(null);
                if (id != null && !rules.contains(id)) {
                    rules.add(id);
                }
            }
        } catch (RuntimeException e) {
            // a text that is not JSON: indexed without recipient and rule ids
        }
        return new StoredDecision(d.id(), d.createdAt(), d.actor(), d.outcome(), d.worldVersion(), d.asOf(), d.itemId(), d.organisation(),
                d.project(), d.request(), d.response(), d.basis(), recipient, rules);
    }

    @Override
    public List<Found> search(DecisionQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM decision_index i WHERE 1 = 1");
        java.util.Map<String, Object> binds = new java.util.LinkedHashMap<>();
        filter(sql, binds, "i.recipient", "recipient", q.recipient());
        filter(sql, binds, "i.item_id", "item", q.item());
        filter(sql, binds, "i.organisation", "org", q.organisation());
        filter(sql, binds, "i.project", "project", q.project());
        filter(sql, binds, "i.outcome", "outcome", q.outcome());
        filter(sql, binds, "i.world_version", "world", q.worldVersion());
        filter(sql, binds, "i.actor", "askedBy", q.askedBy());
        if (q.basis() != null) {
            sql.append(" AND i.id IN (SELECT decision_id FROM decision_terms WHERE term = :term)");
            binds.put("term", q.basis());
        }
        if (q.fromMs() != null) {
            sql.append(" AND i.created_ms >= :fromMs");
            binds.put("fromMs", q.fromMs());
        }
        if (q.toMs() != null) {
            sql.append(" AND i.created_ms < :toMs");
            binds.put("toMs", q.toMs());
        }
        if (q.after() != null) {
            sql.append(" AND (i.created_ms < :cMs OR (i.created_ms = :cMs AND i.id < :cId))");
            binds.put("cMs", q.after().createdMs());
            binds.put("cId", q.after().id());
        }
        Scope scope = q.scope();
        List<String> projects = scope == null || scope.projects() == null ? null : List.copyOf(scope.projects());
        List<String> orgs = scope == null || scope.organisations() == null ? null : List.copyOf(scope.organisations());
        if (scope != null) {
            sql.append(" AND (i.actor = :self");
            binds.put("self", scope.self());
            if (projects != null && !projects.isEmpty()) {
                sql.append(" OR (i.project IN (<projects>) AND (i.recipient IS NULL");
                if (orgs != null && !orgs.isEmpty()) {
                    sql.append(" OR i.organisation IN (<orgs>)");
                }
                sql.append("))");
            }
            sql.append(")");
        }
        sql.append(" ORDER BY i.created_ms DESC, i.id DESC LIMIT :limit");
        return db.jdbi.withHandle(h -> {
            var query = h.createQuery(sql.toString());
            binds.forEach(query::bind);
            if (scope != null && projects != null && !projects.isEmpty()) {
                query.bindList("projects", projects);
                if (orgs != null && !orgs.isEmpty()) {
                    query.bindList("orgs", orgs);
                }
            }
            List<Found> found = query.bind("limit", q.limit()).map((rs, ctx) -> new Found(rs.getString("id"),
                    java.time.Instant.ofEpochMilli(rs.getLong("created_ms")), rs.getString("actor"), rs.getString("outcome"),
                    rs.getObject("as_of", LocalDate.class), rs.getString("world_version"), rs.getString("item_id"), rs.getString("recipient"),
                    rs.getString("organisation"), rs.getString("project"), new ArrayList<>())).list();
            if (!found.isEmpty()) {
                java.util.Map<String, List<String>> basis = new java.util.HashMap<>();
                found.forEach(f -> basis.put(f.id(), f.basis()));
                h.createQuery("SELECT decision_id, term FROM decision_terms WHERE kind = 'b' AND decision_id IN (<ids>) ORDER BY term")
                        .bindList("ids", List.copyOf(basis.keySet())).map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getString(2)))
                        .forEach(e -> basis.get(e.getKey()).add(e.getValue()));
            }
            return found;
        });
    }

    private static void filter(StringBuilder sql, java.util.Map<String, Object> binds, String column, String name, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(name);
            binds.put(name, value);
        }
    }

    @Override
    public Optional<StoredDecision> decision(String id) {
        if (DecisionChunks.parseV7(id) != null) {
            long t = DecisionChunks.idTime(id);
            Optional<StoredDecision> found = db.jdbi.withHandle(h -> {
                try (var rows = h.createQuery("SELECT body FROM decision_chunks WHERE last_ms >= :t AND last_ms <= :until AND first_ms <= :t "
                        + "ORDER BY last_ms").bind("t", t).bind("until", t + DecisionChunks.MAX_SPAN_MS).mapTo(byte[].class).stream()) {
                    return rows.flatMap(b -> DecisionChunks.decode(b).stream()).filter(d -> d.id().equals(id)).findFirst();
                }
            });
            if (found.isPresent()) {
                return found;
            }
        }
        // decisions recorded before the store kept them in chunks (migration V3)
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM decisions WHERE id = :id").bind("id", id).map((rs, ctx) -> legacy(rs)).findOne());
    }

    @Override
    public java.util.OptionalLong auditIndex(String id) {
        Optional<Long> at = db.jdbi.withHandle(h -> h.createQuery("SELECT audit_index FROM decision_index WHERE id = :id AND audit_index IS NOT NULL")
                .bind("id", id).mapTo(Long.class).findOne());
        return at.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty());
    }

    /**
     * The latest decisions about an item, newest first: looked for among the {@value #ITEM_SCAN_LIMIT} most recently
     * stored decisions (and those recorded before migration V3).
     */
    @Override
    public List<StoredDecision> decisionsForItem(String itemId, int limit) {
        List<StoredDecision> found = new ArrayList<>();
        db.jdbi.useHandle(h -> {
            int scanned = 0;
            try (var rows = h.createQuery("SELECT body FROM decision_chunks ORDER BY seq DESC").setFetchSize(16).mapTo(byte[].class).stream()) {
                var it = rows.iterator();
                boolean enough = false;
                while (it.hasNext() && scanned < ITEM_SCAN_LIMIT) {
                    List<StoredDecision> chunk = DecisionChunks.decode(it.next());
                    scanned += chunk.size();
                    for (StoredDecision d : chunk) {
                        if (itemId.equals(d.itemId())) {
                            found.add(d);
                        }
                    }
                    if (enough) {
                        break; // one chunk past the limit: chunks overlap in time at their edges
                    }
                    enough = found.size() >= limit;
                }
            }
            found.addAll(h.createQuery("SELECT * FROM decisions WHERE item_id = :item ORDER BY created_at DESC, id DESC LIMIT :limit")
                    .bind("item", itemId).bind("limit", limit).map((rs, ctx) -> legacy(rs)).list());
        });
        found.sort(Comparator.comparing(StoredDecision::createdAt).thenComparing(StoredDecision::id).reversed());
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }

    @Override
    public void eachDecision(java.util.function.Consumer<StoredDecision> each) {
        db.jdbi.useHandle(h -> {
            try (var rows = h.createQuery("SELECT body FROM decision_chunks ORDER BY seq").setFetchSize(16).mapTo(byte[].class).stream()) {
                rows.forEach(b -> DecisionChunks.decode(b).forEach(each));
            }
            try (var rows = h.createQuery("SELECT * FROM decisions").setFetchSize(256).map((rs, ctx) -> legacy(rs)).stream()) {
                rows.forEach(each);
            }
        });
    }

    /** A decision recorded before migration V3, which kept no basis. */
    private static StoredDecision legacy(ResultSet rs) throws SQLException {
        return new StoredDecision(rs.getString("id"), instant(rs, "created_at"), rs.getString("actor"), rs.getString("outcome"),
                rs.getString("world_version"), rs.getObject("as_of", LocalDate.class), rs.getString("item_id"), rs.getString("organisation"),
                rs.getString("project"), rs.getString("request"), rs.getString("response"), List.of());
    }
}
