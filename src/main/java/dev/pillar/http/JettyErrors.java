package dev.pillar.http;

import dev.pillar.codec.world.WorldDocuments;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answers Jetty gives itself, before a request reaches Javalin (a request line or URI too long, headers too large,
 * a request it cannot parse): RFC 9457 problems with the same security headers as every other answer, instead of
 * Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {
    /** The headers every answer carries (set per request by the server, and here for Jetty's own answers). */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'");

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        headers(fields);
        return ByteBuffer.wrap(problem(status).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        headers(response.getHeaders());
        response.write(true, ByteBuffer.wrap(problem(code).getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static void headers(HttpFields.Mutable fields) {
        SECURITY_HEADERS.forEach(fields::put);
        fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    static String problem(int status) {
        ObjectNode body = WorldDocuments.mapper().createObjectNode();
        body.put("type", "about:blank");
        String title = HttpStatus.getMessage(status);
        body.put("title", title == null ? "Error" : title);
        body.put("status", status);
        body.put("detail", switch (status) {
            case 414 -> "the request URI is too long: send at most 8 kB of request line (filters belong in the query, bodies in a POST)";
            case 431 -> "the request headers are too large: send at most 8 kB of headers";
            case 400 -> "the request could not be read as HTTP/1.1";
            default -> "the server could not serve this request";
        });
        return body.toString();
    }
}
