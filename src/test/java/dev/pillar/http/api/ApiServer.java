package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.boot.Pillar;
import dev.pillar.http.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real server on a free port for API tests, with one signed-in user of every role. Users are created through the
 * users API by the admin (whose token is read from {@code DATA/admin-token}) and sign in through
 * {@code POST /api/v1/auth/token}, as a script would.
 */
final class ApiServer implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "correct horse battery staple";

    /** The role names of docs/access.md, each with the user that plays it. */
    static final Map<String, String> USERS = Map.of(
            "admin", "admin",
            "secretariat", "sec",
            "compliance-officer", "officer",
            "delegate", "delegate-gbr",
            "engineer", "eng-sonar");

    final Pillar server;
    final Path dataDir;
    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Bearer token by role name. */
    final Map<String, String> tokens = new LinkedHashMap<>();
    /** Every exchange, for {@link #contractViolations()}. */
    final List<Exchange> exchanges = java.util.Collections.synchronizedList(new ArrayList<>());

    ApiServer(Path dataDir) {
        this.dataDir = dataDir;
        this.server = Pillar.start(ServerConfig.defaults(0, dataDir), new PrintWriter(Writer.nullWriter()));
        this.base = "http://localhost:" + server.port();
        try {
            tokens.put("admin", Files.readString(dataDir.resolve("admin-token")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        createUser("sec", "secretariat", null, null);
        createUser("officer", "compliance-officer", null, null);
        createUser("delegate-gbr", "delegate", "GBR", null);
        createUser("eng-sonar", "engineer", null, "GB-BRITANNIA-SONAR");
        for (Map.Entry<String, String> e : USERS.entrySet()) {
            if (!e.getKey().equals("admin")) {
                tokens.put(e.getKey(), signIn(e.getValue()));
            }
        }
    }

    void createUser(String username, String role, String country, String organisation) {
        ObjectNode u = JSON.createObjectNode().put("username", username).put("password", PASSWORD).put("role", role);
        if (country != null) {
            u.put("country", country);
        }
        if (organisation != null) {
            u.put("organisation", organisation);
        }
        Response r = post("/api/v1/users", tokens.get("admin"), u.toString());
        assertThat(r.status()).as("create user %s: %s", username, r.body()).isEqualTo(201);
    }

    String signIn(String username) {
        Response r = post("/api/v1/auth/token", null,
                JSON.createObjectNode().put("username", username).put("password", PASSWORD).toString());
        assertThat(r.status()).as("sign in %s: %s", username, r.body()).isEqualTo(200);
        return r.json().get("access_token").asString();
    }

    String token(String role) {
        return tokens.get(role);
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    Response post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String token, String ifMatch, String json) {
        HttpRequest.Builder b = request(path, token).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    Response delete(String path, String token, String ifMatch) {
        HttpRequest.Builder b = request(path, token).DELETE();
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    Response send(HttpRequest.Builder b) {
        try {
            HttpRequest request = b.build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            exchanges.add(new Exchange(request.method(), request.uri().getRawPath(), r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(null), r.body()));
            return new Response(r.statusCode(), r, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What every exchange of this server so far did that its OpenAPI description does not say: an undocumented status,
     * content type, or a body that does not match the documented schema.
     */
    List<String> contractViolations() {
        List<String> out = new ArrayList<>();
        synchronized (exchanges) {
            for (Exchange e : exchanges) {
                out.addAll(OpenApiContract.violations(e.method(), e.path(), e.status(), e.contentType(), e.body()));
            }
        }
        return out;
    }

    /** Checks every exchange against the description, then stops the server. */
    void closeCheckingContract() {
        try {
            assertThat(contractViolations()).as("responses that differ from %s", OpenApiContract.RESOURCE).isEmpty();
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One request and its response, as sent and received. */
    record Exchange(String method, String path, int status, String contentType, String body) {}

    /** A response: status, headers and body. */
    record Response(int status, HttpResponse<String> raw, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static String json(Object... keysAndValues) {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            o.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return o.toString();
    }
}
