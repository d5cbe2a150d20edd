package dev.pillar.http.fault;

import static dev.pillar.http.fault.ServerProcess.DECISION_JSON;
import static dev.pillar.http.fault.ServerProcess.field;
import static dev.pillar.http.fault.ServerProcess.json;
import static org.assertj.core.api.Assertions.assertThat;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A normal stop and start keeps everything a user created or changed (documents, rule data versions, users,
 * decisions) and does not seed the built-in world again: the store revision, and so the world version, is unchanged and
 * no document is duplicated.
 */
class RestartTest {
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void restartKeepsDataAndDoesNotReseed(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String worldVersion;
        String itemBody;
        String decisionId;
        String decision;
        String counts;
        try (ServerProcess server = ServerProcess.start(data, dir.resolve("first.log"))) {
            assertThat(server.log()).contains("seeded the built-in world").contains("first start: created user 'admin'");

            String secretariat = server.user("fault.secretariat", "secretariat");
            String officer = server.user("fault.officer", "compliance-officer");
            String created = server.get("/api/v1/items/A-UNDERSEA-001").body().replace("\"A-UNDERSEA-001\"", "\"FAULT-RESTART-001\"");
            HttpResponse<String> c = server.post(secretariat, "/api/v1/items", created);
            assertThat(c.statusCode()).as(c.body()).isEqualTo(201);
            itemBody = created.replace("Sonar signal processing design notes", "Sonar notes kept over a restart");
            HttpResponse<String> u = server.put(secretariat, "/api/v1/items/FAULT-RESTART-001", itemBody, c.headers().firstValue("ETag").orElseThrow());
            assertThat(u.statusCode()).as(u.body()).isEqualTo(200);
            assertThat(u.headers().firstValue("ETag")).hasValue("\"2\"");

            String rules = server.get("/api/v1/rules/1").body();
            HttpResponse<String> r = server.post(officer, "/api/v1/rules?note=restart-test", rules);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(json(r.body()).get("version").asLong()).isEqualTo(2);

            HttpResponse<String> d = server.post(officer, "/api/v1/decisions", DECISION_JSON);
            assertThat(d.statusCode()).as(d.body()).isEqualTo(201);
            decisionId = field(d.body(), "decisionId");
            decision = d.body();

            worldVersion = field(server.get("/health").body(), "worldVersion");
            counts = counts(server);
            assertThat(server.terminate(EXIT_WITHIN)).isIn(0, 143);
        }

        for (int start = 2; start <= 3; start++) { // twice, so that a second restart does not drift either
            try (ServerProcess server = ServerProcess.start(data, dir.resolve("start-" + start + ".log"))) {
                String log = server.log();
                assertThat(log).doesNotContain("seeded").doesNotContain("first start").doesNotContain("ERROR").doesNotContain("exists already");
                assertThat(field(server.get("/health").body(), "worldVersion")).isEqualTo(worldVersion);
                assertThat(counts(server)).isEqualTo(counts);

                HttpResponse<String> item = server.get("/api/v1/items/FAULT-RESTART-001");
                assertThat(item.statusCode()).isEqualTo(200);
                assertThat(item.headers().firstValue("ETag")).hasValue("\"2\"");
                assertThat(json(item.body())).isEqualTo(json(itemBody));

                JsonNode versions = json(server.get("/api/v1/rules").body());
                assertThat(versions.size()).isEqualTo(2);
                assertThat(versions.get(1).get("note").asString()).isEqualTo("restart-test");
                assertThat(versions.get(1).get("inForce").asBoolean()).isTrue();

                HttpResponse<String> user = server.get("/api/v1/users/fault.officer");
                assertThat(user.statusCode()).isEqualTo(200);
                assertThat(field(user.body(), "role")).isEqualTo("compliance-officer");
                assertThat(server.user("fault.officer", "compliance-officer")).as("the user can still sign in").isNotBlank();

                HttpResponse<String> d = server.get("/api/v1/decisions/" + decisionId);
                assertThat(d.statusCode()).isEqualTo(200);
                assertThat(json(d.body()).get("decision")).isEqualTo(json(decision));
                assertThat(field(d.body(), "askedBy")).isEqualTo("fault.officer");

                assertThat(server.terminate(EXIT_WITHIN)).isIn(0, 143);
            }
        }
    }

    /** How many documents of each kind, rule versions and users the store holds. */
    private static String counts(ServerProcess server) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String kind : new String[] {"organisations", "people", "items", "licences"}) {
            HttpResponse<String> r = server.get("/api/v1/" + kind + "?limit=1");
            assertThat(r.statusCode()).as(kind + ": " + r.body()).isEqualTo(200);
            b.append(kind).append('=').append(json(r.body()).get("total").asLong()).append(' ');
        }
        b.append("rules=").append(json(server.get("/api/v1/rules").body()).size()).append(' ');
        b.append("users=").append(json(server.get("/api/v1/users").body()).size());
        return b.toString();
    }
}
