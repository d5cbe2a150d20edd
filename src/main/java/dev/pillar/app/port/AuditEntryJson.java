package dev.pillar.app.port;

import dev.pillar.codec.JsonText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** A value of a kind no entry holds (a fraction, an object, an array of other than strings). */
    private static final Object OTHER = new Object();

    /**
     * The keys and values of an entry's JSON object: strings, whole numbers (Long), booleans, null, and arrays of
     * strings. Read with a streaming parser (no tree): a look-up reads every entry back to the one it seeks.
     */
    static Map<String, Object> read(byte[] bytes) {
        Map<String, Object> out = new HashMap<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an audit entry is not a JSON object");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String key = p.currentName();
                out.put(key, value(p, p.nextToken()));
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("an audit entry has text after its JSON object");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("an audit entry is not JSON: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    private static Object value(JsonParser p, JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT -> p.isExpectedNumberIntToken() ? p.getLongValue() : OTHER;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_ARRAY -> {
                List<String> items = new ArrayList<>();
                boolean strings = true;
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    if (i == JsonToken.VALUE_STRING) {
                        items.add(p.getString());
                    } else {
                        strings = false;
                        p.skipChildren();
                    }
                }
                yield strings ? items : OTHER;
            }
            default -> {
                p.skipChildren();
                yield OTHER;
            }
        };
    }

    static String text(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException("an audit entry's " + key + " is not a string");
        }
        return (String) v;
    }

    static String required(Map<String, Object> o, String key) {
        String s = text(o, key);
        if (s == null) {
            throw new IllegalArgumentException("an audit entry lacks its " + key);
        }
        return s;
    }

    static Instant time(Map<String, Object> o) {
        return Instant.parse(required(o, "time"));
    }

    static long number(Map<String, Object> o, String key) {
        if (!(o.get(key) instanceof Long n)) {
            throw new IllegalArgumentException("an audit entry's " + key + " is not a whole number");
        }
        return n;
    }

    static boolean bool(Map<String, Object> o, String key) {
        if (!(o.get(key) instanceof Boolean b)) {
            throw new IllegalArgumentException("an audit entry's " + key + " is not true or false");
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Map<String, Object> o, String key) {
        if (!(o.get(key) instanceof List<?> l)) {
            throw new IllegalArgumentException("an audit entry's " + key + " is not an array of strings");
        }
        return (List<String>) l;
    }
}
