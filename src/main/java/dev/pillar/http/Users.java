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
