package dev.pillar.app.port;

/**
 * A signed-in user: subject, role, the member country a delegate speaks for, and the organisation of an engineer.
 */
public record Principal(String subject, Role role, String country, String organisation) {
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
