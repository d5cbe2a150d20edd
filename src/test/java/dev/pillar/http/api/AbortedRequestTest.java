package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that declares a body and goes away before sending it is not a server failure (issue "trust no single role",
 * finding 10): it is answered (to no one) as a 400, counted as such in the metrics, and logged in one line, where it
 * used to be a 500 with a full stack trace for each aborted connection.
 */
class AbortedRequestTest {
    @TempDir
    Path data;

    static long count(String metrics, String status) {
        // by status, over every route but /metrics (a request refused from its headers is counted before it is routed)
        Matcher m = Pattern.compile("pillar_http_requests_seconds_count\\{method=\"POST\",[^}]*status=\"" + status + "\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        long n = 0;
        while (m.find()) {
            n += (long) Double.parseDouble(m.group(1));
        }
        return n;
    }

    @Test
    void aBodyCutShortIsTheClientsFaultNotAnInternalError() throws Exception {
        aborted(true);
    }

    @Test
    void aRefusedRequestWhoseClientWentAwayIsStillJustARefusal() throws Exception {
        aborted(false);
    }

    /** 20 requests whose body is cut short, with a valid token (read by the handler) or none (refused from the headers). */
    void aborted(boolean signedIn) throws Exception {
        try (ApiServer app = new ApiServer(data)) {
            String token = app.token("compliance-officer");
            for (int i = 0; i < 20; i++) {
                try (Socket s = new Socket("localhost", app.server.port())) {
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /api/v1/decisions HTTP/1.1\r\nHost: localhost\r\n" + (signedIn ? "Authorization: Bearer " + token + "\r\n" : "")
                            + "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"item\":\"A-UNDER").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(20);
                }
            }
            // the server notices each close once its read fails; wait for the last to be counted
            String metrics = "";
            String expected = signedIn ? "400" : "401";
            for (int tries = 0; tries < 100 && count(metrics, expected) < 20; tries++) {
                Thread.sleep(100);
                metrics = app.get("/metrics", null).body();
            }
            assertThat(count(metrics, "500")).as("aborted bodies counted as internal errors").isZero();
            assertThat(count(metrics, expected)).isEqualTo(20);
            // and the server still answers
            assertThat(app.post("/api/v1/decisions", token, ApiServer.json("asOf", "2024-10-01", "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer"))
                    .status()).isEqualTo(201);
        }
    }
}
