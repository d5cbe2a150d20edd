package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The label operations of the API as a security officer uses them: the world's national SPIFs, validity, markings, the
 * access decision, translation between the AUKUS policies, who may read a label, and bad labels refused with the
 * field and element at fault.
 */
class LabelsApiTest {
    static final String USA_OID = "2.25.225772873714693205451231710551442976313";
    static final String GBR_OID = "2.25.126362250775823874839668699754227339170";
    /** SECRET//REL TO USA, GBR under the built-in world's US SPIF (USA is lacv 1, GBR lacv 81 of its Releasable To tag set). */
    static final String US_SECRET_REL_USA_GBR = "<label xmlns='http://surevine.com/xmlns/spiffy'><policy id='" + USA_OID + "'/>"
            + "<classification lacv='3'/><tag type='enumeratedPermissive' id='" + USA_OID + ".1' lacv='1'/>"
            + "<tag type='enumeratedPermissive' id='" + USA_OID + ".1' lacv='81'/></label>";
    static final String US_SECRET_CLEARANCE = "<clearance xmlns='http://surevine.com/xmlns/spiffy'><policy id='" + USA_OID + "'/>"
            + "<classification lacv='3'/><tag type='enumeratedPermissive' id='" + USA_OID + ".1' lacv='81'/></clearance>";

    @TempDir
    static Path data;
    static ApiServer app;
    static String officer;

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
        officer = app.token("compliance-officer");
    }

    @AfterAll
    static void stop() {
        app.closeCheckingContract();
    }

    @Test
    void theWorldsNationalPoliciesAreListed() {
        JsonNode p = app.get("/api/v1/labels/policies", officer).json();
        assertThat(p).hasSize(3);
        assertThat(p.get(0).get("scheme").asString()).isEqualTo("USA");
        assertThat(p.get(0).get("id").asString()).isEqualTo(USA_OID);
        assertThat(p.get(0).get("illustrative").asBoolean()).isTrue();
        assertThat(p.get(0).get("classifications").get(0).get("requiresClearance").asBoolean()).isFalse();
        assertThat(p.get(2).get("classifications").get(1).get("name").asString()).isEqualTo("PROTECTED");
    }

    @Test
    void validateAndMarkAUsLabel() {
        JsonNode v = app.post("/api/v1/labels/validate", officer, ApiServer.json("label", US_SECRET_REL_USA_GBR)).json();
        assertThat(v.get("valid").asBoolean()).isTrue();
        assertThat(v.get("marking").asString()).isEqualTo("SECRET//REL TO USA, GBR");
        JsonNode m = app.post("/api/v1/labels/mark", officer, ApiServer.json("clearance", US_SECRET_CLEARANCE)).json();
        assertThat(m.get("marking").asString()).isEqualTo("{SECRET}//REL TO GBR");
    }

    @Test
    void theAccessDecisionAndTranslation() {
        JsonNode granted = app.post("/api/v1/labels/acdf", officer, ApiServer.json("label", US_SECRET_REL_USA_GBR, "clearance", US_SECRET_CLEARANCE)).json();
        assertThat(granted.get("granted").asBoolean()).isTrue();
        String confidential = US_SECRET_CLEARANCE.replace("lacv='3'", "lacv='2'");
        JsonNode denied = app.post("/api/v1/labels/acdf", officer, ApiServer.json("label", US_SECRET_REL_USA_GBR, "clearance", confidential)).json();
        assertThat(denied.get("granted").asBoolean()).isFalse();
        assertThat(denied.get("reasons").get(0).asString()).contains("does not hold the classification 'SECRET'");
        JsonNode t = app.post("/api/v1/labels/translate", officer, ApiServer.json("label", US_SECRET_REL_USA_GBR, "to", GBR_OID, "syntax", "4774")).json();
        assertThat(t.get("marking").asString()).isEqualTo("SECRET - UK/US EYES ONLY");
        assertThat(t.get("valid").asBoolean()).isTrue();
        assertThat(t.get("label").asString()).contains("urn:nato:stanag:4774:confidentialitymetadatalabel:1:0", "<GenericValue>GBR</GenericValue>");
        JsonNode across = app.post("/api/v1/labels/acdf", officer, ApiServer.json("label", t.get("label").asString(), "clearance", US_SECRET_CLEARANCE)).json();
        assertThat(across.get("translatedFrom").asString()).isEqualTo(GBR_OID);
        assertThat(across.get("granted").asBoolean()).isTrue();
    }

    @Test
    void whoMayReadALabel() {
        JsonNode r = app.post("/api/v1/labels/readers", officer, ApiServer.json("label", US_SECRET_REL_USA_GBR, "asOf", "2025-06-01")).json();
        assertThat(r.get("marking").asString()).isEqualTo("SECRET//REL TO USA, GBR");
        List<String> granted = new ArrayList<>();
        r.get("readers").forEach(p -> {
            if (p.get("granted").asBoolean()) {
                granted.add(p.get("person").asString());
            }
        });
        assertThat(granted).containsExactlyInAnyOrder("p-usa-engineer", "p-gbr-engineer", "p-gbr-thames");
        JsonNode aus = find(r, "p-aus-engineer");
        assertThat(aus.get("reasons").toString()).contains("as a AUS citizen", "'Releasable To'");
        assertThat(find(r, "p-can-researcher").get("reasons").toString()).contains("no clearance valid on 2025-06-01");
        assertThat(find(r, "p-gbr-chn-dual").get("reasons").toString()).contains("as a CHN citizen");
    }

    private static JsonNode find(JsonNode readers, String id) {
        for (JsonNode p : readers.get("readers")) {
            if (p.get("person").asString().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no reader " + id);
    }

    @Test
    void badLabelsAreRefusedNamingTheFieldAndTheElement() {
        ApiServer.Response unknownPolicy = app.post("/api/v1/labels/validate", officer, ApiServer.json("label", US_SECRET_REL_USA_GBR.replace(USA_OID + "'/>", "9.9'/>")));
        assertThat(unknownPolicy.status()).isEqualTo(400);
        assertThat(unknownPolicy.json().get("field").asString()).isEqualTo("label");
        assertThat(unknownPolicy.json().get("detail").asString()).contains("Unknown policy id: 9.9");
        ApiServer.Response xxe = app.post("/api/v1/labels/mark", officer, ApiServer.json("label",
                "<!DOCTYPE l [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><label xmlns='http://surevine.com/xmlns/spiffy'>&x;</label>"));
        assertThat(xxe.status()).isEqualTo(400);
        assertThat(xxe.json().get("detail").asString()).contains("document type declaration").doesNotContain("root:");
        ApiServer.Response noforn = app.post("/api/v1/labels/translate", officer, ApiServer.json("label",
                "<label xmlns='http://surevine.com/xmlns/spiffy'><policy id='" + USA_OID + "'/><classification lacv='3'/>"
                        + "<tag type='restrictive' id='" + USA_OID + ".2' lacv='1'/></label>", "to", GBR_OID));
        assertThat(noforn.status()).isEqualTo(400);
        assertThat(noforn.json().get("detail").asString()).contains("No equivalence for category 'NOFORN'");
        ApiServer.Response unknownField = app.post("/api/v1/labels/validate", officer, ApiServer.json("label", US_SECRET_REL_USA_GBR, "colour", "red"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("field").asString()).isEqualTo("colour");
        ApiServer.Response badSpif = app.post("/api/v1/labels/validate", officer, "{\"label\":\"<label/>\",\"spifs\":[\"<SPIF/>\"]}");
        assertThat(badSpif.status()).isEqualTo(400);
        assertThat(badSpif.json().get("field").asString()).isEqualTo("spifs[0]");
        assertThat(badSpif.json().get("detail").asString()).contains("securityPolicyId");
    }

    @Test
    void anEngineerMayNotAskWhoMayReadALabel() {
        ApiServer.Response r = app.post("/api/v1/labels/readers", app.token("engineer"), ApiServer.json("label", US_SECRET_REL_USA_GBR));
        assertThat(r.status()).isEqualTo(403);
    }
}
