package dev.pillar.cli;

import dev.pillar.audit.AuditKey;
import dev.pillar.audit.AuditLog;
import dev.pillar.audit.NoteKey;
import dev.pillar.store.JdbcStore;
import dev.pillar.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pillar audit}: check the audit log of a store. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the tamper-evident audit log (see docs/audit.md).",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute the Merkle tree from every stored entry and check it against every kept signed checkpoint.",
                    "Reads the store directly: stop the server first when it uses the embedded store (--data).",
                    "Exit 0: the log verifies; 3: it does not (each problem is printed); 2: bad input."})
    static final class Verify implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", defaultValue = "./data", description = "data directory of the embedded store (default: ${DEFAULT-VALUE})")
        Path data;

        @Option(names = "--jdbc-url", description = "PostgreSQL JDBC URL instead of the embedded store")
        String jdbcUrl;

        @Option(names = "--db-user", defaultValue = "${env:PILLAR_DB_USER}", description = "database user (default: $PILLAR_DB_USER)")
        String dbUser;

        @Option(names = "--db-password-env", defaultValue = "PILLAR_DB_PASSWORD", description = "environment variable holding the database password")
        String dbPasswordEnv;

        @Option(names = "--key", description = "the log's verifier key (name+keyid+key); default: the public half of DATA/audit-key")
        String key;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            NoteKey verifier;
            try {
                if (key != null) {
                    verifier = NoteKey.verifier(key);
                } else if (Files.exists(data.resolve("audit-key"))) {
                    verifier = NoteKey.verifier(AuditKey.open(data.resolve("audit-key")).verifierText());
                } else {
                    err.println("error: --key: give the log's verifier key (GET /api/v1/audit/key), or --data with the server's data directory");
                    return Main.BAD_INPUT;
                }
            } catch (IllegalArgumentException e) {
                err.println("error: --key: " + e.getMessage());
                return Main.BAD_INPUT;
            }
            if (jdbcUrl == null && !Files.isDirectory(data)) {
                err.println("error: --data: " + data + " is not a data directory");
                return Main.BAD_INPUT;
            }
            try (Store store = jdbcUrl == null ? JdbcStore.embedded(data) : JdbcStore.connect(jdbcUrl, dbUser, System.getenv(dbPasswordEnv))) {
                AuditLog.Report r = AuditLog.verify(store, verifier, verifier.name());
                for (String p : r.problems()) {
                    out.println("FAIL: " + p);
                }
                out.printf("audit log %s: %d entries, %d signed checkpoints, %s%n", verifier.name(), r.entries(), r.checkpoints(),
                        r.ok() ? "verified" : r.problems().size() + " problem(s)");
                return r.ok() ? Main.OK : 3;
            }
        }
    }
}
