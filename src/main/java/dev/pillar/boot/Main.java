package dev.pillar.boot;

import dev.pillar.app.PillarClock;
import dev.pillar.app.Services;
import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.port.StoreConfig;
import dev.pillar.auth.AuditKey;
import dev.pillar.cli.Backend;
import dev.pillar.http.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Entry point of the {@code pillar} command: runs the CLI with the backend that composes the application (one clock,
 * the system's in UTC; one way to open a store).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests in-process). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return dev.pillar.cli.Main.run(args, out, err, new Composed(PillarClock.systemUtc()));
    }

    /** The backend of the CLI: services and the server, composed here. */
    record Composed(PillarClock clock) implements Backend {
        @Override
        public AuditLog.Report verifyAudit(StoreConfig where, NoteKey verifier, java.util.List<String> external) {
            try (var store = Stores.open(where, clock)) {
                // the log itself, then what the store serves against the log (decisions, documents, rules, users, cases, licence use)
                return AuditLog.verify(store, verifier, verifier.name(), external).with(dev.pillar.app.audit.StateCheck.problems(store));
            }
        }

        @Override
        public NoteKey auditVerifier(Path dataDir) {
            return NoteKey.verifier(AuditKey.open(dataDir.resolve("audit-key")).verifierText());
        }

        @Override
        public Services open(StoreConfig where, boolean seedBuiltIn) {
            var store = Stores.open(where, clock);
            try {
                var key = AuditKey.open(where.dataDir().resolve("audit-key"));
                return Services.open(store, key, clock, n -> {}, seedBuiltIn);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }

        @Override
        public AutoCloseable serve(ServeSettings s, PrintWriter out) {
            StoreConfig st = s.store();
            ServerConfig config = new ServerConfig(s.port(), st.dataDir(), st.jdbcUrl(), st.user(), st.password(), s.oidcIssuer(), s.oidcJwks(),
                    s.oidcAudience(), 16L * 1024 * 1024, true, s.demoUsers());
            return Pillar.start(config, clock, out);
        }
    }
}
