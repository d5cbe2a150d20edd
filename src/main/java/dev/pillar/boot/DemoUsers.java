package dev.pillar.boot;

import dev.pillar.app.AccountService;
import dev.pillar.crypto.KeyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The demo accounts of the built-in world ({@code demo/aukus-users.yaml}): made on the first start that seeds it, their
 * generated passwords written to {@code DATA/demo-users.txt} (owner-only) and printed once.
 */
final class DemoUsers {
    static final String FILE = "demo-users.txt";

    private DemoUsers() {}

    static List<AccountService.DemoUser> definitions() {
        try (InputStream in = DemoUsers.class.getResourceAsStream("/demo/aukus-users.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the demo users file demo/aukus-users.yaml is missing from the build");
            }
            List<AccountService.DemoUser> out = new ArrayList<>();
            for (JsonNode u : new YAMLMapper().readTree(in).path("users")) {
                out.add(new AccountService.DemoUser(u.path("username").asString(), u.path("role").asString(), text(u, "country"),
                        text(u, "organisation"), u.path("note").asString("")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode u, String field) {
        return u.hasNonNull(field) ? u.get(field).asString() : null;
    }

    static List<AccountService.DemoAccount> create(AccountService accounts, Path dataDir) {
        List<AccountService.DemoAccount> made = accounts.createDemoUsers(definitions());
        StringBuilder text = new StringBuilder("# Demo users of the built-in AUKUS world, made on the first start (username, role, password)\n");
        for (AccountService.DemoAccount a : made) {
            text.append(a.user().username()).append('\t').append(a.user().role()).append('\t').append(a.password()).append('\n');
        }
        try {
            KeyFiles.writePrivate(dataDir.resolve(FILE), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return made;
    }
}
