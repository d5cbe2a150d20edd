package dev.pillar.http;

import dev.pillar.app.AuditService;
import dev.pillar.app.GovernanceService;
import dev.pillar.app.WorldService;

import dev.pillar.app.port.AuthException;
import dev.pillar.app.port.Authenticator;
import dev.pillar.auth.JwtAuthenticator;
import dev.pillar.auth.LocalIssuer;
import dev.pillar.crypto.Passwords;
import dev.pillar.app.Principal;
import dev.pillar.app.Role;
import dev.pillar.codec.BadInputException;
import dev.pillar.store.JdbcStore;
import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoreException;
import dev.pillar.app.port.StoredUser;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The running server: opens the store (seeding the built-in world on first start), compiles the world, sets up
 * sign-in, and serves the API, the console, {@code /health} and {@code /metrics}. {@link #stop()} lets in-flight
 * requests finish before it closes the store.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    static final String PRINCIPAL = "pillar.principal";
    private static final Duration ADMIN_TOKEN_TTL = Duration.ofDays(365);
    /** How often the users are read again from the store (for changes made by another server sharing it). */
    static final int USER_REFRESH_SECONDS = 5;

    private final ServerConfig config;
    private final Store store;
    private final WorldService worlds;
    private final GovernanceService governance;
    private final LocalIssuer issuer;
    private final dev.pillar.app.audit.AuditLog audit;
    /** Signs a checkpoint every second while the log grows, so that verification can place a change between two. */
    private final java.util.concurrent.ScheduledExecutorService checkpoints = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("pillar-audit-checkpoints").daemon().unstarted(r));
    private final Authenticator authenticator;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Javalin app;
    private final java.util.List<String> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String initialAdminPassword;

    private Server(ServerConfig config, PrintWriter out) {
        this.config = config;
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
        this.store = config.jdbcUrl() == null ? JdbcStore.embedded(config.dataDir())
                : JdbcStore.connect(config.jdbcUrl(), config.dbUser(), config.dbPassword());
        dev.pillar.app.audit.NoteKey auditKey = dev.pillar.keys.AuditKey.open(config.dataDir().resolve("audit-key"));
        this.audit = new dev.pillar.app.audit.AuditLog(store, auditKey, auditKey.name()); // before seeding: it hears of every append
        checkpoints.scheduleWithFixedDelay(this::checkpoint, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        boolean seeded = store.seedOnce(WorldService.builtInDocuments(), WorldService.builtInRules(), "pillar:seed");
        io.micrometer.core.instrument.DistributionSummary commits = io.micrometer.core.instrument.DistributionSummary
                .builder("pillar_decision_commit_size").description("decisions stored per group commit").register(metrics);
        this.worlds = new WorldService(store, commits::record);
        this.governance = new GovernanceService(worlds, java.time.Clock.systemUTC());
        this.issuer = LocalIssuer.open(config.dataDir().resolve("issuer-key.json"));
        bootstrapAdmin();
        UserDirectory directory = new UserDirectory(store);
        checkpoints.scheduleWithFixedDelay(() -> {
            try {
                directory.reload();
            } catch (RuntimeException e) {
                LOG.warn("could not reload the users: {}", e.toString());
            }
        }, USER_REFRESH_SECONDS, USER_REFRESH_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        this.authenticator = config.oidcIssuer() == null ? JwtAuthenticator.local(issuer, directory)
                : new EitherAuthenticator(JwtAuthenticator.local(issuer, directory), JwtAuthenticator.oidc(config.oidcIssuer(), config.oidcJwks(),
                        config.oidcAudience() == null ? LocalIssuer.AUDIENCE : config.oidcAudience()));
        if (seeded) {
            LOG.info("seeded the built-in world: {}", worlds.current().world().version());
        }
        Api api = new Api(worlds, metrics);
        Users users = new Users(store, issuer, directory::reload);
        AuditService auditService = new AuditService(audit, store, worlds);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = config.maxRequestBytes();
            cfg.http.responseBufferSize = 8192; // Javalin's default copies every answer through a new 32 kB buffer
            cfg.jetty.port = config.port();
            cfg.jetty.modifyServer(s -> s.setStopTimeout(15_000));
            cfg.events.handlerAdded(meta -> routes.add(meta.getHttpMethod().name() + " " + meta.getPath()));
            cfg.routes.before(this::beforeRequest);
            cfg.routes.after(this::afterRequest);
            cfg.routes.get("/health", ctx -> health(ctx, true));
            cfg.routes.get("/health/live", ctx -> json(ctx, status("UP")));
            cfg.routes.get("/health/ready", ctx -> health(ctx, false));
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            cfg.routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(OpenApi.document()));
            cfg.routes.get("/api/v1/auth/jwks.json", ctx -> ctx.contentType("application/json").result(issuer.jwks().toString()));
            users.routes(cfg.routes);
            api.routes(cfg.routes);
            new AuditApi(auditService).routes(cfg.routes);
            new LabelsApi(worlds).routes(cfg.routes);
            new GovernanceApi(governance).routes(cfg.routes);
            new dev.pillar.http.console.Console(worlds, users::signIn, config, metrics,
                    new dev.pillar.http.console.Sessions(java.time.Clock.systemUTC(), directory), governance, auditService).routes(cfg.routes);
            cfg.routes.exception(ApiException.class, (e, ctx) -> Problems.send(ctx, e.status(), e.title(), e.getMessage(), e.field()));
            cfg.routes.exception(dev.pillar.core.governance.Refusal.class, (e, ctx) -> {
                switch (e.kind()) {
                    case INVALID -> Problems.send(ctx, 400, "Bad request", e.getMessage(), e.field());
                    case NOT_FOUND -> Problems.send(ctx, 404, "Not found", e.getMessage(), e.field());
                    case CONFLICT -> Problems.send(ctx, 409, "Conflict", e.getMessage(), e.field());
                }
            });
            cfg.routes.exception(BadInputException.class, (e, ctx) -> Problems.send(ctx, 400, "Bad request", e.getMessage(), e.field()));
            cfg.routes.exception(AuthException.class, (e, ctx) -> {
                ctx.header("WWW-Authenticate", "Bearer realm=\"pillar\"");
                Problems.send(ctx, 401, "Unauthorized", "sign in: send Authorization: Bearer <token>", null);
            });
            cfg.routes.exception(StoreException.class, (e, ctx) -> {
                switch (e.reason()) {
                    case NOT_FOUND -> Problems.send(ctx, 404, "Not found", e.getMessage(), null);
                    case CONFLICT -> Problems.send(ctx, 409, "Conflict", e.getMessage(), null);
                    case STALE -> Problems.send(ctx, 412, "Precondition failed", e.getMessage(), "If-Match");
                    case UNAVAILABLE -> {
                        LOG.error("store unavailable", e);
                        ctx.header("Retry-After", "5");
                        Problems.send(ctx, 503, "Service unavailable", "the store cannot record this now: nothing was decided; try again", null);
                    }
                }
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    Problems.send(ctx, e.getStatus(), e.getMessage(), e.getMessage(), null));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                String incident = UUID.randomUUID().toString();
                LOG.error("internal error, incident {}", incident, e);
                Problems.send(ctx, 500, "Internal error", "the server failed; incident " + incident + " is logged", null);
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    Problems.send(ctx, 404, "Not found", "no such resource: see /api/v1/openapi.json", null);
                }
            });
            cfg.routes.error(413, ctx -> Problems.send(ctx, 413, "Content too large", "the body exceeds " + config.maxRequestBytes() + " bytes", null));
            cfg.routes.error(405, ctx -> Problems.send(ctx, 405, "Method not allowed", "see /api/v1/openapi.json", null));
        });
    }

    /** Starts a server; {@code out} receives the start-up lines (where to open it, how to sign in). */
    public static Server start(ServerConfig config, PrintWriter out) {
        Server s = new Server(config, out);
        s.app.start(config.port());
        String url = "http://localhost:" + s.app.port();
        out.println("Pillar is running at " + url + "  (world " + s.worlds.current().world().version() + ")");
        out.println("  console: " + url + "/   API: " + url + "/api/v1   OpenAPI: " + url + "/api/v1/openapi.json");
        if (s.initialAdminPassword != null) {
            out.println("  first start: created user 'admin' with password " + s.initialAdminPassword + "  (shown once; change it)");
        }
        out.println("  admin bearer token for scripts: " + config.dataDir().resolve("admin-token"));
        out.println("  stop with Ctrl-C");
        out.flush();
        return s;
    }

    public int port() {
        return app.port();
    }

    /** Every route served, as {@code METHOD /path} (for the test that checks the OpenAPI description). */
    public java.util.List<String> routes() {
        return java.util.List.copyOf(routes);
    }

    public WorldService worlds() {
        return worlds;
    }

    public GovernanceService governance() {
        return governance;
    }

    public LocalIssuer issuer() {
        return issuer;
    }

    private void checkpoint() {
        try {
            audit.checkpoint();
        } catch (RuntimeException e) {
            LOG.warn("could not sign an audit checkpoint: {}", e.toString());
        }
    }

    public dev.pillar.app.audit.AuditLog audit() {
        return audit;
    }

    public Store store() {
        return store;
    }

    /** Stops accepting requests, lets in-flight ones complete (up to 15 s), then closes the store. */
    public void stop() {
        try {
            app.stop();
        } finally {
            checkpoints.shutdownNow();
            try {
                worlds.stopRecording(); // decisions already queued are stored before the store closes
                checkpoint(); // and signed
            } finally {
                store.close(); // also when in-flight requests outlast the stop timeout
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void bootstrapAdmin() {
        if (!store.users().isEmpty()) {
            return;
        }
        initialAdminPassword = Passwords.generate();
        store.createUser(new StoredUser("admin", Passwords.hash(initialAdminPassword.toCharArray()), Role.ADMIN.name(), null, null, false, 0, null));
        String token = issuer.issue(new Principal("admin", Role.ADMIN, null, null), ADMIN_TOKEN_TTL);
        try {
            LocalIssuer.writePrivate(config.dataDir().resolve("admin-token"), token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- per-request plumbing -----------------------------------------------------------------------------------

    private void beforeRequest(Context ctx) {
        ctx.attribute("pillar.start", System.nanoTime());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
        String path = ctx.path();
        if (path.startsWith("/api/") && !path.equals("/api/v1/openapi.json") && !path.equals("/api/v1/auth/token")
                && !path.equals("/api/v1/auth/jwks.json")) {
            ctx.header("Cache-Control", "no-store");
            String auth = ctx.header("Authorization");
            String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
            ctx.attribute(PRINCIPAL, authenticator.authenticate(token));
        }
    }

    private void afterRequest(Context ctx) {
        Long start = ctx.attribute("pillar.start");
        if (start == null) {
            return;
        }
        // the route template of the HTTP handler that served the request (ctx.endpoint() is this after-handler, "*")
        var matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? "unmatched" : matched.path;
        String method = ctx.method().name();
        int status = ctx.status().getCode();
        // built and registered once per method, route and status: a builder and registry look-up per request cost more
        // than the request's own work on the cheapest routes
        timers.computeIfAbsent(new TimerKey(method, route, status), k -> Timer.builder("pillar_http_requests").tag("method", k.method())
                        .tag("route", k.route()).tag("status", Integer.toString(k.status())).publishPercentileHistogram().register(metrics))
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private record TimerKey(String method, String route, int status) {}

    private final java.util.concurrent.ConcurrentHashMap<TimerKey, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    private void health(Context ctx, boolean full) {
        boolean ready = store.healthy() && worlds.current() != null;
        ObjectNode o = status(ready ? "UP" : "DOWN");
        o.put("live", true);
        o.put("ready", ready);
        o.put("store", store.healthy() ? "UP" : "DOWN");
        if (full && worlds.current() != null) {
            o.put("worldVersion", worlds.current().world().version());
        }
        ctx.status(ready ? 200 : 503);
        json(ctx, o);
    }

    private static ObjectNode status(String s) {
        ObjectNode o = WorldService.object();
        o.put("status", s);
        return o;
    }

    // ---- helpers for route handlers -----------------------------------------------------------------------------------

    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new AuthException("not signed in");
        }
        return p;
    }

    static void json(Context ctx, JsonNode node) {
        ctx.contentType("application/json").result(node.toString());
    }

    static JsonNode jsonBody(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "Unsupported media type", "send the body as application/json", "Content-Type");
        }
        return Api.readJson(ctx.body());
    }

    /** The version named by {@code If-Match} (the ETag of a GET); 428 if absent. */
    static long ifMatch(Context ctx) {
        String h = ctx.header("If-Match");
        if (h == null || h.isBlank()) {
            throw ApiException.preconditionRequired();
        }
        String v = h.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("If-Match", "'" + h + "' is not an ETag of this API (e.g. \"3\")");
        }
    }

    static int intParam(Context ctx, String name, int otherwise, int min, int max) {
        String s = ctx.queryParam(name);
        if (s == null) {
            return otherwise;
        }
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw ApiException.badRequest(name, "must be between " + min + " and " + max + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "must be a whole number, was '" + s + "'");
        }
    }

    /** Tries the embedded issuer first, then the OIDC issuer. */
    private record EitherAuthenticator(Authenticator first, Authenticator second) implements Authenticator {
        @Override
        public Principal authenticate(String token) {
            try {
                return first.authenticate(token);
            } catch (AuthException e) {
                return second.authenticate(token);
            }
        }
    }

}
