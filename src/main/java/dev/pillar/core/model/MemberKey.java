package dev.pillar.core.model;

import java.util.regex.Pattern;

/**
 * A core member's public signing key (Ed25519, its 32 bytes as base64url {@code x}), named by {@code kid} (its JWK
 * thumbprint) and valid over an interval of days (UTC). A member's delegate signs its votes with the private half.
 * Rotation adds a new key; an old key keeps its interval, so votes signed with it stay verifiable.
 */
public record MemberKey(Country country, String kid, String x, Interval interval, Source source) implements Dated {
    private static final Pattern B64URL = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    public MemberKey {
        Check.present("country", country);
        Check.text("kid", kid);
        Check.that(B64URL.matcher(kid).matches(), "kid", "'" + kid + "' is not a key id: use the key's JWK thumbprint (base64url)");
        Check.text("x", x);
        Check.that(B64URL.matcher(x).matches(), "x", "must be the public key as unpadded base64url");
        Check.present("interval", interval);
    }
}
