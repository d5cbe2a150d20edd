package dev.pillar.store;

import static dev.pillar.store.Database.instant;
import static dev.pillar.store.Database.ts;

import dev.pillar.app.port.AccountStore;
import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.StoreException;
import dev.pillar.app.port.StoredUser;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The embedded issuer's users in the table {@code users}. */
final class JdbcUsers implements AccountStore {
    private final Database db;

    JdbcUsers(Database db) {
        this.db = db;
    }

    @Override
    public Optional<StoredUser> user(String username) {
        return db.jdbi.withHandle(h -> user(h, username));
    }

    private static Optional<StoredUser> user(Handle h, String username) {
        return h.createQuery("SELECT * FROM users WHERE username = :u").bind("u", username).map((rs, ctx) -> user(rs)).findOne();
    }

    @Override
    public List<StoredUser> users() {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM users ORDER BY username").map((rs, ctx) -> user(rs)).list());
    }

    private static StoredUser user(ResultSet rs) throws SQLException {
        return new StoredUser(rs.getString("username"), rs.getString("password_hash"), rs.getString("role"), rs.getString("country"),
                rs.getString("organisation"), rs.getBoolean("disabled"), rs.getLong("version"), instant(rs, "created_at"));
    }

    @Override
    public StoredUser createUser(StoredUser u) {
        String exists = "user '" + u.username() + "' exists already";
        return db.write((h, log) -> {
            if (user(h, u.username()).isPresent()) {
                throw new StoreException(StoreException.Reason.CONFLICT, exists);
            }
            Instant now = db.now();
            Database.insertOrConflict(() -> h.createUpdate("INSERT INTO users (username, password_hash, role, country, organisation, disabled, "
                                    + "version, created_at) VALUES (:u, :p, :r, :c, :o, :d, 1, :at)")
                    .bind("u", u.username()).bind("p", u.passwordHash()).bind("r", u.role()).bind("c", u.country())
                    .bind("o", u.organisation()).bind("d", u.disabled()).bind("at", ts(now)).execute(), exists); // a concurrent create won
            StoredUser created = new StoredUser(u.username(), u.passwordHash(), u.role(), u.country(), u.organisation(), u.disabled(), 1, now);
            log.add(AuditEntry.User.of("create", created, 1, now));
            return created;
        });
    }

    @Override
    public StoredUser updateUser(StoredUser u, long expectedVersion) {
        return db.write((h, log) -> {
            int n = h.createUpdate("UPDATE users SET password_hash = :p, role = :r, country = :c, organisation = :o, disabled = :d, "
                            + "version = version + 1 WHERE username = :u AND version = :v")
                    .bind("u", u.username()).bind("p", u.passwordHash()).bind("r", u.role()).bind("c", u.country())
                    .bind("o", u.organisation()).bind("d", u.disabled()).bind("v", expectedVersion).execute();
            if (n == 0) {
                throw user(h, u.username()).isPresent()
                        ? new StoreException(StoreException.Reason.STALE, "user '" + u.username() + "' was changed since version " + expectedVersion)
                        : new StoreException(StoreException.Reason.NOT_FOUND, "user '" + u.username() + "' does not exist");
            }
            StoredUser updated = user(h, u.username()).orElseThrow();
            log.add(AuditEntry.User.of("update", updated, updated.version(), db.now()));
            return updated;
        });
    }
}
