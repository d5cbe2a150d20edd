package dev.pillar.core.decision;

import java.util.Locale;

/** The independent layers of a decision, in the order they are reported. */
public enum Layer {
    SCOPE("project scope"),
    CLASSIFICATION("classification"),
    RELEASABILITY("releasability"),
    EXPORT_CONTROL("export control"),
    SCREENING("restricted-party screening");

    private final String title;

    Layer(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
