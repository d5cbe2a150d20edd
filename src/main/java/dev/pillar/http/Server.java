package dev.pillar.http;

import dev.pillar.app.Refusal;
import dev.pillar.app.Services;
import dev.pillar.app.port.AuthException;
import dev.pillar.app.port.Authenticator;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.StoreException;
import dev.pillar.app.port.TokenIssuer;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.world.WorldDocuments;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP server: the API under {@code /api/v1}, the AuthZEN API under {@code /access/v1} (and its
 * {@code /.well-known/authzen-configuration}), {@code /health}, {@code /metrics} and the route groups handed in
 * (the console), on Javalin with virtual threads. Every request is authenticated before its route runs; every refusal
 * becomes an RFC 9457 problem in one place ({@link #refused}). It composes nothing itself: the composition root
 * builds the services, the authenticator and the token issuer, and hands them in.
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    static final String PRINCIPAL = "pillar.principal";

    private final Services services;
    private final Authenticator authenticator;
    private final PrometheusMeterRegistry metrics;
    private final Javalin app;
    private final List<String> routes = new CopyOnWriteArrayList<>();

    public Server(ServerConfig config, Services services, Authenticator authenticator, TokenIssuer issuer, PrometheusMeterRegistry metrics,
                  List<RouteGroup> groups) {
        this.services = services;
        this.authenticator = authenticator;
        this.metrics = metrics;
        Api api = new Api(services.worlds(), services.decisions(), metrics);
        Users users = new Users(services.accounts(), issuer);
        OperationsGauges gauges = new OperationsGauges(services.cases(), services.licences(), metrics);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = config.maxRequestBytes();
            cfg.http.responseBufferSize = 8192; // Javalin's default copies every answer through a new 32 kB buffer
            cfg.jetty.port = config.port();
            cfg.jetty.modifyServer(s -> {
                s.setStopTimeout(15_000);
                s.setErrorHandler(new JettyErrors()); // Jetty's own answers (414, 431, unparseable requests) as problems
            });
            cfg.events.handlerAdded(meta -> routes.add(meta.getHttpMethod().name() + " " + meta.getPath()));
            cfg.routes.before(this::beforeRequest);
            cfg.routes.after(this::afterRequest);
            cfg.routes.get("/health", ctx -> health(ctx, true));
            cfg.routes.get("/health/live", ctx -> json(ctx, status("UP")));
            cfg.routes.get("/health/ready", ctx -> health(ctx, false));
            cfg.routes.get("/metrics", ctx -> {
                gauges.refresh();
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
            });
            cfg.routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(OpenApi.document()));
            cfg.routes.get("/api/v1/auth/jwks.json", ctx -> ctx.contentType("application/json").result(issuer.jwksJson()));
            users.routes(cfg.routes);
            api.routes(cfg.routes);
            new AuditApi(services.audit()).routes(cfg.routes);
            new LabelsApi(services.worlds()).routes(cfg.routes);
            new GovernanceApi(services.governance(), services.audit()).routes(cfg.routes);
            new ComplianceApi(services.cases(), services.licences()).routes(cfg.routes);
            new ScreeningApi(services.screening()).routes(cfg.routes);
            new AuthZenApi(services.worlds(), services.decisions()).routes(cfg.routes);
            groups.forEach(g -> g.routes(cfg.routes));
            cfg.routes.exception(Refusal.class, (e, ctx) -> refused(ctx, e));
            for (Class<? extends Exception> failure : REFUSALS) {
                cfg.routes.exception(failure, (e, ctx) -> refused(ctx, Refusal.of(e)));
            }
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    Problems.send(ctx, e.getStatus(), e.getMessage(), e.getMessage(), null));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                if (aborted(e)) { // the client went away mid-body: its fault, not the server's; one line, no stack trace
                    LOG.info("request {} {} ended early: the client closed the connection before sending its body", ctx.method(), ctx.path());
                    Problems.send(ctx, 400, "Bad request", "the request body ended before its declared length", null);
                    return;
                }
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

    /** Starts serving on the configured port (0: a free one). */
    public void start(int port) {
        app.start(port);
    }

    public int port() {
        return app.port();
    }

    /** Every route served, as {@code METHOD /path} (for the test that checks the OpenAPI description). */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    /** Stops accepting requests and lets in-flight ones complete (up to 15 s). */
    public void stop() {
        app.stop();
    }

    /** True if {@code e} comes from a request body that ended early (Jetty's EofException is an EOFException). */
    static boolean aborted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    /** Failures of codecs, the store, sign-in and the governance core that are refusals (see {@link Refusal#of}). */
    private static final List<Class<? extends Exception>> REFUSALS = List.of(BadInputException.class,
            AuthException.class, dev.pillar.core.governance.Refusal.class, StoreException.class, dev.pillar.app.audit.AuditLog.Broken.class);

    /** The one place where a refusal becomes an RFC 9457 problem. */
    static void refused(Context ctx, Refusal r) {
        switch (r.kind()) {
            case UNAUTHENTICATED -> ctx.header("WWW-Authenticate", "Bearer realm=\"pillar\"");
            case TOO_MANY_REQUESTS -> ctx.header("Retry-After", Long.toString(Math.max(1, r.retryAfterSeconds())));
            case UNAVAILABLE -> {
                LOG.error("store unavailable", r.getCause() == null ? r : r.getCause());
                ctx.header("Retry-After", "5");
            }
            default -> { }
        }
        Problems.send(ctx, r.status(), r.title(), r.getMessage(), r.field());
    }

    // ---- per-request plumbing -----------------------------------------------------------------------------------

    private void beforeRequest(Context ctx) {
        ctx.attribute("pillar.start", System.nanoTime());
        JettyErrors.SECURITY_HEADERS.forEach(ctx::header);
        String requestId = ctx.header("X-Request-ID");
        if (requestId != null && !requestId.isEmpty() && requestId.length() <= 200 && requestId.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            ctx.header("X-Request-ID", requestId); // echoed (AuthZEN's request identification), on errors too
        }
        String path = ctx.path();
        if ((path.startsWith("/api/") || path.startsWith("/access/")) && !path.equals("/api/v1/openapi.json") && !path.equals("/api/v1/auth/token")
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
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private record TimerKey(String method, String route, int status) {}

    private final ConcurrentHashMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private void health(Context ctx, boolean full) {
        boolean ready = services.ready();
        ObjectNode o = status(ready ? "UP" : "DOWN");
        o.put("live", true);
        o.put("ready", ready);
        o.put("store", services.storeHealthy() ? "UP" : "DOWN");
        o.put("audit", services.auditProblem().isEmpty() ? "UP" : "DOWN");
        services.auditProblem().ifPresent(p -> o.put("auditProblem", p));
        if (full && services.worlds().current() != null) {
            o.put("worldVersion", services.worlds().current().world().version());
        }
        ctx.status(ready ? 200 : 503);
        json(ctx, o);
    }

    private static ObjectNode status(String s) {
        ObjectNode o = WorldDocuments.mapper().createObjectNode();
        o.put("status", s);
        return o;
    }

    private static void json(Context ctx, JsonNode node) {
        ctx.contentType("application/json").result(node.toString());
    }
}
