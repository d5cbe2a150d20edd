package dev.pillar.http;

import dev.pillar.app.Refusal;
import dev.pillar.app.port.AuthException;
import dev.pillar.app.port.Principal;
import dev.pillar.codec.world.WorldDocuments;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** What every route handler needs of a request: the signed-in principal, the JSON body, {@code If-Match}, paging parameters. */
final class Requests {
    private Requests() {}


    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(Server.PRINCIPAL);
        if (p == null) {
            throw new AuthException("not signed in");
        }
        return p;
    }

    static void json(Context ctx, JsonNode node) {
        ctx.contentType("application/json").result(node.toString());
    }

    static JsonNode jsonBody(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Refusal(Refusal.Kind.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "send the body as application/json", "Content-Type");
        }
        return readJson(ctx.body());
    }

    /** The version named by {@code If-Match} (the ETag of a GET); 428 if absent. */
    static long ifMatch(Context ctx) {
        String h = ctx.header("If-Match");
        if (h == null || h.isBlank()) {
            throw Refusal.preconditionRequired();
        }
        String v = h.strip();
        if (v.startsWith("W/")) { // If-Match compares strongly (RFC 9110, 13.1.1): a weak tag never matches
            throw new Refusal(Refusal.Kind.STALE, "Precondition failed", "a weak ETag (" + v + ") never satisfies If-Match: send the ETag of a GET "
                    + "as it was given", "If-Match");
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw Refusal.invalid("If-Match", "'" + h + "' is not an ETag of this API (e.g. \"3\")");
        }
    }

    /** Refuses a query parameter other than {@code names} (400 naming it), so a misspelt filter never silently matches everything. */
    static void onlyParams(Context ctx, String... names) {
        List<String> allowed = List.of(names);
        for (String name : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(name)) {
                throw Refusal.invalid(name, "unknown query parameter: use " + String.join(", ", allowed));
            }
        }
    }

    static int intParam(Context ctx, String name, int otherwise, int min, int max) {
        String s = ctx.queryParam(name);
        if (s == null) {
            return otherwise;
        }
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw Refusal.invalid(name, "must be between " + min + " and " + max + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw Refusal.invalid(name, "must be a whole number, was '" + s + "'");
        }
    }

    static JsonNode readJson(String text) {
        try {
            return WorldDocuments.mapper().readTree(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw Refusal.invalid("", "the body is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /** A string field of a JSON body, or null when absent; 400 naming the field when it is not a string. */
    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw Refusal.invalid(field, "must be a string");
        }
        return n.asString();
    }
}
