package dev.pillar.cli;

import dev.pillar.app.Services;
import dev.pillar.app.port.StoreConfig;
import dev.pillar.codec.BadInputException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
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

    /** Where the store is, as the options say (the password is read from the environment variable named). */
    StoreConfig config() {
        try {
            return new StoreConfig(data, jdbcUrl, dbUser, jdbcUrl == null ? null : System.getenv(dbPasswordEnv));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("", jdbcUrl == null ? "--data" : "--jdbc-url", e.getMessage());
        }
    }

    /** The application's services over the store, seeding the built-in world on first use as the server does. */
    Services open(CommandSpec spec) {
        return Main.backend(spec).open(config(), true);
    }
}
