package dev.pillar.cli;

import dev.pillar.app.Services;
import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.audit.SignedNote;
import dev.pillar.codec.BadInputException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the {@code pillar audit} commands read the log: the store (embedded in a data directory, or PostgreSQL) with
 * the log's key from the data directory, or a running server by URL, as an outside party does. Nothing it answers is
 * trusted by the commands: they check signatures and proofs themselves.
 */
interface AuditSource extends AutoCloseable {
    /** The latest signed checkpoint. */
    SignedNote checkpoint();

    /** The checkpoint the log signed for a tree size, if it kept one (with any cosignatures when from a server). */
    Optional<SignedNote> checkpoint(long size);

    /** The verifier key the source says the log has (trust it only if nothing better is given). */
    String verifierKey();

    /** The entry at {@code index}; bad input naming {@code option} if the log has no such entry. */
    byte[] entry(long index, String option);

    /** The index of the entry recording a decision; bad input naming {@code --decision} if none does. */
    long decision(String id);

    List<byte[]> inclusion(long index, long size);

    List<byte[]> consistency(long from, long to);

    /** Hands a cosigned checkpoint to the log. */
    void submitCosignature(String note);

    @Override
    void close();

    /** The options that choose the source, shared by the commands. */
    final class Options {
        @picocli.CommandLine.Option(names = "--server", description = "a running Pillar server's URL, e.g. https://pillar.example; else the store (--data or --jdbc-url)")
        URI server;

        @picocli.CommandLine.Option(names = "--token-file", description = "with --server: a file holding a bearer token (else $PILLAR_TOKEN)")
        Path tokenFile;

        @picocli.CommandLine.Mixin
        StoreOptions store = new StoreOptions();

        AuditSource open(picocli.CommandLine.Model.CommandSpec spec) {
            if (server != null) {
                String token;
                try {
                    token = tokenFile != null ? Files.readString(tokenFile).strip() : System.getenv("PILLAR_TOKEN");
                } catch (IOException e) {
                    throw new BadInputException("", "--token-file", "cannot read " + tokenFile + ": " + e.getMessage());
                }
                if (token == null || token.isBlank()) {
                    throw new BadInputException("", "--token-file", "the server needs a bearer token: give --token-file FILE or set PILLAR_TOKEN "
                            + "(POST /api/v1/auth/token gives one)");
                }
                if (server.getScheme() == null || !server.getScheme().matches("https?")) {
                    throw new BadInputException("", "--server", "'" + server + "' is not an http(s) URL, e.g. http://localhost:8080");
                }
                return new Remote(server, token);
            }
            Path keyFile = store.data.resolve("audit-key");
            if (!Files.exists(keyFile)) {
                throw new BadInputException("", "--data", store.data + " holds no audit-key: give the server's data directory, or --server URL");
            }
            return new Local(Main.backend(spec).open(store.config(), false));
        }
    }

    /** The log in the store, with the signing key of the data directory (it signs the current tree, as the server does). */
    record Local(Services services) implements AuditSource {
        /** The log of the store. */
        AuditLog log() {
            return services.audit().log();
        }

        @Override
        public SignedNote checkpoint() {
            return log().checkpoint();
        }

        @Override
        public Optional<SignedNote> checkpoint(long size) {
            return services.audit().signedCheckpoint(size);
        }

        @Override
        public String verifierKey() {
            return log().verifierKey();
        }

        @Override
        public byte[] entry(long index, String option) {
            AuditLog log = log();
            if (index < 0 || index >= log.size()) {
                throw new BadInputException("", option, index + " is not an entry of the log: it has " + log.size() + " entries, 0 to " + (log.size() - 1));
            }
            return log.entry(index);
        }

        @Override
        public long decision(String id) {
            return services.audit().decisionEntry(id).orElseThrow(() -> new BadInputException("", "--decision",
                    "no entry of the log records decision '" + id + "': check the id (the answer's decisionId)"));
        }

        @Override
        public List<byte[]> inclusion(long index, long size) {
            return log().inclusionProof(index, size);
        }

        @Override
        public List<byte[]> consistency(long from, long to) {
            return log().consistencyProof(from, to);
        }

        @Override
        public void submitCosignature(String note) {
            throw new BadInputException("", "--server", "a cosignature goes to a running server (--server URL) or to a file (--out FILE)");
        }

        @Override
        public void close() {
            services.close();
        }
    }

    /** A running server, through its API. */
    final class Remote implements AuditSource {
        private static final JsonMapper JSON = JsonMapper.builder().build();
        private final URI base;
        private final String token;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        Remote(URI base, String token) {
            String b = base.toString();
            this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
            this.token = token;
        }

        private record Answer(int status, String body) {}

        private Answer send(HttpRequest.Builder req) {
            try {
                HttpResponse<String> r = http.send(req.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() == 401 || r.statusCode() == 403) {
                    throw new BadInputException("", "--token-file", "the server refused the token (" + r.statusCode() + "): " + detail(r.body()));
                }
                return new Answer(r.statusCode(), r.body());
            } catch (IOException e) {
                throw new BadInputException("", "--server", "cannot reach " + base + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private Answer get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        private static String detail(String body) {
            try {
                JsonNode n = JSON.readTree(body);
                return n.has("detail") ? n.get("detail").asString() : body;
            } catch (RuntimeException e) {
                return body.length() > 200 ? body.substring(0, 200) : body;
            }
        }

        private Answer ok(Answer a, String option) {
            if (a.status() == 400 || a.status() == 404) {
                throw new BadInputException("", option, detail(a.body()));
            }
            if (a.status() != 200) {
                throw new IllegalStateException("the server answered " + a.status() + ": " + detail(a.body()));
            }
            return a;
        }

        private static List<byte[]> hashes(JsonNode a) {
            List<byte[]> out = new ArrayList<>();
            a.forEach(h -> out.add(Base64.getDecoder().decode(h.asString())));
            return out;
        }

        @Override
        public SignedNote checkpoint() {
            return SignedNote.parse(ok(get("/api/v1/audit/checkpoint"), "--server").body());
        }

        @Override
        public Optional<SignedNote> checkpoint(long size) {
            Answer a = get("/api/v1/audit/checkpoints/" + size);
            return a.status() == 404 ? Optional.empty() : Optional.of(SignedNote.parse(ok(a, "--server").body()));
        }

        @Override
        public String verifierKey() {
            return ok(get("/api/v1/audit/key"), "--server").body().strip();
        }

        @Override
        public byte[] entry(long index, String option) {
            JsonNode e = JSON.readTree(ok(get("/api/v1/audit/entries/" + index), option).body());
            return e.get("entry").asString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public long decision(String id) {
            String path = "/api/v1/audit/decisions/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            return JSON.readTree(ok(get(path), "--decision").body()).get("index").asLong();
        }

        @Override
        public List<byte[]> inclusion(long index, long size) {
            return hashes(JSON.readTree(ok(get("/api/v1/audit/proof/inclusion?index=" + index + "&size=" + size), "--entry").body()).get("proof"));
        }

        @Override
        public List<byte[]> consistency(long from, long to) {
            return hashes(JSON.readTree(ok(get("/api/v1/audit/proof/consistency?from=" + from + "&to=" + to), "--from").body()).get("proof"));
        }

        /** The root of a tree size as the server states it (unsigned unless a checkpoint of that size is kept). */
        byte[] root(long size) {
            JsonNode n = JSON.readTree(ok(get("/api/v1/audit/proof/consistency?from=" + size + "&to=" + size), "--from").body());
            return Base64.getDecoder().decode(n.get("toRoot").asString());
        }

        @Override
        public void submitCosignature(String note) {
            Answer a = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audit/cosignatures")).header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(note, StandardCharsets.UTF_8)));
            if (a.status() != 200) {
                throw new IllegalStateException("the server did not keep the cosignature (" + a.status() + "): " + detail(a.body()));
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
