package dev.pillar.app.port;

import java.util.List;
import java.util.Optional;

/** The users of Pillar's embedded issuer, versioned; every change is appended to the audit log (without the hash). */
public interface AccountStore {
    Optional<StoredUser> user(String username);

    /** Every user, in username order. */
    List<StoredUser> users();

    /** Creates a user at version 1; CONFLICT if the username is taken. */
    StoredUser createUser(StoredUser user);

    /** Replaces a user's role, country, organisation, disabled flag and password hash if the version still matches. */
    StoredUser updateUser(StoredUser user, long expectedVersion);
}
