package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request refused from its headers alone (403, 401) whose body is still on its way: the client gets the refusal
 * and can go on using the connection, instead of a connection closed under it while it sends (which Java's HttpClient
 * reports as a broken pipe, without the answer).
 */
class RefusedBodyTest {
    @TempDir
    static Path dir;
    static ApiServer app;

    @BeforeAll
    static void start() {
        app = new ApiServer(dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aRefusalWaitsForTheBodyAndKeepsTheConnection() throws Exception {
        String body = "{\"id\":\"x\",\"title\":\"Korea joins QUANTUM-1\",\"asOf\":\"2025-01-01\",\"changes\":"
                + "[{\"type\":\"admit\",\"country\":\"KOR\",\"projects\":[\"QUANTUM-1\"],\"from\":\"2025-01-01\"}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int port = Integer.parseInt(app.base.substring(app.base.lastIndexOf(':') + 1));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            // an engineer may not run impact analyses: 403 from the headers; the body follows a moment later
            out.write(("POST /api/v1/impact HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + app.token("engineer")
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            out.write(bytes);
            out.flush();
            String first = readResponse(in);
            assertThat(first).startsWith("HTTP/1.1 403").doesNotContainIgnoringCase("connection: close");
            // the same connection answers the next request
            out.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
        }
    }

    /** One HTTP/1.1 response with a Content-Length or chunked body, as text. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            head.write(c);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        if (c == -1) {
            return headers; // the server closed the connection
        }
        String lower = headers.toLowerCase();
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int len = Integer.parseInt(lower.substring(at + 15, lower.indexOf('\r', at)).strip());
            return headers + new String(in.readNBytes(len), StandardCharsets.UTF_8);
        }
        if (lower.contains("transfer-encoding: chunked")) {
            StringBuilder b = new StringBuilder(headers);
            while (true) {
                StringBuilder size = new StringBuilder();
                while ((c = in.read()) != '\n') {
                    if (c == -1) {
                        return b.toString();
                    }
                    size.append((char) c);
                }
                int len = Integer.parseInt(size.toString().strip(), 16);
                byte[] chunk = in.readNBytes(len + 2);
                if (len == 0) {
                    return b.toString();
                }
                b.append(new String(chunk, 0, len, StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
