package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI description at {@code /api/v1/openapi.json}: a well-formed OpenAPI 3.1 document whose operations are
 * exactly the API routes the server has, whose schemas are the JSON Schemas of {@code schema/} and valid JSON Schema
 * 2020-12, and whose responses describe what the server really answers.
 */
class OpenApiTest {
    /** Operations that need no token; every other operation inherits the global bearer requirement. */
    static final Set<String> PUBLIC = Set.of("GET /api/v1/openapi.json", "POST /api/v1/auth/token", "GET /api/v1/auth/jwks.json",
            "GET /health", "GET /health/live", "GET /health/ready", "GET /metrics", "GET /.well-known/authzen-configuration");

    /** Component name: schema file under {@code schema/}, embedded by content. */
    static final Map<String, String> SCHEMA_FILES = Map.of("RequestV1", "request-v1", "DecisionV1", "decision-v1", "WorldFile", "world",
            "RulesFile", "rules", "OrganisationsFile", "organisations", "PeopleFile", "people", "ItemsFile", "items", "LicencesFile", "licences",
            "Scenario", "scenario");

    static final JsonNode DOC = OpenApiContract.DOC;

    @TempDir
    static Path data;
    static ApiServer app;

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
    }

    @AfterAll
    static void stop() {
        app.closeCheckingContract();
    }

    // ---- the routes ----------------------------------------------------------------------------------------------

    /** The server's API routes ({@code /api/...}, {@code /health...}, {@code /metrics}) as {@code METHOD /path} in OpenAPI form. */
    static Set<String> apiRoutes(List<String> routes) {
        Set<String> out = new TreeSet<>();
        for (String r : routes) {
            String method = r.substring(0, r.indexOf(' '));
            String path = r.substring(r.indexOf(' ') + 1);
            boolean http = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS").contains(method);
            boolean api = path.startsWith("/api/") || path.equals("/health") || path.startsWith("/health/") || path.equals("/metrics")
                    || path.startsWith("/access/") || path.startsWith("/.well-known/");
            if (http && api) {
                out.add(method + " " + OpenApiContract.openApiPath(path));
            }
        }
        return out;
    }

    static Set<String> documentedOperations() {
        Set<String> out = new TreeSet<>();
        OpenApiContract.OPERATIONS.forEach(o -> out.add(o.method() + " " + o.template()));
        return out;
    }

    @Test
    void documentsExactlyTheRoutesTheServerHas() {
        Set<String> routes = apiRoutes(app.server.routes());
        Set<String> documented = documentedOperations();
        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(routes);
        assertThat(undocumented).as("routes of Server.routes() missing from %s", OpenApiContract.RESOURCE).isEmpty();
        assertThat(missing).as("operations of %s that the server does not have", OpenApiContract.RESOURCE).isEmpty();
        assertThat(routes).hasSizeGreaterThan(40);
    }

    @Test
    void routeNormalisationTurnsJavalinParametersIntoOpenApiOnes() {
        assertThat(apiRoutes(List.of("GET /api/v1/items/{id}", "GET /api/v1/x/<path>", "BEFORE *", "GET /login", "GET /health/ready")))
                .containsExactly("GET /api/v1/items/{id}", "GET /api/v1/x/{path}", "GET /health/ready");
    }

    @Test
    void theServerServesThisDocumentWithoutAToken() {
        ApiServer.Response r = app.get("/api/v1/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json()).isEqualTo(DOC);
    }

    // ---- OpenAPI 3.1 structure -------------------------------------------------------------------------------------

    @Test
    void isAnOpenApi31Document() {
        assertThat(DOC.path("openapi").asString()).matches("3\\.1\\.\\d+");
        assertThat(DOC.at("/info/title").asString()).isNotBlank();
        assertThat(DOC.at("/info/version").asString()).isNotBlank();
        assertThat(DOC.get("paths").isObject()).isTrue();
        Set<String> allowedTop = Set.of("openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components", "security", "tags", "externalDocs");
        assertThat(DOC.propertyNames()).allSatisfy(k -> assertThat(allowedTop.contains(k) || k.startsWith("x-")).as(k).isTrue());
        Set<String> tags = new HashSet<>();
        DOC.get("tags").forEach(t -> tags.add(t.get("name").asString()));
        Set<String> operationIds = new HashSet<>();
        Set<String> allowedInPath = new HashSet<>(OpenApiContract.METHODS);
        allowedInPath.addAll(List.of("summary", "description", "servers", "parameters", "$ref"));
        for (var path : DOC.get("paths").properties()) {
            assertThat(path.getKey()).startsWith("/");
            assertThat(path.getValue().propertyNames()).allSatisfy(k -> assertThat(allowedInPath).as(path.getKey()).contains(k));
        }
        for (OpenApiContract.Operation op : OpenApiContract.OPERATIONS) {
            String at = op.method() + " " + op.template();
            JsonNode node = op.node();
            assertThat(node.path("operationId").asString()).as(at + " operationId").isNotBlank();
            assertThat(operationIds.add(node.get("operationId").asString())).as(at + " operationId is unique").isTrue();
            assertThat(node.path("summary").asString()).as(at + " summary").isNotBlank();
            node.path("tags").forEach(t -> assertThat(tags).as(at + " tag").contains(t.asString()));
            JsonNode responses = node.get("responses");
            assertThat(responses).as(at + " responses").isNotNull();
            assertThat(responses.size()).as(at + " responses").isPositive();
            for (var r : responses.properties()) {
                assertThat(r.getKey()).as(at).matches("[1-5]\\d\\d|default");
                JsonNode resolved = DOC.at(OpenApiContract.deref(op.pointer() + "/responses/" + OpenApiContract.escape(r.getKey())));
                assertThat(resolved.path("description").asString()).as(at + " " + r.getKey() + " description").isNotBlank();
            }
            // path parameters: declared exactly for the template's {names}, required
            Set<String> inTemplate = new TreeSet<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(op.template());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            int i = 0;
            for (JsonNode ignored : node.path("parameters")) {
                JsonNode p = DOC.at(OpenApiContract.deref(op.pointer() + "/parameters/" + i++));
                assertThat(p.path("name").asString()).as(at + " parameter name").isNotBlank();
                assertThat(p.path("in").asString()).as(at + " parameter in").isIn("query", "header", "path", "cookie");
                assertThat(p.has("schema") || p.has("content")).as(at + " parameter schema").isTrue();
                if (p.get("in").asString().equals("path")) {
                    declared.add(p.get("name").asString());
                    assertThat(p.path("required").asBoolean(false)).as(at + " path parameter required").isTrue();
                }
            }
            assertThat(declared).as(at + " path parameters").isEqualTo(inTemplate);
            if (node.has("requestBody")) {
                assertThat(op.method()).as(at + " has a body").isIn("POST", "PUT", "PATCH");
                assertThat(node.at("/requestBody/content/application~1json/schema").isMissingNode()).as(at + " JSON body").isFalse();
            }
        }
    }

    @Test
    void everyReferenceResolvesWithinTheDocument() {
        List<String> refs = new ArrayList<>();
        collectRefs(DOC, refs);
        assertThat(refs).hasSizeGreaterThan(100);
        for (String ref : refs) {
            assertThat(ref).as("internal $ref").startsWith("#/");
            assertThat(DOC.at(ref.substring(1)).isMissingNode()).as("$ref %s resolves", ref).isFalse();
        }
    }

    private static void collectRefs(JsonNode n, List<String> out) {
        if (n.isObject()) {
            for (var e : n.properties()) {
                if (e.getKey().equals("$ref") && e.getValue().isString()) {
                    out.add(e.getValue().asString());
                } else {
                    collectRefs(e.getValue(), out);
                }
            }
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, out));
        }
    }

    @Test
    void everySchemaIsValidJsonSchema202012() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        DOC.at("/components/schemas").properties().forEach(e -> schemas.put("components/schemas/" + e.getKey(), e.getValue()));
        collectSchemas(DOC.get("paths"), "paths", schemas);
        collectSchemas(DOC.at("/components/responses"), "components/responses", schemas);
        collectSchemas(DOC.at("/components/parameters"), "components/parameters", schemas);
        assertThat(schemas).hasSizeGreaterThan(50);
        schemas.forEach((where, schema) -> assertThat(meta.validate(schema)).as(where).isEmpty());
        // and each compiles with the OpenAPI 3.1 dialect, $refs included
        for (String name : DOC.at("/components/schemas").propertyNames()) {
            assertThat(OpenApiContract.schema("/components/schemas/" + name)).as(name).isNotNull();
        }
    }

    private static void collectSchemas(JsonNode n, String at, Map<String, JsonNode> out) {
        if (n.isObject()) {
            for (var e : n.properties()) {
                if (e.getKey().equals("schema") && e.getValue().isObject()) {
                    out.put(at + "/schema", e.getValue());
                } else {
                    collectSchemas(e.getValue(), at + "/" + e.getKey(), out);
                }
            }
        } else if (n.isArray()) {
            int i = 0;
            for (JsonNode c : n) {
                collectSchemas(c, at + "/" + i++, out);
            }
        }
    }

    // ---- security, errors, conventions -----------------------------------------------------------------------------

    @Test
    void bearerJwtIsRequiredEverywhereButThePublicOperations() {
        assertThat(DOC.at("/components/securitySchemes/bearerAuth/type").asString()).isEqualTo("http");
        assertThat(DOC.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");
        assertThat(DOC.at("/components/securitySchemes/bearerAuth/bearerFormat").asString()).isEqualTo("JWT");
        assertThat(DOC.get("security").toString()).isEqualTo("[{\"bearerAuth\":[]}]");
        Set<String> publicOps = new TreeSet<>();
        for (OpenApiContract.Operation op : OpenApiContract.OPERATIONS) {
            String at = op.method() + " " + op.template();
            JsonNode security = op.node().get("security");
            if (security != null) {
                assertThat(security.isArray() && security.isEmpty()).as(at + ": security is either inherited or [] (public)").isTrue();
                publicOps.add(at);
            } else {
                JsonNode unauthorized = op.node().at("/responses/401");
                assertThat(unauthorized.isMissingNode()).as(at + " documents 401").isFalse();
                assertThat(DOC.at(OpenApiContract.deref(op.pointer() + "/responses/401") + "/headers/WWW-Authenticate").isMissingNode())
                        .as(at + " 401 has WWW-Authenticate").isFalse();
            }
        }
        assertThat(publicOps).containsExactlyInAnyOrderElementsOf(PUBLIC);
    }

    @Test
    void errorsAreProblemDetailsThatNameTheField() {
        JsonNode problem = DOC.at("/components/schemas/Problem");
        assertThat(problem.at("/required").toString()).contains("type", "title", "status", "detail");
        assertThat(problem.at("/properties/field/type").asString()).isEqualTo("string");
        for (OpenApiContract.Operation op : OpenApiContract.OPERATIONS) {
            for (var r : op.node().get("responses").properties()) {
                if (r.getKey().compareTo("400") >= 0 && !(op.template().startsWith("/health") && r.getKey().equals("503"))) {
                    String pointer = OpenApiContract.deref(op.pointer() + "/responses/" + r.getKey());
                    JsonNode content = DOC.at(pointer + "/content");
                    assertThat(content.propertyNames()).as(op.method() + " " + op.template() + " " + r.getKey()).containsExactly("application/problem+json");
                    assertThat(content.at("/application~1problem+json/schema/$ref").asString()).isEqualTo("#/components/schemas/Problem");
                }
            }
        }
    }

    @Test
    void bodiesIfMatchAndPagingAreDocumentedWithTheirErrors() {
        int lists = 0;
        for (OpenApiContract.Operation op : OpenApiContract.OPERATIONS) {
            String at = op.method() + " " + op.template();
            JsonNode responses = op.node().get("responses");
            if (op.node().has("requestBody") && op.template().startsWith("/access/")) {
                // AuthZEN answers 400, not 415, to a body that is not application/json (its certification scenario, C-2-4-3)
                assertThat(responses.propertyNames()).as(at).contains("400", "413").doesNotContain("415");
            } else if (op.node().has("requestBody")) {
                assertThat(responses.propertyNames()).as(at).contains("400", "413", "415");
            }
            List<String> params = new ArrayList<>();
            for (int i = 0; i < op.node().path("parameters").size(); i++) {
                params.add(DOC.at(OpenApiContract.deref(op.pointer() + "/parameters/" + i) + "/name").asString());
            }
            if (params.contains("If-Match")) {
                assertThat(responses.propertyNames()).as(at).contains("412", "428");
            }
            if (op.method().equals("PUT") || op.method().equals("DELETE")) {
                assertThat(params).as(at + " needs If-Match").contains("If-Match");
            }
            if (params.contains("limit")) {
                lists++;
                assertThat(params).as(at + " pages by offset or by cursor").containsAnyOf("offset", "cursor");
                assertThat(responses.propertyNames()).as(at).contains("400");
            }
            if (op.method().equals("POST") && op.template().matches("/api/v1/(organisations|people|items|licences|users)")) {
                assertThat(responses.propertyNames()).as(at).contains("201", "409");
            }
        }
        assertThat(lists).as("the five document lists, the impact report's changed pairs, the audit log's checkpoints, the case queue, the decision search and the screening cases").isEqualTo(10);
        assertThat(DOC.at("/components/parameters/Limit/schema/maximum").asInt()).isEqualTo(1000);
        assertThat(DOC.at("/components/schemas/BatchRequest/properties/requests/maxItems").asInt()).isEqualTo(10_000);
        Set<String> itemFilters = new TreeSet<>();
        for (JsonNode p : DOC.at("/paths/~1api~1v1~1items/get/parameters")) {
            itemFilters.add(DOC.at(p.get("$ref").asString().substring(1) + "/name").asString());
        }
        assertThat(itemFilters).contains("area", "project", "classification", "control", "country");
    }

    // ---- schemas are the schema files ------------------------------------------------------------------------------

    @Test
    void embeddedSchemasAreTheSchemaFilesByContent() throws IOException {
        ObjectNode expectedDoc = (ObjectNode) DOC.deepCopy();
        SCHEMA_FILES.forEach((component, file) ->
                ((ObjectNode) expectedDoc.at("/components/schemas")).set(component, embedded(component, schemaFile(file))));
        if (!expectedDoc.equals(DOC)) {
            Path expected = Path.of("target", "pillar-v1.expected.json");
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, ApiServer.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expectedDoc) + "\n");
        }
        SCHEMA_FILES.forEach((component, file) -> assertThat(DOC.at("/components/schemas/" + component))
                .as("components/schemas/%s must be schema/%s.schema.json without $schema and $id, its #/$defs/ refs pointing at "
                        + "#/components/schemas/%s/$defs/: copy target/pillar-v1.expected.json (written by this test) over src/main/resources%s",
                        component, file, component, OpenApiContract.RESOURCE)
                .isEqualTo(expectedDoc.at("/components/schemas/" + component)));
        assertThat(DOC.at("/components/schemas/Item/$ref").asString()).isEqualTo("#/components/schemas/ItemsFile/$defs/item");
        assertThat(DOC.at("/components/schemas/Organisation/$ref").asString()).isEqualTo("#/components/schemas/OrganisationsFile/$defs/organisation");
        assertThat(DOC.at("/components/schemas/Person/$ref").asString()).isEqualTo("#/components/schemas/PeopleFile/$defs/person");
        assertThat(DOC.at("/components/schemas/Licence/$ref").asString()).isEqualTo("#/components/schemas/LicencesFile/$defs/licence");
        assertThat(DOC.at("/components/schemas/Partnership/$ref").asString()).isEqualTo("#/components/schemas/WorldFile");
        assertThat(DOC.at("/components/schemas/Rules/$ref").asString()).isEqualTo("#/components/schemas/RulesFile");
        assertThat(DOC.at("/paths/~1api~1v1~1decisions/post/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/RequestV1");
        assertThat(DOC.at("/paths/~1api~1v1~1decisions/post/responses/201/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/DecisionV1");
    }

    static JsonNode schemaFile(String name) {
        try (InputStream in = OpenApiTest.class.getResourceAsStream("/schema/" + name + ".schema.json")) {
            assertThat(in).as(name).isNotNull();
            return ApiServer.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode embedded(String component, JsonNode schemaFile) {
        ObjectNode copy = (ObjectNode) schemaFile.deepCopy();
        copy.remove("$schema");
        copy.remove("$id");
        rewriteRefs(copy, "#/components/schemas/" + component + "/$defs/");
        return copy;
    }

    private static void rewriteRefs(JsonNode n, String prefix) {
        if (n instanceof ObjectNode o) {
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith("#/$defs/")) {
                o.put("$ref", prefix + ref.asString().substring("#/$defs/".length()));
            }
            o.values().forEach(c -> rewriteRefs(c, prefix));
        } else if (n.isArray()) {
            n.forEach(c -> rewriteRefs(c, prefix));
        }
    }

    // ---- the description matches real responses -------------------------------------------------------------------

    @Test
    void realResponsesMatchTheDocumentedSchemas() {
        String admin = app.token("admin");
        List<String> paths = List.of("/api/v1/partnership", "/api/v1/partnership/members", "/api/v1/partnership/candidates",
                "/api/v1/partnership/areas", "/api/v1/partnership/projects", "/api/v1/organisations?limit=1000",
                "/api/v1/organisations/GB-BRITANNIA-SONAR", "/api/v1/people?limit=1000", "/api/v1/people/p-gbr-engineer",
                "/api/v1/items?limit=1000", "/api/v1/items/A-UNDERSEA-001", "/api/v1/licences", "/api/v1/licences/TA-2025-0001",
                "/api/v1/rules", "/api/v1/rules/1", "/api/v1/users", "/api/v1/users/admin", "/api/v1/auth/jwks.json",
                "/health", "/health/live", "/health/ready", "/metrics", "/api/v1/items/NOPE", "/api/v1/items?limit=0", "/api/v1/rules/x");
        int before = app.exchanges.size();
        for (String p : paths) {
            assertThat(app.get(p, admin).status()).as(p).isLessThan(500);
        }
        assertThat(app.get("/api/v1/items", null).status()).isEqualTo(401);
        assertThat(app.get("/api/v1/users", app.token("engineer")).status()).isEqualTo(403);
        ApiServer.Response decided = app.post("/api/v1/decisions", admin,
                ApiServer.json("asOf", "2025-06-01", "item", "MAS-AI-010", "recipient", "p-kor-engineer"));
        assertThat(decided.status()).isEqualTo(201);
        assertThat(app.get(decided.header("Location"), admin).status()).isEqualTo(200);
        ApiServer.Response batch = app.post("/api/v1/decisions/batch", admin,
                "{\"requests\":[{\"asOf\":\"2024-10-01\",\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\"},{\"item\":\"NOPE\",\"recipient\":\"p-gbr-engineer\"}]}");
        assertThat(batch.status()).isEqualTo(200);
        assertThat(app.post("/api/v1/decisions", admin, "{").status()).isEqualTo(400);
        assertThat(app.post("/api/v1/auth/token", null, ApiServer.json("username", "sec", "password", "wrong password!")).status()).isEqualTo(401);
        List<ApiServer.Exchange> mine = new ArrayList<>(app.exchanges.subList(before, app.exchanges.size()));
        assertThat(mine).allSatisfy(e -> assertThat(OpenApiContract.operation(e.method(), e.path())).as(e.method() + " " + e.path()).isPresent());
        List<String> violations = new ArrayList<>();
        mine.forEach(e -> violations.addAll(OpenApiContract.violations(e.method(), e.path(), e.status(), e.contentType(), e.body())));
        assertThat(violations).isEmpty();
    }

    @Test
    void theContractNoticesAnUndocumentedStatusAndAWrongBody() {
        assertThat(OpenApiContract.violations("GET", "/api/v1/items/X", 418, "application/json", "{}")).hasSize(1);
        assertThat(OpenApiContract.violations("GET", "/api/v1/items/X", 200, "text/html", "<p>")).hasSize(1);
        assertThat(OpenApiContract.violations("GET", "/api/v1/items/X", 200, "application/json", "{\"id\":\"X\"}")).hasSize(1);
        assertThat(OpenApiContract.violations("GET", "/api/v1/items/X", 404, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,\"detail\":\"no item with this id\"}")).isEmpty();
        assertThat(OpenApiContract.operation("POST", "/api/v1/decisions/batch").orElseThrow().template()).isEqualTo("/api/v1/decisions/batch");
        assertThat(OpenApiContract.operation("GET", "/api/v1/decisions/01a2").orElseThrow().template()).isEqualTo("/api/v1/decisions/{id}");
        assertThat(OpenApiContract.operation("GET", "/api/v1/partnership/members?x=1").orElseThrow().template()).isEqualTo("/api/v1/partnership/members");
    }
}
