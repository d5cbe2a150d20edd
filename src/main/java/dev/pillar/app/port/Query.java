package dev.pillar.app.port;

import java.util.Set;

/**
 * A page of a collection with optional filters (items: area, project, classification, control; others: country).
 * {@code projects}, when not null, restricts the result to documents of those projects (an engineer's view).
 */
public record Query(String area, String project, String classification, String control, String country,
                    Set<String> projects, int offset, int limit) {
    public static final int MAX_LIMIT = 1000;

    public Query {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }

    public static Query all(int offset, int limit) {
        return new Query(null, null, null, null, null, null, offset, limit);
    }
}
