package dev.pillar.codec.decision;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.JsonText;
import dev.pillar.codec.Node;
import dev.pillar.codec.world.Parsers;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.rules.Obligation;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON v1 request and response of a decision. A request names the item, the recipient and optionally the
 * transferor by id from the world or describes them inline; {@code asOf} defaults to the given day. Every error is a
 * {@link BadInputException} naming the field.
 */
public final class RequestCodec {
    /** The fields of a v1 request. */
    public static final String[] REQUEST_FIELDS = {"asOf", "item", "recipient", "transferor", "valueUsd"};

    private RequestCodec() {}

    /** Parses a v1 request from JSON text against {@code world}; {@code today} is used when {@code asOf} is absent. */
    public static DecisionRequest parse(String json, World world, LocalDate today) {
        return parse(readObject(json), world, today);
    }

    /** Reads JSON text that must hold one object (a request), with Pillar's parsing limits. */
    public static ObjectNode readObject(String json) {
        JsonNode tree;
        try {
            tree = WorldLoader.json().readTree(json);
        } catch (JacksonException e) {
            throw new BadInputException("", "", "the request is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new BadInputException("", "", "the request must be a JSON object with item and recipient");
        }
        return (ObjectNode) tree;
    }

    /** At most this many entries in any list of a request (citizenships, technologies, projects, ...). */
    public static final int MAX_LIST = 100;
    /** At most this many characters in any string of a request. */
    public static final int MAX_TEXT = 1_000;

    public static DecisionRequest parse(JsonNode tree, World world, LocalDate today) {
        try {
            bounded(tree, "");
            Node n = new Node(tree, "");
            n.fields(REQUEST_FIELDS);
            LocalDate asOf = n.has("asOf") ? n.date("asOf") : today;
            Item item = item(n.get("item"), world);
            Person recipient = recipient(n.get("recipient"), world);
            Organisation transferor = n.has("transferor") ? organisation(n.get("transferor"), world) : null;
            Long value = n.wholeOrNull("valueUsd");
            return n.build(() -> new DecisionRequest(item, recipient, transferor, asOf, value));
        } catch (InvalidValueException e) {
            throw new BadInputException("", e.field(), e.problem());
        }
    }

    /**
     * Every list of the request has at most {@link #MAX_LIST} entries and names no value twice, and every string has at
     * most {@link #MAX_TEXT} characters: a request describes one item and one person, not megabytes of tags.
     */
    static void bounded(JsonNode node, String path) {
        if (node.isString() && node.asString().length() > MAX_TEXT) {
            throw new InvalidValueException(path, "is " + node.asString().length() + " characters long: at most " + MAX_TEXT);
        }
        if (node.isArray()) {
            if (node.size() > MAX_LIST) {
                throw new InvalidValueException(path, "has " + node.size() + " entries: at most " + MAX_LIST);
            }
            java.util.Set<JsonNode> seen = new java.util.HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode e = node.get(i);
                if (e.isValueNode() && !seen.add(e)) {
                    throw new InvalidValueException(path + "[" + i + "]", "'" + Node.shown(e.asString()) + "' is named twice: name each once");
                }
                bounded(e, path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (String name : node.propertyNames()) {
                bounded(node.get(name), path.isEmpty() ? name : path + "." + name);
            }
        }
    }

    private static Item item(Node n, World world) {
        if (n.raw().isString()) {
            Item it = world.item(n.raw().asString());
            if (it == null) {
                throw n.error("unknown item '" + Node.shown(n.raw().asString()) + "': use an item id of world " + world.id() + " or describe the item inline");
            }
            return it;
        }
        Item it = n.build(() -> Parsers.item(n));
        n.build(() -> {
            world.checkItem(it, "");
            return it;
        });
        return it;
    }

    private static Person recipient(Node n, World world) {
        if (n.raw().isString()) {
            Person p = world.person(n.raw().asString());
            if (p == null) {
                throw n.error("unknown person '" + Node.shown(n.raw().asString()) + "': use a person id of world " + world.id() + " or describe the recipient inline");
            }
            return p;
        }
        Person p = n.build(() -> Parsers.person(n, o -> organisation(o, world)));
        if (p.clearance() != null) {
            n.build(() -> {
                world.requireLevel(p.clearance().level(), "clearance");
                return p;
            });
        }
        return p;
    }

    private static Organisation organisation(Node n, World world) {
        if (n.raw().isString()) {
            Organisation o = world.organisation(n.raw().asString());
            if (o == null) {
                throw n.error("unknown organisation '" + Node.shown(n.raw().asString()) + "': use an organisation id of world " + world.id() + " or describe it inline");
            }
            return o;
        }
        Organisation o = n.build(() -> Parsers.organisation(n));
        if (o.projects() != null) {
            for (int i = 0; i < o.projects().size(); i++) {
                int at = i;
                n.build(() -> world.requireProject(o.projects().get(at).project(), "projects[" + at + "]"));
            }
        }
        return o;
    }

    /** The v1 response of a decision, with the full explanation, as a tree (parsed from {@link #appendJson}). */
    public static ObjectNode toJson(Decision d) {
        return (ObjectNode) WorldLoader.json().readTree(appendJson(new StringBuilder(3072), d).toString());
    }

    /**
     * Appends the v1 response of a decision, with the full explanation, as compact JSON text. This is the one
     * definition of the response format; {@link #toJson} parses what it writes.
     */
    public static StringBuilder appendJson(StringBuilder out, Decision d) {
        return appendJson(out, d, false);
    }

    /**
     * As {@link #appendJson(StringBuilder, Decision)}; with {@code asOfDefaulted} the answer says that the request gave
     * no {@code asOf} and the decision is for the day it was asked ({@code "asOfDefaulted": true} after {@code asOf}).
     */
    public static StringBuilder appendJson(StringBuilder out, Decision d, boolean asOfDefaulted) {
        out.append('{');
        JsonText.field(out, true, "outcome");
        JsonText.string(out, d.outcome().name());
        JsonText.field(out, false, "basis");
        strings(out, d.basis());
        JsonText.field(out, false, "reasons").append('[');
        boolean firstReason = true;
        for (Reason r : d.reasons()) {
            out.append(firstReason ? "{" : ",{");
            firstReason = false;
            JsonText.field(out, true, "layer");
            JsonText.string(out, r.layer().id());
            JsonText.field(out, false, "outcome");
            JsonText.string(out, r.outcome().name());
            JsonText.field(out, false, "ruleId");
            JsonText.string(out, r.ruleId());
            JsonText.field(out, false, "citation");
            JsonText.string(out, r.citation());
            JsonText.field(out, false, "message");
            JsonText.string(out, r.message());
            JsonText.field(out, false, "facts").append('{');
            boolean firstFact = true;
            for (var f : r.facts().entrySet()) {
                JsonText.field(out, firstFact, f.getKey());
                JsonText.string(out, f.getValue());
                firstFact = false;
            }
            out.append('}');
            if (!r.toPermit().isEmpty()) {
                JsonText.field(out, false, "toPermit");
                strings(out, r.toPermit());
            }
            out.append('}');
        }
        out.append(']');
        JsonText.field(out, false, "obligations").append('[');
        boolean firstObligation = true;
        for (Obligation ob : d.obligations()) {
            out.append(firstObligation ? "{" : ",{");
            firstObligation = false;
            JsonText.field(out, true, "id");
            JsonText.string(out, ob.id());
            JsonText.field(out, false, "text");
            JsonText.string(out, ob.text());
            JsonText.field(out, false, "citation");
            JsonText.string(out, ob.citation());
            out.append('}');
        }
        out.append(']');
        JsonText.field(out, false, "toPermit");
        strings(out, d.toPermit());
        JsonText.field(out, false, "asOf");
        JsonText.string(out, d.asOf() == null ? null : d.asOf().toString());
        if (asOfDefaulted) {
            JsonText.field(out, false, "asOfDefaulted");
            out.append("true");
        }
        JsonText.field(out, false, "worldVersion");
        JsonText.string(out, d.worldVersion());
        JsonText.field(out, false, "decisionId");
        JsonText.string(out, d.decisionId());
        return out.append('}');
    }

    /**
     * Appends the outcome view of a decision (for batches that need only the answers): decision id, outcome, basis,
     * as-of date and world version; the explanation is not rendered.
     */
    public static StringBuilder appendOutcomeJson(StringBuilder out, Decision d) {
        return appendOutcomeJson(out, d, false);
    }

    /** As {@link #appendOutcomeJson(StringBuilder, Decision)}, saying when {@code asOf} was not given (see appendJson). */
    public static StringBuilder appendOutcomeJson(StringBuilder out, Decision d, boolean asOfDefaulted) {
        out.append('{');
        JsonText.field(out, true, "decisionId");
        JsonText.string(out, d.decisionId());
        JsonText.field(out, false, "outcome");
        JsonText.string(out, d.outcome().name());
        JsonText.field(out, false, "basis");
        strings(out, d.basis());
        JsonText.field(out, false, "asOf");
        JsonText.string(out, d.asOf() == null ? null : d.asOf().toString());
        if (asOfDefaulted) {
            JsonText.field(out, false, "asOfDefaulted");
            out.append("true");
        }
        JsonText.field(out, false, "worldVersion");
        JsonText.string(out, d.worldVersion());
        return out.append('}');
    }

    private static void strings(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.string(out, values.get(i));
        }
        out.append(']');
    }

    public static String toJsonText(Decision d) {
        return WorldLoader.json().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(d));
    }
}
