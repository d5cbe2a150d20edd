package dev.pillar.codec.decision;

import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Person;
import dev.pillar.core.rules.Obligation;
import java.util.Map;

/** Renders a decision as text for people: the request in one line each, the outcome, every reason with its citation. */
public final class DecisionText {
    private DecisionText() {}

    public static String render(DecisionRequest req, Decision d) {
        StringBuilder b = new StringBuilder();
        Item it = req.item();
        Person p = req.recipient();
        String marking = it.releasability().marking();
        b.append("Item       ").append(it.label()).append("  ").append(it.classification()).append(marking.isEmpty() ? "" : "//" + marking)
                .append("  ").append(ExportControl.format(it.control()));
        if (it.project() != null) {
            b.append("  project ").append(it.project());
        }
        if (!it.technologies().isEmpty()) {
            b.append("  tags ").append(String.join(",", it.technologies().stream().sorted().toList()));
        }
        b.append('\n');
        b.append("Recipient  ").append(p.label()).append("  citizen of ").append(String.join("+", p.citizenships().stream().map(Object::toString).sorted().toList()));
        if (!p.residencies().isEmpty()) {
            b.append(", resident of ").append(String.join("+", p.residencies().stream().map(Object::toString).sorted().toList()));
        }
        b.append(", in ").append(p.location()).append(", at ").append(p.organisation().label());
        if (p.clearance() != null) {
            b.append(", cleared ").append(p.clearance().level());
        }
        b.append('\n');
        if (req.transferor() != null) {
            b.append("Transferor ").append(req.transferor().label()).append('\n');
        }
        b.append("As of      ").append(d.asOf()).append("   world ").append(d.worldVersion()).append("   decision ").append(d.decisionId()).append('\n');
        b.append("OUTCOME    ").append(d.outcome());
        if (!d.basis().isEmpty()) {
            b.append("   basis: ").append(String.join("; ", d.basis()));
        }
        b.append("\n\n");
        for (Reason r : d.reasons()) {
            b.append("  ").append(mark(r.outcome())).append(' ').append(pad(r.layer().title(), 15)).append(pad(r.outcome().name(), 17))
                    .append(r.ruleId()).append("  [").append(r.citation()).append("]\n");
            b.append("      ").append(r.message()).append('\n');
        }
        if (!d.obligations().isEmpty()) {
            b.append("\nObligations\n");
            for (Obligation o : d.obligations()) {
                b.append("  - ").append(o).append('\n');
            }
        }
        if (!d.toPermit().isEmpty()) {
            b.append("\nWhat would change it to PERMIT\n");
            for (String t : d.toPermit()) {
                b.append("  - ").append(t).append('\n');
            }
        }
        return b.toString();
    }

    /** The facts each layer used, for {@code --verbose}. */
    public static String facts(Decision d) {
        StringBuilder b = new StringBuilder("\nFacts used\n");
        for (Reason r : d.reasons()) {
            b.append("  ").append(r.layer().title()).append(":\n");
            for (Map.Entry<String, String> e : r.facts().entrySet()) {
                b.append("      ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
            }
        }
        return b.toString();
    }

    private static String mark(Outcome o) {
        return switch (o) {
            case PERMIT -> "+";
            case LICENSE_REQUIRED -> "$";
            case REVIEW -> "?";
            case DENY -> "x";
        };
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s + " " : s + " ".repeat(n - s.length());
    }
}
