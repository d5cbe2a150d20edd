package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Source;

/**
 * A country of 22 CFR 126.1 over an interval, with the policy its paragraph states: {@code DENIAL} for the countries of
 * 126.1(d)(1) (a policy of denial: Pillar answers DENY), {@code CASE_BY_CASE} for those of 126.1(d)(2) whose paragraph
 * allows licences case by case (a licence is required; Pillar answers LICENSE_REQUIRED unless one is on file). For
 * both, 126.1(a) makes the exemptions of the ITAR unavailable. The source cites the paragraph and the rule that added it.
 */
public record DeniedCountry(Country country, Policy policy, Interval interval, Source source) implements Dated {
    public enum Policy { DENIAL, CASE_BY_CASE }

    public DeniedCountry {
        Check.present("country", country);
        Check.present("policy", policy);
        Check.present("interval", interval);
        Check.present("source", source);
    }

    /** A country under a policy of denial. */
    public DeniedCountry(Country country, Interval interval, Source source) {
        this(country, Policy.DENIAL, interval, source);
    }

    public boolean denial() {
        return policy == Policy.DENIAL;
    }
}
