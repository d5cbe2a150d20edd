package dev.pillar.store;

import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.AuditStorage;
import dev.pillar.app.port.StoreException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The database every part of the JDBC store works on: the connection pool, which database it is, and the one write
 * path, which appends the audit entries of a change to the log in the change's own transaction and returns once they
 * are durable (group fsync of the embedded store's file). The schema is migrated by Flyway on open.
 */
final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    final Jdbi jdbi;
    final boolean postgres;
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
    private final ReentrantLock embeddedWrites;
    private volatile AuditStorage.AuditListener auditListener = (first, entries) -> {};

    /** The time of every row and audit entry written. */
    private final Clock clock;

    private Database(HikariDataSource dataSource, boolean postgres, Path h2File, UnaryOperator<GroupSync.Force> forceHook, Clock clock) {
        this.clock = clock;
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
        this.embeddedWrites = postgres ? null : new ReentrantLock(true);
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
    static Database embedded(Path dir, UnaryOperator<GroupSync.Force> forceHook, Clock clock) {
        Path base = dir.toAbsolutePath().resolve("pillar");
        String url = "jdbc:h2:file:" + base + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE"; // closed by Server.stop(), after in-flight requests
        return open(url, "pillar", "", false, base.resolveSibling("pillar.mv.db"), forceHook, clock);
    }

    /**
     * A database by JDBC URL ({@code jdbc:postgresql://host:port/db}). PostgreSQL makes each commit durable itself
     * (WAL flush with {@code synchronous_commit} on, its default), and groups the flushes of concurrent commits.
     */
    static Database connect(String jdbcUrl, String user, String password, Clock clock) {
        return open(jdbcUrl, user, password, jdbcUrl.startsWith("jdbc:postgresql:"), null, UnaryOperator.identity(), clock);
    }

    private static Database open(String url, String user, String password, boolean postgres, Path h2File,
                                 UnaryOperator<GroupSync.Force> forceHook, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("pillar-store");
        config.setInitializationFailTimeout(10_000);
        return new Database(new HikariDataSource(config), postgres, h2File, forceHook, clock);
    }

    /** The number of fsyncs of the embedded store's file so far (0 for PostgreSQL). */
    long fsyncs() {
        return sync == null ? 0 : sync.forces();
    }

    /** A write transaction's work: it changes rows through {@code h} and adds the audit entries of its changes. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Handle h, Log log);
    }

    /** The audit entries a write transaction appends, encoded as they are added. */
    static final class Log {
        private final List<byte[]> entries = new ArrayList<>();
        private final List<java.util.function.LongConsumer> afterAppend = new ArrayList<>();

        /** Adds an entry; returns its position among this transaction's entries. */
        int add(AuditEntry entry) {
            entries.add(entry.encode());
            return entries.size() - 1;
        }

        /** Runs {@code work} with the log index of this transaction's first entry, in the transaction, once appended. */
        void afterAppend(java.util.function.LongConsumer work) {
            afterAppend.add(work);
        }
    }

    /**
     * Runs {@code work} in a transaction; the audit entries it adds are appended to the log in the same transaction.
     * A write that appended entries returns only once they are durable: on the embedded store, once an fsync of its
     * file that began after the commit has completed (shared with every other commit it covers); on PostgreSQL, at
     * the commit. The listener hears of the entries only then, so a checkpoint never covers an entry a power loss could
     * take back. If the fsync fails the write fails (UNAVAILABLE) although it committed: it was never acknowledged.
     */
    <T> T write(Work<T> work) {
        if (sync != null) {
            sync.checkHealthy(); // after a failed fsync, take no more writes
        }
        Log[] log = new Log[1];
        long[] first = {-1};
        T result;
        if (embeddedWrites != null) {
            embeddedWrites.lock();
        }
        try {
            result = jdbi.inTransaction(h -> {
                log[0] = new Log(); // a retried transaction starts afresh
                T r = work.apply(h, log[0]);
                if (!log[0].entries.isEmpty()) {
                    first[0] = appendAudit(h, log[0].entries);
                    for (java.util.function.LongConsumer w : log[0].afterAppend) {
                        w.accept(first[0]);
                    }
                }
                return r;
            });
        } finally {
            if (embeddedWrites != null) {
                embeddedWrites.unlock();
            }
        }
        if (first[0] >= 0) {
            awaitDurable();
            auditListener.appended(first[0], List.copyOf(log[0].entries));
        }
        return result;
    }

    /** Returns once everything committed so far is on stable storage (at once for PostgreSQL). */
    void awaitDurable() {
        if (sync != null) {
            sync.awaitDurable();
        }
    }

    void onAuditAppend(AuditStorage.AuditListener listener) {
        this.auditListener = listener;
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
        ByteBuffer b = ByteBuffer.allocate(total);
        for (byte[] e : entries) {
            b.putInt(e.length).put(e);
        }
        h.createUpdate("INSERT INTO audit_bundles (first_index, entry_count, entries) VALUES (:first, :n, :entries)")
                .bind("first", first).bind("n", entries.size()).bind("entries", b.array()).execute();
        return first;
    }

    /** Counts one more change to the world (takes the revision row's lock until the transaction ends). */
    static void bumpRevision(Handle h) {
        h.createUpdate("UPDATE store_meta SET meta_value = meta_value + 1 WHERE meta_key = 'revision'").execute();
    }

    /** A counter of {@code store_meta} (revision, audit_size). */
    long meta(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT meta_value FROM store_meta WHERE meta_key = :k").bind("k", key).mapTo(Long.class).one());
    }

    boolean healthy() {
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
    /** Now by the application's clock, to the microsecond (what both databases keep). */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A timestamp column value: truncated to microseconds (the databases would round, possibly into the future). */
    static OffsetDateTime ts(Instant i) {
        return i.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** True if {@code e} was caused by a unique or primary key violation (SQLSTATE 23505 on H2 and PostgreSQL). */
    static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if ("23505".equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Runs {@code insert}, turning a unique violation (also from a concurrent insert of the same key) into CONFLICT. */
    static void insertOrConflict(Runnable insert, String conflict) {
        try {
            insert.run();
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) {
                throw new StoreException(StoreException.Reason.CONFLICT, conflict);
            }
            throw e;
        }
    }
}
