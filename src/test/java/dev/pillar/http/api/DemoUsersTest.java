package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.boot.Pillar;
import dev.pillar.http.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first start of {@code pillar serve} with the built-in world makes the demo users of the story: the secretariat,
 * the three delegates, a compliance officer and an engineer of each country, with passwords printed once and kept
 * owner-only under the data directory; a later start, or {@code --no-demo-users}, makes none.
 */
class DemoUsersTest {
    @TempDir
    Path data;

    static String start(ServerConfig config, java.util.function.Consumer<Pillar> use) {
        StringWriter out = new StringWriter();
        Pillar p = Pillar.start(config, new PrintWriter(out));
        try {
            use.accept(p);
        } finally {
            p.stop();
        }
        return out.toString();
    }

    static int signIn(Pillar p, String user, String password) throws Exception {
        try (HttpClient c = HttpClient.newHttpClient()) {
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://localhost:" + p.port() + "/api/v1/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode();
        }
    }

    @Test
    void theFirstStartWithTheBuiltInWorldMakesTheStorysUsersOnce() throws Exception {
        Map<String, Integer> signedIn = new LinkedHashMap<>();
        String first = start(ServerConfig.defaults(0, data).withDemoUsers(true), p -> {
            assertThat(p.demoAccounts()).extracting(a -> a.user().username()).containsExactly("secretariat", "delegate-aus", "delegate-gbr",
                    "delegate-usa", "officer", "engineer-usa", "engineer-gbr", "engineer-aus", "engineer-jpn", "engineer-kor", "engineer-can", "engineer-nzl");
            for (var a : p.demoAccounts()) {
                try {
                    signedIn.put(a.user().username(), signIn(p, a.user().username(), a.password()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            var kor = p.store().user("engineer-kor").orElseThrow();
            assertThat(kor.role()).isEqualTo("ENGINEER");
            assertThat(kor.organisation()).isEqualTo("KR-HANBIT-DEFENCE");
            assertThat(p.store().user("delegate-usa").orElseThrow().country()).isEqualTo("USA");
        });
        assertThat(signedIn.values()).as("every demo user signs in with the printed password").allMatch(s -> s == 200);
        assertThat(first).contains("demo users of the built-in world", "engineer-kor", "delegate-gbr");
        assertThat(Files.getPosixFilePermissions(data)).as("the data directory (database with password hashes, keys) is the owner's only")
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        Path file = data.resolve("demo-users.txt");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(13);
        String password = lines.get(1).split("\t")[2];
        assertThat(first).as("the password printed is the one kept").contains(password);

        String second = start(ServerConfig.defaults(0, data).withDemoUsers(true), p -> assertThat(p.demoAccounts()).isEmpty());
        assertThat(second).doesNotContain("demo users", password);
    }

    @Test
    void aStoreHoldingAnotherWorldGetsNoDemoUsers() {
        // a world installed in the store before the first start (here the built-in one under another id) is not the
        // built-in world this start seeds: its organisations may not be the demo users' ones
        try (var store = dev.pillar.store.JdbcStore.embedded(data)) {
            var docs = new java.util.ArrayList<dev.pillar.app.port.DocumentStore.NewDoc>();
            for (var d : dev.pillar.app.WorldService.builtInDocuments()) {
                docs.add(d.kind() == dev.pillar.app.port.Kind.PARTNERSHIP
                        ? new dev.pillar.app.port.DocumentStore.NewDoc(d.kind(), d.id(), d.body().replace("\"id\":\"aukus\"", "\"id\":\"other\""), d.fields())
                        : d);
            }
            store.seedOnce(docs, dev.pillar.app.WorldService.builtInRules(), "test:seed");
        }
        String out = start(ServerConfig.defaults(0, data).withDemoUsers(true), p -> {
            assertThat(p.services().worlds().current().world().version()).startsWith("other@");
            assertThat(p.demoAccounts()).isEmpty();
        });
        assertThat(out).contains("created user 'admin'").doesNotContain("demo users");
    }

    @Test
    void noDemoUsersWhenAskedNot() {
        String out = start(ServerConfig.defaults(0, data), p -> {
            assertThat(p.demoAccounts()).isEmpty();
            assertThat(p.store().user("secretariat")).isEmpty();
        });
        assertThat(out).doesNotContain("demo users");
        assertThat(data.resolve("demo-users.txt")).doesNotExist();
    }
}
