package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.screening.ScreeningRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All rule data of a world, indexed for the decision engine. Every entry carries its effective interval and source;
 * the engine asks for what is in force on the decision's date.
 */
public final class RulePack {
    private final SecurityPolicies security;
    private final List<ClassificationScheme> schemes;
    private final List<Equivalence> equivalences;
    private final List<DeniedCountry> denied;
    private final List<DualNationalRule> dualNationals;
    private final List<AukusExemption> exemptions;
    private final List<ExcludedTechnology> excluded;
    private final Map<String, Eccn> eccns = new HashMap<>();
    private final Map<Country, List<CountryChartEntry>> chart = new HashMap<>();
    private final List<CountryChartEntry> chartEntries;
    private final List<NationalRegime> regimes;
    private final List<Obligation> recordKeeping;
    private final RuleCatalog catalog;
    private final ScreeningRules screening;

    public RulePack(List<ClassificationScheme> schemes, List<Equivalence> equivalences, List<DeniedCountry> denied,
                    List<DualNationalRule> dualNationals, List<AukusExemption> exemptions,
                    List<ExcludedTechnology> excluded, List<Eccn> eccns, List<CountryChartEntry> chart,
                    List<NationalRegime> regimes, List<Obligation> recordKeeping, RuleCatalog catalog) {
        this(schemes, equivalences, List.of(), denied, dualNationals, exemptions, excluded, eccns, chart, regimes, recordKeeping, catalog);
    }

    /**
     * Rule data with national classification schemes written as SPIFs ({@code policies}) beside the table's
     * {@code schemes} and {@code equivalences}.
     */
    public RulePack(List<ClassificationScheme> schemes, List<Equivalence> equivalences, List<NationalPolicy> policies,
                    List<DeniedCountry> denied, List<DualNationalRule> dualNationals, List<AukusExemption> exemptions,
                    List<ExcludedTechnology> excluded, List<Eccn> eccns, List<CountryChartEntry> chart,
                    List<NationalRegime> regimes, List<Obligation> recordKeeping, RuleCatalog catalog) {
        this(schemes, equivalences, policies, denied, dualNationals, exemptions, excluded, eccns, chart, regimes, recordKeeping, catalog, null);
    }

    /**
     * Rule data with a screening section ({@code screening}: what a hit on each restricted-party list means; null for
     * rule data without one, whose decisions report their parties as not screened).
     */
    public RulePack(List<ClassificationScheme> schemes, List<Equivalence> equivalences, List<NationalPolicy> policies,
                    List<DeniedCountry> denied, List<DualNationalRule> dualNationals, List<AukusExemption> exemptions,
                    List<ExcludedTechnology> excluded, List<Eccn> eccns, List<CountryChartEntry> chart,
                    List<NationalRegime> regimes, List<Obligation> recordKeeping, RuleCatalog catalog, ScreeningRules screening) {
        this.screening = screening;
        List<Equivalence> table = Check.list("equivalences", equivalences);
        Dated.requireUniqueIds("classification.equivalences", table, Equivalence::id);
        TableSecurityPolicies policyTable;
        try {
            policyTable = new TableSecurityPolicies(Check.list("schemes", schemes), table, Check.list("policies", policies));
        } catch (InvalidValueException e) {
            throw e.under("classification");
        }
        this.security = policyTable;
        this.schemes = policyTable.allSchemes();
        this.equivalences = policyTable.allEquivalences();
        Dated.requireUniqueIds("classification.equivalences", this.equivalences, Equivalence::id);
        this.denied = Check.list("itar.deniedCountries", denied);
        this.dualNationals = Check.list("itar.dualNationals", dualNationals);
        this.exemptions = Check.list("itar.aukusExemption", exemptions);
        this.excluded = Check.list("itar.excludedTechnology", excluded);
        for (Eccn e : Check.list("ear.eccns", eccns)) {
            this.eccns.put(e.code(), e);
        }
        this.chartEntries = Check.list("ear.countryChart", chart);
        for (CountryChartEntry c : chartEntries) {
            this.chart.computeIfAbsent(c.country(), k -> new ArrayList<>()).add(c);
        }
        this.regimes = Check.list("nationalRegimes", regimes);
        Dated.requireNoOverlap("itar.deniedCountries", this.denied, DeniedCountry::country);
        Dated.requireUniqueIds("itar.dualNationals", this.dualNationals, DualNationalRule::id);
        checkExportRules(this.exemptions, this.excluded, this.chartEntries, this.regimes);
        Dated.requireUniqueIds("ear.eccns", Check.list("ear.eccns", eccns), Eccn::code);
        this.recordKeeping = Check.list("recordKeeping", recordKeeping);
        this.catalog = Check.present("catalog", catalog);
    }

    private static void checkExportRules(List<AukusExemption> exemptions, List<ExcludedTechnology> excluded, List<CountryChartEntry> chart,
                                         List<NationalRegime> regimes) {
        Dated.requireUniqueIds("itar.aukusExemption", exemptions, AukusExemption::id);
        Dated.requireNoOverlap("itar.aukusExemption", exemptions, e -> "the AUKUS exemption");
        Dated.requireUniqueIds("itar.excludedTechnology", excluded, ExcludedTechnology::id);
        Dated.requireNoOverlap("ear.countryChart", chart, CountryChartEntry::country);
        Dated.requireUniqueIds("nationalRegimes", regimes, NationalRegime::id);
        Dated.requireNoOverlap("nationalRegimes", regimes, NationalRegime::country);
    }

    /**
     * The same rule data with other AUKUS exemption versions, Excluded Technology List, Country Chart rows and national
     * regimes (checked as in the full constructor): everything else, the classification schemes, SPIFs and
     * equivalences included, is shared as it is. Used for hypothetical worlds (impact analysis).
     */
    public RulePack withExportRules(List<AukusExemption> exemptions, List<ExcludedTechnology> excluded, List<CountryChartEntry> chart,
                                    List<NationalRegime> regimes) {
        return new RulePack(this, Check.list("itar.aukusExemption", exemptions), Check.list("itar.excludedTechnology", excluded),
                Check.list("ear.countryChart", chart), Check.list("nationalRegimes", regimes));
    }

    private RulePack(RulePack base, List<AukusExemption> exemptions, List<ExcludedTechnology> excluded, List<CountryChartEntry> chart,
                     List<NationalRegime> regimes) {
        checkExportRules(exemptions, excluded, chart, regimes);
        this.security = base.security;
        this.schemes = base.schemes;
        this.equivalences = base.equivalences;
        this.denied = base.denied;
        this.dualNationals = base.dualNationals;
        this.exemptions = exemptions;
        this.excluded = excluded;
        this.eccns.putAll(base.eccns);
        this.chartEntries = chart;
        for (CountryChartEntry c : chart) {
            this.chart.computeIfAbsent(c.country(), k -> new ArrayList<>()).add(c);
        }
        this.regimes = regimes;
        this.recordKeeping = base.recordKeeping;
        this.catalog = base.catalog;
        this.screening = base.screening;
    }

    public SecurityPolicies security() { return security; }
    public RuleCatalog catalog() { return catalog; }
    /** The screening section, or null if the rule data has none. */
    public ScreeningRules screening() { return screening; }
    /** Every classification scheme: the national SPIFs' and the table's. */
    public List<ClassificationScheme> schemes() { return schemes; }
    /** Every equivalence: those the national SPIFs declare, then the table's. */
    public List<Equivalence> equivalences() { return equivalences; }
    /** The national schemes written as SPIFs. */
    public List<NationalPolicy> policies() { return List.copyOf(security.nationalPolicies()); }
    public List<DeniedCountry> deniedCountries() { return denied; }
    public List<DualNationalRule> dualNationalRules() { return dualNationals; }
    public List<AukusExemption> aukusExemptions() { return exemptions; }
    public List<ExcludedTechnology> excludedTechnology() { return excluded; }
    public Map<String, Eccn> eccns() { return eccns; }
    public List<CountryChartEntry> countryChart() { return chartEntries; }
    public List<NationalRegime> nationalRegimes() { return regimes; }
    public List<Obligation> recordKeeping() { return recordKeeping; }

    /** The §126.1 entry for {@code c} in force on {@code day}, or null. */
    public DeniedCountry denied(Country c, LocalDate day) {
        for (DeniedCountry d : denied) {
            if (d.country().equals(c) && d.inForce(day)) {
                return d;
            }
        }
        return null;
    }

    /** The paragraphs of the dual-national rule (22 CFR 126.18) in force on {@code day}, in file order. */
    public List<DualNationalRule> dualNationalRules(LocalDate day) {
        return Dated.inForce(dualNationals, day);
    }

    /** The version of the AUKUS exemption in force on {@code day}, or null before it began. */
    public AukusExemption aukusExemption(LocalDate day) {
        return first(exemptions, day);
    }

    /** The country's Country Chart row in force on {@code day}, or null if the rule data has none. */
    public CountryChartEntry chartRow(Country c, LocalDate day) {
        return first(chart.getOrDefault(c, List.of()), day);
    }

    /** The regime of {@code country} in force on {@code day}, or null. */
    public NationalRegime regime(Country country, LocalDate day) {
        for (NationalRegime r : regimes) {
            if (r.country().equals(country) && r.inForce(day)) {
                return r;
            }
        }
        return null;
    }

    private static <T extends Dated> T first(List<T> all, LocalDate day) {
        for (T t : all) {
            if (t.inForce(day)) {
                return t;
            }
        }
        return null;
    }
}
