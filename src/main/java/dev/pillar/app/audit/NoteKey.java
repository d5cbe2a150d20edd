package dev.pillar.app.audit;

import dev.pillar.crypto.Ed25519Keys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 key of the C2SP signed-note format: a name, the 4-byte key id {@code SHA-256(name || 0x0A || 0x01 ||
 * public key)[:4]}, and the 32-byte public key. Its verifier key text is {@code name+hex(keyid)+base64(0x01 ||
 * public key)}, the form Go's {@code golang.org/x/mod/sumdb/note} reads. A key with its private half can also sign.
 */
public final class NoteKey {
    static final byte ED25519 = 0x01;
    // the DER prefixes of an Ed25519 public key (X.509 SubjectPublicKeyInfo) and private key (PKCS#8), RFC 8410

    private final String name;
    private final byte[] publicKey;
    private final byte[] keyId;
    private final PrivateKey privateKey; // null for a verifier

    private NoteKey(String name, byte[] publicKey, PrivateKey privateKey) {
        checkName(name);
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + publicKey.length);
        }
        this.name = name;
        this.publicKey = publicKey.clone();
        this.keyId = keyId(name, ED25519, publicKey);
        this.privateKey = privateKey;
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("+") || name.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("key name '" + name + "' is not valid: a note key name is non-empty, without spaces or '+'");
        }
    }

    static byte[] keyId(String name, byte type, byte[] publicKey) {
        var md = Merkle.sha256();
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
        md.update(type);
        md.update(publicKey);
        return Arrays.copyOf(md.digest(), 4);
    }

    /** A new key pair named {@code name}. */
    public static NoteKey generate(String name) {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new NoteKey(name, Ed25519Keys.raw(kp.getPublic()), kp.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is missing from this JDK", e);
        }
    }

    /** A signing key from its name and 32-byte private seed (as {@link #signerText} writes it). */
    public static NoteKey fromSeed(String name, byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, not " + seed.length);
        }
        try {
            PrivateKey priv = Ed25519Keys.privateKey(seed);
            // derive the public key by signing nothing is not possible with JCA: use the key pair generator's
            // deterministic derivation through a named-parameter spec instead
            byte[] pub = publicFromPrivate(priv, seed);
            return new NoteKey(name, pub, priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    private static byte[] publicFromPrivate(PrivateKey priv, byte[] seed) throws GeneralSecurityException {
        // the JDK generates the same key pair from the same seed when its SecureRandom returns that seed
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(new NamedParameterSpec("Ed25519"), new FixedRandom(seed));
        return Ed25519Keys.raw(g.generateKeyPair().getPublic());
    }

    /** A SecureRandom that returns the given bytes once (to derive a public key from a seed). */
    private static final class FixedRandom extends SecureRandom {
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(out.length, bytes.length));
        }
    }

    /** A verifier key from its text {@code name+hex8+base64(0x01 || key)}. */
    public static NoteKey verifier(String text) {
        String[] parts = text.strip().split("\\+", 3); // base64 may hold '+': only the first two separate
        if (parts.length != 3) {
            throw new IllegalArgumentException("a verifier key is name+keyid+key, e.g. pillar.example/log+1a2b3c4d+AQ...; got '" + text + "'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key part of verifier key '" + parts[0] + "' is not base64");
        }
        if (key.length != 33 || key[0] != ED25519) {
            throw new IllegalArgumentException("verifier key '" + parts[0] + "' is not an Ed25519 key (type 0x01 and 32 bytes)");
        }
        NoteKey k = new NoteKey(parts[0], Arrays.copyOfRange(key, 1, 33), null);
        if (!HexFormat.of().formatHex(k.keyId).equals(parts[1])) {
            throw new IllegalArgumentException("verifier key '" + parts[0] + "' has key id " + parts[1] + " but its key gives "
                    + HexFormat.of().formatHex(k.keyId) + ": the text was changed or mistyped");
        }
        return k;
    }

    public String name() {
        return name;
    }

    byte[] keyIdBytes() {
        return keyId.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public boolean canSign() {
        return privateKey != null;
    }

    /** The verifier key text. */
    public String verifierText() {
        return name + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(concat(new byte[] {ED25519}, publicKey));
    }

    /** The signer key text, {@code PRIVATE+KEY+name+hex8+base64(0x01 || seed)}, as Go's note package writes it. */
    public String signerText() {
        if (privateKey == null) {
            throw new IllegalStateException("key '" + name + "' is a verifier only");
        }
        byte[] pkcs8 = privateKey.getEncoded();
        byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        return "PRIVATE+KEY+" + name + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(concat(new byte[] {ED25519}, seed));
    }

    /** A signing key from the text {@link #signerText} wrote. */
    public static NoteKey signer(String text) {
        String[] parts = text.strip().split("\\+", 5);
        if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
            throw new IllegalArgumentException("a signer key is PRIVATE+KEY+name+keyid+key");
        }
        byte[] key = Base64.getDecoder().decode(parts[4]);
        if (key.length != 33 || key[0] != ED25519) {
            throw new IllegalArgumentException("signer key '" + parts[2] + "' is not an Ed25519 key");
        }
        NoteKey k = fromSeed(parts[2], Arrays.copyOfRange(key, 1, 33));
        if (!HexFormat.of().formatHex(k.keyId).equals(parts[3])) {
            throw new IllegalArgumentException("signer key '" + parts[2] + "' has the wrong key id for its key");
        }
        return k;
    }

    byte[] sign(byte[] message) {
        if (privateKey == null) {
            throw new IllegalStateException("key '" + name + "' is a verifier only");
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    boolean verify(byte[] message, byte[] signature) {
        try {
            PublicKey pub = Ed25519Keys.publicKey(publicKey);
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(pub);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
