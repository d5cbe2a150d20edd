package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Source;
import java.util.List;

/**
 * The handling of dual and third-country nationals who hold a citizenship under a policy of denial (22 CFR 126.18):
 * a transfer to a bona fide regular employee of an eligible organisation is held for review and screening instead of
 * being denied outright; the obligations say what the screening must record.
 */
public record DualNationalRule(String id, Interval interval, List<Obligation> obligations, Source source) implements Dated {
    public DualNationalRule {
        Check.id("id", id);
        Check.present("interval", interval);
        Check.present("source", source);
        obligations = Check.list("obligations", obligations);
    }
}
