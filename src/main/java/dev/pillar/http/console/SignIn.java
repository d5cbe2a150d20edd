package dev.pillar.http.console;

import dev.pillar.app.port.Principal;

/**
 * Checks a username and password from a client address: the principal, or null for an unknown user, a wrong password
 * or a disabled user; a refusal (too many failed sign-ins) when the account or address is throttled.
 */
@FunctionalInterface
public interface SignIn {
    Principal signIn(String username, String password, String address);
}
