package dev.pillar.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The {@link Store} over JDBC: the embedded H2 file store ({@link #embedded(Path)}) or PostgreSQL
 * ({@link #connect(String, String, String)}). The schema is migrated by Flyway on open.
 */
public final class JdbcStore implements Store {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;

    private JdbcStore(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close(); // do not leave the pool's connections open behind a failed start
            throw e;
        }
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * The embedded store: an H2 database in {@code dir}, in PostgreSQL mode. {@code WRITE_DELAY=0} writes every commit
     * through at once, so a process killed with {@code kill -9} loses no acknowledged write.
     */
    public static JdbcStore embedded(Path dir) {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("pillar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE"; // closed by Server.stop(), after in-flight requests
        return open(url, "pillar", "", false);
    }

    /** A PostgreSQL store by JDBC URL ({@code jdbc:postgresql://host:port/db}). */
    public static JdbcStore connect(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, jdbcUrl.startsWith("jdbc:postgresql:"));
    }

    private static JdbcStore open(String url, String user, String password, boolean postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("pillar-store");
        config.setInitializationFailTimeout(10_000);
        return new JdbcStore(new HikariDataSource(config), postgres);
    }

    public boolean postgres() {
        return postgres;
    }

    // ---- documents --------------------------------------------------------------------------------------------------

    @Override
    public Optional<Doc> get(Kind kind, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM documents WHERE kind = :kind AND id = :id")
                .bind("kind", kind.key()).bind("id", id).map((rs, ctx) -> doc(kind, rs)).findOne());
    }

    @Override
    public Page<Doc> list(Kind kind, dev.pillar.store.Query q) {
        StringBuilder where = new StringBuilder(" WHERE kind = :kind");
        if (q.area() != null) where.append(" AND area = :area");
        if (q.project() != null) where.append(" AND project = :project");
        if (q.classification() != null) where.append(" AND classification = :classification");
        if (q.control() != null) where.append(" AND (control = :control OR control LIKE :controlPrefix ESCAPE '\\')");
        if (q.country() != null) where.append(" AND country = :country");
        if (q.projects() != null) where.append(q.projects().isEmpty() ? " AND 1 = 0" : " AND project IN (<projects>)");
        return jdbi.withHandle(h -> {
            Query count = bindQuery(h.createQuery("SELECT COUNT(*) FROM documents" + where), kind, q);
            long total = count.mapTo(Long.class).one();
            Query select = bindQuery(h.createQuery("SELECT * FROM documents" + where + " ORDER BY id LIMIT :limit OFFSET :offset"), kind, q)
                    .bind("limit", q.limit()).bind("offset", q.offset());
            return new Page<>(select.map((rs, ctx) -> doc(kind, rs)).list(), total, q.offset(), q.limit());
        });
    }

    private static Query bindQuery(Query query, Kind kind, dev.pillar.store.Query q) {
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
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM documents WHERE kind = :kind ORDER BY id")
                .bind("kind", kind.key()).map((rs, ctx) -> doc(kind, rs)).list());
    }

    @Override
    public Doc create(Kind kind, String id, String body, DocFields fields, String actor) {
        return jdbi.inTransaction(h -> {
            if (exists(h, kind, id)) {
                throw new StoreException(StoreException.Reason.CONFLICT, kind.key() + " '" + id + "' exists already");
            }
            insert(h, kind, id, body, fields, actor, now());
            bumpRevision(h);
            return get(h, kind, id).orElseThrow();
        });
    }

    /** Inserts a document; CONFLICT if the id exists (also when a concurrent transaction inserted it first). */
    private static void insert(Handle h, Kind kind, String id, String body, DocFields f, String actor, Instant now) {
        try {
            insertRow(h, kind, id, body, f, actor, now);
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) {
                throw new StoreException(StoreException.Reason.CONFLICT, kind.key() + " '" + id + "' exists already");
            }
            throw e;
        }
    }

    private static void insertRow(Handle h, Kind kind, String id, String body, DocFields f, String actor, Instant now) {
        h.createUpdate("INSERT INTO documents (kind, id, version, body, area, project, classification, control, country, updated_at, updated_by) "
                        + "VALUES (:kind, :id, 1, :body, :area, :project, :classification, :control, :country, :at, :by)")
                .bind("kind", kind.key()).bind("id", id).bind("body", body).bind("area", f.area()).bind("project", f.project())
                .bind("classification", f.classification()).bind("control", f.control()).bind("country", f.country())
                .bind("at", ts(now)).bind("by", actor).execute();
    }

    @Override
    public Doc update(Kind kind, String id, String body, DocFields f, long expectedVersion, String actor) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE documents SET body = :body, version = version + 1, area = :area, project = :project, "
                            + "classification = :classification, control = :control, country = :country, updated_at = :at, updated_by = :by "
                            + "WHERE kind = :kind AND id = :id AND version = :version")
                    .bind("kind", kind.key()).bind("id", id).bind("version", expectedVersion).bind("body", body)
                    .bind("area", f.area()).bind("project", f.project()).bind("classification", f.classification())
                    .bind("control", f.control()).bind("country", f.country()).bind("at", ts(now())).bind("by", actor).execute();
            if (n == 0) {
                throw missingOrStale(h, kind, id, expectedVersion);
            }
            bumpRevision(h);
            return get(h, kind, id).orElseThrow();
        });
    }

    @Override
    public void delete(Kind kind, String id, long expectedVersion, String actor) {
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("DELETE FROM documents WHERE kind = :kind AND id = :id AND version = :version")
                    .bind("kind", kind.key()).bind("id", id).bind("version", expectedVersion).execute();
            if (n == 0) {
                throw missingOrStale(h, kind, id, expectedVersion);
            }
            bumpRevision(h);
        });
    }

    private StoreException missingOrStale(Handle h, Kind kind, String id, long expectedVersion) {
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

    private static Doc doc(Kind kind, java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Doc(kind, rs.getString("id"), rs.getLong("version"), rs.getString("body"), instant(rs, "updated_at"), rs.getString("updated_by"));
    }

    // ---- rules -------------------------------------------------------------------------------------------------------

    @Override
    public RuleVersion addRuleVersion(String body, String note, String actor) {
        return jdbi.inTransaction(h -> addRules(h, body, note, actor));
    }

    private static RuleVersion addRules(Handle h, String body, String note, String actor) {
        // Bumping the revision first takes its row lock: a concurrent writer waits here until this transaction ends,
        // then reads the MAX it committed (READ COMMITTED), so two writers never pick the same version number.
        bumpRevision(h);
        long next = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM rule_versions").mapTo(Long.class).one();
        Instant now = now();
        h.createUpdate("INSERT INTO rule_versions (version, body, note, created_at, created_by) VALUES (:v, :body, :note, :at, :by)")
                .bind("v", next).bind("body", body).bind("note", note).bind("at", ts(now)).bind("by", actor).execute();
        return new RuleVersion(next, body, note, now, actor);
    }

    @Override
    public List<RuleVersion> ruleVersions() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM rule_versions ORDER BY version").map((rs, ctx) -> rules(rs)).list());
    }

    @Override
    public Optional<RuleVersion> ruleVersion(long version) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM rule_versions WHERE version = :v").bind("v", version)
                .map((rs, ctx) -> rules(rs)).findOne());
    }

    @Override
    public Optional<RuleVersion> latestRules() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM rule_versions ORDER BY version DESC LIMIT 1").map((rs, ctx) -> rules(rs)).findOne());
    }

    private static RuleVersion rules(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RuleVersion(rs.getLong("version"), rs.getString("body"), rs.getString("note"), instant(rs, "created_at"), rs.getString("created_by"));
    }

    // ---- decisions -------------------------------------------------------------------------------------------------

    @Override
    public void saveDecisions(List<StoredDecision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO decisions (id, created_at, actor, outcome, world_version, as_of, item_id, "
                    + "organisation, project, request, response) VALUES (:id, :at, :actor, :outcome, :wv, :asOf, :item, :org, :project, :request, :response)");
            for (StoredDecision d : decisions) {
                batch.bind("id", d.id()).bind("at", ts(d.createdAt())).bind("actor", d.actor()).bind("outcome", d.outcome())
                        .bind("wv", d.worldVersion()).bind("asOf", d.asOf()).bind("item", d.itemId()).bind("org", d.organisation())
                        .bind("project", d.project()).bind("request", d.request()).bind("response", d.response()).add();
            }
            batch.execute();
        });
    }

    @Override
    public Optional<StoredDecision> decision(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM decisions WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new StoredDecision(rs.getString("id"), instant(rs, "created_at"), rs.getString("actor"),
                        rs.getString("outcome"), rs.getString("world_version"), rs.getObject("as_of", LocalDate.class), rs.getString("item_id"),
                        rs.getString("organisation"), rs.getString("project"), rs.getString("request"), rs.getString("response"))).findOne());
    }

    @Override
    public List<StoredDecision> decisionsForItem(String itemId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM decisions WHERE item_id = :item ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("item", itemId).bind("limit", limit)
                .map((rs, ctx) -> new StoredDecision(rs.getString("id"), instant(rs, "created_at"), rs.getString("actor"),
                        rs.getString("outcome"), rs.getString("world_version"), rs.getObject("as_of", LocalDate.class), rs.getString("item_id"),
                        rs.getString("organisation"), rs.getString("project"), rs.getString("request"), rs.getString("response"))).list());
    }

    // ---- users -----------------------------------------------------------------------------------------------------

    @Override
    public Optional<StoredUser> user(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE username = :u").bind("u", username).map((rs, ctx) -> user(rs)).findOne());
    }

    @Override
    public List<StoredUser> users() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users ORDER BY username").map((rs, ctx) -> user(rs)).list());
    }

    private static StoredUser user(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredUser(rs.getString("username"), rs.getString("password_hash"), rs.getString("role"), rs.getString("country"),
                rs.getString("organisation"), rs.getBoolean("disabled"), rs.getLong("version"), instant(rs, "created_at"));
    }

    @Override
    public StoredUser createUser(StoredUser u) {
        return jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u").bind("u", u.username()).mapTo(Long.class).one() > 0) {
                throw new StoreException(StoreException.Reason.CONFLICT, "user '" + u.username() + "' exists already");
            }
            Instant now = now();
            try {
                h.createUpdate("INSERT INTO users (username, password_hash, role, country, organisation, disabled, version, created_at) "
                                + "VALUES (:u, :p, :r, :c, :o, :d, 1, :at)")
                        .bind("u", u.username()).bind("p", u.passwordHash()).bind("r", u.role()).bind("c", u.country())
                        .bind("o", u.organisation()).bind("d", u.disabled()).bind("at", ts(now)).execute();
            } catch (RuntimeException e) {
                if (uniqueViolation(e)) { // a concurrent create of the same user won
                    throw new StoreException(StoreException.Reason.CONFLICT, "user '" + u.username() + "' exists already");
                }
                throw e;
            }
            return new StoredUser(u.username(), u.passwordHash(), u.role(), u.country(), u.organisation(), u.disabled(), 1, now);
        });
    }

    @Override
    public StoredUser updateUser(StoredUser u, long expectedVersion) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE users SET password_hash = :p, role = :r, country = :c, organisation = :o, disabled = :d, "
                            + "version = version + 1 WHERE username = :u AND version = :v")
                    .bind("u", u.username()).bind("p", u.passwordHash()).bind("r", u.role()).bind("c", u.country())
                    .bind("o", u.organisation()).bind("d", u.disabled()).bind("v", expectedVersion).execute();
            if (n == 0) {
                boolean exists = h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u").bind("u", u.username()).mapTo(Long.class).one() > 0;
                throw exists ? new StoreException(StoreException.Reason.STALE, "user '" + u.username() + "' was changed since version " + expectedVersion)
                        : new StoreException(StoreException.Reason.NOT_FOUND, "user '" + u.username() + "' does not exist");
            }
            return h.createQuery("SELECT * FROM users WHERE username = :u").bind("u", u.username()).map((rs, ctx) -> user(rs)).one();
        });
    }

    // ---- governance acts ---------------------------------------------------------------------------------------------

    @Override
    public List<StoredAct> appendActs(List<NewAct> acts, String actor) {
        if (acts.isEmpty()) {
            return List.of();
        }
        try {
            return jdbi.inTransaction(h -> {
                bumpRevision(h); // takes the revision row's lock: concurrent appends are numbered one after the other
                long seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM governance_acts").mapTo(Long.class).one();
                Instant now = now();
                List<StoredAct> out = new java.util.ArrayList<>();
                for (NewAct a : acts) {
                    seq++;
                    h.createUpdate("INSERT INTO governance_acts (seq, kind, proposal_id, slot, body, digest, recorded_at, recorded_by) "
                                    + "VALUES (:seq, :kind, :proposal, :slot, :body, :digest, :at, :by)")
                            .bind("seq", seq).bind("kind", a.kind()).bind("proposal", a.proposalId()).bind("slot", a.slot())
                            .bind("body", a.body()).bind("digest", a.digest()).bind("at", ts(now)).bind("by", actor).execute();
                    out.add(new StoredAct(seq, a.kind(), a.proposalId(), a.slot(), a.body(), a.digest(), now, actor));
                }
                return out;
            });
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) {
                throw new StoreException(StoreException.Reason.CONFLICT, "the governance record holds this act already (a proposal, vote or outcome is recorded once)");
            }
            throw e;
        }
    }

    @Override
    public List<StoredAct> acts() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM governance_acts ORDER BY seq").map((rs, ctx) -> new StoredAct(rs.getLong("seq"),
                rs.getString("kind"), rs.getString("proposal_id"), rs.getString("slot"), rs.getString("body"), rs.getString("digest"),
                instant(rs, "recorded_at"), rs.getString("recorded_by"))).list());
    }

    // ---- meta ------------------------------------------------------------------------------------------------------

    @Override
    public long revision() {
        return jdbi.withHandle(h -> h.createQuery("SELECT meta_value FROM store_meta WHERE meta_key = 'revision'").mapTo(Long.class).one());
    }

    private static void bumpRevision(Handle h) {
        h.createUpdate("UPDATE store_meta SET meta_value = meta_value + 1 WHERE meta_key = 'revision'").execute();
    }

    @Override
    public boolean seedOnce(List<NewDoc> docs, String rulesBody, String actor) {
        return jdbi.inTransaction(h -> {
            int claimed = h.createUpdate("UPDATE store_meta SET meta_value = 1 WHERE meta_key = 'seeded' AND meta_value = 0").execute();
            if (claimed == 0) {
                return false;
            }
            Instant now = now();
            for (NewDoc d : docs) {
                insert(h, d.kind(), d.id(), d.body(), d.fields(), actor, now);
            }
            addRules(h, rulesBody, "built-in rule data", actor);
            bumpRevision(h);
            return true;
        });
    }

    @Override
    public boolean healthy() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Now, to the microsecond that both databases keep, so that what a write returns equals what a read gives later.
     */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A timestamp column value: truncated to microseconds (the databases would round, possibly into the future). */
    private static OffsetDateTime ts(Instant i) {
        return i.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** True if {@code e} was caused by a unique or primary key violation (SQLSTATE 23505 on H2 and PostgreSQL). */
    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                for (java.sql.SQLException s = sql; s != null; s = s.getNextException()) {
                    if ("23505".equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
