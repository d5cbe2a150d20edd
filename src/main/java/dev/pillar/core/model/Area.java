package dev.pillar.core.model;

/** A Pillar II capability area, e.g. {@code ai-autonomy}; technology areas and functional ones. */
public record Area(String id, String name, Kind kind, Source source) {
    public enum Kind { TECHNOLOGY, FUNCTIONAL }

    public Area {
        Check.id("id", id);
        Check.text("name", name);
        Check.present("kind", kind);
    }
}
