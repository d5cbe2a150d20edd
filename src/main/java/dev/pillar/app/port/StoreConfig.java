package dev.pillar.app.port;

import java.nio.file.Path;

/**
 * Where the store is: the embedded H2 file store in {@code dataDir} (the default), or PostgreSQL at {@code jdbcUrl}
 * with its user and password. The data directory also holds the server's keys, whichever store is used.
 */
public record StoreConfig(Path dataDir, String jdbcUrl, String user, String password) {
    public StoreConfig {
        if (dataDir == null) {
            throw new IllegalArgumentException("--data: a data directory is required");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--jdbc-url: '" + jdbcUrl + "' is not a PostgreSQL JDBC URL: use jdbc:postgresql://HOST:PORT/DATABASE");
        }
    }

    /** The embedded store in {@code dataDir}. */
    public static StoreConfig embedded(Path dataDir) {
        return new StoreConfig(dataDir, null, null, null);
    }

    /** True for the embedded store. */
    public boolean isEmbedded() {
        return jdbcUrl == null;
    }

    @Override
    public String toString() { // never the password
        return "StoreConfig[dataDir=" + dataDir + ", jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? null : "***") + "]";
    }
}
