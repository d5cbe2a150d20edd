package dev.pillar.http.api;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description as a contract for real exchanges: finds the operation of a request, and checks that the
 * response's status is documented for it, its content type is the documented one and its body validates against the
 * documented schema (with the OpenAPI 3.1 schema dialect).
 */
final class OpenApiContract {
    static final String RESOURCE = "/openapi/pillar-v1.json";
    static final String URI = "urn:pillar:openapi";
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** Bodies larger than this are checked for status and content type only (a batch of 10,000 decisions is ~25 MB). */
    static final int MAX_VALIDATED_BODY = 2 * 1024 * 1024;

    static final String TEXT = load();
    static final JsonNode DOC = ApiServer.JSON.readTree(TEXT);
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
            b -> b.schemas(Map.of(URI, TEXT)).schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    /** A documented operation: method, path template, a pattern matching concrete paths, and its JSON pointer. */
    record Operation(String method, String template, Pattern pattern, String pointer) {
        JsonNode node() {
            return DOC.at(pointer);
        }
    }

    static final List<Operation> OPERATIONS = operations();

    private OpenApiContract() {}

    private static String load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }

    private static List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (var path : DOC.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String regex = Pattern.quote(path.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
                out.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), Pattern.compile(regex),
                        "/paths/" + escape(path.getKey()) + "/" + op.getKey()));
            }
        }
        return List.copyOf(out);
    }

    /** The operation serving {@code method path} (query ignored); a literal path wins over a template. */
    static Optional<Operation> operation(String method, String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return OPERATIONS.stream().filter(o -> o.method().equals(method) && o.pattern().matcher(p).matches())
                .min(Comparator.comparingInt(o -> o.template().length() - o.template().replace("{", "").length()));
    }

    /** Follows a {@code $ref} within the document; returns the pointer of the node it lands on. */
    static String deref(String pointer) {
        JsonNode n = DOC.at(pointer);
        int hops = 0;
        while (n.has("$ref") && hops++ < 10) {
            String ref = n.get("$ref").asString();
            if (!ref.startsWith("#")) {
                throw new IllegalStateException("external $ref " + ref + " at " + pointer);
            }
            pointer = ref.substring(1);
            n = DOC.at(pointer);
        }
        return pointer;
    }

    static Schema schema(String pointer) {
        return SCHEMAS.computeIfAbsent(pointer, p -> REGISTRY.getSchema(SchemaLocation.of(URI + "#" + p)));
    }

    static List<Error> validate(String schemaPointer, JsonNode instance) {
        return schema(schemaPointer).validate(instance);
    }

    /** What is wrong with this exchange by the description (empty if it conforms, or if no operation matches the path). */
    static List<String> violations(String method, String path, int status, String contentType, String body) {
        List<String> out = new ArrayList<>();
        Optional<Operation> found = operation(method, path);
        if (found.isEmpty()) {
            return out;
        }
        Operation op = found.get();
        String where = method + " " + path + " -> " + status + ": ";
        String responsePointer = op.pointer() + "/responses/" + status;
        if (DOC.at(responsePointer).isMissingNode()) {
            out.add(where + "status " + status + " is not documented for " + op.method() + " " + op.template()
                    + " (body " + abbreviate(body) + ")");
            return out;
        }
        responsePointer = deref(responsePointer);
        JsonNode content = DOC.at(responsePointer + "/content");
        if (content.isMissingNode()) {
            if (body != null && !body.isEmpty()) {
                out.add(where + "documented without a body, but got " + abbreviate(body));
            }
            return out;
        }
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(type)) {
            out.add(where + "content type '" + contentType + "' is not documented (documented: " + content.propertyNames() + ")");
            return out;
        }
        if (!type.endsWith("json") || body.length() > MAX_VALIDATED_BODY) {
            return out;
        }
        String schemaPointer = responsePointer + "/content/" + escape(type) + "/schema";
        List<Error> errors = validate(schemaPointer, ApiServer.JSON.readTree(body));
        if (!errors.isEmpty()) {
            out.add(where + "body does not match " + schemaPointer + ": " + errors.stream().limit(5).map(Object::toString).toList()
                    + " in " + abbreviate(body));
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** Javalin's {@code {id}} and {@code <id>} path parameters in OpenAPI's form. */
    static String openApiPath(String javalinPath) {
        Matcher m = Pattern.compile("<([^>]+)>").matcher(javalinPath);
        return m.replaceAll("{$1}");
    }
}
