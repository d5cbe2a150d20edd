package dev.pillar.crypto;

import java.util.Base64;

/** base64url without padding (RFC 7515 section 2), strict: padding, whitespace and other alphabets are refused. */
public final class Base64Url {
    private Base64Url() {}

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Decodes {@code text}; throws {@link IllegalArgumentException} naming {@code what} if it is not base64url. */
    public static byte[] decode(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException(what + " is not base64url (unpadded): unexpected character at position " + i);
            }
        }
        if (text.length() % 4 == 1) {
            throw new IllegalArgumentException(what + " is not base64url: its length " + text.length() + " is impossible");
        }
        return Base64.getUrlDecoder().decode(text);
    }
}
