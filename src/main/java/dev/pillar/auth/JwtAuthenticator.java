package dev.pillar.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.pillar.app.port.Accounts;
import dev.pillar.app.port.AuthException;
import dev.pillar.app.port.Authenticator;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks bearer JWTs: signature against a JWKS (the embedded issuer's, or an OIDC issuer's fetched from its
 * {@code jwks_uri}), issuer, audience, expiry; then reads the role from {@code roles} (or Keycloak's
 * {@code realm_access.roles}), and the delegate's country and engineer's organisation from {@code pillar_country} and
 * {@code pillar_organisation}. A token that passed these checks is trusted again for up to 60 seconds (never past its
 * expiry) without repeating the signature check, which dominates the cost of a request. Tokens of the embedded issuer
 * are further checked on every request, cached or not, against the {@link Accounts} (the user must still exist, be
 * enabled and have the token's role, country and organisation, and the token must name the version of the user's record
 * it was made for: a password change, disable or role change advances it, so every earlier token stops).
 */
public final class JwtAuthenticator implements Authenticator {
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    /** null: the token alone decides (an OIDC issuer manages its own users) */
    private final Accounts accounts;
    /** The application's clock: how long a verified token is trusted from the cache. */
    private final Clock clock;

    /** True for the embedded issuer, which signs ECDSA in the low-s form only ({@link EcdsaLowS}). */
    private final boolean lowSOnly;

    private JwtAuthenticator(JWKSource<SecurityContext> keys, String issuer, String audience, Accounts accounts, Clock clock, boolean lowSOnly) {
        this.accounts = accounts;
        this.lowSOnly = lowSOnly;
        this.clock = Objects.requireNonNull(clock, "clock");
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256,
                JWSAlgorithm.ES384, JWSAlgorithm.RS384, JWSAlgorithm.RS512), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), new HashSet<>(List.of("sub", "exp", "iat"))) {
            @Override
            protected java.util.Date currentTime() { // expiry and not-before by the application's clock
                return java.util.Date.from(clock.instant());
            }
        });
    }

    /** Trusts tokens of Pillar's embedded issuer on their own (for tools that hold no user list). */
    public static JwtAuthenticator local(LocalIssuer issuer) {
        return new JwtAuthenticator(new ImmutableJWKSet<>(issuer.jwks()), LocalIssuer.ISSUER, LocalIssuer.AUDIENCE, null, issuer.clock(), true);
    }

    /** Trusts tokens of Pillar's embedded issuer while their users still hold what they say (checked on every call). */
    public static JwtAuthenticator local(LocalIssuer issuer, Accounts accounts) {
        return new JwtAuthenticator(new ImmutableJWKSet<>(issuer.jwks()), LocalIssuer.ISSUER, LocalIssuer.AUDIENCE,
                Objects.requireNonNull(accounts, "accounts"), issuer.clock(), true);
    }

    /** Trusts tokens of an OIDC issuer whose keys are at {@code jwksUri}; {@code audience} is the client id expected. */
    public static JwtAuthenticator oidc(String issuer, String jwksUri, String audience, Clock clock) {
        try {
            return new JwtAuthenticator(JWKSourceBuilder.create(URI.create(jwksUri).toURL()).retrying(true).build(), issuer, audience, null, clock, false);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--oidc-jwks: '" + jwksUri + "' is not a URL", e);
        }
    }

    @Override
    public Principal authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new AuthException("missing bearer token");
        }
        Verified known = verified.get(token);
        long now = clock.millis();
        if (known != null && now < known.until()) {
            return current(known.principal());
        }
        Verified fresh = verify(token, now);
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(token, fresh);
        return current(fresh.principal());
    }

    private Principal current(Principal p) {
        if (accounts != null && !accounts.holds(p)) {
            throw new AuthException("the token's user is disabled or has changed: sign in again");
        }
        return p;
    }

    /** A token whose signature and claims were checked, trusted again until {@code until} (at most its expiry). */
    private record Verified(Principal principal, long until) {}

    private static final long CACHE_MILLIS = 60_000;
    private static final int CACHE_LIMIT = 10_000;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    private Verified verify(String token, long now) {
        if (lowSOnly && EcdsaLowS.highS(token)) { // the embedded issuer signs the low form only (EcdsaLowS)
            throw new AuthException("invalid token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (Exception e) {
            throw new AuthException("invalid token");
        }
        long until = Math.min(now + CACHE_MILLIS, claims.getExpirationTime().getTime());
        Role role = role(claims);
        if (role == null) {
            throw new AuthException("the token carries no Pillar role");
        }
        long credential = -1;
        if (accounts != null) { // the embedded issuer's users: the token names the version of the user's record it was made for
            Object c = claims.getClaim(LocalIssuer.CREDENTIAL_CLAIM);
            if (!(c instanceof Number n) || n.longValue() < 0) {
                throw new AuthException("the token names no credential version (it predates them, or was not made by this server): sign in again");
            }
            credential = n.longValue();
        }
        try {
            return new Verified(new Principal(claims.getSubject(), role, text(claims, "pillar_country"), text(claims, "pillar_organisation"),
                    credential), until);
        } catch (IllegalArgumentException e) {
            throw new AuthException("the token's claims are incomplete: " + e.getMessage());
        }
    }

    private static String text(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Role role(JWTClaimsSet claims) {
        Object roles = claims.getClaim("roles");
        if (roles == null && claims.getClaim("realm_access") instanceof Map<?, ?> realm) {
            roles = realm.get("roles");
        }
        if (roles instanceof List<?> list) {
            // the most privileged known role wins when a token carries several
            Role best = null;
            for (Object o : list) {
                Role r = o instanceof String s ? Role.parse(s) : null;
                if (r != null && (best == null || r.ordinal() < best.ordinal())) {
                    best = r;
                }
            }
            return best;
        }
        return roles instanceof String s ? Role.parse(s) : null;
    }
}
