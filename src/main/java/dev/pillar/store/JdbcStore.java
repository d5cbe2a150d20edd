package dev.pillar.store;

import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.DocFields;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Page;
import dev.pillar.app.port.RuleVersion;
import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoreException;
import dev.pillar.app.port.StoredAct;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.app.port.StoredUser;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
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
    /** The embedded store's group fsync of its database file; null for a server database (its commit is durable). */
    private final GroupSync sync;
    private final FileChannel file;
    /**
     * The embedded store runs its write transactions one at a time (null for PostgreSQL). H2 in READ COMMITTED lost
     * updates under concurrent read-modify-write: two {@code UPDATE ... WHERE version = :read} of the same row both
     * succeeded now and then ({@code StoreContractTest.concurrentReadModifyWriteLosesNoUpdate}). Every write
     * transaction already queued on the revision and log-size rows, so taking them in turn costs no concurrency; the
     * fsync that follows a commit stays outside, so group commit still overlaps.
     */
    private final java.util.concurrent.locks.ReentrantLock embeddedWrites;

    private JdbcStore(HikariDataSource dataSource, boolean postgres, Path h2File, UnaryOperator<GroupSync.Force> forceHook) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        FileChannel channel = null;
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            if (h2File != null) {
                // Open once and keep open until close(): closing any descriptor of a file drops the process's POSIX
                // locks on it, H2's among them. On Linux, fsync of this descriptor writes back every dirty page of the
                // file, whichever descriptor H2 wrote them through (docs/audit.md, "Durability").
                channel = FileChannel.open(h2File, StandardOpenOption.READ);
                forceDirectory(h2File.getParent()); // the file's directory entry, made on the first start
            }
        } catch (IOException | RuntimeException e) {
            dataSource.close(); // do not leave the pool's connections open behind a failed start
            if (e instanceof IOException io) {
                throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot open " + h2File + " to force it to disk: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        this.file = channel;
        this.embeddedWrites = postgres ? null : new java.util.concurrent.locks.ReentrantLock(true);
        FileChannel forced = channel;
        this.sync = channel == null ? null : new GroupSync(forceHook.apply(() -> forced.force(true)));
        this.jdbi = Jdbi.create(dataSource);
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /**
     * The embedded store: an H2 database in {@code dir} (the file {@code pillar.mv.db}), in PostgreSQL mode.
     * {@code WRITE_DELAY=0} has H2 write every commit to the file before the commit returns, so a process killed with
     * {@code kill -9} loses nothing committed; every write that appends to the audit log then also waits for an fsync
     * of the file that began after its commit ({@link GroupSync}), so that what was acknowledged survives a power loss.
     */
    public static JdbcStore embedded(Path dir) {
        return embedded(dir, UnaryOperator.identity());
    }

    /** The embedded store, with the fsync of its file wrapped by {@code forceHook} (tests count, delay or fail it). */
    static JdbcStore embedded(Path dir, UnaryOperator<GroupSync.Force> forceHook) {
        Path base = dir.toAbsolutePath().resolve("pillar");
        String url = "jdbc:h2:file:" + base + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE"; // closed by Server.stop(), after in-flight requests
        return open(url, "pillar", "", false, base.resolveSibling("pillar.mv.db"), forceHook);
    }

    /**
     * A PostgreSQL store by JDBC URL ({@code jdbc:postgresql://host:port/db}). PostgreSQL makes each commit durable
     * itself (WAL flush with {@code synchronous_commit} on, its default), and groups the flushes of concurrent commits.
     */
    public static JdbcStore connect(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, jdbcUrl.startsWith("jdbc:postgresql:"), null, UnaryOperator.identity());
    }

    private static JdbcStore open(String url, String user, String password, boolean postgres, Path h2File,
                                  UnaryOperator<GroupSync.Force> forceHook) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("pillar-store");
        config.setInitializationFailTimeout(10_000);
        return new JdbcStore(new HikariDataSource(config), postgres, h2File, forceHook);
    }

    /** The number of fsyncs of the embedded store's file so far (0 for PostgreSQL); for measurements. */
    public long fsyncs() {
        return sync == null ? 0 : sync.forces();
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
    public Page<Doc> list(Kind kind, dev.pillar.app.port.Query q) {
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
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM documents WHERE kind = :kind ORDER BY id")
                .bind("kind", kind.key()).map((rs, ctx) -> doc(kind, rs)).list());
    }

    @Override
    public Doc create(Kind kind, String id, String body, DocFields fields, String actor) {
        return write((h, log) -> {
            if (exists(h, kind, id)) {
                throw new StoreException(StoreException.Reason.CONFLICT, kind.key() + " '" + id + "' exists already");
            }
            Instant now = now();
            insert(h, kind, id, body, fields, actor, now);
            bumpRevision(h);
            log.add(AuditEntry.Document.of("create", kind, id, 1, body, actor, now).encode());
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
        return write((h, log) -> {
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
            Doc updated = get(h, kind, id).orElseThrow();
            log.add(AuditEntry.Document.of("update", kind, id, updated.version(), body, actor, updated.updatedAt()).encode());
            return updated;
        });
    }

    @Override
    public void delete(Kind kind, String id, long expectedVersion, String actor) {
        write((h, log) -> {
            int n = h.createUpdate("DELETE FROM documents WHERE kind = :kind AND id = :id AND version = :version")
                    .bind("kind", kind.key()).bind("id", id).bind("version", expectedVersion).execute();
            if (n == 0) {
                throw missingOrStale(h, kind, id, expectedVersion);
            }
            bumpRevision(h);
            log.add(AuditEntry.Document.of("delete", kind, id, expectedVersion, null, actor, now()).encode());
            return null;
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
        return write((h, log) -> addRules(h, body, note, actor, log));
    }

    private static RuleVersion addRules(Handle h, String body, String note, String actor, List<byte[]> log) {
        // Bumping the revision first takes its row lock: a concurrent writer waits here until this transaction ends,
        // then reads the MAX it committed (READ COMMITTED), so two writers never pick the same version number.
        bumpRevision(h);
        long next = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM rule_versions").mapTo(Long.class).one();
        Instant now = now();
        h.createUpdate("INSERT INTO rule_versions (version, body, note, created_at, created_by) VALUES (:v, :body, :note, :at, :by)")
                .bind("v", next).bind("body", body).bind("note", note).bind("at", ts(now)).bind("by", actor).execute();
        log.add(AuditEntry.Rules.of(next, body, note, actor, now).encode());
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

    /** How many of the most recent decisions {@link #decisionsForItem} looks through. */
    static final int ITEM_SCAN_LIMIT = 200_000;

    @Override
    public void saveDecisions(List<StoredDecision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        List<DecisionChunks.Chunk> chunks = DecisionChunks.encode(decisions); // checks every record before writing any
        write((h, log) -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO decision_chunks (first_ms, last_ms, entry_count, committed_at, body) "
                    + "VALUES (:first, :last, :n, :at, :body)");
            OffsetDateTime at = ts(now());
            for (DecisionChunks.Chunk c : chunks) {
                batch.bind("first", c.firstMs()).bind("last", c.lastMs()).bind("n", c.count()).bind("at", at).bind("body", c.body()).add();
            }
            batch.execute();
            for (StoredDecision d : decisions) {
                log.add(AuditEntry.Decision.of(d).encode());
            }
            return null;
        });
    }

    @Override
    public Optional<StoredDecision> decision(String id) {
        if (DecisionChunks.parseV7(id) != null) {
            long t = DecisionChunks.idTime(id);
            Optional<StoredDecision> found = jdbi.withHandle(h -> {
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
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM decisions WHERE id = :id").bind("id", id).map((rs, ctx) -> legacy(rs)).findOne());
    }

    /**
     * The latest decisions about an item, newest first: looked for among the {@value #ITEM_SCAN_LIMIT} most recently
     * stored decisions (and those recorded before migration V3).
     */
    @Override
    public List<StoredDecision> decisionsForItem(String itemId, int limit) {
        List<StoredDecision> found = new ArrayList<>();
        jdbi.useHandle(h -> {
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

    private static StoredDecision legacy(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredDecision(rs.getString("id"), instant(rs, "created_at"), rs.getString("actor"), rs.getString("outcome"),
                rs.getString("world_version"), rs.getObject("as_of", LocalDate.class), rs.getString("item_id"), rs.getString("organisation"),
                rs.getString("project"), rs.getString("request"), rs.getString("response"), List.of());
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
        return write((h, log) -> {
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
            StoredUser created = new StoredUser(u.username(), u.passwordHash(), u.role(), u.country(), u.organisation(), u.disabled(), 1, now);
            log.add(AuditEntry.User.of("create", created, 1, now).encode());
            return created;
        });
    }

    @Override
    public StoredUser updateUser(StoredUser u, long expectedVersion) {
        return write((h, log) -> {
            int n = h.createUpdate("UPDATE users SET password_hash = :p, role = :r, country = :c, organisation = :o, disabled = :d, "
                            + "version = version + 1 WHERE username = :u AND version = :v")
                    .bind("u", u.username()).bind("p", u.passwordHash()).bind("r", u.role()).bind("c", u.country())
                    .bind("o", u.organisation()).bind("d", u.disabled()).bind("v", expectedVersion).execute();
            if (n == 0) {
                boolean exists = h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u").bind("u", u.username()).mapTo(Long.class).one() > 0;
                throw exists ? new StoreException(StoreException.Reason.STALE, "user '" + u.username() + "' was changed since version " + expectedVersion)
                        : new StoreException(StoreException.Reason.NOT_FOUND, "user '" + u.username() + "' does not exist");
            }
            StoredUser updated = h.createQuery("SELECT * FROM users WHERE username = :u").bind("u", u.username()).map((rs, ctx) -> user(rs)).one();
            log.add(AuditEntry.User.of("update", updated, updated.version(), now()).encode());
            return updated;
        });
    }

    // ---- audit log -------------------------------------------------------------------------------------------------

    private volatile Store.AuditListener auditListener = (first, entries) -> {};

    @Override
    public void onAuditAppend(Store.AuditListener listener) {
        this.auditListener = listener;
    }

    /**
     * Runs {@code work} in a transaction; the audit entries it adds are appended to the log in the same transaction.
     * A write that appended entries returns only once they are durable: on the embedded store, once an fsync of its
     * file that began after the commit has completed (shared with every other commit it covers); on PostgreSQL, at
     * the commit. The listener hears of the entries only then, so a checkpoint never covers an entry a power loss could
     * take back. If the fsync fails the write fails (UNAVAILABLE) although it committed: it was never acknowledged.
     */
    private <T> T write(java.util.function.BiFunction<Handle, List<byte[]>, T> work) {
        if (sync != null) {
            sync.checkHealthy(); // after a failed fsync, take no more writes
        }
        List<byte[]> entries = new ArrayList<>();
        long[] first = {-1};
        T result;
        if (embeddedWrites != null) {
            embeddedWrites.lock();
        }
        try {
            result = jdbi.inTransaction(h -> {
                entries.clear();
                T r = work.apply(h, entries);
                if (!entries.isEmpty()) {
                    first[0] = appendAudit(h, entries);
                }
                return r;
            });
        } finally {
            if (embeddedWrites != null) {
                embeddedWrites.unlock();
            }
        }
        if (first[0] >= 0) {
            if (sync != null) {
                sync.awaitDurable();
            }
            auditListener.appended(first[0], List.copyOf(entries));
        }
        return result;
    }

    /** Appends entries as one bundle; the size row's lock orders concurrent appenders. Returns the first index. */
    private static long appendAudit(Handle h, List<byte[]> entries) {
        h.createUpdate("UPDATE store_meta SET meta_value = meta_value + :n WHERE meta_key = 'audit_size'").bind("n", entries.size()).execute();
        long size = h.createQuery("SELECT meta_value FROM store_meta WHERE meta_key = 'audit_size'").mapTo(Long.class).one();
        long first = size - entries.size();
        int total = 0;
        for (byte[] e : entries) {
            total += 4 + e.length;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(total);
        for (byte[] e : entries) {
            b.putInt(e.length).put(e);
        }
        h.createUpdate("INSERT INTO audit_bundles (first_index, entry_count, entries) VALUES (:first, :n, :entries)")
                .bind("first", first).bind("n", entries.size()).bind("entries", b.array()).execute();
        return first;
    }

    @Override
    public long auditSize() {
        return jdbi.withHandle(h -> h.createQuery("SELECT meta_value FROM store_meta WHERE meta_key = 'audit_size'").mapTo(Long.class).one());
    }

    @Override
    public void auditEntries(long from, long to, java.util.function.ObjLongConsumer<byte[]> each) {
        jdbi.useHandle(h -> {
            try (var rows = h.createQuery("SELECT first_index, entry_count, entries FROM audit_bundles WHERE first_index < :to "
                            + "AND first_index + entry_count > :from ORDER BY first_index").bind("from", from).bind("to", to).setFetchSize(64)
                    .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getInt(2), rs.getBytes(3)}).stream()) {
                rows.forEach(r -> {
                    long first = (Long) r[0];
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap((byte[]) r[2]);
                    for (int i = 0; i < (Integer) r[1]; i++) {
                        byte[] e = new byte[b.getInt()];
                        b.get(e);
                        long index = first + i;
                        if (index >= from && index < to) {
                            each.accept(e, index);
                        }
                    }
                });
            }
        });
    }

    @Override
    public void saveCheckpoint(long treeSize, String note) {
        jdbi.useTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM audit_checkpoints WHERE tree_size = :s").bind("s", treeSize).mapTo(Long.class).one() == 0) {
                try {
                    h.createUpdate("INSERT INTO audit_checkpoints (tree_size, note, created_at) VALUES (:s, :note, :at)")
                            .bind("s", treeSize).bind("note", note).bind("at", ts(now())).execute();
                } catch (RuntimeException e) {
                    if (!uniqueViolation(e)) { // another server published this size at the same moment: keep theirs
                        throw e;
                    }
                }
            }
        });
        if (sync != null) {
            sync.awaitDurable(); // a checkpoint the server hands out is on disk
        }
    }

    @Override
    public Optional<String> checkpointAt(long treeSize) {
        return jdbi.withHandle(h -> h.createQuery("SELECT note FROM audit_checkpoints WHERE tree_size = :s").bind("s", treeSize)
                .mapTo(String.class).findOne());
    }

    @Override
    public java.util.SortedMap<Long, String> checkpoints() {
        java.util.SortedMap<Long, String> out = new java.util.TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT tree_size, note FROM audit_checkpoints ORDER BY tree_size")
                .map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    @Override
    public List<Store.KeptCheckpoint> checkpointsBefore(long beforeSize, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT tree_size, note, created_at FROM audit_checkpoints WHERE tree_size < :b "
                        + "ORDER BY tree_size DESC LIMIT :n OFFSET :o").bind("b", beforeSize).bind("n", limit).bind("o", offset)
                .map((rs, ctx) -> new Store.KeptCheckpoint(rs.getLong(1), rs.getString(2), instant(rs, "created_at"))).list());
    }

    @Override
    public Optional<Store.KeptCheckpoint> keptCheckpoint(long treeSize) {
        return jdbi.withHandle(h -> h.createQuery("SELECT tree_size, note, created_at FROM audit_checkpoints WHERE tree_size = :s")
                .bind("s", treeSize).map((rs, ctx) -> new Store.KeptCheckpoint(rs.getLong(1), rs.getString(2), instant(rs, "created_at")))
                .findOne());
    }

    @Override
    public Store.WitnessKey addWitnessKey(String member, String verifierKey, String keyName, String actor) {
        return write((h, log) -> {
            if (h.createQuery("SELECT COUNT(*) FROM audit_witness_keys WHERE verifier_key = :k").bind("k", verifierKey).mapTo(Long.class).one() > 0) {
                throw new StoreException(StoreException.Reason.CONFLICT, "witness key '" + keyName + "' is registered already");
            }
            Instant now = now();
            try {
                h.createUpdate("INSERT INTO audit_witness_keys (verifier_key, member, key_name, registered_at, registered_by) "
                        + "VALUES (:k, :m, :n, :at, :by)").bind("k", verifierKey).bind("m", member).bind("n", keyName).bind("at", ts(now))
                        .bind("by", actor).execute();
            } catch (RuntimeException e) {
                if (uniqueViolation(e)) {
                    throw new StoreException(StoreException.Reason.CONFLICT, "witness key '" + keyName + "' is registered already");
                }
                throw e;
            }
            log.add(new AuditEntry.Witness(actor, member, now, verifierKey).encode());
            return new Store.WitnessKey(member, verifierKey, keyName, now, actor);
        });
    }

    @Override
    public List<Store.WitnessKey> witnessKeys() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_witness_keys ORDER BY registered_at, verifier_key")
                .map((rs, ctx) -> new Store.WitnessKey(rs.getString("member"), rs.getString("verifier_key"), rs.getString("key_name"),
                        instant(rs, "registered_at"), rs.getString("registered_by"))).list());
    }

    @Override
    public boolean saveCosignature(long treeSize, String verifierKey, String line) {
        return jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM audit_cosignatures WHERE tree_size = :s AND verifier_key = :k").bind("s", treeSize)
                    .bind("k", verifierKey).mapTo(Long.class).one() > 0) {
                return false;
            }
            try {
                h.createUpdate("INSERT INTO audit_cosignatures (tree_size, verifier_key, signature_line, received_at) VALUES (:s, :k, :l, :at)")
                        .bind("s", treeSize).bind("k", verifierKey).bind("l", line).bind("at", ts(now())).execute();
                return true;
            } catch (RuntimeException e) {
                if (uniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public List<Store.Cosignature> cosignatures(long fromSize, long toSize) {
        return jdbi.withHandle(h -> h.createQuery("SELECT tree_size, verifier_key, signature_line, received_at FROM audit_cosignatures "
                        + "WHERE tree_size >= :a AND tree_size <= :b ORDER BY tree_size, received_at").bind("a", fromSize).bind("b", toSize)
                .map((rs, ctx) -> new Store.Cosignature(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, "received_at"))).list());
    }

    // ---- governance acts ---------------------------------------------------------------------------------------------

    @Override
    public List<StoredAct> appendActs(List<NewAct> acts, String actor) {
        if (acts.isEmpty()) {
            return List.of();
        }
        try {
            return write((h, log) -> {
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
                    log.add(new AuditEntry.Governance(a.digest(), actor, a.kind(), a.proposalId(), seq, now).encode());
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
        return write((h, log) -> {
            int claimed = h.createUpdate("UPDATE store_meta SET meta_value = 1 WHERE meta_key = 'seeded' AND meta_value = 0").execute();
            if (claimed == 0) {
                return false;
            }
            Instant now = now();
            for (NewDoc d : docs) {
                insert(h, d.kind(), d.id(), d.body(), d.fields(), actor, now);
                log.add(AuditEntry.Document.of("create", d.kind(), d.id(), 1, d.body(), actor, now).encode());
            }
            addRules(h, rulesBody, "built-in rule data", actor, log);
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
        try {
            dataSource.close();
        } finally {
            if (file != null) {
                try {
                    file.close(); // after H2 has closed the database and released its lock
                } catch (IOException e) {
                    // nothing left to do: H2 has written and closed the file
                }
            }
        }
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
