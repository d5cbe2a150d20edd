package dev.pillar.app.port;

import java.nio.file.Path;

/**
 * How to open a store: the embedded store in {@code dataDir} when {@code jdbcUrl} is null, otherwise the database at
 * {@code jdbcUrl} (PostgreSQL in production) as {@code user} with {@code password} (either may be null: the URL may
 * name them; the embedded store ignores them). The data directory is required either way (the server keeps its keys
 * and token there).
 */
public record StoreConfig(Path dataDir, String jdbcUrl, String user, String password) {
    public StoreConfig {
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir: a data directory is required (the embedded store, keys and tokens are kept there)");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("jdbcUrl: '" + jdbcUrl + "' is not a JDBC URL (e.g. jdbc:postgresql://localhost:5432/pillar)");
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
