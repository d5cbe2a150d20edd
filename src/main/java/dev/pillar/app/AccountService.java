package dev.pillar.app;

import dev.pillar.app.port.AccountStore;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.StoredUser;
import dev.pillar.core.model.Country;
import dev.pillar.crypto.Passwords;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The users of the embedded issuer: password sign-in, and their creation and change by admins. Every change is told
 * to the {@link UserDirectory} at once, so a disabled or changed user's tokens and sessions stop on their next request.
 */
public final class AccountService {
    private static final String DUMMY_HASH = Passwords.hash("pillar-no-such-user".toCharArray());

    private final AccountStore store;
    private final WorldService worlds;
    private final UserDirectory directory;

    /**
     * Accounts in {@code store}; an engineer's organisation and a delegate's member country are checked against the
     * world of {@code worlds} as it stands today.
     */
    public AccountService(AccountStore store, WorldService worlds) {
        this.store = store;
        this.worlds = worlds;
        this.directory = new UserDirectory(store);
        this.throttle = new SignInThrottle(worlds.clock().clock());
    }

    private final SignInThrottle throttle;

    /** The users as they stand, for checking tokens and sessions on every request. */
    public UserDirectory directory() {
        return directory;
    }

    /** As {@link #signIn(String, String, String)} from an unknown address (the CLI, tests). */
    public Principal signIn(String username, String password) {
        return signIn(username, password, null);
    }

    /**
     * Checks a password and returns the principal, or null; the same answer for an unknown user and a wrong password.
     * Refused (429) while the account or the client {@code address} has too many recent failures ({@link SignInThrottle}).
     */
    public Principal signIn(String username, String password, String address) {
        throttle.check(username, address);
        StoredUser u = username == null ? null : store.user(username).orElse(null);
        // hash even for an unknown user, so the time taken does not tell which usernames exist
        boolean ok = throttle.hashing(() -> Passwords.verify(password == null ? new char[0] : password.toCharArray(),
                u == null ? DUMMY_HASH : u.passwordHash()));
        if (u == null || u.disabled() || password == null || !ok) {
            throttle.failed(username, address);
            return null;
        }
        directory.reload(); // the user as just read is what later requests are checked against (it may be new to this server)
        return new Principal(u.username(), Role.valueOf(u.role()), u.country(), u.organisation(), u.version());
    }

    /**
     * On a store without users only: creates {@code admin} with a generated password and answers it (to be shown
     * once), or empty if the store has users.
     */
    public Optional<String> bootstrapAdmin() {
        if (!store.users().isEmpty()) {
            return Optional.empty();
        }
        String password = Passwords.generate();
        store.createUser(new StoredUser("admin", Passwords.hash(password.toCharArray()), Role.ADMIN.name(), null, null, false, 0, null));
        directory.reload();
        return Optional.of(password);
    }

    /** The current credential version of {@code username} (its record's version), for a token made on its behalf. */
    public long credentialOf(String username) {
        return store.user(username).orElseThrow(() -> Refusal.notFound("no such user")).version();
    }

    /** A demo account to make on the first start with the built-in world (see {@code demo/aukus-users.yaml}). */
    public record DemoUser(String username, String role, String country, String organisation, String note) {}

    /** A demo account made, with its generated password (shown once). */
    public record DemoAccount(DemoUser user, String password) {}

    /**
     * Makes the demo accounts, each with a generated password, checked as an admin's would be; called only on the first
     * start that seeded the built-in world. An account that exists already is left as it is.
     */
    public List<DemoAccount> createDemoUsers(List<DemoUser> users) {
        List<DemoAccount> out = new java.util.ArrayList<>();
        for (DemoUser u : users) {
            if (store.user(u.username()).isPresent()) {
                continue;
            }
            String password = Passwords.generate();
            UserChange c = new UserChange(password, u.role(), u.country(), u.organisation(), false);
            store.createUser(checked(u.username(), Passwords.hash(password.toCharArray()), c, false, 0));
            out.add(new DemoAccount(u, password));
        }
        directory.reload();
        return out;
    }

    /** What an admin asks for when creating or changing a user; null fields are not given. */
    public record UserChange(String password, String role, String country, String organisation, Boolean disabled) {}

    public List<StoredUser> list(Principal who) {
        Access.manageUsers(who);
        return store.users();
    }

    public StoredUser get(Principal who, String username) {
        Access.manageUsers(who);
        return store.user(username).orElseThrow(() -> Refusal.notFound("no such user"));
    }

    public StoredUser create(Principal who, String username, UserChange c) {
        Access.manageUsers(who);
        if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw Refusal.invalid("username", "use 2-64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (c.password() == null || c.password().length() < 12) {
            throw Refusal.invalid("password", "must have at least 12 characters");
        }
        StoredUser created = store.createUser(checked(username, Passwords.hash(c.password().toCharArray()), c, false, 0));
        directory.reload();
        return created;
    }

    public StoredUser update(Principal who, String username, long expectedVersion, UserChange c) {
        Access.manageUsers(who);
        StoredUser current = store.user(username).orElseThrow(() -> Refusal.notFound("no such user"));
        if (c.password() != null && c.password().length() < 12) {
            throw Refusal.invalid("password", "must have at least 12 characters");
        }
        String hash = c.password() == null ? current.passwordHash() : Passwords.hash(c.password().toCharArray());
        StoredUser updated = store.updateUser(checked(current.username(), hash, c, c.disabled() != null && c.disabled(), expectedVersion),
                expectedVersion);
        directory.reload();
        return updated;
    }

    private StoredUser checked(String username, String hash, UserChange c, boolean disabled, long version) {
        Role role = Role.parse(c.role());
        if (role == null) {
            throw Refusal.invalid("role", "must be one of admin, secretariat, compliance-officer, delegate, engineer");
        }
        if (role == Role.DELEGATE && (c.country() == null || !Country.isKnown(c.country()))) {
            throw Refusal.invalid("country", "a delegate speaks for a member country: give its trigraph, e.g. GBR");
        }
        if (role == Role.DELEGATE) {
            LocalDate today = worlds.clock().today();
            List<String> members = worlds.current().world().partnership().coreMembers().stream().filter(m -> m.inForce(today))
                    .map(m -> m.country().code()).distinct().sorted().toList();
            if (!members.contains(c.country())) {
                throw Refusal.invalid("country", "'" + c.country() + "' is not a core member today: delegates speak for the core members "
                        + members + " only (a partner's people take part through their organisations)");
            }
        }
        if (role == Role.ENGINEER && (c.organisation() == null || c.organisation().isBlank())) {
            throw Refusal.invalid("organisation", "an engineer belongs to an organisation: give its id");
        }
        if (role == Role.ENGINEER && worlds.current().world().organisation(c.organisation()) == null) {
            throw Refusal.invalid("organisation", "unknown organisation '" + c.organisation() + "': use the id of an existing organisation");
        }
        return new StoredUser(username, hash, role.name(), role == Role.DELEGATE ? c.country() : null,
                role == Role.ENGINEER ? c.organisation() : null, disabled, version, null);
    }
}
