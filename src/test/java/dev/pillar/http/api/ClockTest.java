package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.app.PillarClock;
import dev.pillar.boot.Pillar;
import dev.pillar.http.ServerConfig;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Time is the clock the composition root hands in: a server started with a fixed clock decides a request without
 * {@code asOf} for that clock's day (in the partnership's time zone, UTC), records it at that instant, and checks its
 * own tokens' expiry by it.
 */
class ClockTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"2024-08-01T23:30:00Z, 2024-08-01, LICENSE_REQUIRED", "2024-10-01T00:15:00Z, 2024-10-01, PERMIT"})
    void aDecisionWithoutADateIsDecidedForTheClocksDay(String now, String day, String outcome) throws Exception {
        try (Pillar p = Pillar.start(ServerConfig.defaults(0, dir), PillarClock.fixed(Instant.parse(now)), new PrintWriter(Writer.nullWriter()))) {
            String token = Files.readString(dir.resolve("admin-token")).strip();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + p.port();
            HttpResponse<String> decided = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/decisions"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
            JsonNode d = JSON.readTree(decided.body());
            assertThat(d.get("asOf").asString()).isEqualTo(day);
            assertThat(d.get("outcome").asString()).isEqualTo(outcome);
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/decisions/" + d.get("decisionId").asString()))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            assertThat(Instant.parse(JSON.readTree(stored.body()).get("createdAt").asString())).isEqualTo(Instant.parse(now));
        }
    }
}
