package dev.pillar.codec.world;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.Node;
import dev.pillar.core.model.Coalition;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Person;
import dev.pillar.core.rules.RulePack;
import dev.pillar.core.world.World;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads a world from its files: {@code world} (partnership and coalitions), {@code rules}, {@code organisations},
 * {@code people}, {@code items} and {@code licences}, each as YAML or JSON. Every error names the file, the path
 * within it and the fix. The world's version is its id and a digest of the files' content. The {@code people} and
 * {@code items} lists are read one element at a time (a catalogue of millions never exists as one JSON tree), and
 * items share their equal label values.
 */
public final class WorldLoader {
    /** The logical files of a world, in the order they are read; {@code world} and {@code rules} are required. */
    public static final List<String> FILES = List.of("world", "rules", "organisations", "people", "items", "licences");

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(64).maxStringLength(1_000_000).maxDocumentLength(2_000_000_000L).build();
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();

    private WorldLoader() {}

    /** Loads {@code aukus} (the built-in world) or a world directory. */
    public static World load(String spec) {
        return load(WorldSource.of(spec));
    }

    public static World load(WorldSource source) {
        MessageDigest digest = sha256();
        WorldSource.File worldFile = source.read("world");
        WorldSource.File rulesFile = source.read("rules");
        for (String required : List.of("world", "rules")) {
            if ((required.equals("world") ? worldFile : rulesFile) == null) {
                throw new BadInputException(source.describe(), "", "has no " + required + ".yaml (or .json): a world needs world and rules files");
            }
        }
        // Every file is digested in the order of FILES, the big lists while they are parsed.
        digest(digest, "world", worldFile);
        digest(digest, "rules", rulesFile);
        Node world = root(worldFile);
        String id = within(worldFile, () -> {
            world.fields("id", "name", "description", "partnership", "coalitions");
            world.text("description", "");
            return world.text("id");
        });
        String name = within(worldFile, () -> world.text("name", id));
        Partnership partnership = within(worldFile, () -> Parsers.partnership(world.object("partnership")));
        List<Coalition> coalitions = within(worldFile, () -> world.each("coalitions", Parsers::coalition));
        JsonNode rulesTree = rulesTree(source, rulesFile, digest); // with the national SPIFs it names, digested after it
        RulePack rules = within(rulesFile, () -> {
            return Parsers.catalogued(new Node(rulesTree, ""));
        });
        Map<String, WorldSource.File> files = new HashMap<>();
        files.put("world", worldFile);
        files.put("rules", rulesFile);
        WorldSource.File orgFile = source.read("organisations");
        digest(digest, "organisations", orgFile);
        files.put("organisations", orgFile);
        List<Organisation> organisations = list(orgFile, "organisations", Parsers::organisation);
        Map<String, Organisation> byId = new HashMap<>();
        organisations.forEach(o -> byId.put(o.id(), o));
        WorldSource.Streamed peopleFile = source.open("people");
        List<Person> people = stream(peopleFile, "people", digest, p -> Parsers.person(p, n -> {
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
        WorldSource.Streamed itemsFile = source.open("items");
        Parsers.Labels shared = new Parsers.Labels();
        List<Item> items = stream(itemsFile, "items", digest, n -> Parsers.item(n, shared));
        WorldSource.File licenceFile = source.read("licences");
        digest(digest, "licences", licenceFile);
        files.put("licences", licenceFile);
        List<Licence> licences = list(licenceFile, "licences", Parsers::licence);
        String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        try {
            return new World(id, name, id + "@" + hash, partnership, coalitions, organisations, people, items, licences, rules);
        } catch (InvalidValueException e) {
            String part = e.field().contains("[") ? e.field().substring(0, e.field().indexOf('[')) : e.field();
            String location = switch (part) {
                case "people" -> peopleFile.name();
                case "items" -> itemsFile.name();
                default -> files.get(part) == null ? source.describe() : files.get(part).name();
            };
            throw new BadInputException(location, e.field(), e.problem());
        }
    }

    private static void digest(MessageDigest digest, String name, WorldSource.File f) {
        if (f != null) {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(f.content());
        }
    }

    private static <T> List<T> list(WorldSource.File file, String key, Function<Node, T> f) {
        if (file == null) {
            return List.of();
        }
        return within(file, () -> {
            Node root = root(file);
            root.fields(key);
            return root.each(key, f);
        });
    }

    /**
     * The rules file as a tree with every national SPIF it names by {@code file} read into {@code spif}, so that the
     * tree is a complete rules document (as the server stores it). The SPIFs' bytes go into {@code digest}.
     */
    /**
     * A rules file on its own (YAML or JSON, as a world's {@code rules} file), with the SPIF files it names read from its
     * directory and put inline: the form the store keeps a rule-data version in. Check it with
     * {@link WorldDocuments#rules}.
     */
    public static JsonNode rulesFile(java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new BadInputException(file.toString(), "", "is not a file: give a rules file (YAML or JSON), e.g. my-world/rules.yaml");
        }
        byte[] content;
        try {
            content = java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new BadInputException(file.toString(), "", "cannot be read: " + e.getMessage());
        }
        java.nio.file.Path dir = file.toAbsolutePath().getParent();
        return rulesTree(WorldSource.directory(dir), new WorldSource.File(file.toString(), content, file.toString().endsWith(".json")), null);
    }

    static JsonNode rulesTree(WorldSource source, WorldSource.File rules, MessageDigest digest) {
        JsonNode tree = tree(rules);
        for (var e : spifFiles(tree).entrySet()) {
            String at = "classification.policies[" + e.getKey() + "].file";
            String path;
            try {
                path = WorldSource.checkRelative(e.getValue());
            } catch (BadInputException bad) {
                throw new BadInputException(rules.name(), at, bad.problem());
            }
            byte[] content = source.readRelative(path);
            if (content == null) {
                throw new BadInputException(rules.name(), at, "no file '" + path + "' in " + source.describe()
                        + ": put the SPIF there or correct the path (relative to the world directory)");
            }
            String xml;
            try {
                xml = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
            } catch (CharacterCodingException bad) {
                throw new BadInputException(rules.name(), at, "'" + path + "' is not UTF-8: save the SPIF as UTF-8");
            }
            ((ObjectNode) tree.get("classification").get("policies").get(e.getKey())).put("spif", xml);
            if (digest != null) {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update(content);
            }
        }
        return tree;
    }

    /** The SPIF files a rules tree names: index in {@code classification.policies} to relative path. */
    static Map<Integer, String> spifFiles(JsonNode rulesTree) {
        Map<Integer, String> out = new TreeMap<>();
        JsonNode policies = rulesTree.path("classification").path("policies");
        if (policies.isArray()) {
            for (int i = 0; i < policies.size(); i++) {
                JsonNode file = policies.get(i).get("file");
                if (policies.get(i).isObject() && file != null && file.isString() && policies.get(i).get("spif") == null) {
                    out.put(i, file.asString());
                }
            }
        }
        return out;
    }

    /**
     * Parses the list {@code key} of a file that holds {@code {key: [...]}} one element at a time, so that only one
     * element's tree is in memory, with the same checks and messages as {@link Node#each}: the file holds an object,
     * its only field is {@code key}, which is a list, and every error names the element ({@code items[12].control}).
     * The file's bytes are added to {@code digest} as they are read.
     */
    private static <T> List<T> stream(WorldSource.Streamed file, String key, MessageDigest digest, Function<Node, T> f) {
        if (file == null) {
            return List.of();
        }
        digest.update(key.getBytes(StandardCharsets.UTF_8));
        List<T> out = new ArrayList<>();
        ObjectReader reader = (file.json() ? JSON : YAML).reader()
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (InputStream raw = file.open()) {
            DigestInputStream in = new DigestInputStream(raw, digest);
            try (JsonParser p = reader.createParser(new FilterInputStream(in) {
                @Override
                public void close() {
                    // the file is closed below, after the rest of it is digested
                }
            })) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new BadInputException(file.name(), "", "must hold an object at the top level");
                }
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    String field = p.currentName();
                    if (!field.equals(key)) {
                        throw new BadInputException(file.name(), field, "unknown field: remove it or use one of [" + key + "]");
                    }
                    t = p.nextToken();
                    if (t == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (t != JsonToken.START_ARRAY) {
                        throw new BadInputException(file.name(), key, "must be a list");
                    }
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        Node n = Node.element(reader.readTree(p), key, i++);
                        out.add(n.build(() -> f.apply(n)));
                    }
                }
                if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                    throw new BadInputException(file.name(), "", "must hold one object, with nothing after it");
                }
            }
            in.transferTo(OutputStream.nullOutputStream());
        } catch (JacksonException e) {
            throw new BadInputException(file.name(), "", "is not valid " + (file.json() ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
        } catch (InvalidValueException e) {
            throw new BadInputException(file.name(), e.field(), e.problem());
        } catch (IOException e) {
            throw new BadInputException(file.name(), "", "cannot be read: " + e.getMessage());
        }
        return out;
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

    private static <T> T within(WorldSource.File file, Supplier<T> f) {
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
    public static ObjectMapper json() {
        return JSON;
    }

    /** The shared YAML mapper configured with Pillar's parsing limits. */
    public static ObjectMapper yaml() {
        return YAML;
    }

}
