package dev.pillar.boot;

import dev.pillar.app.GovernanceService;
import dev.pillar.app.PillarClock;
import dev.pillar.app.AccountService;
import dev.pillar.app.Services;
import dev.pillar.app.WorldService;
import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.port.AuthException;
import dev.pillar.app.port.Authenticator;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoreConfig;
import dev.pillar.auth.AuditKey;
import dev.pillar.auth.JwtAuthenticator;
import dev.pillar.auth.LocalIssuer;
import dev.pillar.crypto.KeyFiles;
import dev.pillar.http.Server;
import dev.pillar.http.ServerConfig;
import dev.pillar.http.console.Console;
import dev.pillar.http.console.Sessions;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a running server: opens the store, builds the one clock and the application's services
 * over it (seeding the built-in world on first start), the token issuer and authenticator, the HTTP server with the
 * console, and the background work (a signed checkpoint every second while the log grows, the users read again every
 * few seconds). It only composes. {@link #stop()} lets in-flight requests finish before it closes the store.
 */
public final class Pillar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pillar.class);
    private static final Duration ADMIN_TOKEN_TTL = Duration.ofDays(365);
    /** How often the users are read again from the store (for changes made by another server sharing it). */
    static final int USER_REFRESH_SECONDS = 5;

    private final Services services;
    private final LocalIssuer issuer;
    private final Server server;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("pillar-background").daemon().unstarted(r));
    private final String initialAdminPassword;
    private final List<AccountService.DemoAccount> demoAccounts;

    private Pillar(ServerConfig config, PillarClock clock) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DistributionSummary commits = DistributionSummary.builder("pillar_decision_commit_size")
                .description("decisions stored per group commit").register(metrics);
        StoreConfig where = new StoreConfig(config.dataDir(), config.jdbcUrl(), config.dbUser(), config.dbPassword());
        try {
            Files.createDirectories(config.dataDir());
            ownerOnly(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
        Store store = Stores.open(where, clock);
        var auditKey = AuditKey.open(config.dataDir().resolve("audit-key"));
        this.services = Services.open(store, auditKey, clock, commits::record, true);
        if (services.seeded()) {
            LOG.info("seeded the built-in world: {}", services.worlds().current().world().version());
        }
        background.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
        this.issuer = LocalIssuer.open(config.dataDir().resolve("issuer-key.json"), clock.clock());
        this.initialAdminPassword = services.accounts().bootstrapAdmin().orElse(null);
        if (initialAdminPassword != null) {
            writeAdminToken(config);
        }
        this.demoAccounts = initialAdminPassword != null && services.seeded() && config.demoUsers()
                ? DemoUsers.create(services.accounts(), config.dataDir()) : List.of();
        var directory = services.accounts().directory();
        background.scheduleWithFixedDelay(() -> {
            try {
                directory.reload();
            } catch (RuntimeException e) {
                LOG.warn("could not reload the users: {}", e.toString());
            }
        }, USER_REFRESH_SECONDS, USER_REFRESH_SECONDS, TimeUnit.SECONDS);
        Authenticator local = JwtAuthenticator.local(issuer, directory);
        Authenticator authenticator = config.oidcIssuer() == null ? local : firstOf(local, JwtAuthenticator.oidc(config.oidcIssuer(),
                config.oidcJwks(), config.oidcAudience() == null ? LocalIssuer.AUDIENCE : config.oidcAudience(), clock.clock()));
        Console console = new Console(services, services.accounts()::signIn, config.secureCookies(), metrics,
                new Sessions(clock.clock(), directory));
        this.server = new Server(config, services, authenticator, issuer, metrics, List.of(console::routes));
    }

    /** Starts a server with the system clock in UTC; {@code out} receives the start-up lines (where to open it, how to sign in). */
    public static Pillar start(ServerConfig config, PrintWriter out) {
        return start(config, PillarClock.systemUtc(), out);
    }

    /** Starts a server whose time is {@code clock}. */
    public static Pillar start(ServerConfig config, PillarClock clock, PrintWriter out) {
        Pillar p = new Pillar(config, clock);
        try {
            p.server.start(config.port());
        } catch (RuntimeException e) {
            p.background.shutdownNow();
            p.services.close();
            throw e;
        }
        String url = "http://localhost:" + p.server.port();
        out.println("Pillar is running at " + url + "  (world " + p.services.worlds().current().world().version() + ")");
        out.println("  console: " + url + "/   API: " + url + "/api/v1   OpenAPI: " + url + "/api/v1/openapi.json");
        if (p.initialAdminPassword != null) {
            out.println("  first start: created user 'admin' with password " + p.initialAdminPassword + "  (shown once; change it)");
        }
        if (!p.demoAccounts.isEmpty()) {
            out.println("  demo users of the built-in world (sign in at " + url + "/; passwords shown once, kept in "
                    + config.dataDir().resolve(DemoUsers.FILE) + ", readable by you only):");
            for (var a : p.demoAccounts) {
                out.printf("    %-14s %-26s %s%n", a.user().username(), a.password(), a.user().note());
            }
        }
        out.println("  admin bearer token for scripts: " + config.dataDir().resolve("admin-token"));
        out.println("  stop with Ctrl-C");
        out.flush();
        return p;
    }

    /**
     * Makes the data directory readable by its owner only (it holds the embedded database with password hashes, the
     * audit and issuer keys, the admin token); on a file system without POSIX permissions nothing is changed.
     */
    static void ownerOnly(java.nio.file.Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("cannot restrict {} to its owner on this file system: keep it private by other means", dir);
        }
    }

    /** The demo accounts made on this start (empty unless it seeded the built-in world). */
    public List<AccountService.DemoAccount> demoAccounts() {
        return demoAccounts;
    }

    private void writeAdminToken(ServerConfig config) {
        long credential = services.accounts().credentialOf("admin");
        String token = issuer.issue(new Principal("admin", Role.ADMIN, null, null, credential), ADMIN_TOKEN_TTL);
        try {
            KeyFiles.writePrivate(config.dataDir().resolve("admin-token"), token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkpoint() {
        if (services.auditProblem().isPresent()) {
            if (!auditProblemLogged) { // once: the log stays broken until the store is restored
                auditProblemLogged = true;
                LOG.error("not signing audit checkpoints: {}; /health/ready answers 503 until the store is restored", services.auditProblem().get());
            }
            return;
        }
        try {
            services.checkpoint();
        } catch (RuntimeException e) {
            LOG.warn("could not sign an audit checkpoint: {}", e.toString());
        }
    }

    private volatile boolean auditProblemLogged;

    /** Tries {@code first}, then {@code second}. */
    private static Authenticator firstOf(Authenticator first, Authenticator second) {
        return token -> {
            try {
                return first.authenticate(token);
            } catch (AuthException e) {
                return second.authenticate(token);
            }
        };
    }

    public int port() {
        return server.port();
    }

    /** Every route served, as {@code METHOD /path}. */
    public List<String> routes() {
        return server.routes();
    }

    public Services services() {
        return services;
    }

    public WorldService worlds() {
        return services.worlds();
    }

    public GovernanceService governance() {
        return services.governance();
    }

    public AuditLog audit() {
        return services.audit().log();
    }

    public LocalIssuer issuer() {
        return issuer;
    }

    /** The store (for tests that check what is kept; the adapters use the services). */
    public Store store() {
        return services.store();
    }

    /** Stops accepting requests, lets in-flight ones complete (up to 15 s), then stores what is queued and closes the store. */
    public void stop() {
        try {
            server.stop();
        } finally {
            background.shutdownNow();
            services.close(); // also when in-flight requests outlast the stop timeout
        }
    }

    @Override
    public void close() {
        stop();
    }
}
