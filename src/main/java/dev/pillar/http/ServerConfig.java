package dev.pillar.http;

import java.nio.file.Path;

/**
 * How to run the server: port (0 picks a free one), data directory (embedded store, issuer key, admin token),
 * optional PostgreSQL JDBC URL and credentials, optional OIDC issuer (its id, JWKS address and expected audience),
 * the request size limit and whether the console's cookies are marked Secure.
 */
public record ServerConfig(int port, Path dataDir, String jdbcUrl, String dbUser, String dbPassword, String oidcIssuer,
                           String oidcJwks, String oidcAudience, long maxRequestBytes, boolean secureCookies, boolean demoUsers) {
    /** Defaults for tests and embedding: no demo users (a test makes the accounts it needs). */
    public static ServerConfig defaults(int port, Path dataDir) {
        return new ServerConfig(port, dataDir, null, null, null, null, null, null, 16L * 1024 * 1024, true, false);
    }

    /** This configuration with the demo users of the built-in world on or off. */
    public ServerConfig withDemoUsers(boolean on) {
        return new ServerConfig(port, dataDir, jdbcUrl, dbUser, dbPassword, oidcIssuer, oidcJwks, oidcAudience, maxRequestBytes, secureCookies, on);
    }
}
