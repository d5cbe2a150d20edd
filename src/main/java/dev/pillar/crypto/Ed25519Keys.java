package dev.pillar.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ed25519 keys as JWKs (RFC 8037: {@code {"kty":"OKP","crv":"Ed25519","x":...}}, with {@code d} for a private key),
 * converted to and from the JDK's key objects, and their RFC 7638 thumbprints, which Pillar uses as key ids.
 */
public final class Ed25519Keys {
    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 public key (RFC 8410). */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** DER prefix of a PKCS #8 PrivateKeyInfo holding a raw Ed25519 private key (RFC 8410). */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private Ed25519Keys() {}

    /** A private key with its public half and key id, as kept in a delegate's key file. */
    public record SigningKey(String kid, String x, PrivateKey privateKey, PublicKey publicKey) {
        /** The public JWK (no {@code d}), with {@code kid}, {@code alg} and {@code use}. */
        public ObjectNode publicJwk() {
            return jwk(x, kid);
        }
    }

    /** A new random key pair. */
    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String x = Base64Url.encode(raw(pair.getPublic()));
            return new SigningKey(thumbprint(x), x, pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** The 32 raw bytes of an Ed25519 public key. */
    public static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der.length != SPKI_PREFIX.length + 32 || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /** The public key whose 32 raw bytes are base64url {@code x}; throws {@link IllegalArgumentException} if it is not one. */
    public static PublicKey publicKey(String x) {
        byte[] raw = Base64Url.decode(x, "x");
        if (raw.length != 32) {
            throw new IllegalArgumentException("x must hold 32 bytes (an Ed25519 public key), it holds " + raw.length);
        }
        try {
            return publicKey(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("x is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The public key of 32 raw bytes (RFC 8032); throws {@link IllegalArgumentException} if they are not one. */
    public static PublicKey publicKey(byte[] raw) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The private key of a 32-byte seed (RFC 8032); throws {@link IllegalArgumentException} naming {@code d} if it is not one. */
    public static PrivateKey privateKey(byte[] d) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, d)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("d is not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The RFC 7638 thumbprint of the Ed25519 public key {@code x}: base64url SHA-256 of {"crv","kty","x"} in canonical JSON. */
    public static String thumbprint(String x) {
        ObjectNode members = JsonNodeFactory.instance.objectNode().put("crv", "Ed25519").put("kty", "OKP").put("x", x);
        return Base64Url.encode(HexFormat.of().parseHex(CanonicalJson.sha256(members)));
    }

    /** A public JWK for {@code x}. */
    public static ObjectNode jwk(String x, String kid) {
        return JsonNodeFactory.instance.objectNode().put("kty", "OKP").put("crv", "Ed25519").put("x", x)
                .put("kid", kid).put("alg", "EdDSA").put("use", "sig");
    }

    /** The private JWK of a key file: the public JWK plus {@code d}. */
    public static ObjectNode privateJwk(SigningKey key) {
        byte[] d = ((EdECPrivateKey) key.privateKey()).getBytes().orElseThrow(() -> new IllegalStateException("the private key is not extractable"));
        return key.publicJwk().put("d", Base64Url.encode(d));
    }

    /**
     * Reads a private JWK (a delegate's key file). Checks the type, that {@code d} and {@code x} are one key pair and that
     * {@code kid}, when present, is the thumbprint; throws {@link IllegalArgumentException} naming the field otherwise.
     */
    public static SigningKey readPrivate(JsonNode jwk) {
        if (jwk == null || !jwk.isObject()) {
            throw new IllegalArgumentException("a key file holds one JSON object (a JWK)");
        }
        if (!"OKP".equals(text(jwk, "kty")) || !"Ed25519".equals(text(jwk, "crv"))) {
            throw new IllegalArgumentException("kty/crv: the key must be an Ed25519 key (\"kty\":\"OKP\",\"crv\":\"Ed25519\")");
        }
        String x = text(jwk, "x");
        String dText = text(jwk, "d");
        if (dText == null) {
            throw new IllegalArgumentException("d: the key file holds no private key (a public JWK cannot sign)");
        }
        byte[] d = Base64Url.decode(dText, "d");
        if (d.length != 32) {
            throw new IllegalArgumentException("d must hold 32 bytes, it holds " + d.length);
        }
        PublicKey pub = publicKey(x);
        PrivateKey priv = privateKey(d);
        if (!pairs(priv, pub)) {
            throw new IllegalArgumentException("x is not the public half of d: the key file is damaged");
        }
        String kid = thumbprint(x);
        String given = text(jwk, "kid");
        if (given != null && !given.equals(kid)) {
            throw new IllegalArgumentException("kid '" + given + "' is not the key's thumbprint (" + kid + ")");
        }
        return new SigningKey(kid, x, priv, pub);
    }

    private static boolean pairs(PrivateKey priv, PublicKey pub) {
        try {
            byte[] probe = "pillar key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(priv);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(pub);
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isString() ? v.asString() : null;
    }
}
