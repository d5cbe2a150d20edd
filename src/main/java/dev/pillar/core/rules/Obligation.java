package dev.pillar.core.rules;

import dev.pillar.core.model.Check;

/** A duty that comes with a release: a proviso, a marking or a record-keeping requirement, with its citation. */
public record Obligation(String id, String text, String citation) {
    public Obligation {
        Check.text("id", id);
        Check.text("text", text);
        citation = citation == null ? "" : citation;
    }

    @Override
    public String toString() {
        return citation.isEmpty() ? text : text + " [" + citation + "]";
    }
}
