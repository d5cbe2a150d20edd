package dev.pillar.app.port;

import dev.pillar.codec.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an audit entry's canonical JSON (the caller gives the keys in sorted order; no white space), and reads the
 * values of a parsed one.
 */
final class AuditEntryJson {
    private final StringBuilder b;
    private boolean first = true;

    AuditEntryJson(int capacity) {
        b = new StringBuilder(capacity).append('{');
    }

    private StringBuilder key(String name) {
        JsonText.field(b, first, name);
        first = false;
        return b;
    }

    AuditEntryJson string(String name, String value) {
        JsonText.string(key(name), value);
        return this;
    }

    AuditEntryJson number(String name, long value) {
        key(name).append(value);
        return this;
    }

    AuditEntryJson bool(String name, boolean value) {
        key(name).append(value);
        return this;
    }

    AuditEntryJson strings(String name, List<String> values) {
        key(name).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            JsonText.string(b, values.get(i));
        }
        b.append(']');
        return this;
    }

    byte[] bytes() {
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- reading ----

    static final ObjectMapper JSON = JsonMapper.builder().build();

    static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException("an audit entry's " + key + " is not a string");
        }
        return v.asString();
    }

    static String required(JsonNode o, String key) {
        String s = text(o, key);
        if (s == null) {
            throw new IllegalArgumentException("an audit entry lacks its " + key);
        }
        return s;
    }

    static Instant time(JsonNode o) {
        return Instant.parse(required(o, "time"));
    }

    static long number(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("an audit entry's " + key + " is not a whole number");
        }
        return v.longValue();
    }

    static boolean bool(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("an audit entry's " + key + " is not true or false");
        }
        return v.booleanValue();
    }

    static List<String> strings(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("an audit entry's " + key + " is not an array");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode s : v) {
            if (!s.isString()) {
                throw new IllegalArgumentException("an audit entry's " + key + " holds a value that is not a string");
            }
            out.add(s.asString());
        }
        return out;
    }
}
