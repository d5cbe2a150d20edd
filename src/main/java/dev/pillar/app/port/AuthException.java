package dev.pillar.app.port;

/** A token that does not sign anyone in: missing, malformed, expired, wrongly signed or without a known role. */
public final class AuthException extends RuntimeException {
    public AuthException(String message) {
        super(message);
    }
}
