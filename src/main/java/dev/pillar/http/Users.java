package dev.pillar.http;

import dev.pillar.app.Access;
import dev.pillar.app.AccountService;
import dev.pillar.app.Refusal;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoredUser;
import dev.pillar.app.port.TokenIssuer;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.model.Country;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The HTTP routes of the accounts: users (admins only) and the password sign-in that returns a bearer token. */
final class Users {
    static final Duration TOKEN_TTL = Duration.ofHours(8);

    private final AccountService accounts;
    private final TokenIssuer issuer;

    Users(AccountService accounts, TokenIssuer issuer) {
        this.accounts = accounts;
        this.issuer = issuer;
    }

    void routes(RoutesConfig r) {
        r.post("/api/v1/auth/token", this::token);
        r.get("/api/v1/users", this::list);
        r.post("/api/v1/users", this::create);
        r.get("/api/v1/users/{username}", this::get);
        r.put("/api/v1/users/{username}", this::update);
        r.patch("/api/v1/users/{username}", this::patch);
        r.post("/api/v1/users/{username}/password-reset", this::reset);
        r.post("/api/v1/account/password", this::ownPassword);
    }

    private void token(Context ctx) {
        JsonNode body = Requests.jsonBody(ctx);
        onlyFields(body, "username", "password");
        Principal p = accounts.signIn(text(body, "username"), text(body, "password"), ctx.ip());
        if (p == null) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "Unauthorized", "unknown user or wrong password", null);
        }
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("access_token", issuer.issue(p, TOKEN_TTL));
        out.put("token_type", "Bearer");
        out.put("expires_in", TOKEN_TTL.toSeconds());
        Requests.json(ctx, out);
    }

    /** Refuses a body that is not an object or has a field other than {@code names}. */
    private static void onlyFields(JsonNode body, String... names) {
        if (!body.isObject()) {
            throw Refusal.invalid("", "the body must be a JSON object");
        }
        List<String> allowed = List.of(names);
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                throw Refusal.invalid(name, "unknown field: remove it or use one of " + allowed);
            }
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.isString() ? n.asString() : null;
    }

    private static AccountService.UserChange change(JsonNode body) {
        JsonNode disabled = body.get("disabled");
        return new AccountService.UserChange(text(body, "password"), text(body, "role"), text(body, "country"), text(body, "organisation"),
                disabled == null ? null : disabled.asBoolean(false));
    }

    private void list(Context ctx) {
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        accounts.list(Requests.principal(ctx)).forEach(u -> out.add(view(u)));
        Requests.json(ctx, out);
    }

    private void get(Context ctx) {
        StoredUser u = accounts.get(Requests.principal(ctx), ctx.pathParam("username"));
        ctx.header("ETag", "\"" + u.version() + "\"");
        Requests.json(ctx, view(u));
    }

    private void create(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.manageUsers(p); // before reading the body: a 403 tells nothing of what was sent
        JsonNode body = Requests.jsonBody(ctx);
        onlyFields(body, "username", "password", "role", "country", "organisation");
        StoredUser created = accounts.create(p, text(body, "username"), change(body));
        ctx.status(201).header("Location", "/api/v1/users/" + created.username()).header("ETag", "\"" + created.version() + "\"");
        Requests.json(ctx, view(created));
    }

    private void update(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.manageUsers(p);
        long version = Requests.ifMatch(ctx);
        JsonNode body = Requests.jsonBody(ctx);
        onlyFields(body, "password", "role", "country", "organisation", "disabled");
        StoredUser updated = accounts.update(p, ctx.pathParam("username"), version, change(body));
        ctx.header("ETag", "\"" + updated.version() + "\"");
        Requests.json(ctx, view(updated));
    }

    private void patch(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.manageUsers(p);
        long version = Requests.ifMatch(ctx);
        JsonNode body = Requests.jsonBody(ctx);
        onlyFields(body, "password", "role", "country", "organisation", "disabled");
        for (String name : body.propertyNames()) {
            JsonNode v = body.get(name);
            if (name.equals("disabled") ? !v.isBoolean() : !v.isString()) {
                throw Refusal.invalid(name, name.equals("disabled") ? "must be true or false" : "must be a string (null does not clear a field: set another value)");
            }
        }
        StoredUser updated = accounts.patch(p, ctx.pathParam("username"), version, change(body));
        ctx.header("ETag", "\"" + updated.version() + "\"");
        Requests.json(ctx, view(updated));
    }

    private void reset(Context ctx) {
        Principal p = Requests.principal(ctx);
        Access.manageUsers(p);
        AccountService.DemoAccount reset = accounts.resetPassword(p, ctx.pathParam("username"));
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("username", reset.user().username());
        out.put("password", reset.password());
        out.put("note", "shown once: give it to the user, who should change it (POST /api/v1/account/password); their sessions and tokens have stopped");
        ctx.header("Cache-Control", "no-store");
        Requests.json(ctx, out);
    }

    private void ownPassword(Context ctx) {
        Principal p = Requests.principal(ctx);
        JsonNode body = Requests.jsonBody(ctx);
        onlyFields(body, "current", "new");
        accounts.changeOwnPassword(p, text(body, "current"), text(body, "new"), ctx.ip());
        ctx.status(204);
    }

    private static ObjectNode view(StoredUser u) {
        ObjectNode o = WorldDocuments.mapper().createObjectNode();
        o.put("username", u.username());
        o.put("role", Role.valueOf(u.role()).claim());
        o.put("country", u.country());
        o.put("organisation", u.organisation());
        o.put("disabled", u.disabled());
        o.put("version", u.version());
        return o;
    }
}
