package dev.pillar.cli;

import dev.pillar.app.PillarClock;
import dev.pillar.app.Services;
import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.port.StoreConfig;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What the CLI needs of the composition root: the application's services over a store, and a running server. The
 * CLI never opens a store or builds a service itself.
 */
public interface Backend {
    /** The one clock: "today" for decisions without a date, the time of every act. */
    PillarClock clock();

    /**
     * Checks the audit log of the store {@code where} names with {@code verifier}, without building anything over it
     * (a tampered store is reported, never repaired or refused at opening).
     */
    AuditLog.Report verifyAudit(StoreConfig where, NoteKey verifier, java.util.List<String> externalCheckpoints);

    /** The verifier key of the audit log whose signing key is in {@code dataDir} ({@code audit-key}). */
    NoteKey auditVerifier(Path dataDir);

    /**
     * The services over the store {@code where} names, with the audit log signed by the data directory's key; with
     * {@code seedBuiltIn} an empty store gets the built-in world first, as the server's first start does.
     */
    Services open(StoreConfig where, boolean seedBuiltIn);

    /** What {@code pillar serve} was asked for. */
    record ServeSettings(int port, StoreConfig store, String oidcIssuer, String oidcJwks, String oidcAudience, boolean demoUsers) {}

    /** Starts the server; closing the answer stops it gracefully. */
    AutoCloseable serve(ServeSettings settings, PrintWriter out);
}
