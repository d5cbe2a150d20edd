package dev.pillar.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.pillar.app.port.AuthException;
import dev.pillar.app.port.Authenticator;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.crypto.Passwords;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in with bearer JWTs: Pillar's embedded issuer, and an external OIDC issuer (a Keycloak-shaped token, RS256,
 * roles in realm_access) whose JWKS is served on loopback.
 */
class JwtAuthenticatorTest {
    private static final String OIDC_ISSUER = "http://127.0.0.1/realms/pillar";
    private static HttpServer jwksServer;
    private static RSAKey oidcKey;
    private static String jwksUrl;

    @BeforeAll
    static void startJwks() throws Exception {
        oidcKey = new RSAKeyGenerator(2048).keyID("kc-1").generate();
        byte[] jwks = new JWKSet(oidcKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/certs", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, jwks.length);
            ex.getResponseBody().write(jwks);
            ex.close();
        });
        jwksServer.start();
        jwksUrl = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/certs";
    }

    @AfterAll
    static void stopJwks() {
        jwksServer.stop(0);
    }

    private static String oidcToken(Map<String, Object> claims, String issuer, String audience, Instant expires) throws Exception {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("kc-user")
                .issueTime(Date.from(Instant.now())).expirationTime(Date.from(expires));
        claims.forEach(b::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("kc-1").build(), b.build());
        jwt.sign(new RSASSASigner(oidcKey));
        return jwt.serialize();
    }

    @Test
    void theEmbeddedIssuersTokensSignIn() {
        LocalIssuer issuer = LocalIssuer.ephemeral(java.time.Clock.systemUTC());
        Authenticator auth = JwtAuthenticator.local(issuer);
        Principal p = auth.authenticate(issuer.issue(new Principal("eve", Role.ENGINEER, null, "GB-BRITANNIA-SONAR"), Duration.ofMinutes(5)));
        assertThat(p).isEqualTo(new Principal("eve", Role.ENGINEER, null, "GB-BRITANNIA-SONAR"));
        Principal d = auth.authenticate(issuer.issue(new Principal("dan", Role.DELEGATE, "GBR", null), Duration.ofMinutes(5)));
        assertThat(d.country()).isEqualTo("GBR");
    }

    /** The other spelling of an ECDSA signature (r, n - s): valid ECDSA, but not the form the embedded issuer signs. */
    static String flipS(String compact) {
        int dot = compact.lastIndexOf('.');
        byte[] sig = java.util.Base64.getUrlDecoder().decode(compact.substring(dot + 1));
        java.math.BigInteger n = new java.math.BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
        java.math.BigInteger s = n.subtract(new java.math.BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64)));
        byte[] b = s.toByteArray();
        byte[] out = java.util.Arrays.copyOf(sig, 64);
        java.util.Arrays.fill(out, 32, 64, (byte) 0);
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, 64 - len, len);
        return compact.substring(0, dot + 1) + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    @Test
    void theEmbeddedIssuersTokensHaveOneSpellingOnly() throws Exception {
        LocalIssuer issuer = LocalIssuer.ephemeral(java.time.Clock.systemUTC());
        Authenticator auth = JwtAuthenticator.local(issuer);
        for (int i = 0; i < 40; i++) { // random ECDSA nonces: about half of the raw signatures are high-s
            String token = issuer.issue(new Principal("eve-" + i, Role.ENGINEER, null, "GB-BRITANNIA-SONAR"), Duration.ofMinutes(5));
            assertThat(auth.authenticate(token).subject()).isEqualTo("eve-" + i);
            String other = flipS(token);
            // the flipped signature still verifies as ECDSA, and is refused
            assertThat(com.nimbusds.jwt.SignedJWT.parse(other).verify(new com.nimbusds.jose.crypto.ECDSAVerifier(issuer.jwks().getKeys().get(0).toECKey())))
                    .isTrue();
            assertThatThrownBy(() -> auth.authenticate(other)).isInstanceOf(AuthException.class);
        }
    }

    @Test
    void aCachedTokenIsRefusedOnceItsUserNoLongerHoldsItsClaims() {
        LocalIssuer issuer = LocalIssuer.ephemeral(java.time.Clock.systemUTC());
        java.util.concurrent.atomic.AtomicReference<Principal> user = new java.util.concurrent.atomic.AtomicReference<>(
                new Principal("eve", Role.ENGINEER, null, "GB-BRITANNIA-SONAR", 0));
        Authenticator auth = JwtAuthenticator.local(issuer, p -> p.equals(user.get()));
        String token = issuer.issue(user.get(), Duration.ofMinutes(5));
        assertThat(auth.authenticate(token).subject()).isEqualTo("eve");
        assertThat(auth.authenticate(token).subject()).isEqualTo("eve"); // from the cache
        user.set(new Principal("eve", Role.SECRETARIAT, null, null, 0)); // role changed
        assertThatThrownBy(() -> auth.authenticate(token)).isInstanceOf(AuthException.class).hasMessageContaining("sign in again");
        user.set(new Principal("eve", Role.ENGINEER, null, "AU-OTHER-ORG", 0)); // moved to another organisation
        assertThatThrownBy(() -> auth.authenticate(token)).isInstanceOf(AuthException.class);
        user.set(null); // disabled or removed
        assertThatThrownBy(() -> auth.authenticate(token)).isInstanceOf(AuthException.class);
        user.set(new Principal("eve", Role.ENGINEER, null, "GB-BRITANNIA-SONAR", 0)); // restored as the token says
        assertThat(auth.authenticate(token).organisation()).isEqualTo("GB-BRITANNIA-SONAR");
        // a token without the credential version (made before them, or for a principal not backed by a user) is refused
        String versionless = issuer.issue(new Principal("eve", Role.ENGINEER, null, "GB-BRITANNIA-SONAR"), Duration.ofMinutes(5));
        assertThatThrownBy(() -> auth.authenticate(versionless)).isInstanceOf(AuthException.class).hasMessageContaining("credential version");
    }

    @Test
    void anotherIssuersKeyExpiryAndGarbageAreRefused() {
        LocalIssuer issuer = LocalIssuer.ephemeral(java.time.Clock.systemUTC());
        Authenticator auth = JwtAuthenticator.local(issuer);
        String foreign = LocalIssuer.ephemeral(java.time.Clock.systemUTC()).issue(new Principal("mallory", Role.ADMIN, null, null), Duration.ofMinutes(5));
        assertThatThrownBy(() -> auth.authenticate(foreign)).isInstanceOf(AuthException.class);
        String expired = issuer.issue(new Principal("old", Role.ADMIN, null, null), Duration.ofSeconds(-120));
        assertThatThrownBy(() -> auth.authenticate(expired)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> auth.authenticate("not.a.jwt")).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> auth.authenticate(null)).isInstanceOf(AuthException.class).hasMessageContaining("missing");
        String token = issuer.issue(new Principal("eve", Role.ADMIN, null, null), Duration.ofMinutes(5));
        String tampered = token.substring(0, token.indexOf('.') + 1) + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"eve\",\"roles\":[\"admin\"],\"iss\":\"urn:pillar:local\",\"aud\":\"pillar\",\"exp\":9999999999,\"iat\":1}".getBytes(StandardCharsets.UTF_8))
                + token.substring(token.lastIndexOf('.'));
        assertThatThrownBy(() -> auth.authenticate(tampered)).isInstanceOf(AuthException.class);
    }

    @Test
    void anOidcIssuersTokensSignInWithKeycloakRoles() throws Exception {
        Authenticator auth = JwtAuthenticator.oidc(OIDC_ISSUER, jwksUrl, "pillar-console", java.time.Clock.systemUTC());
        String token = oidcToken(Map.of("realm_access", Map.of("roles", List.of("offline_access", "compliance-officer"))),
                OIDC_ISSUER, "pillar-console", Instant.now().plusSeconds(300));
        Principal p = auth.authenticate(token);
        assertThat(p.subject()).isEqualTo("kc-user");
        assertThat(p.role()).isEqualTo(Role.COMPLIANCE_OFFICER);
    }

    @Test
    void oidcTokensForAnotherAudienceOrIssuerOrWithoutRoleAreRefused() throws Exception {
        Authenticator auth = JwtAuthenticator.oidc(OIDC_ISSUER, jwksUrl, "pillar-console", java.time.Clock.systemUTC());
        Map<String, Object> roles = Map.of("roles", List.of("secretariat"));
        assertThatThrownBy(() -> auth.authenticate(oidcToken(roles, OIDC_ISSUER, "other-app", Instant.now().plusSeconds(300))))
                .isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> auth.authenticate(oidcToken(roles, "http://evil/realms/x", "pillar-console", Instant.now().plusSeconds(300))))
                .isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> auth.authenticate(oidcToken(Map.of("roles", List.of("offline_access")), OIDC_ISSUER, "pillar-console",
                Instant.now().plusSeconds(300)))).isInstanceOf(AuthException.class).hasMessageContaining("no Pillar role");
        assertThatThrownBy(() -> auth.authenticate(oidcToken(Map.of("roles", List.of("engineer")), OIDC_ISSUER, "pillar-console",
                Instant.now().plusSeconds(300)))).isInstanceOf(AuthException.class).hasMessageContaining("organisation");
    }

    @Test
    void passwordsHashAndVerify() {
        String h = Passwords.hash("correct horse battery".toCharArray());
        assertThat(h).startsWith("pbkdf2-sha256$");
        assertThat(Passwords.verify("correct horse battery".toCharArray(), h)).isTrue();
        assertThat(Passwords.verify("wrong".toCharArray(), h)).isFalse();
        assertThat(Passwords.verify("x".toCharArray(), "garbage")).isFalse();
        assertThat(Passwords.hash("same".toCharArray())).isNotEqualTo(Passwords.hash("same".toCharArray()));
        assertThat(Passwords.generate()).hasSize(20);
    }

    @Test
    void issuerKeysPersistWithOwnerOnlyPermissions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path key = dir.resolve("issuer-key.json");
        LocalIssuer a = LocalIssuer.open(key, java.time.Clock.systemUTC());
        String token = a.issue(new Principal("admin", Role.ADMIN, null, null), Duration.ofMinutes(1));
        LocalIssuer b = LocalIssuer.open(key, java.time.Clock.systemUTC());
        assertThat(JwtAuthenticator.local(b).authenticate(token).subject()).isEqualTo("admin");
        assertThat(java.nio.file.Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }
}
