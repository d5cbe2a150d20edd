package dev.pillar.http.console;

import dev.pillar.app.port.Role;
import dev.pillar.app.port.StoredUser;
import dev.pillar.boot.Pillar;
import dev.pillar.crypto.Passwords;
import dev.pillar.http.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** A running server on a free port with a compliance officer and an engineer of Britannia Sonar, for console tests. */
final class ConsoleServer implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    static final String OFFICER = "officer";
    static final String ENGINEER = "eng-gb";

    final Pillar server;
    final String base;

    ConsoleServer(Path dataDir) {
        server = Pillar.start(ServerConfig.defaults(0, dataDir), new PrintWriter(new StringWriter()));
        user(OFFICER, Role.COMPLIANCE_OFFICER, null, null);
        user(ENGINEER, Role.ENGINEER, null, "GB-BRITANNIA-SONAR");
        base = "http://localhost:" + server.port();
    }

    private void user(String name, Role role, String country, String organisation) {
        server.store().createUser(new StoredUser(name, Passwords.hash(PASSWORD.toCharArray()), role.name(), country, organisation, false, 0, null));
    }

    /** A new user of {@code role} and a bearer token for them, obtained by signing in through the API as a client would. */
    String apiToken(String name, Role role) throws java.io.IOException, InterruptedException {
        user(name, role, null, null);
        var res = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("sign-in of " + name + " failed: " + res.body());
        }
        String body = res.body();
        int at = body.indexOf("\"access_token\":\"") + "\"access_token\":\"".length();
        return body.substring(at, body.indexOf('"', at));
    }

    @Override
    public void close() {
        server.stop();
    }
}
