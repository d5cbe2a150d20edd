package dev.pillar.io;

import dev.pillar.core.decision.DecisionLayers;
import dev.pillar.core.model.Coalition;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Person;
import dev.pillar.core.rules.RulePack;
import dev.pillar.core.world.World;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads a world from its files: {@code world} (partnership and coalitions), {@code rules}, {@code organisations},
 * {@code people}, {@code items} and {@code licences}, each as YAML or JSON. Every error names the file, the path
 * within it and the fix. The world's version is its id and a digest of the files' content.
 */
public final class WorldLoader {
    /** The logical files of a world, in the order they are read; {@code world} and {@code rules} are required. */
    public static final List<String> FILES = List.of("world", "rules", "organisations", "people", "items", "licences");

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(64).maxStringLength(1_000_000).maxDocumentLength(2_000_000_000L).build();
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS)
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().streamReadConstraints(LIMITS)
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();

    private WorldLoader() {}

    /** Loads {@code aukus} (the built-in world) or a world directory. */
    public static World load(String spec) {
        return load(WorldSource.of(spec));
    }

    public static World load(WorldSource source) {
        Map<String, WorldSource.File> files = new HashMap<>();
        MessageDigest digest = sha256();
        for (String name : FILES) {
            WorldSource.File f = source.read(name);
            if (f != null) {
                files.put(name, f);
                digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(f.content());
            }
        }
        for (String required : List.of("world", "rules")) {
            if (!files.containsKey(required)) {
                throw new BadInputException(source.describe(), "", "has no " + required + ".yaml (or .json): a world needs world and rules files");
            }
        }
        String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 12);

        Node world = root(files.get("world"));
        String id = within(files.get("world"), () -> {
            world.fields("id", "name", "description", "partnership", "coalitions");
            world.text("description", "");
            return world.text("id");
        });
        String name = within(files.get("world"), () -> world.text("name", id));
        Partnership partnership = within(files.get("world"), () -> Parsers.partnership(world.object("partnership")));
        List<Coalition> coalitions = within(files.get("world"), () -> world.each("coalitions", Parsers::coalition));
        RulePack rules = within(files.get("rules"), () -> {
            RulePack r = Parsers.rules(root(files.get("rules")));
            r.catalog().requireAll(DecisionLayers.ruleIds());
            return r;
        });
        List<Organisation> organisations = list(files.get("organisations"), "organisations", Parsers::organisation);
        Map<String, Organisation> byId = new HashMap<>();
        organisations.forEach(o -> byId.put(o.id(), o));
        List<Person> people = list(files.get("people"), "people", p -> Parsers.person(p, n -> {
            String orgId = n.raw().isString() ? n.raw().asString() : null;
            if (orgId == null) {
                throw new InvalidValueException(n.path(), "must be the id of an organisation of the world");
            }
            Organisation o = byId.get(orgId);
            if (o == null) {
                throw new InvalidValueException(n.path(), "unknown organisation '" + orgId + "': use an id from organisations");
            }
            return o;
        }));
        List<Item> items = list(files.get("items"), "items", Parsers::item);
        List<Licence> licences = list(files.get("licences"), "licences", Parsers::licence);
        try {
            return new World(id, name, id + "@" + hash, partnership, coalitions, organisations, people, items, licences, rules);
        } catch (InvalidValueException e) {
            String part = e.field().contains("[") ? e.field().substring(0, e.field().indexOf('[')) : e.field();
            WorldSource.File f = files.get(part);
            throw new BadInputException(f == null ? source.describe() : f.name(), e.field(), e.problem());
        }
    }

    private static <T> List<T> list(WorldSource.File file, String key, java.util.function.Function<Node, T> f) {
        if (file == null) {
            return List.of();
        }
        return within(file, () -> {
            Node root = root(file);
            root.fields(key);
            return root.each(key, f);
        });
    }

    private static Node root(WorldSource.File file) {
        return new Node(tree(file), "");
    }

    /** A world file's content as a tree; it must hold an object. */
    static JsonNode tree(WorldSource.File file) {
        JsonNode tree;
        try {
            tree = (file.json() ? JSON : YAML).readTree(file.content());
        } catch (JacksonException e) {
            throw new BadInputException(file.name(), "", "is not valid " + (file.json() ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new BadInputException(file.name(), "", "must hold an object at the top level");
        }
        return tree;
    }

    private static <T> T within(WorldSource.File file, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (InvalidValueException e) {
            throw new BadInputException(file.name(), e.field(), e.problem());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared JSON mapper configured with Pillar's parsing limits. */
    static ObjectMapper json() {
        return JSON;
    }

    /** The shared YAML mapper configured with Pillar's parsing limits. */
    static ObjectMapper yaml() {
        return YAML;
    }

}
