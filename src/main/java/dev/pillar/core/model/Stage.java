package dev.pillar.core.model;

/**
 * A stage on a candidate's path, defined as data (e.g. {@code considered}, {@code consensus},
 * {@code formal-discussions}, {@code partner}, {@code withdrawn}); {@code order} gives the usual sequence.
 */
public record Stage(String id, String name, int order, String description) {
    public Stage {
        Check.id("id", id);
        Check.text("name", name);
    }
}
