package dev.pillar.http.fault;

import static dev.pillar.http.fault.ServerProcess.DECISION_JSON;
import static dev.pillar.http.fault.ServerProcess.field;
import static dev.pillar.http.fault.ServerProcess.json;
import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.store.JdbcStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
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
 * {@code kill -9} under decision load loses no acknowledged write: the server runs as its own process, several clients
 * ask for decisions, the process is killed with SIGKILL while requests are in flight, and after a restart on the same
 * data directory every decision that was acknowledged with 201 is there, the world version is unchanged and a
 * document changed before the kill is intact with its ETag. The audit log, read before the restart, verifies against
 * every checkpoint the server signed, has no torn entry, and holds an entry for every acknowledged decision.
 */
class KillNineTest {
    private static final int CLIENTS = 8;
    private static final int MIN_ACKNOWLEDGED = 500;
    private static final long MAX_LOAD_MILLIS = 30_000;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void acknowledgedWritesSurviveKillNine(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        String itemBody;
        String itemEtag;
        String worldVersion;
        try (ServerProcess server = ServerProcess.start(data, dir.resolve("before-kill.log"))) {
            // a document created, then updated, and acknowledged before the kill
            String secretariat = server.user("fault.secretariat", "secretariat");
            String seedItem = server.get("/api/v1/items/A-UNDERSEA-001").body();
            String created = seedItem.replace("\"A-UNDERSEA-001\"", "\"FAULT-KILL-001\"");
            HttpResponse<String> c = server.post(secretariat, "/api/v1/items", created);
            assertThat(c.statusCode()).as(c.body()).isEqualTo(201);
            itemBody = created.replace("Sonar signal processing design notes", "Sonar notes changed before kill -9");
            assertThat(itemBody).isNotEqualTo(created);
            HttpResponse<String> u = server.put(secretariat, "/api/v1/items/FAULT-KILL-001", itemBody, c.headers().firstValue("ETag").orElseThrow());
            assertThat(u.statusCode()).as(u.body()).isEqualTo(200);
            itemEtag = u.headers().firstValue("ETag").orElseThrow();
            assertThat(itemEtag).isEqualTo("\"2\"");
            worldVersion = field(server.get("/health").body(), "worldVersion");

            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(() -> {
                    while (!stop.get()) {
                        HttpResponse<String> r;
                        try {
                            r = server.post("/api/v1/decisions", DECISION_JSON);
                        } catch (IOException e) {
                            return; // the server is gone: this request was never acknowledged
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        if (r.statusCode() == 201) {
                            String id = field(r.body(), "decisionId");
                            acknowledged.add(id);
                            if (!r.headers().firstValue("Location").orElse("").equals("/api/v1/decisions/" + id)) {
                                unexpected.add("201 without Location /api/v1/decisions/" + id);
                            }
                        } else {
                            unexpected.add(r.statusCode() + " " + r.body());
                        }
                    }
                });
            }
            long start = System.currentTimeMillis();
            while (acknowledged.size() < MIN_ACKNOWLEDGED && System.currentTimeMillis() - start < MAX_LOAD_MILLIS) {
                Thread.sleep(20);
            }
            int beforeKill = acknowledged.size();
            server.kill(); // SIGKILL while the clients keep sending
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).as("clients stop after the kill").isTrue();
            assertThat(server.log()).doesNotContain("ERROR");
            assertThat(beforeKill).as("decisions acknowledged before the kill").isPositive();
        }
        assertThat(unexpected).as("answers other than 201 under load").isEmpty();
        auditLogHoldsEveryAcknowledgedDecision(dir, data, List.copyOf(acknowledged));

        try (ServerProcess server = ServerProcess.start(data, dir.resolve("after-kill.log"))) {
            assertThat(field(server.get("/health").body(), "worldVersion")).isEqualTo(worldVersion);
            assertThat(server.log()).doesNotContain("seeded").doesNotContain("first start").doesNotContain("ERROR");

            HttpResponse<String> item = server.get("/api/v1/items/FAULT-KILL-001");
            assertThat(item.statusCode()).isEqualTo(200);
            assertThat(item.headers().firstValue("ETag")).hasValue(itemEtag);
            assertThat(json(item.body())).isEqualTo(json(itemBody));

            List<String> ids = List.copyOf(acknowledged);
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                HttpResponse<String> d = server.get("/api/v1/decisions/" + id);
                if (d.statusCode() != 200 || !id.equals(field(d.body(), "decisionId"))) {
                    missing.add(id + " -> " + d.statusCode());
                }
            }
            assertThat(missing).as("acknowledged decisions missing after kill -9 (of " + ids.size() + ")").isEmpty();
            System.out.println("kill -9: " + ids.size() + " decisions acknowledged before the kill, all retrievable after the restart");
            assertThat(server.terminate(Duration.ofSeconds(30))).isIn(0, 143);
        }
    }

    /**
     * The audit log after the kill, before the server starts again: {@code pillar audit verify} recomputes the tree and
     * checks the checkpoints the server signed every second under load; every bundle reads whole, the entries are
     * numbered without a gap up to the stored size, each is a JSON object, and each acknowledged decision id has its
     * entry.
     */
    private static void auditLogHoldsEveryAcknowledgedDecision(Path dir, Path data, List<String> acknowledged) throws Exception {
        Path verifyLog = dir.resolve("audit-verify.log");
        int exit = ServerProcess.cli(verifyLog, "audit", "verify", "--data", data.toString());
        String verified = java.nio.file.Files.readString(verifyLog);
        assertThat(exit).as(verified).isZero();
        assertThat(verified).containsPattern("audit log \\S+: \\d+ entries, [1-9]\\d* signed checkpoints, verified");

        Set<String> logged = new HashSet<>();
        long[] next = {0};
        long size;
        try (JdbcStore store = JdbcStore.embedded(data)) {
            size = store.auditSize();
            store.auditEntries(0, size, (entry, index) -> {
                assertThat(index).as("entries are numbered without a gap").isEqualTo(next[0]);
                next[0]++;
                JsonNode e = json(new String(entry, StandardCharsets.UTF_8)); // a torn entry would not parse
                if ("decision".equals(e.path("type").asString(""))) {
                    logged.add(e.get("decisionId").asString());
                }
            });
        }
        assertThat(next[0]).as("entries readable against the stored size").isEqualTo(size);
        List<String> missing = acknowledged.stream().filter(id -> !logged.contains(id)).toList();
        assertThat(missing).as("acknowledged decisions without an audit entry (of " + acknowledged.size() + ")").isEmpty();
        System.out.println("kill -9: audit log of " + size + " entries verifies; it holds all " + acknowledged.size()
                + " acknowledged decisions (" + logged.size() + " decision entries in all)");
    }
}
