package dev.pillar.server;

import io.javalin.http.Context;
import tools.jackson.databind.node.ObjectNode;

/** RFC 9457 problem details: {@code type}, {@code title}, {@code status}, {@code detail}, and {@code field} when one field is at fault. */
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
        body.put("instance", ctx.path());
        ctx.status(status).contentType("application/problem+json").result(body.toString());
    }
}
