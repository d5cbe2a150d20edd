package dev.pillar.server;

import io.javalin.http.Context;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 9457 problem details: {@code type}, {@code title}, {@code status}, {@code detail}, {@code field} when one field is
 * at fault, and {@code instance} (the request path) except in 401 and 403 problems, which name no resource.
 */
final class Problems {
    private Problems() {}

    static void send(Context ctx, int status, String title, String detail, String field) {
        ObjectNode body = WorldService.object();
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
}
