package dev.pillar.core.model;

import java.time.LocalDate;

/**
 * Where a fact or rule comes from: a statement, a regulation or minutes, with its citation (e.g. {@code 22 CFR 126.7}
 * or {@code 89 FR 67270}), its date and, where public, its address.
 */
public record Source(String title, String citation, LocalDate date, String url) {
    public Source {
        Check.text("source.title", title);
        citation = citation == null ? "" : citation.strip();
    }

    /** The citation, or the title when the source has no citation, so that a reason is never uncited. */
    public String cite() {
        return citation.isEmpty() ? title : citation;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(title);
        if (!citation.isEmpty()) {
            b.append(" (").append(citation).append(')');
        }
        if (date != null) {
            b.append(", ").append(date);
        }
        return b.toString();
    }
}
