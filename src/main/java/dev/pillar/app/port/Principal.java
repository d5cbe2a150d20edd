package dev.pillar.app.port;

/**
 * A signed-in user: subject, role, the member country a delegate speaks for, and the organisation of an engineer.
 * {@code credential} is the version of the user's record that the sign-in (or the token) was made with: a change of
 * password, role, country, organisation or disabled flag advances it for good, so every earlier token and session of
 * the user stops at once. -1 when not known (a principal not backed by a stored user, e.g. an OIDC token).
 */
public record Principal(String subject, Role role, String country, String organisation, long credential) {
    /** A principal without a credential version (not backed by a stored user). */
    public Principal(String subject, Role role, String country, String organisation) {
        this(subject, role, country, organisation, -1);
    }

    public Principal {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject is required");
        }
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
        if (role == Role.DELEGATE && (country == null || country.isBlank())) {
            throw new IllegalArgumentException("a delegate speaks for a member country");
        }
        if (role == Role.ENGINEER && (organisation == null || organisation.isBlank())) {
            throw new IllegalArgumentException("an engineer belongs to an organisation");
        }
    }

    public boolean is(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }
}
