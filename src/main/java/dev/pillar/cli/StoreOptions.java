package dev.pillar.cli;

import dev.pillar.codec.BadInputException;
import dev.pillar.app.WorldService;
import dev.pillar.store.JdbcStore;
import dev.pillar.app.port.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which store a command works on (serve, governance): the embedded one in a data directory, or PostgreSQL. */
final class StoreOptions {
    @Option(names = "--data", defaultValue = "./data", description = "data directory: the embedded store, and the server's keys (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--jdbc-url", description = "PostgreSQL JDBC URL instead of the embedded store, e.g. jdbc:postgresql://localhost:5432/pillar")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "${env:PILLAR_DB_USER}", description = "database user (default: $PILLAR_DB_USER)")
    String dbUser;

    @Option(names = "--db-password-env", defaultValue = "PILLAR_DB_PASSWORD", description = "environment variable holding the database password (default: ${DEFAULT-VALUE})")
    String dbPasswordEnv;

    /** Opens the store, seeding the built-in world on first use as the server does. */
    Store open() {
        Store store;
        try {
            if (jdbcUrl == null) {
                Files.createDirectories(data);
                store = JdbcStore.embedded(data);
            } else {
                store = JdbcStore.connect(jdbcUrl, dbUser, System.getenv(dbPasswordEnv));
            }
        } catch (Exception e) {
            String where = jdbcUrl == null ? "the store in " + data : "the database " + jdbcUrl;
            throw new BadInputException("", jdbcUrl == null ? "--data" : "--jdbc-url", "cannot open " + where + " (" + rootMessage(e) + ")"
                    + (jdbcUrl == null ? ": if pillar serve is running on it, stop it, or sign with 'governance vote --sign-only' and send the vote"
                    + " through the API or console" : ""));
        }
        store.seedOnce(WorldService.builtInDocuments(), WorldService.builtInRules(), "pillar:seed");
        return store;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
