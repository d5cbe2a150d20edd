package dev.pillar.http.fault;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A data directory made by the previous release (the fixture {@code migration/release-2026-11-29}: see its README and
 * {@code facts.json}) opens and verifies with today's code. A copy of it is unzipped into a temporary directory (opening
 * the store writes to it); then, offline, {@code pillar audit verify} and {@code pillar governance verify} give the
 * recorded counts; the server, started on it, serves the recorded decision bodies, world version, users and proposal
 * statuses without seeding again, signs in users with their recorded passwords and records a new decision, after which
 * the audit log still verifies, one entry or more longer.
 *
 * <p>The CLI and the server run through {@link ServerProcess} (their own JVMs, the project's main class), so this test
 * uses no internal API of the code under test. Every call goes to 127.0.0.1. Nothing here depends on today's date: the
 * admin token file (valid about one year) is not used for the checks, the sign-in is by password, and the new decision
 * is asked as of a fixed date.
 */
class MigrationTest {
    private static final String FIXTURE = "/migration/release-2026-11-29/";
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern AUDIT_VERIFIED =
            Pattern.compile("audit log (\\S+): (\\d+) entries, (\\d+) signed checkpoints, verified");
    private static final Pattern GOVERNANCE_COUNTS = Pattern.compile("(\\d+) acts: (\\d+) proposals, (\\d+) votes, (\\d+) outcomes");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void previousReleaseDataOpensAndVerifies(@TempDir Path dir) throws Exception {
        JsonNode facts = JSON.readTree(resource("facts.json"));
        Path data = dir.resolve("data");
        unzip(resource("data.zip"), data);
        assertThat(data.resolve("pillar.mv.db")).isRegularFile();

        // ---- offline, before the server: the audit log and the governance record as the old release left them -----
        Matcher recordedAudit = AUDIT_VERIFIED.matcher(facts.at("/audit/verifyCli/output").asString());
        assertThat(recordedAudit.find()).as("facts.json records the audit verify output").isTrue();
        String logName = recordedAudit.group(1);
        long entries = facts.at("/audit/entries").asLong();
        long checkpoints = Long.parseLong(recordedAudit.group(3));
        assertThat(Long.parseLong(recordedAudit.group(2))).isEqualTo(entries).isEqualTo(74);
        assertThat(facts.at("/audit/logKey").asString()).startsWith(logName + "+");

        AuditReport before = auditVerify(dir.resolve("audit-verify-before.log"), data);
        assertThat(before.name()).isEqualTo(logName);
        assertThat(before.entries()).as("audit entries of the old data directory").isEqualTo(entries);
        assertThat(before.checkpoints()).as("signed checkpoints of the old data directory").isEqualTo(checkpoints);

        String recordedGovernance = facts.at("/governance/verifyCli/output").asString();
        Matcher g = GOVERNANCE_COUNTS.matcher(recordedGovernance);
        assertThat(g.find()).as("facts.json records the governance verify output").isTrue();
        String governanceCounts = g.group();
        assertThat(Integer.parseInt(g.group(1))).isEqualTo(facts.at("/governance/acts").asInt()).isEqualTo(9);
        assertThat(Integer.parseInt(g.group(2))).isEqualTo(facts.at("/governance/proposals").size());
        governanceVerify(dir.resolve("governance-verify-before.log"), data, governanceCounts);

        // ---- the server on the old data directory --------------------------------------------------------------------
        String newDecisionId;
        try (ServerProcess server = ServerProcess.start(data, dir.resolve("server.log"))) {
            String log = server.log();
            assertThat(log).as("the server must not seed or make the admin again")
                    .doesNotContain("seeded").doesNotContain("first start").doesNotContain("ERROR");
            assertThat(log).contains("(world " + facts.at("/worldVersion").asString() + ")");

            HttpResponse<String> health = server.http().send(HttpRequest.newBuilder(server.uri("/health"))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("worldVersion").asString())
                    .as("world version after the restart on old data (no re-seed)")
                    .isEqualTo(facts.at("/worldVersion").asString()).isEqualTo("aukus@r13");

            String admin = signIn(server, "admin", facts.at("/passwords/admin").asString());
            String sec = signIn(server, "sec", facts.at("/passwords/others").asString());
            assertThat(sec).as("a user made by the old release signs in with the recorded password").isNotBlank();

            // the full bodies recorded by the old release, and the outcome of every recorded decision
            JsonNode bodies = facts.get("decisionBodies");
            assertThat(bodies.size()).isEqualTo(3);
            for (Map.Entry<String, JsonNode> recorded : bodies.properties()) {
                HttpResponse<String> d = server.get(admin, "/api/v1/decisions/" + recorded.getKey());
                assertThat(d.statusCode()).as(recorded.getKey() + ": " + d.body()).isEqualTo(200);
                assertThat(JSON.readTree(d.body())).as("GET /api/v1/decisions/" + recorded.getKey()).isEqualTo(recorded.getValue());
            }
            for (JsonNode recorded : facts.get("decisions")) {
                String id = recorded.get("decisionId").asString();
                HttpResponse<String> d = server.get(admin, "/api/v1/decisions/" + id);
                assertThat(d.statusCode()).as(recorded.get("label").asString() + " " + id + ": " + d.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(d.body());
                assertThat(body.get("decisionId").asString()).isEqualTo(id);
                assertThat(body.get("request")).as(recorded.get("label").asString()).isEqualTo(recorded.get("request"));
                JsonNode decision = body.get("decision");
                assertThat(decision.get("outcome").asString()).as(recorded.get("label").asString()).isEqualTo(recorded.get("outcome").asString());
                assertThat(decision.get("basis")).as(recorded.get("label").asString()).isEqualTo(recorded.get("basis"));
                assertThat(decision.get("worldVersion").asString()).as(recorded.get("label").asString())
                        .isEqualTo(recorded.get("worldVersion").asString());
            }

            // the users, as the old release listed them
            HttpResponse<String> users = server.get(admin, "/api/v1/users");
            assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
            assertThat(userViews(JSON.readTree(users.body()))).isEqualTo(userViews(facts.get("users")));

            // the governance proposals keep their statuses, digests and votes
            HttpResponse<String> proposals = server.get(admin, "/api/v1/governance/proposals");
            assertThat(proposals.statusCode()).as(proposals.body()).isEqualTo(200);
            assertThat(proposalViews(JSON.readTree(proposals.body()))).isEqualTo(proposalViews(facts.at("/governance/proposals")));
            assertThat(proposalViews(facts.at("/governance/proposals")).values()).extracting(p -> p.get("status"))
                    .containsExactly("ADOPTED", "REJECTED");

            // the audit log key is the old one (not made anew)
            HttpResponse<String> logKey = server.get(admin, "/api/v1/audit/key");
            assertThat(logKey.statusCode()).as(logKey.body()).isEqualTo(200);
            assertThat(logKey.body().strip()).isEqualTo(facts.at("/audit/logKey").asString());

            // one new decision
            String request = "{\"asOf\":\"2024-10-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\"}";
            HttpResponse<String> made = server.post(admin, "/api/v1/decisions", request);
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            JsonNode decision = JSON.readTree(made.body());
            newDecisionId = decision.get("decisionId").asString();
            JsonNode sameAskedBefore = null;
            for (JsonNode d : facts.get("decisions")) {
                if (d.get("label").asString().equals("permit-after-changes")) {
                    sameAskedBefore = d;
                }
            }
            assertThat(sameAskedBefore).as("facts.json records decision permit-after-changes").isNotNull();
            assertThat(JSON.readTree(request)).isEqualTo(sameAskedBefore.get("request"));
            assertThat(newDecisionId).isNotEqualTo(sameAskedBefore.get("decisionId").asString());
            assertThat(decision.get("outcome").asString()).isEqualTo(sameAskedBefore.get("outcome").asString());
            assertThat(decision.get("basis")).isEqualTo(sameAskedBefore.get("basis"));
            assertThat(decision.get("worldVersion").asString()).isEqualTo(facts.at("/worldVersion").asString());
            HttpResponse<String> readBack = server.get(admin, "/api/v1/decisions/" + newDecisionId);
            assertThat(readBack.statusCode()).as(readBack.body()).isEqualTo(200);
            assertThat(JSON.readTree(readBack.body()).get("askedBy").asString()).isEqualTo("admin");

            assertThat(server.terminate(EXIT_WITHIN)).isIn(0, 143);
            assertThat(server.log()).doesNotContain("ERROR");
        }

        // ---- offline again: the log grew by the new decision (and whatever else the server logged) and verifies -----
        AuditReport after = auditVerify(dir.resolve("audit-verify-after.log"), data);
        assertThat(after.name()).isEqualTo(logName);
        assertThat(after.entries()).as("audit entries after one new decision").isGreaterThanOrEqualTo(entries + 1);
        assertThat(after.checkpoints()).isGreaterThanOrEqualTo(checkpoints);
        governanceVerify(dir.resolve("governance-verify-after.log"), data, governanceCounts);
        System.out.println("migration release-2026-11-29: audit " + before.entries() + " -> " + after.entries() + " entries, "
                + before.checkpoints() + " -> " + after.checkpoints() + " signed checkpoints, new decision " + newDecisionId);
    }

    record AuditReport(String name, long entries, long checkpoints) {}

    /** {@code pillar audit verify --data DATA}: exit 0 and the "N entries, M signed checkpoints, verified" line. */
    private static AuditReport auditVerify(Path log, Path data) throws Exception {
        int exit = ServerProcess.cli(log, "audit", "verify", "--data", data.toString());
        String out = Files.readString(log);
        assertThat(exit).as(out).isZero();
        Matcher m = AUDIT_VERIFIED.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return new AuditReport(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    /** {@code pillar governance verify --data DATA}: exit 0, the recorded counts and "verified". */
    private static void governanceVerify(Path log, Path data, String counts) throws Exception {
        int exit = ServerProcess.cli(log, "governance", "verify", "--data", data.toString());
        String out = Files.readString(log);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains(counts).containsPattern("(?m)^verified");
    }

    /** Signs in at {@code POST /api/v1/auth/token} (no bearer token sent) and returns the access token. */
    private static String signIn(ServerProcess server, String username, String password) throws Exception {
        String body = JSON.writeValueAsString(Map.of("username", username, "password", password));
        HttpResponse<String> r = server.http().send(HttpRequest.newBuilder(server.uri("/api/v1/auth/token"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("signing in as " + username + ": " + r.body()).isEqualTo(200);
        JsonNode token = JSON.readTree(r.body()).get("access_token");
        assertThat(token).as(r.body()).isNotNull();
        return token.asString();
    }

    /** username -> role, country, organisation, disabled (a missing field as null, as facts.json records it). */
    private static Map<String, List<String>> userViews(JsonNode users) {
        assertThat(users.isArray()).as(users.toString()).isTrue();
        Map<String, List<String>> m = new TreeMap<>();
        for (JsonNode u : users) {
            List<String> v = new ArrayList<>();
            for (String f : new String[] {"role", "country", "organisation", "disabled"}) {
                JsonNode n = u.get(f);
                v.add(n == null || n.isNull() ? null : n.asString());
            }
            m.put(u.get("username").asString(), v);
        }
        return m;
    }

    /** id -> candidate, action, status, digest and the votes as member:choice. */
    private static Map<String, Map<String, String>> proposalViews(JsonNode proposals) {
        assertThat(proposals.isArray()).as(proposals.toString()).isTrue();
        Map<String, Map<String, String>> m = new TreeMap<>();
        for (JsonNode p : proposals) {
            Map<String, String> v = new LinkedHashMap<>();
            for (String f : new String[] {"candidate", "action", "status", "digest"}) {
                v.put(f, p.get(f).asString());
            }
            List<String> votes = new ArrayList<>();
            p.get("votes").forEach(vote -> votes.add(vote.get("member").asString() + ":" + vote.get("choice").asString()));
            v.put("votes", String.join(",", votes));
            m.put(p.get("id").asString(), v);
        }
        return m;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MigrationTest.class.getResourceAsStream(FIXTURE + name)) {
            assertThat(in).as("test resource " + FIXTURE + name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Unzips {@code zip} into {@code dir} (a new directory), refusing entries that would land outside it. */
    private static void unzip(byte[] zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path root = dir.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = root.resolve(e.getName()).normalize();
                assertThat(target.startsWith(root)).as("zip entry " + e.getName()).isTrue();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }
}
