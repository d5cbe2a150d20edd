package dev.pillar.app.port;

import java.util.Locale;

/** The kinds of world document the store keeps, each with the name of its world file and API collection. */
public enum Kind {
    PARTNERSHIP("world", "partnership"),
    ORGANISATION("organisations", "organisations"),
    PERSON("people", "people"),
    ITEM("items", "items"),
    LICENCE("licences", "licences"),
    DETERMINATION("determinations", "determinations");

    private final String file;
    private final String collection;

    Kind(String file, String collection) {
        this.file = file;
        this.collection = collection;
    }

    /** The logical world file the documents of this kind come from (e.g. {@code items}). */
    public String file() {
        return file;
    }

    /** The API collection name (e.g. {@code items}). */
    public String collection() {
        return collection;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
