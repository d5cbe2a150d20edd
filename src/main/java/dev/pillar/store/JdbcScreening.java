package dev.pillar.store;

import static dev.pillar.store.Database.instant;
import static dev.pillar.store.Database.ts;

import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.ScreeningStore;
import dev.pillar.core.screening.ListVersion;
import dev.pillar.core.screening.Verdict;
import dev.pillar.crypto.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * List versions in {@code screening_lists} (entries as deflated JSON lines), verdicts in {@code screening_verdicts} and
 * screening cases in {@code screening_alerts}, whose {@code open_key} a unique index keeps to one open case per party
 * and entry.
 */
final class JdbcScreening implements ScreeningStore {
    private final Database db;

    JdbcScreening(Database db) {
        this.db = db;
    }

    @Override
    public ListVersion addListVersion(String list, LocalDate published, String fileSha256, int entries, String body, String actor) {
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        String bodySha = CanonicalJson.sha256(text);
        byte[] packed = deflate(text);
        return db.write((h, log) -> {
            long version = h.createQuery("SELECT NEXTVAL('screening_list_ids')").mapTo(Long.class).one();
            Instant now = db.now();
            h.createUpdate("INSERT INTO screening_lists (version, list, published, imported_at, imported_by, file_sha256, body_sha256, entries, body) "
                            + "VALUES (:v, :list, :published, :at, :by, :file, :bodySha, :n, :body)")
                    .bind("v", version).bind("list", list).bind("published", published).bind("at", ts(now)).bind("by", actor)
                    .bind("file", fileSha256).bind("bodySha", bodySha).bind("n", entries).bind("body", packed).execute();
            log.add(new AuditEntry.ScreeningList(actor, bodySha, entries, fileSha256, list, published, now, version));
            return new ListVersion(version, list, published, now, actor, fileSha256, entries);
        });
    }

    @Override
    public List<ListVersion> listVersions() {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT version, list, published, imported_at, imported_by, file_sha256, entries "
                        + "FROM screening_lists ORDER BY version")
                .map((rs, ctx) -> new ListVersion(rs.getLong("version"), rs.getString("list"), rs.getObject("published", LocalDate.class),
                        instant(rs, "imported_at"), rs.getString("imported_by"), rs.getString("file_sha256"), rs.getInt("entries"))).list());
    }

    @Override
    public Optional<String> listBody(long version) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT body FROM screening_lists WHERE version = :v").bind("v", version)
                .map((rs, ctx) -> new String(inflate(rs.getBytes(1)), StandardCharsets.UTF_8)).findOne());
    }

    @Override
    public Verdict addVerdict(Verdict v) {
        return db.write((h, log) -> {
            long id = h.createQuery("SELECT NEXTVAL('screening_verdict_ids')").mapTo(Long.class).one();
            Instant now = db.now();
            h.createUpdate("INSERT INTO screening_verdicts (id, party, entry_ref, entry_sha256, same_party, evidence, note, decided_by, decided_at) "
                            + "VALUES (:id, :party, :entry, :sha, :same, :evidence, :note, :by, :at)")
                    .bind("id", id).bind("party", v.partyId()).bind("entry", v.entryRef()).bind("sha", v.entryDigest()).bind("same", v.sameParty())
                    .bind("evidence", v.evidence()).bind("note", v.note()).bind("by", v.decidedBy()).bind("at", ts(now)).execute();
            h.createUpdate("UPDATE screening_alerts SET state = 'closed', open_key = NULL, verdict_id = :id, closed_at = :at WHERE open_key = :k")
                    .bind("id", id).bind("at", ts(now)).bind("k", openKey(v.partyId(), v.entryRef())).execute();
            log.add(new AuditEntry.ScreeningVerdict(v.decidedBy(), v.entryRef(), v.entryDigest(), v.evidence(), v.partyId(), v.sameParty(), now, id));
            return new Verdict(id, v.partyId(), v.entryRef(), v.entryDigest(), v.sameParty(), v.evidence(), v.note(), v.decidedBy(), now);
        });
    }

    @Override
    public List<Verdict> verdicts() {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM screening_verdicts ORDER BY id")
                .map((rs, ctx) -> new Verdict(rs.getLong("id"), rs.getString("party"), rs.getString("entry_ref"), rs.getString("entry_sha256"),
                        rs.getBoolean("same_party"), rs.getString("evidence"), rs.getString("note"), rs.getString("decided_by"),
                        instant(rs, "decided_at"))).list());
    }

    private static String openKey(String party, String entryRef) {
        return party + "|" + entryRef;
    }

    @Override
    public int openAlerts(List<NewAlert> alerts, Instant at) {
        if (alerts.isEmpty()) {
            return 0;
        }
        return db.jdbi.inTransaction(h -> {
            int opened = 0;
            for (NewAlert a : alerts) {
                String key = openKey(a.party(), a.entryRef());
                if (h.createQuery("SELECT COUNT(*) FROM screening_alerts WHERE open_key = :k").bind("k", key).mapTo(Long.class).one() > 0) {
                    continue;
                }
                long id = h.createQuery("SELECT NEXTVAL('screening_alert_ids')").mapTo(Long.class).one();
                opened += h.createUpdate("INSERT INTO screening_alerts (id, state, party, party_role, party_name, entry_ref, entry_name, list_version, "
                                + "score, exact_match, opened_at, open_key) VALUES (:id, 'open', :party, :role, :name, :entry, :entryName, :v, :score, "
                                + ":exact, :at, :k)")
                        .bind("id", id).bind("party", a.party()).bind("role", a.partyRole()).bind("name", a.partyName()).bind("entry", a.entryRef())
                        .bind("entryName", a.entryName()).bind("v", a.listVersion()).bind("score", a.score()).bind("exact", a.exact())
                        .bind("at", ts(at)).bind("k", key).execute();
            }
            return opened;
        });
    }

    @Override
    public List<Alert> alerts(String state, int limit) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM screening_alerts" + (state == null ? "" : " WHERE state = :s")
                        + " ORDER BY opened_at DESC, id DESC LIMIT :n").bind("s", state).bind("n", limit)
                .map((rs, ctx) -> alert(rs)).list());
    }

    @Override
    public Optional<Alert> alert(long id) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM screening_alerts WHERE id = :id").bind("id", id).map((rs, ctx) -> alert(rs)).findOne());
    }

    @Override
    public long openAlertCount() {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM screening_alerts WHERE state = 'open'").mapTo(Long.class).one());
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        long verdict = rs.getLong("verdict_id");
        Long verdictId = rs.wasNull() ? null : verdict;
        return new Alert(rs.getLong("id"), rs.getString("state"), rs.getString("party"), rs.getString("party_role"), rs.getString("party_name"),
                rs.getString("entry_ref"), rs.getString("entry_name"), rs.getLong("list_version"), rs.getDouble("score"), rs.getBoolean("exact_match"),
                instant(rs, "opened_at"), verdictId, rs.getObject("closed_at") == null ? null : instant(rs, "closed_at"));
    }

    private static byte[] deflate(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 4 + 64);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_SPEED))) {
            d.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] packed) {
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(packed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
