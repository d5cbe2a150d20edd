package dev.pillar.store;

import static dev.pillar.store.Database.bumpRevision;
import static dev.pillar.store.Database.instant;
import static dev.pillar.store.Database.ts;

import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.DocFields;
import dev.pillar.app.port.DocumentStore;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Page;
import dev.pillar.app.port.RuleVersion;
import dev.pillar.app.port.StoreException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** World documents and rule versions in the tables {@code documents} and {@code rule_versions}, with the revision. */
final class JdbcDocuments implements DocumentStore {
    private final Database db;

    JdbcDocuments(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Doc> get(Kind kind, String id) {
        return db.jdbi.withHandle(h -> get(h, kind, id));
    }

    @Override
    public Page<Doc> list(Kind kind, dev.pillar.app.port.Query q) {
        StringBuilder where = new StringBuilder(" WHERE kind = :kind");
        if (q.area() != null) where.append(" AND area = :area");
        if (q.project() != null) where.append(" AND project = :project");
        if (q.classification() != null) where.append(" AND classification = :classification");
        if (q.control() != null) where.append(" AND (control = :control OR control LIKE :controlPrefix ESCAPE '\\')");
        if (q.country() != null) where.append(" AND country = :country");
        if (q.projects() != null) where.append(q.projects().isEmpty() ? " AND 1 = 0" : " AND project IN (<projects>)");
        return db.jdbi.withHandle(h -> {
            Query count = bindQuery(h.createQuery("SELECT COUNT(*) FROM documents" + where), kind, q);
            long total = count.mapTo(Long.class).one();
            Query select = bindQuery(h.createQuery("SELECT * FROM documents" + where + " ORDER BY id LIMIT :limit OFFSET :offset"), kind, q)
                    .bind("limit", q.limit()).bind("offset", q.offset());
            return new Page<>(select.map((rs, ctx) -> doc(kind, rs)).list(), total, q.offset(), q.limit());
        });
    }

    private static Query bindQuery(Query query, Kind kind, dev.pillar.app.port.Query q) {
        query.bind("kind", kind.key());
        if (q.area() != null) query.bind("area", q.area());
        if (q.project() != null) query.bind("project", q.project());
        if (q.classification() != null) query.bind("classification", q.classification());
        if (q.control() != null) query.bind("control", q.control()).bind("controlPrefix", likeLiteral(q.control()) + "(%");
        if (q.country() != null) query.bind("country", q.country());
        if (q.projects() != null && !q.projects().isEmpty()) query.bindList("projects", List.copyOf(q.projects()));
        return query;
    }

    /** {@code s} as a LIKE pattern that matches only itself (escape character: backslash). */
    private static String likeLiteral(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public List<Doc> all(Kind kind) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM documents WHERE kind = :kind ORDER BY id")
                .bind("kind", kind.key()).map((rs, ctx) -> doc(kind, rs)).list());
    }

    @Override
    public Doc create(Kind kind, String id, String body, DocFields fields, String actor) {
        return db.write((h, log) -> {
            if (exists(h, kind, id)) {
                throw exists(kind, id);
            }
            Instant now = db.now();
            insert(h, kind, id, body, fields, actor, now);
            bumpRevision(h);
            log.add(AuditEntry.Document.of("create", kind, id, 1, body, actor, now));
            return get(h, kind, id).orElseThrow();
        });
    }

    private static StoreException exists(Kind kind, String id) {
        return new StoreException(StoreException.Reason.CONFLICT, kind.key() + " '" + id + "' exists already");
    }

    /** Inserts a document; CONFLICT if the id exists (also when a concurrent transaction inserted it first). */
    private static void insert(Handle h, Kind kind, String id, String body, DocFields f, String actor, Instant now) {
        Database.insertOrConflict(() -> h.createUpdate("INSERT INTO documents (kind, id, version, body, area, project, classification, "
                        + "control, country, updated_at, updated_by) "
                        + "VALUES (:kind, :id, 1, :body, :area, :project, :classification, :control, :country, :at, :by)")
                .bind("kind", kind.key()).bind("id", id).bind("body", body).bind("area", f.area()).bind("project", f.project())
                .bind("classification", f.classification()).bind("control", f.control()).bind("country", f.country())
                .bind("at", ts(now)).bind("by", actor).execute(), kind.key() + " '" + id + "' exists already");
    }

    @Override
    public Doc update(Kind kind, String id, String body, DocFields f, long expectedVersion, String actor) {
        return db.write((h, log) -> {
            int n = h.createUpdate("UPDATE documents SET body = :body, version = version + 1, area = :area, project = :project, "
                            + "classification = :classification, control = :control, country = :country, updated_at = :at, updated_by = :by "
                            + "WHERE kind = :kind AND id = :id AND version = :version")
                    .bind("kind", kind.key()).bind("id", id).bind("version", expectedVersion).bind("body", body)
                    .bind("area", f.area()).bind("project", f.project()).bind("classification", f.classification())
                    .bind("control", f.control()).bind("country", f.country()).bind("at", ts(db.now())).bind("by", actor).execute();
            if (n == 0) {
                throw missingOrStale(h, kind, id, expectedVersion);
            }
            bumpRevision(h);
            Doc updated = get(h, kind, id).orElseThrow();
            log.add(AuditEntry.Document.of("update", kind, id, updated.version(), body, actor, updated.updatedAt()));
            return updated;
        });
    }

    @Override
    public void delete(Kind kind, String id, long expectedVersion, String actor) {
        db.write((h, log) -> {
            int n = h.createUpdate("DELETE FROM documents WHERE kind = :kind AND id = :id AND version = :version")
                    .bind("kind", kind.key()).bind("id", id).bind("version", expectedVersion).execute();
            if (n == 0) {
                throw missingOrStale(h, kind, id, expectedVersion);
            }
            bumpRevision(h);
            log.add(AuditEntry.Document.of("delete", kind, id, expectedVersion, null, actor, db.now()));
            return null;
        });
    }

    private static StoreException missingOrStale(Handle h, Kind kind, String id, long expectedVersion) {
        Optional<Doc> current = get(h, kind, id);
        return current.isEmpty()
                ? new StoreException(StoreException.Reason.NOT_FOUND, kind.key() + " '" + id + "' does not exist")
                : new StoreException(StoreException.Reason.STALE, kind.key() + " '" + id + "' is at version " + current.get().version()
                        + ", not " + expectedVersion + ": read it again and reapply the change");
    }

    private static boolean exists(Handle h, Kind kind, String id) {
        return h.createQuery("SELECT COUNT(*) FROM documents WHERE kind = :kind AND id = :id").bind("kind", kind.key()).bind("id", id)
                .mapTo(Long.class).one() > 0;
    }

    private static Optional<Doc> get(Handle h, Kind kind, String id) {
        return h.createQuery("SELECT * FROM documents WHERE kind = :kind AND id = :id").bind("kind", kind.key()).bind("id", id)
                .map((rs, ctx) -> doc(kind, rs)).findOne();
    }

    private static Doc doc(Kind kind, ResultSet rs) throws SQLException {
        return new Doc(kind, rs.getString("id"), rs.getLong("version"), rs.getString("body"), instant(rs, "updated_at"), rs.getString("updated_by"));
    }

    // ---- rules -------------------------------------------------------------------------------------------------------

    @Override
    public RuleVersion addRuleVersion(String body, String note, String actor) {
        return db.write((h, log) -> addRules(h, body, note, actor, log));
    }

    private RuleVersion addRules(Handle h, String body, String note, String actor, Database.Log log) {
        // Bumping the revision first takes its row lock: a concurrent writer waits here until this transaction ends,
        // then reads the MAX it committed (READ COMMITTED), so two writers never pick the same version number.
        bumpRevision(h);
        long next = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM rule_versions").mapTo(Long.class).one();
        Instant now = db.now();
        h.createUpdate("INSERT INTO rule_versions (version, body, note, created_at, created_by) VALUES (:v, :body, :note, :at, :by)")
                .bind("v", next).bind("body", body).bind("note", note).bind("at", ts(now)).bind("by", actor).execute();
        log.add(AuditEntry.Rules.of(next, body, note, actor, now));
        return new RuleVersion(next, body, note, now, actor);
    }

    @Override
    public List<RuleVersion> ruleVersions() {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM rule_versions ORDER BY version").map((rs, ctx) -> rules(rs)).list());
    }

    @Override
    public Optional<RuleVersion> ruleVersion(long version) {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM rule_versions WHERE version = :v").bind("v", version)
                .map((rs, ctx) -> rules(rs)).findOne());
    }

    @Override
    public Optional<RuleVersion> latestRules() {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM rule_versions ORDER BY version DESC LIMIT 1").map((rs, ctx) -> rules(rs)).findOne());
    }

    private static RuleVersion rules(ResultSet rs) throws SQLException {
        return new RuleVersion(rs.getLong("version"), rs.getString("body"), rs.getString("note"), instant(rs, "created_at"), rs.getString("created_by"));
    }

    // ---- revision and seed -------------------------------------------------------------------------------------------

    @Override
    public long revision() {
        return db.meta("revision");
    }

    @Override
    public boolean seedOnce(List<NewDoc> docs, String rulesBody, String actor) {
        return db.write((h, log) -> {
            int claimed = h.createUpdate("UPDATE store_meta SET meta_value = 1 WHERE meta_key = 'seeded' AND meta_value = 0").execute();
            if (claimed == 0) {
                return false;
            }
            Instant now = db.now();
            for (NewDoc d : docs) {
                insert(h, d.kind(), d.id(), d.body(), d.fields(), actor, now);
                log.add(AuditEntry.Document.of("create", d.kind(), d.id(), 1, d.body(), actor, now));
            }
            addRules(h, rulesBody, "built-in rule data", actor, log);
            bumpRevision(h);
            return true;
        });
    }
}
