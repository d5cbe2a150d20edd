package dev.pillar.cli;

import dev.pillar.codec.BadInputException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pillar serve}: the server with the API and the console, on the embedded store by default. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the Pillar server: JSON API under /api/v1, web console, /health and /metrics.",
                "On first start it seeds the built-in AUKUS world into the store, creates the user 'admin' (its password is",
                "printed once) and writes an admin bearer token to DATA/admin-token (owner-only). With the built-in world it also",
                "creates demo users to play the partnership story (secretariat, the three delegates, a compliance officer and",
                "an engineer of each country; passwords printed once and kept in DATA/demo-users.txt, owner-only) unless",
                "--no-demo-users. Later starts keep the data.",
                "Stops gracefully on Ctrl-C or SIGTERM: in-flight requests complete."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free port)")
    int port;

    @Mixin
    StoreOptions store;

    @Option(names = "--no-demo-users", negatable = false, description = "on the first start with the built-in world, make no demo users")
    boolean noDemoUsers;

    @Option(names = "--oidc-issuer", description = "also accept tokens of this OIDC issuer (its 'iss'), e.g. a Keycloak realm URL")
    String oidcIssuer;

    @Option(names = "--oidc-jwks", description = "the OIDC issuer's JWKS URL (its jwks_uri)")
    String oidcJwks;

    @Option(names = "--oidc-audience", description = "the audience ('aud') the OIDC tokens must carry (default: pillar)")
    String oidcAudience;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new BadInputException("", "--port", "must be between 0 and 65535, was " + port);
        }
        if ((oidcIssuer == null) != (oidcJwks == null)) {
            throw new BadInputException("", oidcIssuer == null ? "--oidc-issuer" : "--oidc-jwks", "give --oidc-issuer and --oidc-jwks together");
        }
        PrintWriter out = spec.commandLine().getOut();
        AutoCloseable server = Main.backend(spec).serve(new Backend.ServeSettings(port, store.config(), oidcIssuer, oidcJwks, oidcAudience, !noDemoUsers), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                stopped.countDown();
            }
        }, "pillar-shutdown"));
        stopped.await();
        return Main.OK;
    }
}
