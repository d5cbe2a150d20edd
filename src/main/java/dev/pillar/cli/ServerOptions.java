package dev.pillar.cli;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.world.WorldDocuments;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A running server to act on instead of a store (governance commands): its base URL and a bearer token (a delegate's or
 * the secretariat's, from {@code POST /api/v1/auth/token}). A refusal by the server is bad input naming the server's
 * field and detail (exit 2).
 */
final class ServerOptions {
    @Option(names = "--server", description = "act on a running server instead of the store, e.g. http://localhost:8080")
    String server;

    @Option(names = "--token", defaultValue = "${env:PILLAR_TOKEN}", description = "bearer token for --server (default: $PILLAR_TOKEN)")
    String token;

    boolean given() {
        return server != null && !server.isBlank();
    }

    JsonNode get(CommandSpec spec, String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode post(CommandSpec spec, String path, JsonNode body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private URI uri(String path) {
        try {
            URI base = URI.create(server.strip().replaceAll("/+$", ""));
            if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("", "--server", "'" + server + "' is not a server URL: use e.g. http://localhost:8080");
        }
    }

    private JsonNode send(HttpRequest.Builder b) {
        if (token == null || token.isBlank()) {
            throw new BadInputException("", "--token", "is required with --server: a bearer token (POST /api/v1/auth/token), or set PILLAR_TOKEN");
        }
        HttpResponse<String> r;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            r = client.send(b.header("Authorization", "Bearer " + token.strip()).header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BadInputException("", "--server", "cannot reach " + server + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("", "--server", "interrupted");
        }
        JsonNode body;
        try {
            body = WorldDocuments.mapper().readTree(r.body().isEmpty() ? "{}" : r.body());
        } catch (JacksonException e) {
            throw new BadInputException("", "--server", "answered " + r.statusCode() + " with a body that is not JSON");
        }
        if (r.statusCode() >= 300) {
            String field = body.path("field").asString("");
            throw new BadInputException("", field, "the server refused (" + r.statusCode() + " " + body.path("title").asString("") + "): "
                    + body.path("detail").asString(r.body()));
        }
        return body;
    }
}
