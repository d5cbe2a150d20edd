package dev.pillar.io;

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

    public static DecisionRequest parse(JsonNode tree, World world, LocalDate today) {
        try {
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

    private static Item item(Node n, World world) {
        if (n.raw().isString()) {
            Item it = world.item(n.raw().asString());
            if (it == null) {
                throw n.error("unknown item '" + n.raw().asString() + "': use an item id of world " + world.id() + " or describe the item inline");
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
                throw n.error("unknown person '" + n.raw().asString() + "': use a person id of world " + world.id() + " or describe the recipient inline");
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
                throw n.error("unknown organisation '" + n.raw().asString() + "': use an organisation id of world " + world.id() + " or describe it inline");
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

    /** The v1 response of a decision, with the full explanation. */
    public static ObjectNode toJson(Decision d) {
        ObjectNode out = WorldLoader.json().createObjectNode();
        out.put("outcome", d.outcome().name());
        ArrayNode basis = out.putArray("basis");
        d.basis().forEach(basis::add);
        ArrayNode reasons = out.putArray("reasons");
        for (Reason r : d.reasons()) {
            ObjectNode o = reasons.addObject();
            o.put("layer", r.layer().id());
            o.put("outcome", r.outcome().name());
            o.put("ruleId", r.ruleId());
            o.put("citation", r.citation());
            o.put("message", r.message());
            ObjectNode facts = o.putObject("facts");
            r.facts().forEach(facts::put);
            if (!r.toPermit().isEmpty()) {
                ArrayNode t = o.putArray("toPermit");
                r.toPermit().forEach(t::add);
            }
        }
        ArrayNode obligations = out.putArray("obligations");
        for (Obligation ob : d.obligations()) {
            ObjectNode o = obligations.addObject();
            o.put("id", ob.id());
            o.put("text", ob.text());
            o.put("citation", ob.citation());
        }
        ArrayNode toPermit = out.putArray("toPermit");
        d.toPermit().forEach(toPermit::add);
        out.put("asOf", d.asOf() == null ? null : d.asOf().toString());
        out.put("worldVersion", d.worldVersion());
        out.put("decisionId", d.decisionId());
        return out;
    }

    /**
     * The outcome view of a decision (for batches that need only the answers): decision id, outcome, basis, as-of date
     * and world version; the full explanation is not rendered.
     */
    public static ObjectNode toOutcomeJson(Decision d) {
        ObjectNode out = WorldLoader.json().createObjectNode();
        out.put("decisionId", d.decisionId());
        out.put("outcome", d.outcome().name());
        ArrayNode basis = out.putArray("basis");
        d.basis().forEach(basis::add);
        out.put("asOf", d.asOf() == null ? null : d.asOf().toString());
        out.put("worldVersion", d.worldVersion());
        return out;
    }

    public static String toJsonText(Decision d) {
        return WorldLoader.json().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(d));
    }
}
