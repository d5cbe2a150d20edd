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
        for (StoredDecision d : decisions) {
            log.add(AuditEntry.Decision.of(d));
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
