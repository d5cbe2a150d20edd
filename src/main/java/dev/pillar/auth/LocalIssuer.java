package dev.pillar.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.TokenIssuer;
import dev.pillar.crypto.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Pillar's embedded token issuer for a single-machine start: an ES256 key kept in the data directory (readable by the
 * owner only), created on first use. Tokens carry {@code roles}, {@code pillar_country} and
 * {@code pillar_organisation} claims; the public key is published as a JWKS.
 */
public final class LocalIssuer implements TokenIssuer {
    public static final String ISSUER = "urn:pillar:local";
    public static final String AUDIENCE = "pillar";

    private final ECKey key;
    private final Clock clock;

    private LocalIssuer(ECKey key, Clock clock) {
        this.key = key;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The clock tokens are issued by (and the authenticators of this issuer check the cache by). */
    public Clock clock() {
        return clock;
    }

    /** Loads the key from {@code keyFile}, or creates it (mode 0600) if absent. */
    public static LocalIssuer open(Path keyFile, Clock clock) {
        try {
            if (Files.exists(keyFile)) {
                return new LocalIssuer(ECKey.parse(Files.readString(keyFile)), clock);
            }
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).algorithm(JWSAlgorithm.ES256).generate();
            KeyFiles.writePrivate(keyFile, key.toJSONString());
            return new LocalIssuer(key, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot read the issuer key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** A key that lives only in memory (tests), issuing by {@code clock}. */
    public static LocalIssuer ephemeral(Clock clock) {
        try {
            return new LocalIssuer(new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).algorithm(JWSAlgorithm.ES256).generate(), clock);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }


    /** The claim naming the version of the user's record a token was issued for (see {@link Principal#credential()}). */
    public static final String CREDENTIAL_CLAIM = "pillar_credential";

    /** A signed token for {@code p}, valid for {@code ttl}. */
    @Override
    public String issue(Principal p, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(p.subject())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString()).claim("roles", List.of(p.role().claim()));
        if (p.country() != null) {
            claims.claim("pillar_country", p.country());
        }
        if (p.organisation() != null) {
            claims.claim("pillar_organisation", p.organisation());
        }
        if (p.credential() >= 0) {
            claims.claim(CREDENTIAL_CLAIM, p.credential());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims.build());
            jwt.sign(new ECDSASigner(key));
            return EcdsaLowS.lowS(jwt.serialize()); // one spelling per token: the low-s form, the only one accepted from it
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String jwksJson() {
        return jwks().toString();
    }

    /** The public keys as a JWK set. */
    public JWKSet jwks() {
        return new JWKSet(key.toPublicJWK());
    }
}
