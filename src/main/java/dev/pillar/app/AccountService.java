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

    /**
     * Replaces a user (PUT): every field the role needs must be given ({@code role}, {@code disabled}, and the
     * delegate's {@code country} or the engineer's {@code organisation}), so that nothing is dropped silently; the
     * password is kept unless given. 400 naming a missing field.
     */
    public StoredUser update(Principal who, String username, long expectedVersion, UserChange c) {
        Access.manageUsers(who);
        if (c.role() == null) {
            throw Refusal.invalid("role", "is required in a replacement (PUT): give every field, or change some with PATCH");
        }
        if (c.disabled() == null) {
            throw Refusal.invalid("disabled", "is required in a replacement (PUT): give every field, or change some with PATCH");
        }
        return change(who, username, expectedVersion, c);
    }

    /**
     * Changes some fields of a user (PATCH, JSON merge patch): a field not given keeps its value; a role change that
     * leaves the country or organisation the new role needs unset is refused naming it.
     */
    public StoredUser patch(Principal who, String username, long expectedVersion, UserChange c) {
        Access.manageUsers(who);
        StoredUser current = store.user(username).orElseThrow(() -> Refusal.notFound("no such user"));
        String role = c.role() != null ? c.role() : Role.valueOf(current.role()).claim();
        boolean roleChanged = c.role() != null && Role.parse(c.role()) != Role.valueOf(current.role());
        UserChange merged = new UserChange(c.password(), role,
                c.country() != null ? c.country() : roleChanged ? null : current.country(),
                c.organisation() != null ? c.organisation() : roleChanged ? null : current.organisation(),
                c.disabled() != null ? c.disabled() : current.disabled());
        return change(who, username, expectedVersion, merged);
    }

    private StoredUser change(Principal who, String username, long expectedVersion, UserChange c) {
        StoredUser current = store.user(username).orElseThrow(() -> Refusal.notFound("no such user"));
        if (c.password() != null && c.password().length() < 12) {
            throw Refusal.invalid("password", "must have at least 12 characters");
        }
        boolean disabled = c.disabled() != null && c.disabled();
        Role role = Role.parse(c.role());
        boolean wasAdmin = Role.valueOf(current.role()) == Role.ADMIN && !current.disabled();
        if (wasAdmin && (disabled || role != Role.ADMIN)) {
            if (current.username().equals(who.subject())) {
                throw Refusal.conflict("you cannot " + (disabled ? "disable" : "demote") + " yourself: another admin must", disabled ? "disabled" : "role");
            }
            long admins = store.users().stream().filter(u -> Role.valueOf(u.role()) == Role.ADMIN && !u.disabled()).count();
            if (admins <= 1) {
                throw Refusal.conflict(current.username() + " is the last enabled admin: make another admin first", disabled ? "disabled" : "role");
            }
        }
        String hash = c.password() == null ? current.passwordHash() : Passwords.hash(c.password().toCharArray());
        StoredUser updated = store.updateUser(checked(current.username(), hash, c, disabled, expectedVersion), expectedVersion);
        directory.reload();
        return updated;
    }

    /**
     * Resets a user's password to a generated one, shown once to the admin: the user's tokens and sessions stop at once
     * (the record's version advances). Answers the user as now stored and the password.
     */
    public DemoAccount resetPassword(Principal who, String username) {
        Access.manageUsers(who);
        StoredUser current = store.user(username).orElseThrow(() -> Refusal.notFound("no such user"));
        String password = Passwords.generate();
        StoredUser updated = store.updateUser(new StoredUser(current.username(), Passwords.hash(password.toCharArray()), current.role(),
                current.country(), current.organisation(), current.disabled(), current.version(), current.createdAt()), current.version());
        directory.reload();
        return new DemoAccount(new DemoUser(updated.username(), updated.role(), updated.country(), updated.organisation(),
                "version " + updated.version()), password);
    }

    /**
     * A signed-in user changes their own password: {@code current} must be right (failures count towards the sign-in
     * limit), the new one at least 12 characters and different. Every token and session of the user stops at once,
     * this one included: sign in again.
     */
    public StoredUser changeOwnPassword(Principal who, String current, String next, String address) {
        if (who.credential() < 0) {
            throw Refusal.invalid("", "this account's password is kept by its identity provider, not by Pillar");
        }
        StoredUser u = store.user(who.subject()).orElseThrow(() -> Refusal.notFound("no such user"));
        throttle.check(u.username(), address);
        boolean ok = current != null && throttle.hashing(() -> Passwords.verify(current.toCharArray(), u.passwordHash()));
        if (!ok) {
            throttle.failed(u.username(), address);
            throw Refusal.invalid("current", "is not your password");
        }
        if (next == null || next.length() < 12) {
            throw Refusal.invalid("new", "must have at least 12 characters");
        }
        if (next.equals(current)) {
            throw Refusal.invalid("new", "is your current password: choose another");
        }
        StoredUser updated = store.updateUser(new StoredUser(u.username(), Passwords.hash(next.toCharArray()), u.role(), u.country(),
                u.organisation(), u.disabled(), u.version(), u.createdAt()), u.version());
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
