package dev.pillar.core.model;

import java.util.Set;

/**
 * A technical-data item with its labels: originator, classification, releasability, export control, technology tags,
 * capability area and project, and declared value in US dollars. {@code id} is null for an item described inline.
 */
public record Item(String id, String title, Country originator, SecurityLevel classification,
                   Releasability releasability, ExportControl control, Set<String> technologies, String area,
                   String project, long valueUsd) {
    public Item {
        id = id == null ? null : Check.id("id", id);
        title = title == null ? (id == null ? "(inline item)" : id) : title;
        Check.present("originator", originator);
        Check.present("classification", classification);
        releasability = releasability == null ? Releasability.NONE : releasability;
        Check.present("control", control);
        technologies = Check.set("technologies", technologies);
        area = area == null ? null : Check.id("area", area);
        project = project == null ? null : Check.id("project", project);
        Check.nonNegative("valueUsd", valueUsd);
    }

    public String label() {
        return id != null ? id : title;
    }
}
