package dev.pillar.http.fault;

import dev.pillar.codec.world.WorldDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code pillar serve} as a separate JVM (the test JVM's {@code java} and class path, main class
 * {@code dev.pillar.boot.Main}) on a free loopback port, so that tests can kill it with SIGKILL or stop it with SIGTERM
 * and start it again on the same data directory. Its standard output and error go to a log file.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("Pillar is running at http://localhost:(\\d+)");
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http;
    private final String token;

    private ServerProcess(Process process, Path log, int port, String token) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Starts a server on {@code data}, waits until {@code /health} answers 200 and reads the admin token. */
    static ServerProcess start(Path data, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx768m",
                "-cp", System.getProperty("java.class.path"), "dev.pillar.boot.Main", "serve", "--port", "0", "--data", data.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        int port = -1;
        try {
            while (port < 0) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the server exited with " + p.exitValue() + " before it was ready:\n" + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the server did not start within " + START_TIMEOUT + ":\n" + Files.readString(log));
                }
                Matcher m = RUNNING.matcher(Files.readString(log));
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                } else {
                    Thread.sleep(50);
                }
            }
            ServerProcess s = new ServerProcess(p, log, port, Files.readString(data.resolve("admin-token")).strip());
            while (s.getStatus("/health") != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("/health did not answer 200 within " + START_TIMEOUT + ":\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
            return s;
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Runs {@code pillar ARGS} as its own JVM to the end; returns its exit code (its output goes to {@code log}). */
    static int cli(Path log, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.pillar.boot.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("pillar " + String.join(" ", args) + " did not end within " + START_TIMEOUT + ":\n" + Files.readString(log));
        }
        return p.exitValue();
    }

    Process process() {
        return process;
    }

    int port() {
        return port;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(token, path);
    }

    HttpResponse<String> get(String bearer, String path) throws IOException, InterruptedException {
        return http.send(request(bearer, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(token, path, json);
    }

    HttpResponse<String> post(String bearer, String path, String json) throws IOException, InterruptedException {
        return http.send(request(bearer, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String bearer, String path, String json, String ifMatch) throws IOException, InterruptedException {
        return http.send(request(bearer, path).header("Content-Type", "application/json").header("If-Match", ifMatch)
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An authenticated request builder (admin token) with a per-request timeout. */
    HttpRequest.Builder request(String path) {
        return request(token, path);
    }

    private HttpRequest.Builder request(String bearer, String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + bearer);
    }

    /**
     * Creates a user of the embedded issuer with {@code role} (as admin) unless it exists, signs in as that user and
     * returns their bearer token. Items need the secretariat or a compliance officer, rule data a compliance officer.
     */
    String user(String username, String role) throws IOException, InterruptedException {
        String password = "fault-test-" + username + "-pw";
        if (get("/api/v1/users/" + username).statusCode() == 404) {
            HttpResponse<String> created = post("/api/v1/users",
                    "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}");
            if (created.statusCode() != 201) {
                throw new AssertionError("creating user " + username + ": " + created.statusCode() + " " + created.body());
            }
        }
        HttpResponse<String> signedIn = post("/api/v1/auth/token", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (signedIn.statusCode() != 200) {
            throw new AssertionError("signing in as " + username + ": " + signedIn.statusCode() + " " + signedIn.body());
        }
        return field(signedIn.body(), TOKEN_FIELD);
    }

    HttpClient http() {
        return http;
    }

    private int getStatus(String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** SIGTERM; waits for the exit and returns its code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("the server did not exit within " + timeout + " of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    /** SIGKILL ({@code kill -9}); waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server survived SIGKILL for 30 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static JsonNode json(String text) {
        return WorldDocuments.mapper().readTree(text);
    }

    /** A top-level text field of a JSON object. */
    static String field(String json, String name) {
        JsonNode n = json(json).get(name);
        if (n == null || !n.isString()) {
            throw new AssertionError("no text field '" + name + "' in " + (json.length() > 500 ? json.substring(0, 500) + "…" : json));
        }
        return n.asString();
    }

    private static final String TOKEN_FIELD = "access_token";
    static final String DECISION_JSON = "{\"asOf\":\"2024-10-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\"}";
}
