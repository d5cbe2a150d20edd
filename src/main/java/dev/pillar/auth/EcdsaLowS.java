package dev.pillar.auth;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * ECDSA signature malleability: if (r, s) is a valid signature, so is (r, n - s), so a JWS has two valid signature
 * strings for the same content. The embedded issuer signs only the low form (s at most n / 2, as Bitcoin's BIP 62 and
 * libsecp256k1 require) and Pillar accepts only that form from it, so one token has exactly one spelling. Tokens of an
 * OIDC issuer are accepted in either form (RFC 7518 requires neither, and common issuers make both).
 */
public final class EcdsaLowS {
    private static final BigInteger P256_N = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger P384_N = new BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", 16);

    private EcdsaLowS() {}

    /** The curve order for a JWS signature of {@code length} bytes (R || S), or null if it is not ES256 or ES384. */
    private static BigInteger order(int length) {
        return length == 64 ? P256_N : length == 96 ? P384_N : null;
    }

    /** True if the compact JWS carries an ECDSA (ES256/ES384) signature in the high form. */
    public static boolean highS(String compact) {
        byte[] sig = signature(compact);
        BigInteger n = sig == null ? null : order(sig.length);
        if (n == null) {
            return false;
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, sig.length / 2, sig.length));
        return s.compareTo(n.shiftRight(1)) > 0;
    }

    /** The compact JWS with its ECDSA signature in the low form (unchanged if it is already, or not ECDSA). */
    public static String lowS(String compact) {
        if (!highS(compact)) {
            return compact;
        }
        byte[] sig = signature(compact);
        int half = sig.length / 2;
        BigInteger n = order(sig.length);
        BigInteger s = n.subtract(new BigInteger(1, Arrays.copyOfRange(sig, half, sig.length)));
        byte[] sBytes = s.toByteArray();
        byte[] out = Arrays.copyOf(sig, sig.length);
        Arrays.fill(out, half, sig.length, (byte) 0);
        int len = Math.min(sBytes.length, half);
        System.arraycopy(sBytes, sBytes.length - len, out, sig.length - len, len);
        return compact.substring(0, compact.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    private static byte[] signature(String compact) {
        int dot = compact.lastIndexOf('.');
        if (dot < 0 || compact.indexOf('.') == dot) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(compact.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
