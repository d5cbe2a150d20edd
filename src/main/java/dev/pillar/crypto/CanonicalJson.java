package dev.pillar.crypto;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Canonicalization Scheme of RFC 8785: object properties sorted by their names' UTF-16 code units, no
 * whitespace, strings escaped as ECMAScript's {@code JSON.stringify} does, numbers written as ECMAScript writes an
 * IEEE 754 double. The canonical form of a value is what Pillar signs and digests, so that any party re-creates the
 * same bytes from the same data.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /** A value that has no canonical form: NaN or an infinite number, or a string that is not valid Unicode. */
    public static final class NotCanonicalisable extends IllegalArgumentException {
        NotCanonicalisable(String message) {
            super(message);
        }
    }

    /** The canonical text of {@code value}. */
    public static String text(JsonNode value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out, "");
        return out.toString();
    }

    /** The canonical form as UTF-8 bytes (what is signed). */
    public static byte[] bytes(JsonNode value) {
        return text(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The SHA-256 digest of the canonical form, as 64 lower-case hex digits. */
    public static String sha256(JsonNode value) {
        return sha256(bytes(value));
    }

    /** The SHA-256 digest of {@code bytes}, as 64 lower-case hex digits. */
    public static String sha256(byte[] bytes) {
        MessageDigest md = SHA256.get();
        md.reset();
        return HEX.formatHex(md.digest(bytes));
    }

    /** One digest per thread: looking SHA-256 up (provider and algorithm-constraint checks) costs more than hashing a decision. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

    private static void write(JsonNode n, StringBuilder out, String path) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            out.append("null");
        } else if (n.isBoolean()) {
            out.append(n.booleanValue() ? "true" : "false");
        } else if (n.isNumber()) {
            out.append(number(n.doubleValue(), path));
        } else if (n.isString()) {
            string(n.asString(), out, path);
        } else if (n.isArray()) {
            out.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(n.get(i), out, path + "[" + i + "]");
            }
            out.append(']');
        } else if (n.isObject()) {
            List<String> names = new ArrayList<>(n.propertyNames());
            names.sort(null); // String.compareTo compares UTF-16 code units, as RFC 8785 section 3.2.3 asks
            out.append('{');
            boolean first = true;
            for (String name : names) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(name, out, path);
                out.append(':');
                write(n.get(name), out, path.isEmpty() ? name : path + "." + name);
            }
            out.append('}');
        } else {
            throw new NotCanonicalisable((path.isEmpty() ? "the value" : path) + ": " + n.getNodeType() + " has no JSON form");
        }
    }

    private static void string(String s, StringBuilder out, String path) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new NotCanonicalisable((path.isEmpty() ? "a string" : path) + ": holds a lone surrogate (U+"
                                + HexFormat.of().withUpperCase().toHexDigits(c) + "), which is not Unicode text");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The one-digit decimal (as digits, "10" when rounding up from 9) that reads back as d and is nearest it, or null. */
    private static String oneDigit(double d, String two, int n) {
        int first = two.charAt(0) - '0';
        BigDecimal exact = new BigDecimal(d);
        String best = null;
        BigDecimal bestDistance = null;
        for (int digit : new int[] {first, first + 1}) {
            String text = digit + "E" + (n - 1);
            if (Double.parseDouble(text) == d) {
                BigDecimal distance = new BigDecimal(text).subtract(exact).abs();
                if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
                    best = Integer.toString(digit);
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    /** {@code d} as ECMAScript's Number.prototype.toString writes it (RFC 8785 section 3.2.2.3). */
    public static String number(double d) {
        return number(d, "");
    }

    private static String number(double d, String path) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new NotCanonicalisable((path.isEmpty() ? "a number" : path) + ": " + d + " is not allowed in canonical JSON");
        }
        if (d == 0) {
            return "0"; // also -0
        }
        if (d < 0) {
            return "-" + number(-d, path);
        }
        // Double.toString gives the shortest decimal that reads back as d (JDK 19 and later); take its digits and exponent.
        String java = Double.toString(d);
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int point = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.length());
        digits.append(mantissa, 0, point).append(mantissa, point + 1, mantissa.length());
        int n = point + exponent; // value = 0.DIGITS x 10^n
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits.delete(0, lead);
        n -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        String s = digits.substring(0, end);
        if (s.length() == 2) {
            // Double.toString writes two digits where one would do (4.9E-324, not 5.0E-324); ECMAScript wants the
            // shortest, and of two one-digit candidates that both read back as d, the nearer one.
            String one = oneDigit(d, s, n);
            if (one != null) {
                n += one.length() - 1; // "10" (9.6 rounded up) moves the point
                s = one.substring(0, 1);
            }
        }
        int k = s.length();
        StringBuilder out = new StringBuilder(k + 8);
        if (k <= n && n <= 21) {
            out.append(s).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(s, 0, n).append('.').append(s, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(s);
        } else {
            int exp = n - 1;
            out.append(s.charAt(0));
            if (k > 1) {
                out.append('.').append(s, 1, k);
            }
            out.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
        }
        return out.toString();
    }
}
