package dev.pillar.app.port;

/** Columns extracted from a document for searching: area, project, classification, control and country. */
public record DocFields(String area, String project, String classification, String control, String country) {
    public static final DocFields NONE = new DocFields(null, null, null, null, null);
}
