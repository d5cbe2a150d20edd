package dev.pillar.app;

import dev.pillar.app.port.AccountStore;
import dev.pillar.app.port.Accounts;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.StoredUser;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The users of the embedded issuer, held in memory so that every request can check its token's user without asking
 * the store. Reloaded after every change made through this server ({@link AccountService}) and every few seconds (another server
 * sharing a PostgreSQL store may change a user): a change made here stops the user's tokens at once, a change made by
 * another server within the refresh period of the server.
 */
public final class UserDirectory implements Accounts {
    private final AccountStore store;
    private volatile Map<String, StoredUser> users = Map.of();
    private volatile long lastReloadNanos;

    public UserDirectory(AccountStore store) {
        this.store = store;
        reload();
    }

    /** Reads every user from the store. */
    public synchronized void reload() {
        Map<String, StoredUser> m = new HashMap<>();
        for (StoredUser u : store.users()) {
            m.put(u.username(), u);
        }
        users = Map.copyOf(m);
        lastReloadNanos = System.nanoTime();
    }

    /**
     * True if the user exists and still has what {@code p} says. A user the directory does not know or whose record
     * disagrees is looked up once more in the store (at most once a second), so a user created or changed a moment ago,
     * possibly by another server, is judged by the store's current record rather than a stale copy.
     */
    @Override
    public boolean holds(Principal p) {
        if (matches(p)) {
            return true;
        }
        if (System.nanoTime() - lastReloadNanos > RELOAD_ON_MISS_NANOS) {
            reload();
            return matches(p);
        }
        return false;
    }

    private static final long RELOAD_ON_MISS_NANOS = 1_000_000_000L;

    private boolean matches(Principal p) {
        StoredUser u = users.get(p.subject());
        return u != null && !u.disabled() && u.role().equals(p.role().name()) && Objects.equals(u.country(), p.country())
                && Objects.equals(u.organisation(), p.organisation()) && (p.credential() < 0 || p.credential() == u.version());
    }
}
