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

    /**
     * The server over a data directory seeded with the built-in world in which KOR is, as the world had it before the
     * demo story was added, at formal discussions since 2024-09-17 (the leaders' statement on consultations), so that
     * console tests can propose admitting it at once.
     */
    ConsoleServer(Path dataDir) {
        try (var store = dev.pillar.store.JdbcStore.embedded(dataDir)) {
            store.seedOnce(korInDiscussions(), dev.pillar.app.WorldService.builtInRules(), "test:seed");
        }
        server = Pillar.start(ServerConfig.defaults(0, dataDir), new PrintWriter(new StringWriter()));
        user(OFFICER, Role.COMPLIANCE_OFFICER, null, null);
        user(ENGINEER, Role.ENGINEER, null, "GB-BRITANNIA-SONAR");
        base = "http://localhost:" + server.port();
    }

    static java.util.List<dev.pillar.app.port.DocumentStore.NewDoc> korInDiscussions() {
        java.util.List<dev.pillar.app.port.DocumentStore.NewDoc> docs = new java.util.ArrayList<>();
        for (var d : dev.pillar.app.WorldService.builtInDocuments()) {
            if (d.kind() == dev.pillar.app.port.Kind.PARTNERSHIP) {
                var body = (tools.jackson.databind.node.ObjectNode) dev.pillar.codec.world.WorldDocuments.mapper().readTree(d.body());
                for (var c : body.get("partnership").get("candidates")) {
                    if (c.get("country").asString().equals("KOR")) {
                        ((tools.jackson.databind.node.ArrayNode) c.get("history")).addObject().put("stage", "formal-discussions").put("date", "2024-09-17")
                                .putObject("source").put("title", "AUKUS Leaders' Joint Statement").put("date", "2024-09-17")
                                .put("citation", "consulting Canada, New Zealand and the Republic of Korea on possible Pillar II collaboration");
                    }
                }
                d = new dev.pillar.app.port.DocumentStore.NewDoc(d.kind(), d.id(), body.toString(), d.fields());
            }
            docs.add(d);
        }
        return docs;
    }

    /** An unclassified item of US origin recorded by the secretariat, as the compliance tests need them. */
    void item(String id, String control, String project, long valueUsd) {
        var body = dev.pillar.codec.world.WorldDocuments.mapper().createObjectNode().put("id", id).put("title", "Test item (fictional)")
                .put("originator", "USA").put("classification", "USA:UNCLASSIFIED").put("control", control).put("project", project).put("valueUsd", valueUsd);
        server.services().worlds().create(dev.pillar.app.port.Kind.ITEM, body, new dev.pillar.app.port.Principal("sec", Role.SECRETARIAT, null, null));
    }

    void user(String name, Role role, String country, String organisation) {
        server.store().createUser(new StoredUser(name, Passwords.hash(PASSWORD.toCharArray()), role.name(), country, organisation, false, 0, null));
    }

    /**
     * Enrols a fresh key for each core member by the key ceremony; returns the keys by member code. {@code actor} is
     * kept for the callers' record of who set up.
     */
    java.util.Map<String, dev.pillar.crypto.Ed25519Keys.SigningKey> registerMemberKeys(String actor) {
        java.util.Map<String, dev.pillar.crypto.Ed25519Keys.SigningKey> keys = new java.util.LinkedHashMap<>();
        var enrolled = dev.pillar.app.KeyCeremony.enrolFresh(server.governance());
        enrolled.forEach((m, k) -> keys.put(m.code(), k));
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
