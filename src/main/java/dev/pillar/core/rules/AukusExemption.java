package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Source;
import java.util.List;
import java.util.Set;

/**
 * One version of the AUKUS exemption (22 CFR 126.7): the territory it covers, the value thresholds of 22 CFR 123.15 that
 * 126.7(b)(4) refers to, the kinds of party 126.7(b)(2) admits as transferor and recipient, the obligations it carries
 * and the rule that put it in force (the 2024 interim final rule, the 2025 final rule).
 */
public record AukusExemption(String id, Interval interval, Set<Country> territory, List<ValueThreshold> valueThresholds,
                             Conditions conditions, List<Obligation> obligations, Source source, Set<Party> parties) implements Dated {
    /**
     * The parties of 126.7(b)(2): (i) a US person registered with DDTC, (ii) a US Government department or agency and,
     * from the 2025 final rule, a UK national-level or Australian federal government department or agency (a government
     * of the territory other than the US), (iii) an Authorized User identified through the DDTC website.
     */
    public enum Party { DDTC_REGISTERED_US_PERSON, US_GOVERNMENT, TERRITORY_GOVERNMENT, AUTHORIZED_USER }

    /** Every kind of party (the reciprocal regimes' eligibility). */
    public static final Set<Party> ALL_PARTIES = java.util.Collections.unmodifiableSet(java.util.EnumSet.allOf(Party.class));

    /**
     * The parties of rule data that names none (rule data written before {@code eligibleParties}): the interim final
     * rule's, the narrower reading, so that older rule data never admits a UK or Australian government department that
     * is not an Authorized User. Rule data for the final rule names its parties.
     */
    public static final Set<Party> UNNAMED_PARTIES = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(Party.DDTC_REGISTERED_US_PERSON, Party.US_GOVERNMENT, Party.AUTHORIZED_USER));

    /** A version that names no parties: {@link #UNNAMED_PARTIES}. */
    public AukusExemption(String id, Interval interval, Set<Country> territory, List<ValueThreshold> valueThresholds,
                          Conditions conditions, List<Obligation> obligations, Source source) {
        this(id, interval, territory, valueThresholds, conditions, obligations, source, UNNAMED_PARTIES);
    }

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
        valueThresholds = Check.list("valueThresholds", valueThresholds);
        Check.that(!valueThresholds.isEmpty(), "valueThresholds", "the exemption names the 22 CFR 123.15 amounts it stops at, e.g. {id: 123.15-a2-articles, appliesTo: defense-articles, usd: 100000000, citation: \"22 CFR 123.15(a)(2)\"}");
        Dated.requireUniqueIds("valueThresholds", valueThresholds, ValueThreshold::id);
        obligations = Check.list("obligations", obligations);
        Check.present("source", source);
        parties = parties == null ? UNNAMED_PARTIES : Check.set("parties", parties);
        Check.that(!parties.isEmpty(), "parties", "the exemption admits at least one kind of party, e.g. [ddtc-registered-us-person, us-government, authorized-user]");
    }

    /** This version over another interval or territory, with everything else the same (scenarios, splitting by date). */
    public AukusExemption with(String newId, Interval newInterval, Set<Country> newTerritory) {
        return new AukusExemption(newId, newInterval, newTerritory, valueThresholds, conditions, obligations, source, parties);
    }

    /** One threshold for every defense article (the form of rule data before thresholds had kinds). */
    public AukusExemption(String id, Interval interval, Set<Country> territory, long valueThresholdUsd, Conditions conditions,
                          List<Obligation> obligations, Source source) {
        this(id, interval, territory, List.of(new ValueThreshold("value", ValueThreshold.AppliesTo.DEFENSE_ARTICLES, List.of(),
                valueThresholdUsd, conditions.value())), conditions, obligations, source);
    }

    /** The amounts at which the answer can change, for grouping items by value. */
    public List<Long> breakpoints() {
        return valueThresholds.stream().map(ValueThreshold::usd).toList();
    }
}
