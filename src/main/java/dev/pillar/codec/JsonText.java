package dev.pillar.codec;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Appends JSON text to a {@link StringBuilder}: strings escaped as RFC 8259 requires, and whole trees in compact form.
 * It exists for the decision hot path (the server's batch endpoint renders up to 10,000 answers and requests per
 * call), where a Jackson generator per value costs more than the decision itself; see docs/benchmarks.md.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** Appends {@code s} as a JSON string, or {@code null}. */
    public static StringBuilder string(StringBuilder out, String s) {
        if (s == null) {
            return out.append("null");
        }
        out.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, start, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            }
            start = i + 1;
        }
        return (start == 0 ? out.append(s) : out.append(s, start, n)).append('"'); // nothing escaped: one array copy
    }

    /** Appends {@code "name":} after a comma unless {@code first}. */
    public static StringBuilder field(StringBuilder out, boolean first, String name) {
        if (!first) {
            out.append(',');
        }
        return string(out, name).append(':');
    }

    /** Appends a tree in compact form (the same JSON value as Jackson's {@code toString()}). */
    public static StringBuilder tree(StringBuilder out, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out.append("null");
        }
        if (node.isString()) {
            return string(out, node.asString());
        }
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                field(out, first, e.getKey());
                tree(out, e.getValue());
                first = false;
            }
            return out.append('}');
        }
        if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                tree(out, node.get(i));
            }
            return out.append(']');
        }
        return out.append(node.toString()); // numbers and booleans: Jackson's own text
    }
}
