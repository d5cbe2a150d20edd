package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Jetty answers itself, before a request reaches a route (issue "trust no single role", finding 12: Jetty's own 400
 * and 414 pages were HTML without the security headers): an RFC 9457 problem with the headers every answer carries.
 */
class JettyErrorsTest {
    @TempDir
    static Path data;
    static ApiServer app;

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Sends raw bytes and reads the whole answer (the server closes the connection after such an error). */
    static String raw(String request) throws Exception {
        try (Socket s = new Socket("localhost", app.server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static void problemWithSecurityHeaders(String answer, int status) {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).contains("content-type: application/problem+json", "x-content-type-options: nosniff", "x-frame-options: deny",
                "content-security-policy: default-src 'self'");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(body).doesNotContain("<html").contains("\"status\":" + status);
    }

    @Test
    void aRequestUriTooLongIsAProblemWithTheSecurityHeaders() throws Exception {
        problemWithSecurityHeaders(raw("GET /api/v1/items?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"), 414);
    }

    @Test
    void headersTooLargeAreAProblemWithTheSecurityHeaders() throws Exception {
        problemWithSecurityHeaders(raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"), 431);
    }

    @Test
    void anUnreadableRequestIsAProblemWithTheSecurityHeaders() throws Exception {
        problemWithSecurityHeaders(raw("GET /health HTTP/1.1\r\nHost: localhost\r\nBad Header Without Colon\r\n\r\n"), 400);
    }
}
