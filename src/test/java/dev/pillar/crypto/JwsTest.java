package dev.pillar.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Compact JWS with EdDSA, against RFC 8037's Ed25519 example (Appendix A) and the refusals a verifier must make. */
class JwsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** RFC 8037 A.1: the example private key. */
    static final String RFC_KEY = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
            + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
    /** RFC 8037 A.4: the JWS of "Example of Ed25519 signing" with header {"alg":"EdDSA"}. */
    static final String RFC_JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
            + "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    @Test
    void rfc8037Example() throws Exception {
        Ed25519Keys.SigningKey key = Ed25519Keys.readPrivate(JSON.readTree(RFC_KEY));
        assertThat(key.kid()).as("A.3 thumbprint").isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
        String[] parts = RFC_JWS.split("\\.");
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.privateKey());
        s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64Url.encode(s.sign())).as("Ed25519 is deterministic: A.4 signature").isEqualTo(parts[2]);
        Jws.Parsed parsed = new Jws.Parsed(null, Base64Url.decode(parts[1], "payload"),
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), Base64Url.decode(parts[2], "signature"));
        assertThat(Jws.verify(parsed, Ed25519Keys.publicKey(key.x()))).isTrue();
        assertThat(new String(parsed.payload(), StandardCharsets.UTF_8)).isEqualTo("Example of Ed25519 signing");
    }

    @Test
    void signThenVerify() {
        Ed25519Keys.SigningKey key = Ed25519Keys.generate();
        byte[] payload = CanonicalJson.bytes(JSON.readTree("{\"b\":1,\"a\":\"x\"}"));
        String jws = Jws.sign(payload, key.kid(), key.privateKey());
        Jws.Parsed p = Jws.parse(jws);
        assertThat(p.kid()).isEqualTo(key.kid());
        assertThat(new String(p.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"x\",\"b\":1}");
        assertThat(Jws.verify(p, key.publicKey())).isTrue();
        assertThat(Jws.verify(p, Ed25519Keys.generate().publicKey())).as("another key").isFalse();
        String header = jws.substring(0, jws.indexOf('.'));
        assertThat(new String(Base64Url.decode(header, "h"), StandardCharsets.UTF_8)).isEqualTo("{\"alg\":\"EdDSA\",\"kid\":\"" + key.kid() + "\"}");
    }

    @Test
    void anAlteredPayloadOrSignatureDoesNotVerify() {
        Ed25519Keys.SigningKey key = Ed25519Keys.generate();
        String jws = Jws.sign("{\"choice\":\"APPROVE\"}".getBytes(StandardCharsets.UTF_8), key.kid(), key.privateKey());
        String[] parts = jws.split("\\.");
        String altered = parts[0] + "." + Base64Url.encode("{\"choice\":\"OBJECT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(Jws.verify(Jws.parse(altered), key.publicKey())).isFalse();
        char last = parts[2].charAt(0);
        String badSig = parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThat(Jws.verify(Jws.parse(badSig), key.publicKey())).isFalse();
    }

    @Test
    void refusesWhatIsNotAnEdDsaCompactJwsWithAKeyId() {
        String payload = Base64Url.encode("{}".getBytes(StandardCharsets.UTF_8));
        String sig = Base64Url.encode(new byte[64]);
        assertThatThrownBy(() -> Jws.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Jws.parse("a.b")).hasMessageContaining("three");
        assertThatThrownBy(() -> Jws.parse(header("{\"alg\":\"none\",\"kid\":\"k\"}") + "." + payload + ".")).hasMessageContaining("EdDSA");
        assertThatThrownBy(() -> Jws.parse(header("{\"alg\":\"HS256\",\"kid\":\"k\"}") + "." + payload + "." + sig)).hasMessageContaining("EdDSA");
        assertThatThrownBy(() -> Jws.parse(header("{\"alg\":\"EdDSA\"}") + "." + payload + "." + sig)).hasMessageContaining("kid");
        assertThatThrownBy(() -> Jws.parse(header("{\"alg\":\"EdDSA\",\"kid\":\"k\",\"crit\":[\"exp\"]}") + "." + payload + "." + sig))
                .hasMessageContaining("crit");
        assertThatThrownBy(() -> Jws.parse(header("{\"alg\":\"EdDSA\",\"kid\":\"k\"}") + "." + payload + "." + Base64Url.encode(new byte[10])))
                .hasMessageContaining("64 bytes");
        assertThatThrownBy(() -> Jws.parse(header("{\"alg\":\"EdDSA\",\"kid\":\"k\"}") + "=." + payload + "." + sig)).hasMessageContaining("base64url");
    }

    private static String header(String json) {
        return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keyFilesRoundTripAndDamagedOnesAreRefused() {
        Ed25519Keys.SigningKey key = Ed25519Keys.generate();
        ObjectNode file = Ed25519Keys.privateJwk(key);
        Ed25519Keys.SigningKey read = Ed25519Keys.readPrivate(file);
        assertThat(read.kid()).isEqualTo(key.kid());
        assertThat(read.x()).isEqualTo(key.x());
        assertThat(key.publicJwk().has("d")).isFalse();

        ObjectNode other = Ed25519Keys.privateJwk(Ed25519Keys.generate());
        assertThatThrownBy(() -> Ed25519Keys.readPrivate(file.deepCopy().put("x", other.get("x").asString()))).hasMessageContaining("public half");
        assertThatThrownBy(() -> Ed25519Keys.readPrivate(key.publicJwk())).hasMessageContaining("no private key");
        assertThatThrownBy(() -> Ed25519Keys.readPrivate(file.deepCopy().put("kid", "someone-else"))).hasMessageContaining("thumbprint");
        assertThatThrownBy(() -> Ed25519Keys.readPrivate(file.deepCopy().put("crv", "P-256"))).hasMessageContaining("Ed25519");
        assertThatThrownBy(() -> Ed25519Keys.publicKey("AAAA")).hasMessageContaining("32 bytes");
    }
}
