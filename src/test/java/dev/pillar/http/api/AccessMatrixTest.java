package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pillar.auth.LocalIssuer;
import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.core.governance.Choice;
import dev.pillar.core.governance.Vote;
import dev.pillar.core.model.Country;
import dev.pillar.crypto.Ed25519Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The access matrix of docs/access.md, cell by cell, against a running server: each row names an endpoint, each
 * column a role (or no token), each cell what must happen. Then what an engineer sees, and what 401 and 403 bodies say.
 */
class AccessMatrixTest {
    static final Path DOC = Path.of("docs/access.md");
    static final List<String> ROLES = List.of("admin", "secretariat", "compliance-officer", "delegate", "engineer");
    static final String NO_TOKEN = "no token";
    static final String FORBIDDEN = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"your role does not allow this\"}";
    static final String UNAUTHORIZED = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"sign in: send Authorization: Bearer <token>\"}";
    /** The projects of GB-BRITANNIA-SONAR, the engineer's organisation. */
    static final Set<String> ENGINEER_PROJECTS = Set.of("UNDERSEA-1", "UNDERSEA-2", "MAS-1");

    @TempDir
    static Path data;
    static ApiServer app;
    static String admin;
    static String decisionId;
    /** GBR's signing key (made here, registered in the partnership) and an open proposal (for JPN) to read and vote on. */
    static Ed25519Keys.SigningKey gbrKey;
    static String proposalId;
    /** The proposal made for the delegate's cell of the vote row, by tag. */
    static final Map<String, JsonNode> votable = new java.util.concurrent.ConcurrentHashMap<>();
    static final Map<String, String> cosigned = new java.util.concurrent.ConcurrentHashMap<>();
    static final Map<String, String> revocable = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
        admin = app.token("admin");
        gbrKey = Ed25519Keys.generate();
        java.util.Map<dev.pillar.core.model.Country, Ed25519Keys.SigningKey> keys = dev.pillar.app.KeyCeremony.enrolFresh(app.server.governance());
        memberKeys = keys;
        gbrKey = keys.get(dev.pillar.core.model.Country.of("GBR"));
        app.createUser("matrix-put", "delegate", "GBR", null);
        nominationId = app.server.governance().nominate(dev.pillar.codec.world.WorldDocuments.mapper().readTree(nomination("US-PINE-LABS", "MAS-1")),
                "sec").nomination().id();
        ApiServer.Response p = app.post("/api/v1/governance/proposals", app.token("secretariat"), proposal("JPN"));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        proposalId = p.json().get("id").asString();
        ApiServer.Response det = app.post("/api/v1/determinations", app.token("compliance-officer"), determination("D-MATRIX"));
        assertThat(det.status()).as(det.body()).isEqualTo(201);
        // an unclassified ITAR item of UNDERSEA-1 (the engineer's project): to the GBR/CHN dual national it is held for review
        ApiServer.Response it = app.post("/api/v1/items", app.token("secretariat"), "{\"id\":\"MATRIX-XID\",\"originator\":\"USA\","
                + "\"classification\":\"USA:UNCLASSIFIED\",\"control\":\"ITAR:XI(d)\",\"project\":\"UNDERSEA-1\"}");
        assertThat(it.status()).as(it.body()).isEqualTo(201);
        ApiServer.Response held = app.post("/api/v1/decisions", app.token("engineer"), ApiServer.json("asOf", "2024-10-01", "item", "MATRIX-XID", "recipient", "p-gbr-chn-dual"));
        assertThat(held.header("Pillar-Case")).as(held.body()).isNotNull();
        engineerCase = held.header("Pillar-Case");
        ApiServer.Response other = app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2024-10-01", "item", "MATRIX-XID", "recipient", "p-kor-in-usa"));
        assertThat(other.header("Pillar-Case")).as(other.body()).isNotNull();
        adminCase = other.header("Pillar-Case");
        ApiServer.Response d = app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer"));
        assertThat(d.status()).isEqualTo(201);
        decisionId = d.json().get("decisionId").asString();
    }

    @AfterAll
    static void stop() {
        app.closeCheckingContract();
    }

    // ---- the table --------------------------------------------------------------------------------------------------

    /** One row of the matrix: the endpoint and the cell of each column ({@code no token} and the roles). */
    record Row(String endpoint, Map<String, String> cells) {}

    static List<Row> rows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(DOC);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DOC.toAbsolutePath(), e);
        }
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("| endpoint |")) {
                header = cells(line);
                assertThat(header).as("columns of the matrix in " + DOC).containsExactly(
                        Stream.concat(Stream.of("endpoint", NO_TOKEN), ROLES.stream()).toArray(String[]::new));
            } else if (header != null && line.startsWith("| `")) {
                List<String> c = cells(line);
                assertThat(c).as(line).hasSize(header.size());
                Map<String, String> byColumn = new LinkedHashMap<>();
                for (int i = 1; i < c.size(); i++) {
                    assertThat(c.get(i)).as(line).isIn("yes", "no", "401", "own projects", "own cases");
                    byColumn.put(header.get(i), c.get(i));
                }
                rows.add(new Row(c.getFirst().replace("`", ""), byColumn));
            } else if (header != null && !line.startsWith("|")) {
                header = line.isBlank() && rows.isEmpty() ? header : null;
            }
        }
        assertThat(rows).as("rows of the matrix in " + DOC).isNotEmpty();
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - 1);
        return Stream.of(inner.split("\\|")).map(String::strip).toList();
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (Row r : rows()) {
            r.cells().forEach((who, expected) -> out.add(Arguments.of(r.endpoint(), who, expected)));
        }
        return out.stream();
    }

    @Test
    void theMatrixHasARowForEveryApiRouteAndATestForEveryRow() {
        Set<String> endpoints = new TreeSet<>();
        rows().forEach(r -> assertThat(endpoints.add(r.endpoint())).as("one row per endpoint: " + r.endpoint()).isTrue());
        assertThat(endpoints).as("rows of %s = API routes of the server", DOC).isEqualTo(OpenApiTest.apiRoutes(app.server.routes()));
        assertThat(new TreeSet<>(actions().keySet())).as("an action in this test for every row").isEqualTo(endpoints);
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("cells")
    void cell(String endpoint, String who, String expected) {
        Action action = actions().get(endpoint);
        assertThat(action).as("no action for " + endpoint).isNotNull();
        String tag = who.equals(NO_TOKEN) ? "anon" : who.replace("compliance-officer", "co");
        String token = who.equals(NO_TOKEN) ? null : app.token(who);
        action.prepare().accept(tag);
        String probe = action.probe() == null ? null : action.probe().apply(tag);
        String before = probe == null ? null : snapshot(probe);
        ApiServer.Response r = action.run().apply(tag, token);
        switch (expected) {
            case "yes", "own projects", "own cases" -> assertThat(r.status()).as("%s as %s: %s", endpoint, who, r.body()).isEqualTo(action.success());
            case "no" -> {
                assertThat(r.status()).as("%s as %s: %s", endpoint, who, r.body()).isEqualTo(403);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json()).as("a 403 names no resource").isEqualTo(ApiServer.JSON.readTree(FORBIDDEN));
            }
            case "401" -> {
                assertThat(r.status()).as("%s without a token: %s", endpoint, r.body()).isEqualTo(401);
                assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"pillar\"");
                assertThat(r.json()).isEqualTo(ApiServer.JSON.readTree(UNAUTHORIZED));
            }
            default -> throw new AssertionError("unknown cell " + expected);
        }
        if (!expected.equals("yes") && !expected.equals("own projects") && !expected.equals("own cases") && probe != null) {
            assertThat(snapshot(probe)).as("a refused %s changes nothing", endpoint).isEqualTo(before);
        }
    }

    /** What the admin reads at {@code path}: status, ETag and body. */
    static String snapshot(String path) {
        ApiServer.Response r = app.get(path, admin);
        return r.status() + " " + r.header("ETag") + " " + r.body();
    }

    // ---- one action per row ---------------------------------------------------------------------------------------

    /**
     * What a row's endpoint does for the user tagged {@code tag}: {@code prepare} sets up what it needs (as a role that
     * may), {@code probe} names a path whose state must not change when the request is refused, {@code run} sends it.
     */
    record Action(int success, Consumer<String> prepare, Function<String, String> probe, BiFunction<String, String, ApiServer.Response> run) {}

    private static final Consumer<String> NOTHING = t -> {};

    static ApiServer.Response importSample(String token) {
        return app.send(app.request("/api/v1/screening/lists?source=us-csl&published=2026-11-01", token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(dev.pillar.codec.screening.ListReadersTest.fixture("csl-sample.json"))));
    }

    static Action read(String path) {
        return new Action(200, NOTHING, null, (t, token) -> app.get(path, token));
    }

    static Map<String, Action> actions() {
        Map<String, Action> a = new LinkedHashMap<>();
        String decide = ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer");
        a.put("POST /api/v1/decisions", new Action(201, NOTHING, null, (t, token) -> app.post("/api/v1/decisions", token, decide)));
        a.put("POST /api/v1/decisions/batch", new Action(200, NOTHING, null,
                (t, token) -> app.post("/api/v1/decisions/batch", token, "{\"requests\":[" + decide + "]}")));
        a.put("GET /api/v1/decisions", read("/api/v1/decisions?limit=5"));
        a.put("GET /api/v1/decisions/{id}", new Action(200, NOTHING, null, (t, token) -> app.get("/api/v1/decisions/" + decisionId, token)));

        a.put("GET /api/v1/partnership", read("/api/v1/partnership"));
        a.put("PUT /api/v1/partnership", rewrite("/api/v1/partnership"));
        for (String sub : List.of("members", "candidates", "areas", "projects")) {
            a.put("GET /api/v1/partnership/" + sub, read("/api/v1/partnership/" + sub));
        }

        documents(a, "organisations", "GB-MOD-DE", "GB-THAMES-AUTONOMY", "admin",
                id -> "{\"id\":\"" + id + "\",\"name\":\"Matrix test organisation (fictional)\",\"country\":\"GBR\",\"kind\":\"industry\",\"fictional\":true}");
        documents(a, "people", "p-gbr-engineer", "p-gbr-thames", "admin",
                id -> "{\"id\":\"" + id + "\",\"citizenships\":[\"GBR\"],\"location\":\"GBR\",\"organisation\":\"GB-MOD-DE\",\"fictional\":true}");
        documents(a, "items", "A-UNDERSEA-001", "GB-AUV-007", "secretariat",
                id -> "{\"id\":\"" + id + "\",\"originator\":\"USA\",\"classification\":\"USA:UNCLASSIFIED\",\"control\":\"EAR:EAR99\",\"project\":\"UNDERSEA-1\"}");
        documents(a, "licences", "TA-2025-0001", "DSP85-2025-0042", "compliance-officer", id -> {
            ObjectNode l = (ObjectNode) app.get("/api/v1/licences/TA-2025-0001", admin).json();
            return l.put("number", id).toString();
        });

        a.put("GET /api/v1/licences/{id}/usage", read("/api/v1/licences/TA-2025-0001/usage"));
        a.put("GET /api/v1/licence-alerts", read("/api/v1/licence-alerts"));
        documents(a, "determinations", "D-MATRIX", "D-MATRIX", "compliance-officer", id -> determination(id));
        // the engineer asked for the release held in this case (so it is among their own), the admin for the one resolved
        a.put("GET /api/v1/cases", read("/api/v1/cases"));
        a.put("GET /api/v1/cases/{id}", read("/api/v1/cases/" + engineerCase));
        a.put("POST /api/v1/cases/{id}/resolution", new Action(200, NOTHING, t -> "/api/v1/cases/" + adminCase, (t, token) -> {
            String etag = app.get("/api/v1/cases/" + adminCase, admin).header("ETag");
            return app.send(app.request("/api/v1/cases/" + adminCase + "/resolution", token).header("Content-Type", "application/json")
                    .header("If-Match", etag).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"action\":\"reject\",\"reason\":\"matrix\"}")));
        }));

        // screening: an officer imports the sample list; a verdict names an entry of it that the check finds
        a.put("GET /api/v1/screening/lists", read("/api/v1/screening/lists"));
        a.put("POST /api/v1/screening/lists", new Action(201, NOTHING, t -> "/api/v1/screening/lists", (t, token) -> importSample(token)));
        a.put("GET /api/v1/screening/check", read("/api/v1/screening/check?name=Victor%20Antonov&asOf=2026-12-01"));
        a.put("POST /api/v1/screening/verdicts", new Action(201, t -> importSample(app.token("compliance-officer")), null, (t, token) -> {
            String entry = ApiServer.JSON.readTree(app.get("/api/v1/screening/check?name=Victor%20Antonov&asOf=2026-12-01", admin).body())
                    .get("hits").get(0).get("entryRef").asString();
            return app.post("/api/v1/screening/verdicts", token, "{\"party\":\"p-gbr-engineer\",\"entry\":\"" + entry
                    + "\",\"sameParty\":false,\"evidence\":\"MATRIX/" + t + "\"}");
        }));
        a.put("GET /api/v1/screening/cases", read("/api/v1/screening/cases"));

        // AuthZEN: the same release as a decision, asked as an evaluation, a batch and the three searches
        String subject = "{\"type\":\"person\",\"id\":\"p-gbr-engineer\"}";
        String resource = "{\"type\":\"item\",\"id\":\"A-UNDERSEA-001\"}";
        String evaluation = "{\"subject\":" + subject + ",\"action\":{\"name\":\"release\"},\"resource\":" + resource + ",\"context\":{\"asOf\":\"2024-10-01\"}}";
        a.put("POST /access/v1/evaluation", new Action(200, NOTHING, null, (t, token) -> app.post("/access/v1/evaluation", token, evaluation)));
        a.put("POST /access/v1/evaluations", new Action(200, NOTHING, null, (t, token) -> app.post("/access/v1/evaluations", token,
                "{\"action\":{\"name\":\"release\"},\"resource\":" + resource + ",\"evaluations\":[{\"subject\":" + subject + "}]}")));
        a.put("POST /access/v1/search/subject", new Action(200, NOTHING, null, (t, token) -> app.post("/access/v1/search/subject", token,
                "{\"subject\":{\"type\":\"person\"},\"action\":{\"name\":\"release\"},\"resource\":" + resource + ",\"page\":{\"limit\":3}}")));
        a.put("POST /access/v1/search/resource", new Action(200, NOTHING, null, (t, token) -> app.post("/access/v1/search/resource", token,
                "{\"subject\":" + subject + ",\"action\":{\"name\":\"release\"},\"resource\":{\"type\":\"item\"},\"page\":{\"limit\":3}}")));
        a.put("POST /access/v1/search/action", new Action(200, NOTHING, null, (t, token) -> app.post("/access/v1/search/action", token,
                "{\"subject\":" + subject + ",\"resource\":" + resource + "}")));

        String scenario = "{\"id\":\"matrix\",\"title\":\"Korea joins QUANTUM-1\",\"asOf\":\"2025-01-01\",\"changes\":"
                + "[{\"type\":\"admit\",\"country\":\"KOR\",\"projects\":[\"QUANTUM-1\"],\"from\":\"2025-01-01\"}]}";
        a.put("POST /api/v1/impact", new Action(200, NOTHING, null, (t, token) -> app.post("/api/v1/impact", token, scenario)));

        a.put("GET /api/v1/rules", read("/api/v1/rules"));
        a.put("GET /api/v1/rules/{version}", read("/api/v1/rules/1"));
        a.put("POST /api/v1/rules", new Action(201, NOTHING, t -> "/api/v1/rules",
                (t, token) -> app.post("/api/v1/rules?note=matrix", token, app.get("/api/v1/rules/1", admin).body())));

        a.put("GET /api/v1/audit/checkpoint", read("/api/v1/audit/checkpoint"));
        a.put("GET /api/v1/audit/key", read("/api/v1/audit/key"));
        a.put("GET /api/v1/audit/entries/{index}", read("/api/v1/audit/entries/0"));
        a.put("GET /api/v1/audit/proof/inclusion", read("/api/v1/audit/proof/inclusion?index=0"));
        a.put("GET /api/v1/audit/proof/consistency", read("/api/v1/audit/proof/consistency?from=1"));
        a.put("GET /api/v1/audit/decisions/{id}", read("/api/v1/audit/decisions/" + decisionId));
        a.put("GET /api/v1/audit/checkpoints", read("/api/v1/audit/checkpoints"));
        a.put("GET /api/v1/audit/checkpoints/{size}", new Action(200, NOTHING, null, (t, token) -> {
            long size = dev.pillar.app.audit.Checkpoint.parse(dev.pillar.app.audit.SignedNote.parse(app.get("/api/v1/audit/checkpoint", admin).body()).text()).size();
            return app.get("/api/v1/audit/checkpoints/" + size, token);
        }));
        a.put("GET /api/v1/audit/witnesses", read("/api/v1/audit/witnesses"));
        a.put("POST /api/v1/audit/witnesses", new Action(201, NOTHING, t -> "/api/v1/audit/witnesses", (t, token) -> app.post("/api/v1/audit/witnesses",
                token, witness(t.equals("delegate") ? "GBR" : "AUS", dev.pillar.app.audit.NoteKey.generate("matrix-" + t + "/witness").verifierText()))));
        a.put("POST /api/v1/audit/witnesses/revocations", new Action(200, t -> {
            // a witness key of AUS registered for this cell, which AUS's own signature revokes
            String key = dev.pillar.app.audit.NoteKey.generate("matrix-revoke-" + t + "/witness").verifierText();
            ApiServer.Response reg = app.post("/api/v1/audit/witnesses", app.token("secretariat"), witness(t.equals("delegate") ? "GBR" : "AUS", key));
            assertThat(reg.status()).as(reg.body()).isEqualTo(201);
            revocable.put(t, key);
        }, t -> "/api/v1/audit/witnesses", (t, token) -> {
            String member = t.equals("delegate") ? "GBR" : "AUS";
            String key = revocable.get(t);
            return app.post("/api/v1/audit/witnesses/revocations", token, ApiServer.json("member", member, "key", key, "jws", GovernanceCodec.sign(
                    new dev.pillar.core.governance.Statement.WitnessRevoke(Country.of(member), key), memberKeys.get(Country.of(member)))));
        }));
        a.put("POST /api/v1/audit/cosignatures", new Action(200, t -> {
            // a registered witness of AUS cosigns the latest checkpoint
            dev.pillar.app.audit.NoteKey w = dev.pillar.app.audit.NoteKey.generate("matrix-cosign-" + t + "/witness");
            ApiServer.Response reg = app.post("/api/v1/audit/witnesses", app.token("secretariat"), witness("AUS", w.verifierText()));
            assertThat(reg.status()).as(reg.body()).isEqualTo(201);
            dev.pillar.app.audit.SignedNote cp = dev.pillar.app.audit.SignedNote.parse(app.get("/api/v1/audit/checkpoint", admin).body());
            cosigned.put(t, cp.cosign(w).render());
        }, t -> "/api/v1/audit/checkpoints/" + dev.pillar.app.audit.Checkpoint.parse(dev.pillar.app.audit.SignedNote.parse(cosigned.get(t)).text()).size(),
                (t, token) -> app.send(app.request("/api/v1/audit/cosignatures", token).header("Content-Type", "text/plain; charset=utf-8")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(cosigned.get(t))))));
        a.put("GET /api/v1/labels/policies", read("/api/v1/labels/policies"));
        String label = ApiServer.json("label", LabelsApiTest.US_SECRET_REL_USA_GBR);
        a.put("POST /api/v1/labels/validate", new Action(200, NOTHING, null, (t, token) -> app.post("/api/v1/labels/validate", token, label)));
        a.put("POST /api/v1/labels/mark", new Action(200, NOTHING, null, (t, token) -> app.post("/api/v1/labels/mark", token, label)));
        a.put("POST /api/v1/labels/acdf", new Action(200, NOTHING, null, (t, token) -> app.post("/api/v1/labels/acdf", token,
                ApiServer.json("label", LabelsApiTest.US_SECRET_REL_USA_GBR, "clearance", LabelsApiTest.US_SECRET_CLEARANCE))));
        a.put("POST /api/v1/labels/translate", new Action(200, NOTHING, null, (t, token) -> app.post("/api/v1/labels/translate", token,
                ApiServer.json("label", LabelsApiTest.US_SECRET_REL_USA_GBR, "to", LabelsApiTest.GBR_OID))));
        a.put("POST /api/v1/labels/readers", new Action(200, NOTHING, null, (t, token) -> app.post("/api/v1/labels/readers", token, label)));
        a.put("GET /api/v1/governance/proposals", read("/api/v1/governance/proposals"));
        a.put("POST /api/v1/governance/proposals", new Action(201, NOTHING, t -> "/api/v1/governance/proposals",
                (t, token) -> app.post("/api/v1/governance/proposals", token, proposal(t.equals("secretariat") ? "CAN" : t.equals("delegate") ? "NZL" : "KOR"))));
        a.put("GET /api/v1/governance/proposals/{id}", read("/api/v1/governance/proposals/" + proposalId));
        a.put("POST /api/v1/governance/proposals/{id}/votes", new Action(201, t -> {
            if (t.equals("delegate")) {
                ApiServer.Response made = app.post("/api/v1/governance/proposals", app.token("secretariat"), proposal("KOR"));
                assertThat(made.status()).as(made.body()).isEqualTo(201);
                votable.put(t, made.json());
            }
        }, t -> "/api/v1/governance/proposals/" + proposalId, (t, token) -> {
            JsonNode target = votable.getOrDefault(t, app.get("/api/v1/governance/proposals/" + proposalId, admin).json());
            String jws = GovernanceCodec.sign(new Vote(target.get("id").asString(), target.get("digest").asString(), Country.of("GBR"), Choice.APPROVE,
                    null, Instant.now().truncatedTo(ChronoUnit.SECONDS)), gbrKey);
            return app.post("/api/v1/governance/proposals/" + target.get("id").asString() + "/votes", token, ApiServer.json("jws", jws));
        }));
        a.put("GET /api/v1/governance/proposals/{id}/bundle", read("/api/v1/governance/proposals/" + proposalId + "/bundle"));
        a.put("GET /api/v1/governance/nominations", read("/api/v1/governance/nominations"));
        a.put("POST /api/v1/governance/nominations", new Action(201, NOTHING, t -> "/api/v1/governance/nominations",
                (t, token) -> app.post("/api/v1/governance/nominations", token, nomination("US-PINE-LABS", "UNDERSEA-1"))));
        a.put("GET /api/v1/governance/nominations/{id}", read("/api/v1/governance/nominations/" + nominationId));
        a.put("GET /api/v1/governance/keys", read("/api/v1/governance/keys"));
        a.put("POST /api/v1/governance/keys", new Action(201, NOTHING, t -> "/api/v1/governance/keys", (t, token) -> {
            Ed25519Keys.SigningKey k = Ed25519Keys.generate();
            return app.post("/api/v1/governance/keys", token, ApiServer.json("x", k.x(), "proof",
                    GovernanceCodec.sign(new dev.pillar.core.governance.Statement.Possession(Country.of("GBR"), k.kid(), k.x()), k)));
        }));
        a.put("GET /api/v1/governance/keys/{id}", read("/api/v1/governance/keys/" + pending(Country.of("AUS"))));
        a.put("POST /api/v1/governance/keys/{id}/cosignatures", new Action(201, t -> enrolments.put("cosign-" + t, pending(Country.of("AUS"))),
                t -> "/api/v1/governance/keys", (t, token) -> {
            String id = enrolments.get("cosign-" + t);
            String digest = app.server.governance().governance().enrolment(id).digest();
            return app.post("/api/v1/governance/keys/" + id + "/cosignatures", token, ApiServer.json("kid", gbrKey.kid(), "jws",
                    GovernanceCodec.sign(new dev.pillar.core.governance.Statement.Cosign(id, digest, Country.of("GBR")), gbrKey)));
        }));
        a.put("POST /api/v1/governance/keys/{id}/confirmation", new Action(201, t -> enrolments.put("confirm-" + t, pending(Country.of("USA"))),
                t -> "/api/v1/governance/keys", (t, token) -> {
            String id = enrolments.get("confirm-" + t);
            return app.post("/api/v1/governance/keys/" + id + "/confirmation", token,
                    ApiServer.json("digest", app.server.governance().governance().enrolment(id).digest()));
        }));
        a.put("GET /api/v1/governance/acts", read("/api/v1/governance/acts"));
        a.put("GET /api/v1/governance/verify", read("/api/v1/governance/verify"));

        a.put("GET /api/v1/users", read("/api/v1/users"));
        a.put("GET /api/v1/users/{username}", read("/api/v1/users/sec"));
        a.put("POST /api/v1/users", new Action(201, NOTHING, t -> "/api/v1/users/t-user-" + t,
                (t, token) -> app.post("/api/v1/users", token, ApiServer.json("username", "t-user-" + t, "password", ApiServer.PASSWORD, "role", "secretariat"))));
        // a user of its own: changing a user stops that user's tokens, so not one whose token the matrix uses
        a.put("PUT /api/v1/users/{username}", new Action(200, NOTHING, t -> "/api/v1/users/matrix-put", (t, token) -> {
            ApiServer.Response current = app.get("/api/v1/users/matrix-put", admin);
            return app.put("/api/v1/users/matrix-put", token, current.header("ETag"), ApiServer.json("role", "delegate", "country", "GBR", "disabled", false));
        }));
        a.put("PATCH /api/v1/users/{username}", new Action(200, NOTHING, t -> "/api/v1/users/matrix-put", (t, token) -> {
            ApiServer.Response current = app.get("/api/v1/users/matrix-put", admin);
            return app.send(app.request("/api/v1/users/matrix-put", token).header("Content-Type", "application/json").header("If-Match", current.header("ETag"))
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"disabled\":false}")));
        }));
        a.put("POST /api/v1/users/{username}/password-reset", new Action(200, NOTHING, t -> "/api/v1/users/matrix-put",
                (t, token) -> app.post("/api/v1/users/matrix-put/password-reset", token, "")));
        // each role changes the password of a user of its own made for the cell (a change stops that user's tokens)
        a.put("POST /api/v1/account/password", new Action(204, NOTHING, null, (t, token) -> {
            if (token == null) {
                return app.post("/api/v1/account/password", null, ApiServer.json("current", ApiServer.PASSWORD, "new", "another long password"));
            }
            String role = t.equals("co") ? "compliance-officer" : t;
            String name = "pw-" + t + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            app.createUser(name, role, role.equals("delegate") ? "GBR" : null, role.equals("engineer") ? "GB-BRITANNIA-SONAR" : null);
            return app.post("/api/v1/account/password", app.signIn(name), ApiServer.json("current", ApiServer.PASSWORD, "new", "another long password"));
        }));
        a.put("POST /api/v1/auth/token", new Action(200, NOTHING, null,
                (t, token) -> app.post("/api/v1/auth/token", token, ApiServer.json("username", "sec", "password", ApiServer.PASSWORD))));
        for (String path : List.of("/api/v1/auth/jwks.json", "/api/v1/openapi.json", "/health", "/health/live", "/health/ready", "/metrics",
                "/.well-known/authzen-configuration")) {
            a.put("GET " + path, read(path));
        }
        return a;
    }

    /** A case held for a release the engineer asked for, and one the admin asked for (which a compliance officer rejects). */
    static String engineerCase;
    static String adminCase;

    /** A 126.18 screening of the GBR/CHN dual national at GB-BRITANNIA-SONAR. */
    static String determination(String id) {
        return "{\"id\":\"" + id + "\",\"rule\":\"itar.dual-national-review\",\"person\":\"p-gbr-chn-dual\",\"organisation\":\"GB-BRITANNIA-SONAR\","
                + "\"from\":\"2099-01-01\",\"checked\":[\"matrix test\"],\"evidence\":\"matrix\"}";
    }

    /** A proposal body for {@code candidate}: consensus, voting for two days, effective four days from now. */
    static String nominationId;
    static java.util.Map<Country, Ed25519Keys.SigningKey> memberKeys;

    /** A witness registration of {@code member}, signed with the member's enrolled key. */
    static String witness(String member, String key) {
        return ApiServer.json("member", member, "key", key, "jws", GovernanceCodec.sign(
                new dev.pillar.core.governance.Statement.WitnessKey(Country.of(member), key), memberKeys.get(Country.of(member))));
    }
    /** Pending enrolments made by a row's prepare step, by row and tag. */
    static final Map<String, String> enrolments = new java.util.concurrent.ConcurrentHashMap<>();

    static String nomination(String org, String project) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        return "{\"organisation\":\"" + org + "\",\"project\":\"" + project + "\",\"from\":\"" + today
                + "\",\"sources\":[{\"title\":\"matrix test (fictional)\",\"date\":\"" + today + "\"}]}";
    }

    /** A fresh pending enrolment of a new key of {@code member}, asked for through the application layer. */
    static String pending(Country member) {
        Ed25519Keys.SigningKey k = Ed25519Keys.generate();
        var body = dev.pillar.codec.world.WorldDocuments.mapper().createObjectNode().put("member", member.code()).put("x", k.x())
                .put("proof", GovernanceCodec.sign(new dev.pillar.core.governance.Statement.Possession(member, k.kid(), k.x()), k));
        return app.server.governance().requestKey(body, member, "delegate-" + member.code().toLowerCase()).request().id();
    }

    static String proposal(String candidate) {
        // KOR is only considered in the built-in world (consensus is its next step); the others may be withdrawn
        return "{\"candidate\":\"" + candidate + "\",\"action\":\"" + (candidate.equals("KOR") ? "consensus" : "withdraw") + "\",\"effective\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(4)
                + "\",\"deadline\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(2) + "\",\"sources\":[{\"title\":\"matrix test (fictional)\",\"date\":\""
                + LocalDate.now(ZoneOffset.UTC) + "\"}]}";
    }

    /** PUT of the document as the admin reads it, with its ETag (a no-op change that still makes a new version). */
    static Action rewrite(String path) {
        return new Action(200, NOTHING, t -> path, (t, token) -> {
            ApiServer.Response current = app.get(path, admin);
            return app.put(path, token, current.header("ETag"), current.body());
        });
    }

    /** The five rows of a document collection. Deletion targets are created first by {@code creator}. */
    static void documents(Map<String, Action> a, String collection, String readId, String rewriteId, String creator, Function<String, String> body) {
        String base = "/api/v1/" + collection;
        String prefix = "T-" + collection.substring(0, 3).toUpperCase(Locale.ROOT) + "-";
        a.put("GET " + base, read(base));
        a.put("GET " + base + "/{id}", read(base + "/" + readId));
        a.put("POST " + base, new Action(201, NOTHING, t -> base + "/" + prefix + "NEW-" + t,
                (t, token) -> app.post(base, token, body.apply(prefix + "NEW-" + t))));
        a.put("PUT " + base + "/{id}", rewrite(base + "/" + rewriteId));
        a.put("DELETE " + base + "/{id}", new Action(204, t -> {
            ApiServer.Response created = app.post(base, app.token(creator), body.apply(prefix + "DEL-" + t));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }, t -> base + "/" + prefix + "DEL-" + t, (t, token) -> app.delete(base + "/" + prefix + "DEL-" + t, token, "\"1\"")));
    }

    // ---- what an engineer sees -------------------------------------------------------------------------------------

    static List<JsonNode> allItems(String token, String query) {
        List<JsonNode> out = new ArrayList<>();
        app.get("/api/v1/items?limit=1000" + query, token).json().get("items").forEach(e -> out.add(e.get("document")));
        return out;
    }

    static boolean visibleToEngineer(JsonNode item) {
        return item.hasNonNull("project") && ENGINEER_PROJECTS.contains(item.get("project").asString());
    }

    @Test
    void anEngineerListsOnlyItemsOfTheirOrganisationsProjects() {
        List<JsonNode> all = allItems(admin, "");
        List<String> expected = all.stream().filter(AccessMatrixTest::visibleToEngineer).map(i -> i.get("id").asString()).toList();
        assertThat(expected).contains("A-UNDERSEA-001", "GB-AUV-007", "MAS-AI-010");
        assertThat(all).hasSizeGreaterThan(expected.size());
        String engineer = app.token("engineer");
        ApiServer.Response page = app.get("/api/v1/items?limit=1000", engineer);
        assertThat(page.json().get("total").asInt()).isEqualTo(expected.size());
        assertThat(allItems(engineer, "").stream().map(i -> i.get("id").asString()).toList()).containsExactlyElementsOf(expected);
        assertThat(app.get("/api/v1/items?project=SSN-1", engineer).json().get("total").asInt()).isZero();
        assertThat(app.get("/api/v1/items?project=SSN-1", admin).json().get("total").asInt()).isPositive();
        assertThat(allItems(engineer, "&area=undersea")).allSatisfy(i -> assertThat(i.get("project").asString()).isIn("UNDERSEA-1", "UNDERSEA-2"));
        // paging works within the engineer's view
        ApiServer.Response second = app.get("/api/v1/items?limit=2&offset=2", engineer);
        assertThat(second.json().get("items")).hasSize(2);
        assertThat(second.json().get("items").get(0).get("id").asString()).isEqualTo(expected.get(2));
    }

    @Test
    void anItemOutsideTheEngineersProjectsIsAsIfItDidNotExist() {
        String engineer = app.token("engineer");
        List<String> hidden = allItems(admin, "").stream().filter(i -> !visibleToEngineer(i)).map(i -> i.get("id").asString()).toList();
        assertThat(hidden).contains("SSN-REACTOR-009", "Q-PNT-005", "X-SONAR-TRAINING-006");
        JsonNode missing = withoutInstance(app.get("/api/v1/items/NO-SUCH-ITEM", engineer));
        for (String id : hidden) {
            ApiServer.Response r = app.get("/api/v1/items/" + id, engineer);
            assertThat(r.status()).as(id).isEqualTo(404);
            assertThat(withoutInstance(r)).as(id).isEqualTo(missing);
            assertThat(app.get("/api/v1/items/" + id, app.token("delegate")).status()).as(id).isEqualTo(200);
        }
        assertThat(app.get("/api/v1/items/A-UNDERSEA-001", engineer).status()).isEqualTo(200);
    }

    @Test
    void anEngineerCannotAskAboutItemsOutsideTheirProjects() {
        String engineer = app.token("engineer");
        JsonNode unknown = app.post("/api/v1/decisions", engineer,
                ApiServer.json("asOf", "2024-10-01", "item", "NO-SUCH-ITEM", "recipient", "p-gbr-engineer")).json();
        for (String id : List.of("SSN-REACTOR-009", "Q-PNT-005", "X-SONAR-TRAINING-006")) {
            ApiServer.Response r = app.post("/api/v1/decisions", engineer, ApiServer.json("asOf", "2024-10-01", "item", id, "recipient", "p-gbr-engineer"));
            assertThat(r.status()).as(id).isEqualTo(400);
            JsonNode p = r.json();
            assertThat(p.get("field").asString()).isEqualTo("item");
            assertThat(p.get("detail").asString()).as("the same words as for an item that does not exist")
                    .isEqualTo(unknown.get("detail").asString().replace("NO-SUCH-ITEM", id));
            assertThat(app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2024-10-01", "item", id, "recipient", "p-gbr-engineer")).status())
                    .isEqualTo(201);
        }
        ApiServer.Response batch = app.post("/api/v1/decisions/batch", engineer, "{\"requests\":["
                + ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer") + ","
                + ApiServer.json("asOf", "2024-10-01", "item", "SSN-REACTOR-009", "recipient", "p-gbr-engineer") + "]}");
        assertThat(batch.status()).isEqualTo(200);
        JsonNode results = batch.json().get("results");
        assertThat(results.get(0).get("outcome").asString()).isEqualTo("PERMIT");
        assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).get("field").asString()).isEqualTo("requests[1].item");
        // an item described inline reveals nothing stored: it is decided
        String inline = "{\"asOf\":\"2024-10-01\",\"recipient\":\"p-gbr-engineer\",\"item\":{\"originator\":\"USA\",\"classification\":\"USA:UNCLASSIFIED\","
                + "\"control\":\"EAR:EAR99\",\"project\":\"SSN-1\"}}";
        assertThat(app.post("/api/v1/decisions", engineer, inline).status()).isEqualTo(201);
    }

    @Test
    void anEngineerAsksOnlyAboutPeopleTheyMayShareDataWith() {
        // issue "trust no single role", finding 8: the facts of a decision about any person id told an engineer that
        // person's citizenships, location and employer, and unknown ids read differently from others
        String engineer = app.token("engineer");
        JsonNode unknown = app.post("/api/v1/decisions", engineer,
                ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "p-no-such-person")).json();
        // KR-HANBIT-DEFENCE and CA-NORTHERN-QUANTUM share no project with GB-BRITANNIA-SONAR today
        for (String id : List.of("p-kor-engineer", "p-can-researcher")) {
            ApiServer.Response r = app.post("/api/v1/decisions", engineer, ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", id));
            assertThat(r.status()).as(id).isEqualTo(400);
            assertThat(r.json().get("field").asString()).isEqualTo("recipient");
            assertThat(r.json().get("detail").asString()).as("the same words as for a person that does not exist")
                    .isEqualTo(unknown.get("detail").asString().replace("p-no-such-person", id));
            assertThat(r.body()).doesNotContain("citizenships");
            // and another's decision about that person is not shown to the engineer
            String others = app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", id))
                    .json().get("decisionId").asString();
            assertThat(app.get("/api/v1/decisions/" + others, engineer).status()).isEqualTo(404);
        }
        // colleagues, and people of an organisation in one of their projects (JP-KAIYO-ROBOTICS in MAS-1), are asked about
        assertThat(app.post("/api/v1/decisions", engineer, ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "p-gbr-chn-dual"))
                .status()).isEqualTo(201);
        assertThat(app.post("/api/v1/decisions", engineer, ApiServer.json("asOf", "2025-06-01", "item", "MAS-AI-010", "recipient", "p-jpn-engineer"))
                .status()).isEqualTo(201);
    }

    @Test
    void anEngineerReadsTheirOwnDecisionsAndThoseOfTheirProjectsOnly() {
        String engineer = app.token("engineer");
        String outside = app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2024-10-01", "item", "SSN-REACTOR-009", "recipient", "p-gbr-engineer"))
                .json().get("decisionId").asString();
        String inside = app.post("/api/v1/decisions", admin, ApiServer.json("asOf", "2024-10-01", "item", "MAS-AI-010", "recipient", "p-gbr-engineer"))
                .json().get("decisionId").asString();
        String inline = "{\"asOf\":\"2024-10-01\",\"recipient\":\"p-gbr-engineer\",\"item\":{\"originator\":\"USA\",\"classification\":\"USA:UNCLASSIFIED\","
                + "\"control\":\"EAR:EAR99\",\"project\":\"SSN-1\"}}";
        String own = app.post("/api/v1/decisions", engineer, inline).json().get("decisionId").asString();
        String othersInline = app.post("/api/v1/decisions", admin, inline).json().get("decisionId").asString();

        JsonNode missing = withoutInstance(app.get("/api/v1/decisions/01a20000-0000-7000-8000-000000000000", engineer));
        assertThat(missing.get("status").asInt()).isEqualTo(404);
        for (String id : List.of(outside, othersInline)) {
            ApiServer.Response r = app.get("/api/v1/decisions/" + id, engineer);
            assertThat(r.status()).isEqualTo(404);
            assertThat(withoutInstance(r)).isEqualTo(missing);
            assertThat(app.get("/api/v1/decisions/" + id, app.token("delegate")).status()).isEqualTo(200);
        }
        assertThat(app.get("/api/v1/decisions/" + inside, engineer).status()).isEqualTo(200);
        assertThat(app.get("/api/v1/decisions/" + own, engineer).status()).isEqualTo(200);
    }

    @Test
    void peopleAreRefusedToEngineersWhetherOrNotThePersonExists() {
        String engineer = app.token("engineer");
        ApiServer.Response existing = app.get("/api/v1/people/p-gbr-engineer", engineer);
        ApiServer.Response missing = app.get("/api/v1/people/no-such-person", engineer);
        assertThat(existing.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(existing.body()).isEqualTo(missing.body()).doesNotContain("p-gbr-engineer");
    }

    static JsonNode withoutInstance(ApiServer.Response r) {
        ObjectNode o = (ObjectNode) r.json();
        o.remove("instance");
        return o;
    }

    // ---- tokens -------------------------------------------------------------------------------------------------------

    static String mint(ECKey key, String issuer, String audience, Instant expires, Object roles) {
        try {
            Instant now = Instant.now();
            JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("sec")
                    .issueTime(Date.from(now.minusSeconds(7200))).expirationTime(Date.from(expires))
                    .claim(LocalIssuer.CREDENTIAL_CLAIM, app.server.store().user("sec").orElseThrow().version()); // as the server's own tokens do
            if (roles != null) {
                c.claim("roles", roles);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), c.build());
            jwt.sign(new ECDSASigner(key));
            return dev.pillar.auth.EcdsaLowS.lowS(jwt.serialize()); // as the embedded issuer signs (its only accepted form)
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badTokensGetTheSame401AndNothingElse() throws Exception {
        ECKey key = ECKey.parse(Files.readString(data.resolve("issuer-key.json")));
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate();
        Instant later = Instant.now().plusSeconds(3600);
        String good = mint(key, LocalIssuer.ISSUER, LocalIssuer.AUDIENCE, later, List.of("secretariat"));
        assertThat(app.get("/api/v1/items", good).status()).as("a well-made token works").isEqualTo(200);

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", mint(key, LocalIssuer.ISSUER, LocalIssuer.AUDIENCE, Instant.now().minusSeconds(3600), List.of("secretariat")));
        bad.put("wrong issuer", mint(key, "https://issuer.example", LocalIssuer.AUDIENCE, later, List.of("secretariat")));
        bad.put("wrong audience", mint(key, LocalIssuer.ISSUER, "someone-else", later, List.of("secretariat")));
        bad.put("signed by another key", mint(stranger, LocalIssuer.ISSUER, LocalIssuer.AUDIENCE, later, List.of("secretariat")));
        bad.put("no role", mint(key, LocalIssuer.ISSUER, LocalIssuer.AUDIENCE, later, null));
        bad.put("unknown role", mint(key, LocalIssuer.ISSUER, LocalIssuer.AUDIENCE, later, List.of("superuser")));
        bad.put("garbage", "not-a-jwt");
        bad.put("tampered", good.substring(0, good.length() - 4) + "AAAA");
        bad.put("unsigned", good.substring(0, good.lastIndexOf('.') + 1));

        List<ApiServer.Response> answers = new ArrayList<>();
        answers.add(app.get("/api/v1/items", null));
        answers.add(app.send(app.request("/api/v1/items", null).header("Authorization", "Basic c2VjOnBhc3N3b3Jk").GET()));
        answers.add(app.send(app.request("/api/v1/items", null).header("Authorization", "Bearer ").GET()));
        bad.forEach((why, token) -> answers.add(app.get("/api/v1/items", token)));
        answers.add(app.get("/api/v1/nothing-here", null));
        for (ApiServer.Response r : answers) {
            assertThat(r.status()).as(r.body()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"pillar\"");
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json()).isEqualTo(ApiServer.JSON.readTree(UNAUTHORIZED));
        }
    }

    @Test
    void aFailedSignInSaysNothingAboutWhy() {
        app.createUser("t-disabled", "secretariat", null, null);
        ApiServer.Response current = app.get("/api/v1/users/t-disabled", admin);
        assertThat(app.put("/api/v1/users/t-disabled", admin, current.header("ETag"), "{\"role\":\"secretariat\",\"disabled\":true}").status()).isEqualTo(200);
        List<ApiServer.Response> answers = List.of(
                app.post("/api/v1/auth/token", null, ApiServer.json("username", "sec", "password", "wrong password, long enough")),
                app.post("/api/v1/auth/token", null, ApiServer.json("username", "no-such-user", "password", ApiServer.PASSWORD)),
                app.post("/api/v1/auth/token", null, ApiServer.json("username", "t-disabled", "password", ApiServer.PASSWORD)));
        for (ApiServer.Response r : answers) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"pillar\"");
            assertThat(withoutInstance(r)).isEqualTo(withoutInstance(answers.getFirst()));
        }
    }

    @Test
    void aTokenStopsWorkingWhenItsUserIsDisabledOrChanged() {
        app.createUser("t-revoked", "compliance-officer", null, null);
        String token = app.signIn("t-revoked");
        String ask = ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer");
        // twice: the second answer comes from the server's cache of verified tokens
        assertThat(app.post("/api/v1/decisions", token, ask).status()).isEqualTo(201);
        assertThat(app.get("/api/v1/rules", token).status()).isEqualTo(200);

        ApiServer.Response current = app.get("/api/v1/users/t-revoked", admin);
        assertThat(app.put("/api/v1/users/t-revoked", admin, current.header("ETag"), "{\"role\":\"compliance-officer\",\"disabled\":true}")
                .status()).isEqualTo(200);
        ApiServer.Response refused = app.post("/api/v1/decisions", token, ask);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo(UNAUTHORIZED);
        assertThat(app.get("/api/v1/rules", token).status()).isEqualTo(401);

        // enabled again with a lesser role: the old token (which says compliance officer) stays refused
        current = app.get("/api/v1/users/t-revoked", admin);
        assertThat(app.put("/api/v1/users/t-revoked", admin, current.header("ETag"), "{\"role\":\"secretariat\",\"disabled\":false}")
                .status()).isEqualTo(200);
        assertThat(app.get("/api/v1/rules", token).status()).isEqualTo(401);
        // a new sign-in carries the new role
        String fresh = app.signIn("t-revoked");
        assertThat(app.get("/api/v1/rules", fresh).status()).isEqualTo(200);
        assertThat(app.post("/api/v1/rules", fresh, "{}").status()).isEqualTo(403);
    }

    @Test
    void theDelegateAndEngineerClaimsComeFromTheirUsers() throws Exception {
        String[] delegate = app.token("delegate").split("\\.");
        JsonNode claims = ApiServer.JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(delegate[1]), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(claims.get("pillar_country").asString()).isEqualTo("GBR");
        assertThat(claims.get("roles").get(0).asString()).isEqualTo("delegate");
        String[] engineer = app.token("engineer").split("\\.");
        claims = ApiServer.JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(engineer[1]), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(claims.get("pillar_organisation").asString()).isEqualTo("GB-BRITANNIA-SONAR");
        assertThat(claims.get("iss").asString()).isEqualTo(LocalIssuer.ISSUER);
    }
}
