package dev.pillar.server.web;

import dev.pillar.auth.Passwords;
import dev.pillar.auth.Role;
import dev.pillar.server.Server;
import dev.pillar.server.ServerConfig;
import dev.pillar.store.StoredUser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** A running server on a free port with a compliance officer and an engineer of Britannia Sonar, for console tests. */
final class ConsoleServer implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    static final String OFFICER = "officer";
    static final String ENGINEER = "eng-gb";

    final Server server;
    final String base;

    ConsoleServer(Path dataDir) {
        server = Server.start(ServerConfig.defaults(0, dataDir), new PrintWriter(new StringWriter()));
        user(OFFICER, Role.COMPLIANCE_OFFICER, null, null);
        user(ENGINEER, Role.ENGINEER, null, "GB-BRITANNIA-SONAR");
        base = "http://localhost:" + server.port();
    }

    private void user(String name, Role role, String country, String organisation) {
        server.store().createUser(new StoredUser(name, Passwords.hash(PASSWORD.toCharArray()), role.name(), country, organisation, false, 0, null));
    }

    @Override
    public void close() {
        server.stop();
    }
}
