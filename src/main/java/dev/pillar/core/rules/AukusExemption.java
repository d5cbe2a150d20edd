package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Source;
import java.util.List;
import java.util.Set;

/**
 * One version of the AUKUS exemption (22 CFR 126.7): the territory it covers, the value threshold under 22 CFR 123.15,
 * the obligations it carries and the rule that put it in force (the 2024 interim final rule, the 2025 final rule).
 */
public record AukusExemption(String id, Interval interval, Set<Country> territory, long valueThresholdUsd,
                             Conditions conditions, List<Obligation> obligations, Source source) implements Dated {
    /** The citation of each condition of the exemption, e.g. {@code 22 CFR 126.7(b)(3)} for the ETL. */
    public record Conditions(String territory, String parties, String excludedTechnology, String value) {
        public Conditions {
            Check.text("conditions.territory", territory);
            Check.text("conditions.parties", parties);
            Check.text("conditions.excludedTechnology", excludedTechnology);
            Check.text("conditions.value", value);
        }
    }

    public AukusExemption {
        Check.present("conditions", conditions);
        Check.id("id", id);
        Check.present("interval", interval);
        territory = Check.set("territory", territory);
        Check.that(!territory.isEmpty(), "territory", "the exemption names its countries, e.g. [AUS, GBR, USA]");
        Check.nonNegative("valueThresholdUsd", valueThresholdUsd);
        obligations = Check.list("obligations", obligations);
        Check.present("source", source);
    }
}
