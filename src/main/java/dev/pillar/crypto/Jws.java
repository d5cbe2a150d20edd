package dev.pillar.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * RFC 7515 JWS in compact serialisation with {@code "alg":"EdDSA"} (RFC 8037, Ed25519 only). The protected header is
 * {@code {"alg":"EdDSA","kid":KID}} in canonical JSON; the payload is whatever bytes the caller signs (Pillar signs
 * canonical JSON). Parsing refuses anything else: another algorithm (including {@code none}), critical extensions,
 * unencoded payloads, a missing key id.
 */
public final class Jws {
    public static final String ALG = "EdDSA";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Jws() {}

    /** A compact JWS that could be read: its header's key id, the payload and what was signed. */
    public record Parsed(String kid, byte[] payload, byte[] signingInput, byte[] signature) {
        public JsonNode payloadJson() {
            try {
                return JSON.readTree(payload);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("the payload is not JSON: " + e.getOriginalMessage());
            }
        }
    }

    /** Signs {@code payload} with {@code key}; the header names {@code kid}. */
    public static String sign(byte[] payload, String kid, PrivateKey key) {
        String header = CanonicalJson.text(JsonNodeFactory.instance.objectNode().put("alg", ALG).put("kid", kid));
        String input = Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "." + Base64Url.encode(payload);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64Url.encode(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Reads a compact JWS without checking its signature; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Parsed parse(String compact) {
        if (compact == null || compact.isBlank()) {
            throw new IllegalArgumentException("is empty: give the compact JWS (three base64url parts separated by dots)");
        }
        String jws = compact.strip();
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("is not a compact JWS: it has " + parts.length + " parts, a JWS has three separated by dots");
        }
        JsonNode header;
        try {
            header = JSON.readTree(Base64Url.decode(parts[0], "the protected header"));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the protected header is not JSON: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
            throw new IllegalArgumentException("the protected header must be a JSON object");
        }
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isString() || !ALG.equals(alg.asString())) {
            throw new IllegalArgumentException("alg must be \"EdDSA\" (Ed25519), was " + (alg == null ? "absent" : alg));
        }
        if (header.has("crit") || header.has("b64")) {
            throw new IllegalArgumentException("the protected header uses an extension (crit or b64) that Pillar does not accept");
        }
        JsonNode kid = header.get("kid");
        if (kid == null || !kid.isString() || kid.asString().isBlank()) {
            throw new IllegalArgumentException("the protected header must name the signing key in kid");
        }
        byte[] payload = Base64Url.decode(parts[1], "the payload");
        byte[] signature = Base64Url.decode(parts[2], "the signature");
        if (signature.length != 64) {
            throw new IllegalArgumentException("the signature must hold 64 bytes (Ed25519), it holds " + signature.length);
        }
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return new Parsed(kid.asString(), payload, input, signature);
    }

    /** True if the signature of {@code jws} verifies with {@code key}. */
    public static boolean verify(Parsed jws, PublicKey key) {
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(jws.signingInput());
            return v.verify(jws.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
