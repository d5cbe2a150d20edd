package dev.pillar.http.console;

import dev.pillar.app.port.Principal;

/** Checks a username and password: the principal, or null for an unknown user, a wrong password or a disabled user. */
@FunctionalInterface
public interface SignIn {
    Principal signIn(String username, String password);
}
