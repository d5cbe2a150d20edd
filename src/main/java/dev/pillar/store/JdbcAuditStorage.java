package dev.pillar.store;

import static dev.pillar.store.Database.instant;
import static dev.pillar.store.Database.ts;

import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.AuditStorage;
import dev.pillar.app.port.StoreException;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

/**
 * The audit log's storage: entries in bundles (one row per write transaction, table {@code audit_bundles}, appended by
 * {@link Database#write}), kept checkpoints, witness keys and cosignatures.
 */
final class JdbcAuditStorage implements AuditStorage {
    private final Database db;

    JdbcAuditStorage(Database db) {
        this.db = db;
    }

    @Override
    public long auditSize() {
        return db.meta("audit_size");
    }

    @Override
    public void auditEntries(long from, long to, ObjLongConsumer<byte[]> each) {
        db.jdbi.useHandle(h -> {
            // the bundle that holds entry `from` starts at the greatest first_index <= from: found by one seek of the
            // primary key, so a read near the end of a long log does not walk every bundle before it
            long lowest = h.createQuery("SELECT first_index FROM audit_bundles WHERE first_index <= :from ORDER BY first_index DESC LIMIT 1")
                    .bind("from", from).mapTo(Long.class).findOne().orElse(0L);
            try (var rows = h.createQuery("SELECT first_index, entry_count, entries FROM audit_bundles WHERE first_index >= :lowest "
                            + "AND first_index < :to ORDER BY first_index").bind("lowest", lowest).bind("to", to).setFetchSize(64)
                    .map((rs, ctx) -> new Bundle(rs.getLong(1), rs.getInt(2), rs.getBytes(3))).stream()) {
                rows.forEach(r -> {
                    ByteBuffer b = ByteBuffer.wrap(r.entries());
                    for (int i = 0; i < r.count(); i++) {
                        byte[] e = new byte[b.getInt()];
                        b.get(e);
                        long index = r.first() + i;
                        if (index >= from && index < to) {
                            each.accept(e, index);
                        }
                    }
                });
            }
        });
    }

    /** A row of {@code audit_bundles}: the index of its first entry, how many, and the entries, each after its length. */
    private record Bundle(long first, int count, byte[] entries) {}

    @Override
    public void saveCheckpoint(long treeSize, String note) {
        db.jdbi.useTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM audit_checkpoints WHERE tree_size = :s").bind("s", treeSize).mapTo(Long.class).one() == 0) {
                try {
                    h.createUpdate("INSERT INTO audit_checkpoints (tree_size, note, created_at) VALUES (:s, :note, :at)")
                            .bind("s", treeSize).bind("note", note).bind("at", ts(db.now())).execute();
                } catch (RuntimeException e) {
                    if (!Database.uniqueViolation(e)) { // another server published this size at the same moment: keep theirs
                        throw e;
                    }
                }
            }
        });
        db.awaitDurable(); // a checkpoint the server hands out is on disk
    }

    @Override
    public Optional<String> checkpointAt(long treeSize) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT note FROM audit_checkpoints WHERE tree_size = :s").bind("s", treeSize)
                .mapTo(String.class).findOne());
    }

    @Override
    public SortedMap<Long, String> checkpoints() {
        SortedMap<Long, String> out = new TreeMap<>();
        db.jdbi.useHandle(h -> h.createQuery("SELECT tree_size, note FROM audit_checkpoints ORDER BY tree_size")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    @Override
    public List<KeptCheckpoint> checkpointsBefore(long beforeSize, int offset, int limit) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT tree_size, note, created_at FROM audit_checkpoints WHERE tree_size < :b "
                        + "ORDER BY tree_size DESC LIMIT :n OFFSET :o").bind("b", beforeSize).bind("n", limit).bind("o", offset)
                .map((rs, ctx) -> new KeptCheckpoint(rs.getLong(1), rs.getString(2), instant(rs, "created_at"))).list());
    }

    @Override
    public Optional<KeptCheckpoint> keptCheckpoint(long treeSize) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT tree_size, note, created_at FROM audit_checkpoints WHERE tree_size = :s")
                .bind("s", treeSize).map((rs, ctx) -> new KeptCheckpoint(rs.getLong(1), rs.getString(2), instant(rs, "created_at")))
                .findOne());
    }

    @Override
    public WitnessKey addWitnessKey(String member, String verifierKey, String keyName, String actor) {
        String registered = "witness key '" + keyName + "' is registered already";
        return db.write((h, log) -> {
            if (h.createQuery("SELECT COUNT(*) FROM audit_witness_keys WHERE verifier_key = :k").bind("k", verifierKey).mapTo(Long.class).one() > 0) {
                throw new StoreException(StoreException.Reason.CONFLICT, registered);
            }
            Instant now = db.now();
            Database.insertOrConflict(() -> h.createUpdate("INSERT INTO audit_witness_keys (verifier_key, member, key_name, registered_at, "
                    + "registered_by) VALUES (:k, :m, :n, :at, :by)").bind("k", verifierKey).bind("m", member).bind("n", keyName)
                    .bind("at", ts(now)).bind("by", actor).execute(), registered);
            log.add(new AuditEntry.Witness(actor, member, now, verifierKey));
            return new WitnessKey(member, verifierKey, keyName, now, actor, null, null);
        });
    }

    @Override
    public WitnessKey revokeWitnessKey(String member, String verifierKey, String actor) {
        return db.write((h, log) -> {
            Instant now = db.now();
            int n = h.createUpdate("UPDATE audit_witness_keys SET revoked_at = :at, revoked_by = :by WHERE verifier_key = :k AND member = :m "
                    + "AND revoked_at IS NULL").bind("at", ts(now)).bind("by", actor).bind("k", verifierKey).bind("m", member).execute();
            if (n == 0) {
                boolean known = h.createQuery("SELECT COUNT(*) FROM audit_witness_keys WHERE verifier_key = :k AND member = :m")
                        .bind("k", verifierKey).bind("m", member).mapTo(Long.class).one() > 0;
                throw known ? new StoreException(StoreException.Reason.CONFLICT, "the witness key is revoked already")
                        : new StoreException(StoreException.Reason.NOT_FOUND, "no witness key of " + member + " is registered with this text");
            }
            log.add(new AuditEntry.WitnessRevoked(actor, member, now, verifierKey));
            return h.createQuery("SELECT * FROM audit_witness_keys WHERE verifier_key = :k").bind("k", verifierKey).map((rs, ctx) -> key(rs)).one();
        });
    }

    private static WitnessKey key(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new WitnessKey(rs.getString("member"), rs.getString("verifier_key"), rs.getString("key_name"), instant(rs, "registered_at"),
                rs.getString("registered_by"), rs.getObject("revoked_at") == null ? null : instant(rs, "revoked_at"), rs.getString("revoked_by"));
    }

    @Override
    public List<WitnessKey> witnessKeys() {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_witness_keys ORDER BY registered_at, verifier_key")
                .map((rs, ctx) -> key(rs)).list());
    }

    @Override
    public boolean saveCosignature(long treeSize, String verifierKey, String line) {
        return db.jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM audit_cosignatures WHERE tree_size = :s AND verifier_key = :k").bind("s", treeSize)
                    .bind("k", verifierKey).mapTo(Long.class).one() > 0) {
                return false;
            }
            try {
                h.createUpdate("INSERT INTO audit_cosignatures (tree_size, verifier_key, signature_line, received_at) VALUES (:s, :k, :l, :at)")
                        .bind("s", treeSize).bind("k", verifierKey).bind("l", line).bind("at", ts(db.now())).execute();
                return true;
            } catch (RuntimeException e) {
                if (Database.uniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public List<Cosignature> cosignatures(long fromSize, long toSize) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT tree_size, verifier_key, signature_line, received_at FROM audit_cosignatures "
                        + "WHERE tree_size >= :a AND tree_size <= :b ORDER BY tree_size, received_at").bind("a", fromSize).bind("b", toSize)
                .map((rs, ctx) -> new Cosignature(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, "received_at"))).list());
    }

    @Override
    public void onAuditAppend(AuditListener listener) {
        db.onAuditAppend(listener);
    }
}
