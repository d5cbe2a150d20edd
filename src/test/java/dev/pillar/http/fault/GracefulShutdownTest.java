package dev.pillar.http.fault;

import static dev.pillar.http.fault.ServerProcess.DECISION_JSON;
import static dev.pillar.http.fault.ServerProcess.field;
import static dev.pillar.http.fault.ServerProcess.json;
import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * SIGTERM lets in-flight requests complete: a 10,000-decision batch in flight when the signal arrives is answered in
 * full with 200; single decisions racing the shutdown are either acknowledged (and then stored) or refused at the
 * connection, never answered with an error; the process exits promptly with 0 or 143, and a restart keeps all data.
 */
class GracefulShutdownTest {
    private static final int BATCH = 10_000;
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(20);

    /** The batch has been received and is being decided and stored when SIGTERM arrives. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void batchInFlightCompletesOnSigterm(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        byte[] batch = batchBody();
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        String worldVersion;
        JsonNode batchAnswer;
        try (ServerProcess server = ServerProcess.start(data, dir.resolve("before-term.log"))) {
            worldVersion = field(server.get("/health").body(), "worldVersion");
            // one batch first, so that the in-flight one runs on a warmed-up server and well within the 15 s stop timeout
            long warm = System.nanoTime();
            HttpResponse<String> warmUp = server.http().send(batchRequest(server, HttpRequest.BodyPublishers.ofByteArray(batch)),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(warmUp.statusCode()).isEqualTo(200);
            long batchMillis = (System.nanoTime() - warm) / 1_000_000;

            // single decisions racing the shutdown
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++) {
                clients.submit(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> r = server.post("/api/v1/decisions", DECISION_JSON);
                            if (r.statusCode() == 201) {
                                acknowledged.add(field(r.body(), "decisionId"));
                            } else {
                                unexpected.add(r.statusCode() + " " + r.body());
                            }
                        } catch (IOException e) {
                            return; // refused or closed: not acknowledged
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (RuntimeException e) {
                            unexpected.add(e.toString());
                        }
                    }
                });
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (acknowledged.size() < 20 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }

            CompletableFuture<HttpResponse<String>> inFlight = server.http().sendAsync(
                    batchRequest(server, HttpRequest.BodyPublishers.ofByteArray(batch)), HttpResponse.BodyHandlers.ofString());
            // the body (800 kB) is on loopback at once; signal while the server decides, a third of a batch's time in
            Thread.sleep(Math.clamp(batchMillis / 3, 50, 500));
            assertThat(inFlight).as("the batch is still in flight when SIGTERM is sent").isNotDone();
            server.process().destroy(); // SIGTERM
            long termAt = System.nanoTime();

            HttpResponse<String> answer = inFlight.get(120, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as("the in-flight batch (a batch took %d ms before): %s %s%nserver log:%n%s", batchMillis,
                    answer.headers().map(), answer.body().length() > 500 ? answer.body().substring(0, 500) : answer.body(), server.log())
                    .isEqualTo(200);
            batchAnswer = json(answer.body());
            assertThat(batchAnswer.get("count").asInt()).isEqualTo(BATCH);
            assertThat(batchAnswer.get("results").size()).isEqualTo(BATCH);
            assertThat(batchAnswer.get("results").get(BATCH - 1).get("outcome").asString()).isEqualTo("PERMIT");

            assertThat(server.process().waitFor(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).as("exits within " + EXIT_WITHIN + " of SIGTERM")
                    .isTrue();
            long exitMillis = (System.nanoTime() - termAt) / 1_000_000;
            assertThat(server.process().exitValue()).as("exit code").isIn(0, 143);
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
            assertThat(server.log()).doesNotContain("ERROR");
            System.out.println("graceful shutdown: a 10,000-decision batch took " + batchMillis + " ms; exited " + exitMillis
                    + " ms after SIGTERM; " + acknowledged.size() + " single decisions acknowledged meanwhile");
        }
        assertThat(unexpected).as("answers other than 201 while shutting down").isEmpty();

        try (ServerProcess server = ServerProcess.start(data, dir.resolve("after-term.log"))) {
            assertThat(field(server.get("/health").body(), "worldVersion")).isEqualTo(worldVersion);
            List<String> ids = new ArrayList<>(acknowledged);
            JsonNode results = batchAnswer.get("results");
            for (int i = 0; i < BATCH; i += 997) {
                ids.add(results.get(i).get("decisionId").asString());
            }
            ids.add(results.get(BATCH - 1).get("decisionId").asString());
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                HttpResponse<String> d = server.get("/api/v1/decisions/" + id);
                if (d.statusCode() != 200) {
                    missing.add(id + " -> " + d.statusCode());
                }
            }
            assertThat(missing).as("acknowledged decisions missing after SIGTERM and restart").isEmpty();
            assertThat(server.terminate(EXIT_WITHIN)).isIn(0, 143);
        }
    }

    private static HttpRequest batchRequest(ServerProcess server, HttpRequest.BodyPublisher body) {
        return server.request("/api/v1/decisions/batch").timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(body).build();
    }

    private static byte[] batchBody() {
        StringBuilder b = new StringBuilder("{\"requests\":[");
        for (int i = 0; i < BATCH; i++) {
            b.append(i == 0 ? "" : ",").append(DECISION_JSON);
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
