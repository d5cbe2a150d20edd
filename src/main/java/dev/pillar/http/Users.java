package dev.pillar.http;

import dev.pillar.app.Access;

import dev.pillar.auth.LocalIssuer;
import dev.pillar.crypto.Passwords;
import dev.pillar.app.Principal;
import dev.pillar.app.Role;
import dev.pillar.core.model.Country;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoredUser;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Users of the embedded issuer (admins only) and the password sign-in that returns a bearer token. */
final class Users {
    static final Duration TOKEN_TTL = Duration.ofHours(8);
    private static final String DUMMY_HASH = Passwords.hash("pillar-no-such-user".toCharArray());

    private final Store store;
    private final LocalIssuer issuer;
    /** Told after every change of a user, so that the user's tokens follow the change at once. */
    private final Runnable changed;

    Users(Store store, LocalIssuer issuer, Runnable changed) {
        this.store = store;
        this.issuer = issuer;
        this.changed = changed;
    }

    void routes(RoutesConfig r) {
        r.post("/api/v1/auth/token", this::token);
        r.get("/api/v1/users", this::list);
        r.post("/api/v1/users", this::create);
        r.get("/api/v1/users/{username}", this::get);
        r.put("/api/v1/users/{username}", this::update);
    }

    /** Checks a password and returns the principal, or null; the same answer for an unknown user and a wrong password. */
    Principal signIn(String username, String password) {
        StoredUser u = username == null ? null : store.user(username).orElse(null);
        // hash even for an unknown user, so the time taken does not tell which usernames exist
        boolean ok = Passwords.verify(password == null ? new char[0] : password.toCharArray(), u == null ? DUMMY_HASH : u.passwordHash());
        if (u == null || u.disabled() || password == null || !ok) {
            return null;
        }
        changed.run(); // the user as just read is what later requests are checked against (it may be new to this server)
        return new Principal(u.username(), Role.valueOf(u.role()), u.country(), u.organisation());
    }

    private void token(Context ctx) {
        JsonNode body = Server.jsonBody(ctx);
        onlyFields(body, "username", "password");
        Principal p = signIn(text(body, "username"), text(body, "password"));
        if (p == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"pillar\"");
            throw new ApiException(401, "Unauthorized", "unknown user or wrong password", null);
        }
        ObjectNode out = WorldDocuments.mapper().createObjectNode();
        out.put("access_token", issuer.issue(p, TOKEN_TTL));
        out.put("token_type", "Bearer");
        out.put("expires_in", TOKEN_TTL.toSeconds());
        Server.json(ctx, out);
    }

    /** Refuses a body that is not an object or has a field other than {@code names}. */
    private static void onlyFields(JsonNode body, String... names) {
        if (!body.isObject()) {
            throw ApiException.badRequest("", "the body must be a JSON object");
        }
        java.util.List<String> allowed = java.util.List.of(names);
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(name, "unknown field: remove it or use one of " + allowed);
            }
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.isString() ? n.asString() : null;
    }

    private void list(Context ctx) {
        Access.manageUsers(Server.principal(ctx));
        ArrayNode out = WorldDocuments.mapper().createArrayNode();
        store.users().forEach(u -> out.add(view(u)));
        Server.json(ctx, out);
    }

    private void get(Context ctx) {
        Access.manageUsers(Server.principal(ctx));
        StoredUser u = store.user(ctx.pathParam("username")).orElseThrow(() -> ApiException.notFound("no such user"));
        ctx.header("ETag", "\"" + u.version() + "\"");
        Server.json(ctx, view(u));
    }

    private void create(Context ctx) {
        Access.manageUsers(Server.principal(ctx));
        JsonNode body = Server.jsonBody(ctx);
        onlyFields(body, "username", "password", "role", "country", "organisation");
        String username = text(body, "username");
        if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw ApiException.badRequest("username", "use 2-64 lower-case letters, digits, '.', '_' or '-'");
        }
        String password = text(body, "password");
        if (password == null || password.length() < 12) {
            throw ApiException.badRequest("password", "must have at least 12 characters");
        }
        StoredUser u = checked(username, Passwords.hash(password.toCharArray()), body, false, 0);
        StoredUser created = store.createUser(u);
        changed.run();
        ctx.status(201).header("Location", "/api/v1/users/" + username).header("ETag", "\"" + created.version() + "\"");
        Server.json(ctx, view(created));
    }

    private void update(Context ctx) {
        Access.manageUsers(Server.principal(ctx));
        long version = Server.ifMatch(ctx);
        StoredUser current = store.user(ctx.pathParam("username")).orElseThrow(() -> ApiException.notFound("no such user"));
        JsonNode body = Server.jsonBody(ctx);
        onlyFields(body, "password", "role", "country", "organisation", "disabled");
        String password = text(body, "password");
        if (password != null && password.length() < 12) {
            throw ApiException.badRequest("password", "must have at least 12 characters");
        }
        String hash = password == null ? current.passwordHash() : Passwords.hash(password.toCharArray());
        JsonNode disabled = body.get("disabled");
        StoredUser u = checked(current.username(), hash, body, disabled != null && disabled.asBoolean(false), version);
        StoredUser updated = store.updateUser(u, version);
        changed.run();
        ctx.header("ETag", "\"" + updated.version() + "\"");
        Server.json(ctx, view(updated));
    }

    private StoredUser checked(String username, String hash, JsonNode body, boolean disabled, long version) {
        Role role = Role.parse(text(body, "role"));
        if (role == null) {
            throw ApiException.badRequest("role", "must be one of admin, secretariat, compliance-officer, delegate, engineer");
        }
        String country = text(body, "country");
        String organisation = text(body, "organisation");
        if (role == Role.DELEGATE && (country == null || !Country.isKnown(country))) {
            throw ApiException.badRequest("country", "a delegate speaks for a member country: give its trigraph, e.g. GBR");
        }
        if (role == Role.ENGINEER && (organisation == null || organisation.isBlank())) {
            throw ApiException.badRequest("organisation", "an engineer belongs to an organisation: give its id");
        }
        if (role == Role.ENGINEER && store.get(Kind.ORGANISATION, organisation).isEmpty()) {
            throw ApiException.badRequest("organisation", "unknown organisation '" + organisation + "': use the id of an existing organisation");
        }
        return new StoredUser(username, hash, role.name(), role == Role.DELEGATE ? country : null,
                role == Role.ENGINEER ? organisation : null, disabled, version, null);
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
