package dev.pillar.codec.world;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.Node;
import dev.pillar.core.model.Coalition;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Determination;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Person;
import dev.pillar.core.rules.RulePack;
import dev.pillar.core.world.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A world held as separate JSON documents (one per organisation, person, item and licence, plus the partnership and
 * the rules), in the same format as the world files. Used by the server's store: each document is parsed on its own,
 * so an error names the document ({@code items/A-001}) and the field, and the world is compiled from the parsed
 * values.
 */
public final class WorldDocuments {
    private WorldDocuments() {}

    /** The parsed partnership document: world id and name, partnership and coalitions. */
    public record PartnershipDoc(String id, String name, Partnership partnership, List<Coalition> coalitions) {}

    public static PartnershipDoc partnership(JsonNode body) {
        return parse("partnership", body, n -> {
            n.fields("id", "name", "description", "partnership", "coalitions");
            n.text("description", "");
            String id = n.text("id");
            return new PartnershipDoc(id, n.text("name", id), Parsers.partnership(n.object("partnership")), n.each("coalitions", Parsers::coalition));
        });
    }

    public static RulePack rules(JsonNode body) {
        return parse("rules", body, n -> {
            return Parsers.catalogued(n);
        });
    }

    public static Organisation organisation(JsonNode body) {
        return parse("organisation", body, Parsers::organisation);
    }

    /** A person whose {@code organisation} is an id resolved by {@code organisations}. */
    public static Person person(JsonNode body, Function<String, Organisation> organisations) {
        return parse("person", body, n -> Parsers.person(n, o -> {
            if (!o.raw().isString()) {
                throw new InvalidValueException(o.path(), "must be the id of an organisation");
            }
            Organisation org = organisations.apply(o.raw().asString());
            if (org == null) {
                throw new InvalidValueException(o.path(), "unknown organisation '" + o.raw().asString() + "': create it first or use an existing id");
            }
            return org;
        }));
    }

    public static Item item(JsonNode body) {
        return parse("item", body, Parsers::item);
    }

    public static Licence licence(JsonNode body) {
        return parse("licence", body, Parsers::licence);
    }

    public static Determination determination(JsonNode body) {
        return parse("determination", body, Parsers::determination);
    }

    /**
     * {@code world} with the determinations of the documents, each checked against it; an error names the document
     * (e.g. {@code determinations/D-1}) and the field.
     */
    public static World withDeterminations(World world, Map<String, JsonNode> determinations) {
        if (determinations == null || determinations.isEmpty()) {
            return world;
        }
        List<Determination> all = new java.util.ArrayList<>();
        determinations.forEach((id, body) -> all.add(within("determinations/" + id, () -> determination(body))));
        for (Determination d : all) {
            try {
                world.withDeterminations(List.of(d));
            } catch (dev.pillar.core.model.InvalidValueException e) {
                throw new BadInputException("determinations/" + d.id(), e.field().replaceFirst("^determinations\\[0\\]\\.", ""), e.problem());
            }
        }
        try {
            return world.withDeterminations(all);
        } catch (dev.pillar.core.model.InvalidValueException e) {
            throw new BadInputException("determinations", e.field(), e.problem());
        }
    }

    /**
     * Compiles a world from documents. Every document is parsed on its own; an error is a {@link BadInputException}
     * whose location names the document (e.g. {@code items/A-UNDERSEA-001}) and whose field is relative to it.
     */
    public static World compile(String version, JsonNode partnershipDoc, JsonNode rulesDoc, Map<String, JsonNode> organisations,
                                Map<String, JsonNode> people, Map<String, JsonNode> items, Map<String, JsonNode> licences) {
        return compile(version, partnershipDoc, rulesDoc, organisations, people, items, licences, Derived::new);
    }

    /** The partnership and organisations after the governance record (adopted acts, nominations) is applied. */
    public record Derived(Partnership partnership, List<Organisation> organisations) {}

    /** Applies the governance record to the partnership and organisations of the documents. */
    @FunctionalInterface
    public interface Derivation {
        Derived apply(Partnership seeded, List<Organisation> organisations);
    }

    /**
     * As {@link #compile(String, JsonNode, JsonNode, Map, Map, Map, Map)}, with the partnership of the document passed
     * through {@code derive} first (the server applies the adopted governance acts there).
     */
    public static World compile(String version, JsonNode partnershipDoc, JsonNode rulesDoc, Map<String, JsonNode> organisations,
                                Map<String, JsonNode> people, Map<String, JsonNode> items, Map<String, JsonNode> licences,
                                Derivation derive) {
        PartnershipDoc parsed = within("partnership", () -> partnership(partnershipDoc));
        RulePack rules = within("rules", () -> rules(rulesDoc));
        List<Organisation> declared = new ArrayList<>();
        organisations.forEach((id, body) -> declared.add(within("organisations/" + id, () -> organisation(body))));
        Derived derived = derive.apply(parsed.partnership(), declared);
        PartnershipDoc p = new PartnershipDoc(parsed.id(), parsed.name(), derived.partnership(), parsed.coalitions());
        List<Organisation> orgs = derived.organisations();
        Map<String, Organisation> byId = new HashMap<>();
        orgs.forEach(o -> byId.put(o.id(), o));
        List<Person> persons = new ArrayList<>();
        people.forEach((id, body) -> persons.add(within("people/" + id, () -> person(body, byId::get))));
        List<Item> its = new ArrayList<>();
        items.forEach((id, body) -> its.add(within("items/" + id, () -> item(body))));
        List<Licence> lics = new ArrayList<>();
        licences.forEach((id, body) -> lics.add(within("licences/" + id, () -> licence(body))));
        try {
            return new World(p.id(), p.name(), version, p.partnership(), p.coalitions(), orgs, persons, its, lics, rules);
        } catch (InvalidValueException e) {
            throw new BadInputException("world", e.field(), e.problem());
        }
    }

    /** Parses the object {@code body} with {@code f}; an error is a {@link BadInputException} naming the field. */
    public static <T> T parse(String what, JsonNode body, Function<Node, T> f) {
        if (body == null || !body.isObject()) {
            throw new BadInputException("", "", "the " + what + " must be a JSON object");
        }
        Node n = new Node(body, "");
        try {
            return n.build(() -> f.apply(n));
        } catch (InvalidValueException e) {
            throw new BadInputException("", e.field(), e.problem());
        }
    }

    private static <T> T within(String location, Supplier<T> f) {
        try {
            return f.get();
        } catch (BadInputException e) {
            throw new BadInputException(location, e.field(), e.problem());
        }
    }

    /** The built-in world's file {@code name} (e.g. {@code items}) as a JSON tree; the rules carry their SPIFs inline. */
    public static JsonNode builtInFile(String name) {
        WorldSource source = WorldSource.builtIn(WorldSource.BUILT_IN);
        WorldSource.File f = source.read(name);
        if (f == null) {
            throw new IllegalStateException("built-in world has no " + name);
        }
        return name.equals("rules") ? WorldLoader.rulesTree(source, f, null) : WorldLoader.tree(f);
    }

    /** The shared JSON mapper with Pillar's parsing limits. */
    public static ObjectMapper mapper() {
        return WorldLoader.json();
    }
}
