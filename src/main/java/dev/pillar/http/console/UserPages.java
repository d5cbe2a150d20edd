package dev.pillar.http.console;

import dev.pillar.app.AccountService;
import dev.pillar.app.Refusal;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.StoredUser;
import dev.pillar.http.console.OperationViews.AccountPage;
import dev.pillar.http.console.OperationViews.Form;
import dev.pillar.http.console.OperationViews.UserPage;
import dev.pillar.http.console.OperationViews.UserRow;
import dev.pillar.http.console.OperationViews.UsersPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts in the console. For admins: {@code /users} (every account, and the form that creates one: a delegate speaks
 * for one core member, an engineer belongs to one organisation), {@code /users/{name}} (role, country, organisation,
 * disabled, changed as {@code PATCH /api/v1/users/{name}} with the version read, and a password reset that shows the
 * new password once). For everyone: {@code /account} (change one's own password). Each change stops the user's
 * earlier tokens and sessions at once; changing one's own password ends this session too.
 */
final class UserPages {
    static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::claim).toList();

    private final Console console;
    private final AccountService accounts;
    private final Sessions sessions;

    UserPages(Console console, AccountService accounts, Sessions sessions) {
        this.console = console;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    void routes(RoutesConfig r) {
        r.get("/users", console.page(this::list));
        r.post("/users", console.page(this::create));
        r.get("/users/{name}", console.page(this::user));
        r.post("/users/{name}", console.page(this::change));
        r.post("/users/{name}/password-reset", console.page(this::reset));
        r.get("/account", console.page((ctx, s) -> account(ctx, s, new Form(Map.of(), Map.of()), null)));
        r.post("/account/password", console.page(this::changeOwn));
    }

    private boolean admin(Context ctx, Sessions.Session s) {
        if (s.principal().role() != Role.ADMIN) {
            console.forbidden(ctx, s, "Only an admin manages accounts. Change your own password under Account.");
            return false;
        }
        return true;
    }

    private static UserRow row(StoredUser u, String self) {
        return new UserRow(u.username(), u.role(), u.country() == null ? "" : u.country(), u.organisation() == null ? "" : u.organisation(),
                u.disabled(), u.version(), u.username().equals(self));
    }

    private static Map<String, String> form(Context ctx, String... names) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String n : names) {
            String x = ctx.formParam(n);
            v.put(n, x == null ? "" : x.strip());
        }
        return v;
    }

    /** The store's refusals (a name taken, a version changed meanwhile) as the refusals the forms show. */
    private static <T> T refusing(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (dev.pillar.app.port.StoreException e) {
            throw Refusal.of(e);
        }
    }

    private void list(Context ctx, Sessions.Session s) {
        if (admin(ctx, s)) {
            showList(ctx, s, new Form(Map.of("role", "engineer"), Map.of()), null, null, null);
        }
    }

    private void showList(Context ctx, Sessions.Session s, Form create, String notice, String shownFor, String shown) {
        List<UserRow> rows = accounts.list(s.principal()).stream().map(u -> row(u, s.principal().subject())).toList();
        console.render(ctx, "users.jte", console.page(s, "Accounts", "users"), "view", new UsersPage(rows, create, ROLES, notice, shownFor, shown));
    }

    private void create(Context ctx, Sessions.Session s) {
        if (!admin(ctx, s)) {
            return;
        }
        Map<String, String> v = form(ctx, "username", "role", "country", "organisation");
        try {
            String password = dev.pillar.crypto.Passwords.generate();
            AccountService.UserChange change = new AccountService.UserChange(password, v.get("role"), Console.blank(v.get("country")), Console.blank(v.get("organisation")), false);
            StoredUser made = refusing(() -> accounts.create(s.principal(), v.get("username"), change));
            showList(ctx, s, new Form(Map.of("role", "engineer"), Map.of()), "Account " + made.username() + " created.", made.username(), password);
        } catch (Refusal r) {
            if (r.kind() != Refusal.Kind.INVALID && r.kind() != Refusal.Kind.CONFLICT) {
                throw r;
            }
            ctx.status(r.status());
            showList(ctx, s, new Form(v, Map.of(r.field() == null ? "" : r.field(), r.getMessage())), null, null, null);
        }
    }

    private void user(Context ctx, Sessions.Session s) {
        if (!admin(ctx, s)) {
            return;
        }
        StoredUser u;
        try {
            u = accounts.get(s.principal(), ctx.pathParam("name"));
        } catch (Refusal r) {
            console.notFound(ctx, s, "There is no account " + ctx.pathParam("name") + ".");
            return;
        }
        showUser(ctx, s, u, null, null, null);
    }

    private void showUser(Context ctx, Sessions.Session s, StoredUser u, Form form, String notice, String shown) {
        UserRow row = row(u, s.principal().subject());
        Form f = form != null ? form : new Form(Map.of("role", row.role(), "country", row.country(), "organisation", row.organisation(),
                "disabled", row.disabled() ? "on" : ""), Map.of());
        console.render(ctx, "user.jte", console.page(s, "Account " + u.username(), "users"), "view", new UserPage(row, f, ROLES, notice, shown));
    }

    private void change(Context ctx, Sessions.Session s) {
        if (!admin(ctx, s)) {
            return;
        }
        String name = ctx.pathParam("name");
        Map<String, String> v = form(ctx, "role", "country", "organisation", "disabled", "version");
        StoredUser current;
        try {
            current = accounts.get(s.principal(), name);
        } catch (Refusal r) {
            console.notFound(ctx, s, "There is no account " + name + ".");
            return;
        }
        try {
            long version;
            try {
                version = Long.parseLong(v.get("version"));
            } catch (NumberFormatException e) {
                throw Refusal.invalid("", "the form did not say which version of the account it was made from: reload the page");
            }
            // every field of the form is sent: an emptied country or organisation is cleared
            long read = version;
            StoredUser changed = refusing(() -> accounts.update(s.principal(), name, read, new AccountService.UserChange(null, v.get("role"),
                    Console.blank(v.get("country")), Console.blank(v.get("organisation")), "on".equals(v.get("disabled")))));
            showUser(ctx, s, changed, null, "Saved. " + name + "'s earlier sessions and tokens no longer work.", null);
        } catch (Refusal r) {
            if (r.kind() != Refusal.Kind.INVALID && r.kind() != Refusal.Kind.CONFLICT && r.kind() != Refusal.Kind.STALE) {
                throw r;
            }
            ctx.status(r.status());
            showUser(ctx, s, current, new Form(v, Map.of(r.field() == null || r.kind() == Refusal.Kind.STALE ? "" : r.field(), r.getMessage())), null, null);
        }
    }

    private void reset(Context ctx, Sessions.Session s) {
        if (!admin(ctx, s)) {
            return;
        }
        String name = ctx.pathParam("name");
        try {
            AccountService.DemoAccount a = refusing(() -> accounts.resetPassword(s.principal(), name));
            StoredUser u = accounts.get(s.principal(), name);
            if (u.username().equals(s.principal().subject())) {
                // one's own reset ends this session as well: show the password on the sign-in page's way out
                sessions.end(ctx.cookie(Console.SESSION_COOKIE));
            }
            showUser(ctx, s, u, null, "The password was reset: give it to " + name + " by a safe channel; it is shown only now.", a.password());
        } catch (Refusal r) {
            if (r.kind() == Refusal.Kind.NOT_FOUND) {
                console.notFound(ctx, s, "There is no account " + name + ".");
                return;
            }
            throw r;
        }
    }

    private void account(Context ctx, Sessions.Session s, Form form, String notice) {
        console.render(ctx, "account.jte", console.page(s, "Account", "account"), "view", new AccountPage(form, notice));
    }

    private void changeOwn(Context ctx, Sessions.Session s) {
        Map<String, String> v = new LinkedHashMap<>();
        String current = ctx.formParam("current");
        String next = ctx.formParam("new");
        String again = ctx.formParam("again");
        if (next == null || !next.equals(again)) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            account(ctx, s, new Form(v, Map.of("again", "does not match the new password")), null);
            return;
        }
        try {
            accounts.changeOwnPassword(s.principal(), current == null ? "" : current, next, ctx.ip());
        } catch (Refusal r) {
            if (r.kind() != Refusal.Kind.INVALID && r.kind() != Refusal.Kind.TOO_MANY_REQUESTS) {
                throw r;
            }
            ctx.status(r.status());
            account(ctx, s, new Form(v, Map.of(r.field() == null ? "" : r.field(), r.getMessage())), null);
            return;
        }
        sessions.end(ctx.cookie(Console.SESSION_COOKIE));
        ctx.redirect("/login?passwordChanged", HttpStatus.SEE_OTHER);
    }
}
