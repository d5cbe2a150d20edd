package dev.pillar.store;

import static dev.pillar.store.Database.instant;
import static dev.pillar.store.Database.ts;

import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.LicenceLedger;
import dev.pillar.app.port.StoredDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Releases under capped licences in {@code licence_usage} (one row per licence: the value used) and
 * {@code licence_releases} (one row per release). The cap is checked and the value added in one conditional UPDATE of
 * the licence's row, which PostgreSQL and H2 lock for the transaction: a concurrent release waits and sees the value
 * the first one left, so together they never exceed the cap.
 */
final class JdbcLicences implements LicenceLedger {
    private final Database db;

    JdbcLicences(Database db) {
        this.db = db;
    }

    @Override
    public Map<String, Usage> licenceUsage() {
        Map<String, Usage> out = new TreeMap<>();
        db.jdbi.useHandle(h -> h.createQuery("SELECT licence, used_usd, releases FROM licence_usage")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new Usage(rs.getLong(2), rs.getLong(3)))).forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    @Override
    public List<Release> releases(String licence, int limit) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM licence_releases WHERE licence = :l ORDER BY released_at DESC, decision_id DESC LIMIT :n")
                .bind("l", licence).bind("n", limit)
                .map((rs, ctx) -> new Release(rs.getString("licence"), rs.getString("decision_id"), rs.getLong("value_usd"), rs.getLong("used_after"),
                        instant(rs, "released_at"), rs.getString("actor"), rs.getString("recipient"), rs.getString("item_id"))).list());
    }

    @Override
    public Usage saveRelease(StoredDecision d, String recipient, String licence, long valueUsd, long capUsd) {
        if (valueUsd < 0 || capUsd < 0) {
            throw new IllegalArgumentException("a release and a cap are not negative");
        }
        List<DecisionChunks.Chunk> chunks = DecisionChunks.encode(List.of(d));
        return db.write((h, log) -> {
            if (h.createQuery("SELECT COUNT(*) FROM licence_usage WHERE licence = :l").bind("l", licence).mapTo(Long.class).one() == 0) {
                h.createUpdate("INSERT INTO licence_usage (licence, used_usd, releases) VALUES (:l, 0, 0) ON CONFLICT DO NOTHING")
                        .bind("l", licence).execute();
            }
            int drawn = h.createUpdate("UPDATE licence_usage SET used_usd = used_usd + :v, releases = releases + 1 "
                    + "WHERE licence = :l AND used_usd + :v <= :cap").bind("v", valueUsd).bind("l", licence).bind("cap", capUsd).execute();
            if (drawn != 1) {
                return null; // beyond the cap: nothing of this release is stored
            }
            Usage usage = h.createQuery("SELECT used_usd, releases FROM licence_usage WHERE licence = :l").bind("l", licence)
                    .map((rs, ctx) -> new Usage(rs.getLong(1), rs.getLong(2))).one();
            long usedAfter = usage.usedUsd();
            Instant now = d.createdAt();
            h.createUpdate("INSERT INTO licence_releases (licence, decision_id, value_usd, used_after, released_at, actor, recipient, item_id) "
                            + "VALUES (:l, :d, :v, :after, :at, :actor, :recipient, :item)")
                    .bind("l", licence).bind("d", d.id()).bind("v", valueUsd).bind("after", usedAfter).bind("at", ts(now))
                    .bind("actor", d.actor()).bind("recipient", recipient).bind("item", d.itemId()).execute();
            JdbcDecisions.insert(h, log, db, chunks, List.of(d));
            log.add(new AuditEntry.Release(d.actor(), d.id(), licence, now, usedAfter, valueUsd));
            return usage;
        });
    }
}
