package dev.pillar.reference;

import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Layer;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.model.Clearance;
import dev.pillar.core.model.Coalition;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Participation;
import dev.pillar.core.model.Person;
import dev.pillar.core.model.Pillar;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.rules.AukusExemption;
import dev.pillar.core.rules.ClassificationScheme;
import dev.pillar.core.rules.CountryChartEntry;
import dev.pillar.core.rules.DeniedCountry;
import dev.pillar.core.rules.DualNationalRule;
import dev.pillar.core.rules.Eccn;
import dev.pillar.core.rules.Equivalence;
import dev.pillar.core.rules.ExcludedTechnology;
import dev.pillar.core.rules.NationalRegime;
import dev.pillar.core.rules.RulePack;
import dev.pillar.core.rules.ValueThreshold;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A second, deliberately plain evaluator of the same rule data, the oracle of {@link DifferentialTest}. It reads the
 * world's model objects (projects, people, organisations, licences and the {@link RulePack}'s lists of entries) and
 * nothing of the engine's layers: no {@code Context}, no layer helper, no {@code SecurityPolicies.compare}, no
 * {@code Licence.covers} or {@code ExcludedTechnology.matches}. Each rule is written out as the text says it, one
 * branch per paragraph, in the order a reader of the regulation would check it; speed does not matter.
 *
 * <p>The answer is what a decision must agree on: for each of the four questions the rule that decides it (its id),
 * its outcome, its citation and, for a release that is permitted, what it rests on. The overall outcome is the most
 * restrictive answer (DENY over REVIEW over LICENSE_REQUIRED over PERMIT).
 */
public final class ReferenceEvaluator {
    /** One question's answer: the layer, the outcome, the rule id, the provisions cited and, for a PERMIT, its basis. */
    public record Finding(Layer layer, Outcome outcome, String ruleId, Set<String> citations, String basis) {
        @Override
        public String toString() {
            return layer.id() + " " + outcome + " " + ruleId + " " + citations + (basis == null ? "" : " basis " + basis);
        }
    }

    /** The reference answer: every finding, in the order of the layers, and the most restrictive outcome. */
    public record Answer(List<Finding> findings) {
        public Outcome outcome() {
            Outcome o = Outcome.PERMIT;
            for (Finding f : findings) {
                if (f.outcome().ordinal() > o.ordinal()) {
                    o = f.outcome();
                }
            }
            return o;
        }

        /** True if some rule refuses the release as it stands (any finding other than PERMIT). */
        public boolean anyRuleFails() {
            return findings.stream().anyMatch(f -> f.outcome() != Outcome.PERMIT);
        }
    }

    private final World world;
    private final RulePack rules;

    public ReferenceEvaluator(World world) {
        this.world = world;
        this.rules = world.rules();
    }

    public Answer evaluate(DecisionRequest request) {
        List<Finding> out = new ArrayList<>();
        out.add(scope(request));
        out.add(classification(request));
        out.add(releasability(request));
        out.addAll(exportControl(request));
        out.add(screening());
        return new Answer(out);
    }

    /**
     * Screening as the reference knows it: the differential runs have no list imported, so the parties are reported as
     * not screened; REVIEW only where the rule data requires a list to be in force.
     */
    private Finding screening() {
        if (rules.screening() == null) {
            return new Finding(Layer.SCREENING, Outcome.PERMIT, "screening.not-configured", Set.of("Pillar: the rule data version has no screening section"), null);
        }
        return catalogued(Layer.SCREENING, rules.screening().requireLists() ? Outcome.REVIEW : Outcome.PERMIT, "screening.no-lists");
    }

    // ---- helpers that only read data ---------------------------------------------------------------------------

    private String catalogued(String ruleId) {
        return rules.catalog().get(ruleId).citation();
    }

    private Finding catalogued(Layer layer, Outcome outcome, String ruleId) {
        return new Finding(layer, outcome, ruleId, split(catalogued(ruleId)), null);
    }

    /** A citation such as "22 CFR 126.7(b)(1); 22 CFR 126.7(b)(2)" as the set of the provisions it names. */
    static Set<String> split(String citation) {
        Set<String> out = new TreeSet<>();
        for (String part : citation.split(";")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static boolean on(dev.pillar.core.model.Interval interval, LocalDate day) {
        return !day.isBefore(interval.from()) && (interval.until() == null || !day.isAfter(interval.until()));
    }

    /** "XI(d)(1)" is within "XI" and within "XI(d)", never within "X" nor "XI(e)". */
    private static boolean within(String entry, String parent) {
        return entry.equals(parent) || entry.startsWith(parent + "(");
    }

    private boolean coreMember(Country c, LocalDate day) {
        return world.partnership().coreMembers().stream().anyMatch(m -> m.country().equals(c) && on(m.interval(), day));
    }

    // ---- project scope (partnership terms) ----------------------------------------------------------------------

    private Finding scope(DecisionRequest req) {
        Item item = req.item();
        Person p = req.recipient();
        Organisation org = p.organisation();
        LocalDate day = req.asOf();
        // An item that belongs to no project is not limited by the partnership's project terms.
        if (item.project() == null) {
            return catalogued(Layer.SCOPE, Outcome.PERMIT, "scope.unbound");
        }
        Project project = world.partnership().projects().stream().filter(x -> x.id().equals(item.project())).findFirst().orElseThrow();
        // Pillar I (the submarines) stays with the core members: every nationality, the location and the employer's country.
        if (project.pillar() == Pillar.I) {
            boolean allCore = p.citizenships().stream().allMatch(c -> coreMember(c, day)) && coreMember(p.location(), day)
                    && coreMember(org.country(), day);
            return allCore ? catalogued(Layer.SCOPE, Outcome.PERMIT, "scope.pillar-i")
                    : catalogued(Layer.SCOPE, Outcome.DENY, "scope.pillar-i-core-only");
        }
        // Pillar II is open project by project: the employer's country must take part on the day, and the employer too
        // when it declares its projects (an inline organisation declares none, so only its country is checked).
        boolean countryTakesPart = false;
        for (Participation part : project.participants()) {
            if (part.country().equals(org.country()) && on(part.interval(), day)) {
                countryTakesPart = true;
            }
        }
        boolean orgTakesPart = org.projects() == null
                || org.projects().stream().anyMatch(r -> r.project().equals(project.id()) && on(r.interval(), day));
        if (countryTakesPart && orgTakesPart) {
            // the citation of a participation is its act; only the outcome and rule id are compared for a PERMIT
            return new Finding(Layer.SCOPE, Outcome.PERMIT, "scope.participant", Set.of(), null);
        }
        return catalogued(Layer.SCOPE, Outcome.DENY, "scope.not-participant");
    }

    // ---- classification (national schemes and bilateral security agreements) ------------------------------------

    private ClassificationScheme scheme(String id) {
        for (ClassificationScheme s : rules.schemes()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no scheme " + id);
    }

    private int rank(SecurityLevel l) {
        List<ClassificationScheme.Level> levels = scheme(l.scheme()).levels();
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).name().equals(l.level())) {
                return i;
            }
        }
        throw new IllegalArgumentException("no level " + l);
    }

    private boolean needsClearance(SecurityLevel l) {
        return scheme(l.scheme()).levels().get(rank(l)).requiresClearance();
    }

    /**
     * The level of {@code targetScheme} that a security agreement in force treats as equivalent to {@code level}, or null.
     * The agreements declared by the national SPIFs come first in the rule data, then the table's; a one-way
     * equivalence maps only from its own level.
     */
    private SecurityLevel equivalent(SecurityLevel level, String targetScheme, LocalDate day) {
        for (Equivalence e : rules.equivalences()) {
            if (!on(e.interval(), day) || !e.levels().contains(level)) {
                continue;
            }
            if (e.from() != null && !e.from().equals(level)) {
                continue;
            }
            for (SecurityLevel other : e.levels()) {
                if (other.scheme().equals(targetScheme)) {
                    return other;
                }
            }
        }
        return null;
    }

    private Finding classification(DecisionRequest req) {
        SecurityLevel cls = req.item().classification();
        Clearance clearance = req.recipient().clearance();
        LocalDate day = req.asOf();
        // UNCLASSIFIED / OFFICIAL: readable without a clearance.
        if (!needsClearance(cls)) {
            return catalogued(Layer.CLASSIFICATION, Outcome.PERMIT, "classification.no-clearance-needed");
        }
        // Classified information needs a personnel security clearance, valid on the day.
        if (clearance == null) {
            return catalogued(Layer.CLASSIFICATION, Outcome.DENY, "classification.no-clearance");
        }
        if (!on(clearance.interval(), day)) {
            return catalogued(Layer.CLASSIFICATION, Outcome.DENY, "classification.clearance-not-in-force");
        }
        SecurityLevel held = clearance.level();
        if (held.scheme().equals(cls.scheme())) {
            return rank(held) >= rank(cls) ? new Finding(Layer.CLASSIFICATION, Outcome.PERMIT, "classification.dominates", Set.of(), null)
                    : catalogued(Layer.CLASSIFICATION, Outcome.DENY, "classification.insufficient");
        }
        // Across schemes, through the equivalences in force; a level without one is compared through the next higher
        // level of its own scheme that has one (never asking for less).
        List<ClassificationScheme.Level> own = scheme(cls.scheme()).levels();
        for (int r = rank(cls); r < own.size(); r++) {
            SecurityLevel target = equivalent(new SecurityLevel(cls.scheme(), own.get(r).name()), held.scheme(), day);
            if (target != null) {
                return rank(held) >= rank(target) ? new Finding(Layer.CLASSIFICATION, Outcome.PERMIT, "classification.dominates", Set.of(), null)
                        : catalogued(Layer.CLASSIFICATION, Outcome.DENY, "classification.insufficient");
            }
        }
        return catalogued(Layer.CLASSIFICATION, Outcome.DENY, "classification.no-equivalence");
    }

    // ---- releasability (foreign disclosure markings) -------------------------------------------------------------

    private boolean relToNames(List<String> relTo, Country c, LocalDate day) {
        for (String code : relTo) {
            if (code.equals(c.code())) {
                return true;
            }
            Coalition coalition = world.coalitions().get(code);
            if (coalition != null && coalition.members().stream().anyMatch(m -> m.country().equals(c) && on(m.interval(), day))) {
                return true;
            }
        }
        return false;
    }

    private Finding releasability(DecisionRequest req) {
        Item item = req.item();
        Person p = req.recipient();
        boolean national = p.citizenships().contains(item.originator());
        // NOFORN: not releasable to foreign nationals; only nationals of the originator.
        if (item.releasability().noforn()) {
            return catalogued(Layer.RELEASABILITY, national ? Outcome.PERMIT : Outcome.DENY,
                    national ? "releasability.noforn-national" : "releasability.noforn");
        }
        List<String> relTo = item.releasability().relTo();
        // No marking: a classified item needs the originator's foreign disclosure decision before a foreigner sees it.
        if (relTo.isEmpty()) {
            return !national && needsClearance(item.classification())
                    ? catalogued(Layer.RELEASABILITY, Outcome.REVIEW, "releasability.unmarked-classified")
                    : catalogued(Layer.RELEASABILITY, Outcome.PERMIT, "releasability.unrestricted");
        }
        // REL TO: every nationality and the place of release must be named (coalitions by their members that day).
        boolean covered = p.citizenships().stream().allMatch(c -> relToNames(relTo, c, req.asOf())) && relToNames(relTo, p.location(), req.asOf());
        return covered ? catalogued(Layer.RELEASABILITY, Outcome.PERMIT, "releasability.rel-to")
                : catalogued(Layer.RELEASABILITY, Outcome.DENY, "releasability.not-rel-to");
    }

    // ---- export control ------------------------------------------------------------------------------------------

    /**
     * Where a release goes (22 CFR 120.50(a), 120.56(a)(2); 15 CFR 734.13(b)): the place of release if it is abroad
     * and, when the regime deems a release to a foreign person an export, every citizenship and permanent residency of
     * a person who is neither a national nor a permanent resident of {@code home} (22 CFR 120.50(b), 120.62). Sorted.
     */
    private static Set<Country> destinations(Person p, Country home, boolean deemed) {
        return destinations(p, home, deemed, false);
    }

    /**
     * 22 CFR 120.50(b), 120.51(b): for the ITAR, a release to a foreign person is an export or reexport "to all
     * countries in which the foreign person has held or holds citizenship or holds permanent residency": with
     * {@code hasHeld} the former citizenships count too (the EAR, 734.13(b), looks at the most recent only).
     */
    private static Set<Country> destinations(Person p, Country home, boolean deemed, boolean hasHeld) {
        Set<Country> out = new TreeSet<>();
        if (!p.location().equals(home)) {
            out.add(p.location());
        }
        boolean homePerson = p.citizenships().contains(home) || p.residencies().contains(home);
        if (deemed && !homePerson) {
            out.addAll(p.citizenships());
            out.addAll(p.residencies());
            if (hasHeld) {
                out.addAll(p.formerCitizenships());
            }
            out.remove(home);
        }
        return out;
    }

    private List<Finding> exportControl(DecisionRequest req) {
        ExportControl control = req.item().control();
        if (control instanceof ExportControl.Itar itar) {
            return itar(req, itar.paragraph());
        }
        if (control instanceof ExportControl.Ear ear) {
            return List.of(ear(req, ear.eccn()));
        }
        if (control instanceof ExportControl.National nat) {
            return List.of(national(req, nat.country(), nat.entry()));
        }
        return List.of(permitWithCatalogueBasis("export.not-controlled"));
    }

    private Finding permitWithCatalogueBasis(String ruleId) {
        var entry = rules.catalog().get(ruleId);
        return new Finding(Layer.EXPORT_CONTROL, Outcome.PERMIT, ruleId, split(entry.citation()), entry.title() + " (" + entry.citation() + ")");
    }

    private DeniedCountry entry126_1(Country c, LocalDate day) {
        for (DeniedCountry d : rules.deniedCountries()) {
            if (d.country().equals(c) && on(d.interval(), day)) {
                return d;
            }
        }
        return null;
    }

    /**
     * A party eligible under 22 CFR 126.7(b)(2) (and the reciprocal regimes): of the territory, and a government
     * department (b)(2)(ii), an Authorized User listed that day (b)(2)(iii), or a US person registered with DDTC (b)(2)(i).
     */
    /**
     * 22 CFR 126.7(b)(2) as a version of the exemption words it: (i) a US person registered with DDTC; (ii) a US
     * Government department or agency, and in the 2025 final rule also a UK national-level or Australian federal one;
     * (iii) an Authorized User identified through the DDTC website. The version's data names which of them it admits.
     */
    private static boolean eligible126_7b2(Organisation o, dev.pillar.core.rules.AukusExemption ex, LocalDate day) {
        if (!ex.territory().contains(o.country())) {
            return false;
        }
        var admits = ex.parties();
        boolean inUs = o.country().equals(Country.USA);
        if (o.kind() == Organisation.Kind.GOVERNMENT) {
            if (inUs && admits.contains(dev.pillar.core.rules.AukusExemption.Party.US_GOVERNMENT)) {
                return true;
            }
            if (!inUs && admits.contains(dev.pillar.core.rules.AukusExemption.Party.TERRITORY_GOVERNMENT)) {
                return true;
            }
        }
        if (o.authorizedUser() != null && on(o.authorizedUser().interval(), day) && admits.contains(dev.pillar.core.rules.AukusExemption.Party.AUTHORIZED_USER)) {
            return true;
        }
        return inUs && o.ddtc() != null && on(o.ddtc().interval(), day) && admits.contains(dev.pillar.core.rules.AukusExemption.Party.DDTC_REGISTERED_US_PERSON);
    }

    private static boolean eligible(Organisation o, Set<Country> territory, LocalDate day) {
        if (!territory.contains(o.country())) {
            return false;
        }
        boolean government = o.kind() == Organisation.Kind.GOVERNMENT;
        boolean authorizedUser = o.authorizedUser() != null && on(o.authorizedUser().interval(), day);
        boolean registeredUsPerson = o.country().equals(Country.USA) && o.ddtc() != null && on(o.ddtc().interval(), day);
        return government || authorizedUser || registeredUsPerson;
    }

    /**
     * A licence or agreement on file that authorises this release: of the regime, valid that day, naming the entry (or a
     * parent paragraph), every destination, the item's project when it is limited to projects, the value within its
     * cap, classified data only if it allows it, and the recipient's employer and the transferor (when named) as parties
     * (22 CFR 123.9, 124.1: an authorisation covers only its parties).
     */
    private Licence licence(DecisionRequest req, String regime, String entry, Set<Country> dest, boolean classified) {
        Organisation org = req.recipient().organisation();
        Organisation transferor = req.transferor();
        if (org.id() == null) {
            return null;
        }
        for (Licence l : world.licences()) {
            boolean party = l.parties().contains(org.id());
            boolean transferorParty = transferor == null || (transferor.id() != null && l.parties().contains(transferor.id()));
            boolean entryCovered = l.covers().stream().anyMatch(c -> within(entry, c));
            boolean project = l.projects().isEmpty() || (req.item().project() != null && l.projects().contains(req.item().project()));
            boolean cap = l.valueCapUsd() == null || req.value() <= l.valueCapUsd();
            if (party && l.regime().equals(regime) && on(l.interval(), req.asOf()) && entryCovered && l.countries().containsAll(dest)
                    && transferorParty && project && cap && (!classified || l.classified())) {
                return l;
            }
        }
        return null;
    }

    private static Finding licensed(String ruleId, Licence l) {
        String number = l.type() + " " + l.number();
        return new Finding(Layer.EXPORT_CONTROL, Outcome.PERMIT, ruleId, Set.of(number), number);
    }

    // ---- ITAR, 22 CFR 120-130 ----

    private List<Finding> itar(DecisionRequest req, String paragraph) {
        Person p = req.recipient();
        LocalDate day = req.asOf();
        boolean classified = needsClearance(req.item().classification());
        Set<Country> dest = destinations(p, Country.USA, true, true);
        // 120.50 / 120.62: a US person in the United States receives no export.
        if (dest.isEmpty()) {
            return List.of(permitWithCatalogueBasis("itar.no-export"));
        }
        // 126.1(a), (d)(1): a policy of denial for exports to the country where the recipient is.
        DeniedCountry at = entry126_1(p.location(), day);
        if (at != null && at.policy() == DeniedCountry.Policy.DENIAL) {
            return List.of(new Finding(Layer.EXPORT_CONTROL, Outcome.DENY, "itar.denied-destination", split(at.source().cite()), null));
        }
        // 126.1(a), (d)(1) with 120.50(b): a release to a national of a denied country is an export to that country.
        Set<Country> deniedNationalities = new TreeSet<>();
        Set<String> deniedCitations = new TreeSet<>();
        for (Country c : dest) {
            DeniedCountry d = entry126_1(c, day);
            if (d != null && d.policy() == DeniedCountry.Policy.DENIAL) {
                deniedNationalities.add(c);
                deniedCitations.addAll(split(d.source().cite()));
            }
        }
        List<Finding> out = new ArrayList<>();
        Set<Country> remaining = dest;
        if (!deniedNationalities.isEmpty()) {
            // 126.18: a bona fide regular employee of a foreign end-user may receive the transfer after screening.
            DualNationalRule paragraph126_18 = null;
            for (DualNationalRule r : rules.dualNationalRules()) {
                if (on(r.interval(), day) && covers126_18(r, req, paragraph, deniedNationalities, classified)) {
                    paragraph126_18 = r;
                    break;
                }
            }
            if (paragraph126_18 == null) {
                return List.of(new Finding(Layer.EXPORT_CONTROL, Outcome.DENY, "itar.denied-national", deniedCitations, null));
            }
            // 126.18(c): REVIEW naming the screening; the other destinations still need their own authorisation.
            out.add(new Finding(Layer.EXPORT_CONTROL, Outcome.REVIEW, "itar.dual-national-review", split(paragraph126_18.source().cite()), null));
            remaining = new TreeSet<>(dest);
            remaining.removeAll(deniedNationalities);
            if (remaining.isEmpty()) {
                return out;
            }
        }
        out.add(authoriseItar(req, paragraph, remaining, classified));
        return out;
    }

    /**
     * 22 CFR 126.18 as the paragraph's data gives it: a foreign employer (never a US one), of the paragraph's countries,
     * the transfer within the employer's country, classified articles only under a paragraph that covers them, a dual
     * national (or third-country national where the paragraph says so), a national of the employer's country where
     * the paragraph requires it, and an employer of a kind it names.
     */
    private boolean covers126_18(DualNationalRule r, DecisionRequest req, String paragraph, Set<Country> denied, boolean classified) {
        Person p = req.recipient();
        Organisation org = p.organisation();
        LocalDate day = req.asOf();
        if (org.country().equals(Country.USA)) {
            return false;
        }
        if (!r.employerCountries().isEmpty() && !r.employerCountries().contains(org.country())) {
            return false;
        }
        if (!p.location().equals(org.country())) {
            return false;
        }
        if (classified && !r.classified()) {
            return false;
        }
        boolean dualNational = p.citizenships().stream().anyMatch(c -> !denied.contains(c));
        if (!dualNational && !r.thirdCountryNationals()) {
            return false;
        }
        if (r.employerNationality() && !p.citizenships().contains(org.country())) {
            return false;
        }
        boolean government = r.employers().contains(DualNationalRule.Employer.GOVERNMENT) && org.kind() == Organisation.Kind.GOVERNMENT;
        boolean authorizedUser = r.employers().contains(DualNationalRule.Employer.AUTHORIZED_USER)
                && org.authorizedUser() != null && on(org.authorizedUser().interval(), day);
        boolean licensee = false;
        if (r.employers().contains(DualNationalRule.Employer.LICENSEE) && org.id() != null) {
            for (Licence l : world.licences()) {
                if (l.parties().contains(org.id()) && l.regime().equals("ITAR") && on(l.interval(), day)
                        && l.covers().stream().anyMatch(c -> within(paragraph, c))) {
                    licensee = true;
                }
            }
        }
        return government || authorizedUser || licensee;
    }

    private Finding authoriseItar(DecisionRequest req, String paragraph, Set<Country> dest, boolean classified) {
        LocalDate day = req.asOf();
        // 126.1(a), (d)(2): for a country reviewed case by case no exemption is available, only a licence.
        Set<String> barred = new LinkedHashSet<>();
        for (Country c : dest) {
            DeniedCountry d = entry126_1(c, day);
            if (d != null) {
                barred.addAll(split(d.source().cite()));
            }
        }
        AukusExemption ex = null;
        for (AukusExemption e : rules.aukusExemptions()) {
            if (on(e.interval(), day)) {
                ex = e;
            }
        }
        Set<String> failed = new TreeSet<>(barred);
        Set<String> determinations = new TreeSet<>();
        if (ex != null) {
            AukusExemption.Conditions c = ex.conditions();
            // 126.7(b)(1): to or within the territory of Australia, the United Kingdom or the United States.
            if (!ex.territory().containsAll(dest)) {
                failed.add(c.territory());
            }
            // 126.7(b)(2): every party eligible: the recipient's employer, and the transferor when the request names it.
            if (!eligible126_7b2(req.recipient().organisation(), ex, day)) {
                failed.add(c.parties());
            }
            if (req.transferor() != null && !eligible126_7b2(req.transferor(), ex, day)) {
                failed.add(c.parties());
            }
            // 126.7(b)(3): not on the Excluded Technology List (Supplement No. 2 to Part 126).
            for (ExcludedTechnology e : rules.excludedTechnology()) {
                boolean byParagraph = e.usml().stream().anyMatch(u -> within(paragraph, u));
                boolean byTag = req.item().technologies().stream().anyMatch(e.technologies()::contains);
                if (on(e.interval(), day) && (byParagraph || byTag)) {
                    failed.add(c.excludedTechnology());
                }
            }
            // 126.7(b)(4) with 123.15: "in the amount of ... or more" needs congressional certification, so no exemption;
            // the major defense equipment amount turns on a person's determination (120.37).
            for (ValueThreshold t : ex.valueThresholds()) {
                boolean concerns = t.appliesTo() != ValueThreshold.AppliesTo.USML || t.usml().stream().anyMatch(u -> within(paragraph, u));
                if (!concerns || req.value() < t.usd()) {
                    continue;
                }
                if (t.appliesTo() == ValueThreshold.AppliesTo.MAJOR_DEFENSE_EQUIPMENT) {
                    determinations.add(t.citation());
                } else {
                    failed.add(c.value());
                    failed.addAll(split(t.citation()));
                }
            }
            if (failed.isEmpty() && determinations.isEmpty()) {
                String basis = catalogued("itar.aukus-exemption");
                Set<String> cites = new TreeSet<>(split(basis + " (" + ex.source().cite() + ")"));
                return new Finding(Layer.EXPORT_CONTROL, Outcome.PERMIT, "itar.aukus-exemption", cites, basis);
            }
        }
        // 123.1, 124.1, 125.2, 125.3: otherwise a licence or agreement on file must authorise the release.
        Licence l = licence(req, "ITAR", paragraph, dest, classified);
        if (l != null) {
            return licensed("itar.licence", l);
        }
        if (ex != null && failed.isEmpty()) {
            Set<String> cites = new TreeSet<>(determinations);
            cites.add(ex.conditions().value());
            return new Finding(Layer.EXPORT_CONTROL, Outcome.REVIEW, "itar.exemption-review", cites, null);
        }
        Set<String> cites = new TreeSet<>(failed);
        if (ex == null) {
            cites.addAll(split(catalogued("itar.licence-required")));
        }
        return new Finding(Layer.EXPORT_CONTROL, Outcome.LICENSE_REQUIRED, "itar.licence-required", cites, null);
    }

    // ---- EAR, 15 CFR 730-774 ----

    private Finding ear(DecisionRequest req, String eccn) {
        LocalDate day = req.asOf();
        Set<Country> dest = destinations(req.recipient(), Country.USA, true);
        // 734.13: no export, no deemed export.
        if (dest.isEmpty()) {
            return permitWithCatalogueBasis("ear.no-export");
        }
        boolean ear99 = eccn.equals("EAR99");
        Eccn entry = rules.eccns().get(eccn);
        // 774: an ECCN the rule data does not know is a data gap, never a PERMIT.
        if (!ear99 && entry == null) {
            return catalogued(Layer.EXPORT_CONTROL, Outcome.REVIEW, "ear.unknown-eccn");
        }
        boolean licenceNeeded = false;
        boolean missingRow = false;
        for (Country c : dest) {
            CountryChartEntry row = null;
            for (CountryChartEntry r : rules.countryChart()) {
                if (r.country().equals(c) && on(r.interval(), day)) {
                    row = r;
                    break;
                }
            }
            if (row == null) {
                missingRow = true;
                continue;
            }
            // 738.4: an X in a column of the ECCN's reasons for control; 746: EAR99 to an embargoed destination.
            if (ear99 ? row.ear99Licence() : entry.reasons().stream().anyMatch(row.licenceRequired()::contains)) {
                licenceNeeded = true;
            }
        }
        if (missingRow && !ear99) {
            return catalogued(Layer.EXPORT_CONTROL, Outcome.REVIEW, "ear.no-chart-row");
        }
        if (!licenceNeeded) {
            String cite = catalogued("ear.nlr");
            return new Finding(Layer.EXPORT_CONTROL, Outcome.PERMIT, "ear.nlr", split(cite), "NLR (" + cite + ")");
        }
        Licence l = licence(req, "EAR", eccn, dest, false);
        if (l != null) {
            return licensed("ear.licence", l);
        }
        return catalogued(Layer.EXPORT_CONTROL, Outcome.LICENSE_REQUIRED, "ear.licence-required");
    }

    // ---- UK and Australian regimes ----

    private Finding national(DecisionRequest req, Country home, String entry) {
        LocalDate day = req.asOf();
        NationalRegime regime = null;
        for (NationalRegime r : rules.nationalRegimes()) {
            if (r.country().equals(home) && on(r.interval(), day)) {
                regime = r;
            }
        }
        // The Defence Trade Controls Act 2012 as amended in 2024 deems a supply to a foreign person in Australia an
        // export; the UK regime does not: as the regime's data says.
        Set<Country> dest = destinations(req.recipient(), home, regime != null && regime.deemedExport());
        if (dest.isEmpty()) {
            return permitWithCatalogueBasis("national.no-export");
        }
        // The licence-free environment (AUS DTC s 10A, UK AUKUS OGEL): to its countries, every named party eligible.
        if (regime != null && regime.licenceFree().containsAll(dest)) {
            Set<Country> territory = new TreeSet<>(regime.licenceFree());
            territory.add(home);
            boolean parties = !regime.partiesMustBeEligible()
                    || (eligible(req.recipient().organisation(), territory, day) && (req.transferor() == null || eligible(req.transferor(), territory, day)));
            if (parties) {
                return new Finding(Layer.EXPORT_CONTROL, Outcome.PERMIT, "national.regime", split(regime.source().cite()), regime.name());
            }
        }
        Licence l = licence(req, home.code(), entry, dest, needsClearance(req.item().classification()));
        if (l != null) {
            return licensed("national.licence", l);
        }
        return catalogued(Layer.EXPORT_CONTROL, Outcome.LICENSE_REQUIRED, "national.licence-required");
    }
}
