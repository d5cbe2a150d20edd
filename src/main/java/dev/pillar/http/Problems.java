package dev.pillar.http;

import dev.pillar.codec.world.WorldDocuments;
import io.javalin.http.Context;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 9457 problem details: {@code type}, {@code title}, {@code status}, {@code detail}, {@code field} when one field is
 * at fault, and {@code instance} (the request path) except in 401 and 403 problems, which name no resource.
 */
final class Problems {
    private Problems() {}

    static void send(Context ctx, int status, String title, String detail, String field) {
        drainBody(ctx, status);
        ObjectNode body = WorldDocuments.mapper().createObjectNode();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (field != null && !field.isEmpty()) {
            body.put("field", field);
        }
        if (status != 401 && status != 403) {
            body.put("instance", ctx.path()); // 401 and 403 name no resource
        }
        ctx.status(status).contentType("application/problem+json").result(body.toString());
    }

    /**
     * Reads what is left of a refused request's body (at most the server's request size limit) before answering, so
     * the connection stays usable: a 401 or 403 is decided from the headers alone, and a server that answers and closes
     * while the client is still sending the body makes many clients (Java's HttpClient among them) report a broken
     * pipe instead of the answer. A body over the limit (413) is not read.
     */
    private static void drainBody(Context ctx, int status) {
        if (status == 413 || ctx.req().getContentLengthLong() == 0) {
            return;
        }
        try {
            ctx.bodyAsBytes();
        } catch (Exception e) { // Jetty's early EOF arrives as an unchecked IOException
            // over the size limit or the client went away: the answer is still sent
        }
    }
}
