package dev.pillar.app.port;


/** Turns a bearer token into a {@link Principal}, or refuses it. */
public interface Authenticator {
    Principal authenticate(String bearerToken);
}
