package dev.pillar.codec;

import dev.pillar.core.model.InvalidValueException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A JSON or YAML node that knows its path, so that every error names the exact field, e.g.
 * {@code organisations[3].authorizedUser.from}. Failures throw {@link InvalidValueException} with that path.
 */
public final class Node {
    private final JsonNode node;
    /** The parent and the field name or list index under it; the path string is built only when asked for (errors). */
    private final Node parent;
    private final String name;
    private final int index;
    private String path;

    public Node(JsonNode node, String path) {
        this(node, null, null, -1);
        this.path = path;
    }

    private Node(JsonNode node, Node parent, String name, int index) {
        this.node = node;
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    /** The element {@code index} of the top-level list {@code list}, e.g. {@code items[12]}. */
    public static Node element(JsonNode node, String list, int index) {
        return new Node(node, null, list, index);
    }

    public String path() {
        String p = path;
        if (p == null) {
            String base = parent == null ? "" : parent.path();
            p = index >= 0 ? (parent == null ? name : base) + "[" + index + "]" : base.isEmpty() ? name : base + "." + name;
            path = p;
        }
        return p;
    }

    public JsonNode raw() { return node; }

    private String at(String name) {
        String p = path();
        return p.isEmpty() ? name : p + "." + name;
    }

    private Node child(JsonNode v, String name) {
        return new Node(v, this, name, -1);
    }

    public InvalidValueException error(String message) {
        return new InvalidValueException(path(), message);
    }

    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    public Node get(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidValueException(at(name), "is required");
        }
        return child(v, name);
    }

    public Node object(String name) {
        Node n = get(name);
        if (!n.node.isObject()) {
            throw new InvalidValueException(n.path(), "must be an object");
        }
        return n;
    }

    /** Rejects any field not in {@code allowed}, suggesting the allowed ones. */
    public Node fields(String... allowed) {
        if (!node.isObject()) {
            throw error("must be an object with fields " + String.join(", ", allowed));
        }
        for (String name : node.propertyNames()) {
            boolean ok = false;
            for (String a : allowed) {
                if (a.equals(name)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                throw new InvalidValueException(at(name), "unknown field: remove it or use one of " + new TreeSet<>(Set.of(allowed)));
            }
        }
        return this;
    }

    public String text(String name) {
        Node n = get(name);
        if (!n.node.isString()) {
            throw new InvalidValueException(n.path(), n.node.isNumber()
                    ? "must be a string, not a number: quote it (in YAML, 3E001 is read as a number; write \"3E001\")"
                    : "must be a string");
        }
        String s = n.node.asString();
        if (s.isBlank()) {
            throw new InvalidValueException(n.path(), "must not be blank");
        }
        return s.strip();
    }

    public String text(String name, String otherwise) {
        return has(name) ? text(name) : otherwise;
    }

    public boolean bool(String name, boolean otherwise) {
        if (!has(name)) {
            return otherwise;
        }
        Node n = get(name);
        if (!n.node.isBoolean()) {
            throw new InvalidValueException(n.path(), "must be true or false");
        }
        return n.node.booleanValue();
    }

    public long whole(String name, long otherwise) {
        return has(name) ? whole(name) : otherwise;
    }

    public long whole(String name) {
        Node n = get(name);
        if (!n.node.isIntegralNumber() || !n.node.canConvertToLong()) {
            throw new InvalidValueException(n.path(), "must be a whole number, e.g. 25000000");
        }
        return n.node.longValue();
    }

    public Long wholeOrNull(String name) {
        return has(name) ? whole(name) : null;
    }

    public LocalDate date(String name) {
        String s = text(name);
        if (!ISO_DATE.matcher(s).matches()) { // LocalDate.parse also takes +999999999-12-31 and other years of more than four digits
            throw new InvalidValueException(at(name), "'" + shown(s) + "' is not a date: use YYYY-MM-DD (a four-digit year), e.g. 2024-10-01");
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(at(name), "'" + s + "' is not a date: use YYYY-MM-DD, e.g. 2024-10-01");
        }
    }

    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** {@code s} as an error message shows it: at most 80 characters, so a huge input is not echoed back in full. */
    public static String shown(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "... (" + s.length() + " characters)";
    }

    public LocalDate dateOrNull(String name) {
        return has(name) ? date(name) : null;
    }

    public List<Node> list(String name) {
        if (!has(name)) {
            return List.of();
        }
        Node n = get(name);
        if (!n.node.isArray()) {
            throw new InvalidValueException(n.path(), "must be a list");
        }
        List<Node> out = new ArrayList<>(n.node.size());
        for (int i = 0; i < n.node.size(); i++) {
            out.add(new Node(n.node.get(i), n, null, i));
        }
        return out;
    }

    public List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        for (Node n : list(name)) {
            if (!n.node.isString() || n.node.asString().isBlank()) {
                throw new InvalidValueException(n.path(), "must be a non-blank string");
            }
            out.add(n.node.asString().strip());
        }
        return out;
    }

    /** Maps every element of list {@code name} with {@code f}, adding the element's path to any error. */
    public <T> List<T> each(String name, Function<Node, T> f) {
        List<T> out = new ArrayList<>();
        for (Node n : list(name)) {
            out.add(n.build(() -> f.apply(n)));
        }
        return out;
    }

    /** Maps {@code texts(name)} element by element, naming the element in errors. */
    public <T> List<T> eachText(String name, Function<String, T> f) {
        List<T> out = new ArrayList<>();
        List<Node> nodes = list(name);
        for (Node n : nodes) {
            if (!n.node.isString()) {
                throw new InvalidValueException(n.path(), "must be a string");
            }
            try {
                out.add(f.apply(n.node.asString().strip()));
            } catch (InvalidValueException e) {
                throw new InvalidValueException(n.path(), e.problem());
            }
        }
        return out;
    }

    /** Runs a constructor; a domain error's field is placed under this node's path. */
    public <T> T build(Supplier<T> f) {
        try {
            return f.get();
        } catch (InvalidValueException e) {
            String p = path();
            if (e.field().startsWith(p) && !p.isEmpty()) {
                throw e;
            }
            throw e.under(p);
        }
    }

    /** Parses the text field {@code name} with {@code f}, reporting errors at that field. */
    public <T> T parse(String name, Function<String, T> f) {
        String s = text(name);
        try {
            return f.apply(s);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(at(name), e.problem());
        }
    }

    public static String join(Collection<String> c) {
        return String.join(", ", c);
    }
}
