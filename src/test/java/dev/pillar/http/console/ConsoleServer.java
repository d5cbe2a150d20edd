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

    void user(String name, Role role, String country, String organisation) {
        server.store().createUser(new StoredUser(name, Passwords.hash(PASSWORD.toCharArray()), role.name(), country, organisation, false, 0, null));
    }

    /**
     * Registers a new Ed25519 signing key for each core member (valid from 2024-01-01) in the partnership, as
     * {@code actor} of the secretariat, and returns the keys by member.
     */
    java.util.Map<String, dev.pillar.crypto.Ed25519Keys.SigningKey> registerMemberKeys(String actor) {
        java.util.Map<String, dev.pillar.crypto.Ed25519Keys.SigningKey> keys = new java.util.LinkedHashMap<>();
        var store = server.store();
        var doc = store.all(dev.pillar.app.port.Kind.PARTNERSHIP).getFirst();
        var body = (tools.jackson.databind.node.ObjectNode) dev.pillar.codec.world.WorldDocuments.mapper().readTree(doc.body());
        var list = ((tools.jackson.databind.node.ObjectNode) body.get("partnership")).putArray("memberKeys");
        for (String m : java.util.List.of("AUS", "GBR", "USA")) {
            var k = dev.pillar.crypto.Ed25519Keys.generate();
            keys.put(m, k);
            list.addObject().put("country", m).put("kid", k.kid()).put("x", k.x()).put("from", "2024-01-01");
        }
        server.worlds().update(dev.pillar.app.port.Kind.PARTNERSHIP, doc.id(), body, doc.version(),
                new dev.pillar.app.port.Principal(actor, Role.SECRETARIAT, null, null));
        return keys;
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
