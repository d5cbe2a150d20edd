package dev.pillar.app.port;

import java.time.Instant;

/** A stored world document: its kind, id, version (for If-Match), JSON body and who changed it last, when. */
public record Doc(Kind kind, String id, long version, String body, Instant updatedAt, String updatedBy) {
    /** The ETag of this version. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
