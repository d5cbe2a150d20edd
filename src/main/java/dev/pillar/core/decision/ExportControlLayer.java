package dev.pillar.core.decision;

import dev.pillar.core.model.Country;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Determination;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.rules.AukusExemption;
import dev.pillar.core.rules.CountryChartEntry;
import dev.pillar.core.rules.DeniedCountry;
import dev.pillar.core.rules.DualNationalRule;
import dev.pillar.core.rules.Eccn;
import dev.pillar.core.rules.ExcludedTechnology;
import dev.pillar.core.rules.NationalRegime;
import dev.pillar.core.rules.Obligation;
import dev.pillar.core.rules.ValueThreshold;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Export control. A release is an export to the recipient's location and, for a foreign person, to every country of
 * citizenship and permanent residency (deemed export). ITAR items: 22 CFR 126.1 denial and the 126.18 handling of dual
 * nationals, then the AUKUS exemption of 126.7 (territory, parties, Excluded Technology List, value), then licences on
 * file. EAR items: reasons for control against the Country Chart, then licences. GBR/AUS items: the national regime,
 * then licences.
 */
final class ExportControlLayer implements DecisionLayer {
    static final String NOT_CONTROLLED = "export.not-controlled";
    static final String ITAR_NO_EXPORT = "itar.no-export";
    static final String ITAR_DENIED_DESTINATION = "itar.denied-destination";
    static final String ITAR_DENIED_NATIONAL = "itar.denied-national";
    static final String ITAR_EXEMPTION = "itar.aukus-exemption";
    static final String ITAR_DUAL_NATIONAL = "itar.dual-national-review";
    static final String ITAR_EXEMPTION_REVIEW = "itar.exemption-review";
    static final String ITAR_LICENCE = "itar.licence";
    static final String ITAR_LICENCE_REQUIRED = "itar.licence-required";
    static final String EAR_NO_EXPORT = "ear.no-export";
    static final String EAR_NLR = "ear.nlr";
    static final String EAR_LICENCE = "ear.licence";
    static final String EAR_LICENCE_REQUIRED = "ear.licence-required";
    static final String EAR_UNKNOWN_ECCN = "ear.unknown-eccn";
    static final String EAR_NO_CHART_ROW = "ear.no-chart-row";
    static final String NATIONAL_NO_EXPORT = "national.no-export";
    static final String NATIONAL_REGIME = "national.regime";
    static final String NATIONAL_LICENCE = "national.licence";
    static final String NATIONAL_LICENCE_REQUIRED = "national.licence-required";

    @Override
    public Layer layer() {
        return Layer.EXPORT_CONTROL;
    }

    @Override
    public void evaluate(Context ctx, List<Reason> out) {
        ExportControl control = ctx.item.control();
        switch (control) {
            case ExportControl.None n -> out.add(ctx.basisReason(Layer.EXPORT_CONTROL, NOT_CONTROLLED, () -> new Reason.Explanation(
                    "the item is not subject to export control", Map.of("control", "NONE"), List.of())));
            case ExportControl.Itar itar -> itar(ctx, itar, out);
            case ExportControl.Ear ear -> ear(ctx, ear, out);
            case ExportControl.National nat -> national(ctx, nat, out);
        }
    }

    /**
     * Countries a release to this person exports to under the regime of {@code home}: the location if it is abroad
     * and, where the regime deems a release to a foreign person an export, every citizenship and permanent residency
     * of a person who is neither a national nor a permanent resident of {@code home}. In country order, so that the
     * citations built from them do not depend on the iteration order of the person's sets.
     */
    static List<Country> destinations(Person p, Country home, boolean deemedExport) {
        return destinations(p, home, deemedExport, false);
    }

    /**
     * As {@link #destinations(Person, Country, boolean)}, and with {@code formerToo} every citizenship the foreign
     * person held before (the ITAR: "has held or holds citizenship", 22 CFR 120.50(b), 120.51(b)). Whether the person
     * is a national or permanent resident of {@code home} (a US person, 120.62) is decided on what they hold now.
     */
    static List<Country> destinations(Person p, Country home, boolean deemedExport, boolean formerToo) {
        List<Country> dest = new ArrayList<>(4);
        if (!p.location().equals(home)) {
            dest.add(p.location());
        }
        boolean homePerson = p.citizenships().contains(home) || p.residencies().contains(home);
        if (deemedExport && !homePerson) {
            addAll(dest, p.citizenships(), home);
            addAll(dest, p.residencies(), home);
            if (formerToo) {
                addAll(dest, p.formerCitizenships(), home);
            }
        }
        if (dest.size() > 1) {
            dest.sort(null);
        }
        return dest;
    }

    private static void addAll(List<Country> dest, Set<Country> countries, Country home) {
        for (Country c : countries) {
            if (!c.equals(home) && !dest.contains(c)) {
                dest.add(c);
            }
        }
    }

    /** A party eligible under a reciprocal regime: a government of the territory, an Authorized User, or a DDTC-registered US person. */
    static boolean eligibleParty(Organisation o, Set<Country> territory, LocalDate day) {
        return eligibleParty(o, territory, AukusExemption.ALL_PARTIES, day);
    }

    /** A party of the territory of one of the kinds 126.7(b)(2) admits in a version of the exemption. */
    static boolean eligibleParty(Organisation o, Set<Country> territory, Set<AukusExemption.Party> kinds, LocalDate day) {
        if (!territory.contains(o.country())) {
            return false;
        }
        boolean us = o.country().equals(Country.USA);
        boolean government = o.kind() == Organisation.Kind.GOVERNMENT;
        return (government && us && kinds.contains(AukusExemption.Party.US_GOVERNMENT))
                || (government && !us && kinds.contains(AukusExemption.Party.TERRITORY_GOVERNMENT))
                || (o.authorizedUserOn(day) && kinds.contains(AukusExemption.Party.AUTHORIZED_USER))
                || (us && o.ddtcRegistered(day) && kinds.contains(AukusExemption.Party.DDTC_REGISTERED_US_PERSON));
    }

    // ---- ITAR ----------------------------------------------------------------------------------------------------

    private void itar(Context ctx, ExportControl.Itar itar, List<Reason> out) {
        Person p = ctx.person;
        List<Country> dest = destinations(p, Country.USA, true, true);
        if (dest.isEmpty()) {
            out.add(ctx.basisReason(Layer.EXPORT_CONTROL, ITAR_NO_EXPORT, () -> new Reason.Explanation(
                    p.label() + " is a US person in the United States: the release is not an export", facts(ctx, dest), List.of())));
            return;
        }
        DeniedCountry deniedLocation = ctx.rules.denied(p.location(), ctx.day);
        if (deniedLocation != null && deniedLocation.denial()) {
            out.add(new Reason(Layer.EXPORT_CONTROL, Outcome.DENY, ITAR_DENIED_DESTINATION, deniedLocation.source().cite(), null, null,
                    () -> new Reason.Explanation("the recipient is located in " + p.location() + ", a country under the ITAR policy of denial",
                            facts(ctx, dest), List.of("a recipient located outside " + p.location()))));
            return;
        }
        Set<Country> deniedNationalities = new TreeSet<>();
        List<String> deniedCitations = new ArrayList<>(1);
        for (Country c : dest) {
            DeniedCountry d = ctx.rules.denied(c, ctx.day);
            if (d != null && d.denial()) {
                deniedNationalities.add(c);
                if (!deniedCitations.contains(d.source().cite())) {
                    deniedCitations.add(d.source().cite());
                }
            }
        }
        List<Country> licensed = dest;
        if (!deniedNationalities.isEmpty()) {
            boolean otherNationality = p.citizenships().stream().anyMatch(c -> !deniedNationalities.contains(c));
            DualNationalRule dual = null;
            List<String> gaps = new ArrayList<>();
            for (DualNationalRule r : ctx.rules.dualNationalRules(ctx.day)) {
                String gap = dualNationalGap(ctx, r, itar, otherNationality);
                if (gap == null) {
                    dual = r;
                    break;
                }
                gaps.add(gap + " (" + r.source().cite() + ")");
            }
            if (dual == null) {
                // every 126.1 entry that denies, e.g. (d)(1) for BLR and (d)(2), (l) for RUS, in country order
                out.add(new Reason(Layer.EXPORT_CONTROL, Outcome.DENY, ITAR_DENIED_NATIONAL, String.join("; ", deniedCitations), null, null,
                        () -> new Reason.Explanation(p.label() + holds(p, deniedNationalities) + Context.list(deniedNationalities)
                                + " nationality, under the ITAR policy of denial"
                                + (gaps.isEmpty() ? "; no dual-national rule is in force on " + ctx.day : "; the dual-national rule does not apply: " + String.join("; ", gaps)),
                                facts(ctx, dest), List.of("a recipient without " + Context.list(deniedNationalities) + " nationality"))));
                return;
            }
            DualNationalRule rule = dual;
            Determination screened = ctx.world.determination(Determination.DUAL_NATIONAL_SCREENING, p.id(), ctx.org.id(), ctx.day);
            if (screened != null) {
                // the screening the rule asks for is on record for this person and employer: the transfer may proceed under it
                out.add(new Reason(Layer.EXPORT_CONTROL, Outcome.PERMIT, ITAR_DUAL_NATIONAL, rule.source().cite() + "; " + screened.cite(),
                        rule.source().cite() + " (" + screened.cite() + ")", rule.obligations(),
                        () -> new Reason.Explanation(p.label() + " is a dual or third-country national" + holding(p, deniedNationalities) + Context.list(deniedNationalities)
                                + " nationality; as a bona fide regular employee of " + ctx.org.label() + " in " + ctx.org.country()
                                + " screened under " + rule.source().cite() + " (" + screened.cite() + ", valid " + screened.interval()
                                + ": " + String.join("; ", screened.checked()) + ") the transfer may proceed", facts(ctx, dest), List.of())));
            } else {
                out.add(new Reason(Layer.EXPORT_CONTROL, Outcome.REVIEW, ITAR_DUAL_NATIONAL, rule.source().cite(), null, rule.obligations(),
                        () -> new Reason.Explanation(p.label() + " is a dual or third-country national" + holding(p, deniedNationalities) + Context.list(deniedNationalities)
                                + " nationality (policy of denial); as a bona fide regular employee of " + ctx.org.label() + " in " + ctx.org.country()
                                + " the transfer may proceed only after screening under " + rule.source().cite(), facts(ctx, dest),
                                List.of("a compliance officer's record of the " + rule.source().cite() + " screening of " + p.label()
                                        + " and that " + p.label() + " is a bona fide regular employee of " + ctx.org.label()))));
            }
            licensed = new ArrayList<>(dest);
            licensed.removeAll(deniedNationalities);
            if (licensed.isEmpty()) {
                return;
            }
        }
        authoriseItar(ctx, itar, licensed, out);
    }

    /** " holding " or, when one of {@code nationalities} is a former citizenship, " holding or having held " (120.50(b)). */
    static String holding(Person p, Set<Country> nationalities) {
        return p.formerCitizenships().stream().anyMatch(nationalities::contains) ? " holding or having held " : " holding ";
    }

    /** " holds " or, when one of {@code nationalities} is a former citizenship, " holds or has held " (120.50(b)). */
    static String holds(Person p, Set<Country> nationalities) {
        return p.formerCitizenships().stream().anyMatch(nationalities::contains) ? " holds or has held " : " holds ";
    }

    /**
     * Why a paragraph of the dual-national rule (22 CFR 126.18) does not cover this transfer, or null if it does: the
     * employer must be a foreign end-user (of the paragraph's countries and kinds), the transfer must take place in the
     * employer's country, a classified item needs a paragraph that covers classified articles, and so on.
     */
    private static String dualNationalGap(Context ctx, DualNationalRule r, ExportControl.Itar itar, boolean otherNationality) {
        Organisation org = ctx.org;
        Person p = ctx.person;
        if (org.country().equals(Country.USA)) {
            return r.id() + " covers employees of foreign end-users, not of " + org.label() + " in the United States";
        }
        if (!r.employerCountries().isEmpty() && !r.employerCountries().contains(org.country())) {
            return r.id() + " covers employers in " + Context.list(r.employerCountries()) + " only, not in " + org.country();
        }
        if (!p.location().equals(org.country())) {
            return r.id() + " covers transfers within the employer's country (" + org.country() + "), not in " + p.location();
        }
        if (ctx.classified() && !r.classified()) {
            return r.id() + " covers unclassified articles only";
        }
        if (!otherNationality && !r.thirdCountryNationals()) {
            return r.id() + " is applied by Pillar to dual nationals only; " + p.label() + " holds no other nationality";
        }
        if (r.employerNationality() && !p.citizenships().contains(org.country())) {
            return r.id() + " covers dual nationals of " + org.country() + " only";
        }
        boolean kind = (r.employers().contains(DualNationalRule.Employer.GOVERNMENT) && org.kind() == Organisation.Kind.GOVERNMENT)
                || (r.employers().contains(DualNationalRule.Employer.AUTHORIZED_USER) && org.authorizedUserOn(ctx.day))
                || (r.employers().contains(DualNationalRule.Employer.LICENSEE) && licensee(ctx, itar.paragraph()));
        if (!kind) {
            return r.id() + " needs an employer that is " + String.join(" or ", r.employers().stream().sorted()
                    .map(e -> switch (e) {
                        case GOVERNMENT -> "a government body";
                        case AUTHORIZED_USER -> "an Authorized User";
                        case LICENSEE -> "a party to a licence on file covering " + itar.paragraph();
                    }).toList());
        }
        return null;
    }

    /** True if the recipient's organisation is a party to an ITAR licence in force on the day covering the paragraph. */
    private static boolean licensee(Context ctx, String paragraph) {
        for (Licence l : ctx.world.licencesOf(ctx.org.id())) {
            if (l.regime().equals("ITAR") && l.inForce(ctx.day) && l.covers(paragraph)) {
                return true;
            }
        }
        return false;
    }

    /** A condition of the AUKUS exemption that does not hold: its citation, and (built lazily) why and the fix, if any. */
    private record Failure(String citation, Supplier<String> message, Supplier<String> remedy) {}

    private void authoriseItar(Context ctx, ExportControl.Itar itar, List<Country> dest, List<Reason> out) {
        // a 126.1 country reviewed case by case (126.1(d)(2)): its entry cites 126.1(a), under which no exemption is available
        List<Failure> barred = new ArrayList<>(2);
        for (Country c : dest) {
            DeniedCountry d = ctx.rules.denied(c, ctx.day);
            if (d != null) {
                barred.add(new Failure(d.source().cite(), () -> c + " is a 126.1 country whose licences are reviewed case by case: no exemption is available, only a licence ("
                        + d.source().cite() + ")", null));
            }
        }
        AukusExemption ex = ctx.rules.aukusExemption(ctx.day);
        List<Failure> failures = new ArrayList<>(barred);
        List<ValueThreshold> determinations = new ArrayList<>(1);
        if (ex != null) {
            exemptionFailures(ctx, itar, dest, ex, failures, determinations);
            // the value reaches only the major defense equipment amounts: a determination that the item is not MDE settles it
            Determination notMde = determinations.isEmpty() ? null
                    : ctx.world.determinationOfItem(Determination.NOT_MAJOR_DEFENSE_EQUIPMENT, ctx.item.id(), ctx.day);
            if (failures.isEmpty() && (determinations.isEmpty() || notMde != null)) {
                List<Obligation> obligations = new ArrayList<>(ex.obligations());
                obligations.addAll(ctx.rules.recordKeeping());
                if (ctx.request.transferor() == null) {
                    obligations.add(new Obligation("126.7-transferor", "the transferor must itself be an eligible party: a DDTC-registered US person, "
                            + (ex.parties().contains(AukusExemption.Party.TERRITORY_GOVERNMENT) ? "a government department of AUS, GBR or USA" : "a US Government department")
                            + ", or an Authorized User", ex.conditions().parties()));
                }
                String basis = ctx.cite(ITAR_EXEMPTION);
                String cited = basis + " (" + ex.source().cite() + (notMde == null ? "" : "; " + notMde.cite()) + ")";
                out.add(new Reason(Layer.EXPORT_CONTROL, Outcome.PERMIT, ITAR_EXEMPTION, cited, basis, obligations,
                        () -> new Reason.Explanation("the AUKUS exemption (" + ex.id() + ") applies: destinations " + Context.list(dest)
                                + " are within " + Context.list(ex.territory()) + ", every party is eligible, the item is not on the Excluded Technology List and "
                                + (notMde == null ? "the value is under the thresholds"
                                        : "the value reaches only the amounts for major defense equipment, which the item is not (" + notMde.cite()
                                                + ", valid " + notMde.interval() + ")"),
                                facts(ctx, dest), List.of())));
                return;
            }
        }
        boolean classified = ctx.classified();
        Licence licence = findLicence(ctx, "ITAR", itar.paragraph(), dest, classified);
        if (licence != null) {
            out.add(licensed(ctx, ITAR_LICENCE, licence, dest));
            return;
        }
        if (ex != null && failures.isEmpty()) {
            out.add(exemptionReview(ctx, itar, dest, ex, determinations));
            return;
        }
        String citation = ex == null ? (barred.isEmpty() ? ctx.cite(ITAR_LICENCE_REQUIRED) : citations(barred) + "; " + ctx.cite(ITAR_LICENCE_REQUIRED))
                : citations(failures);
        List<Failure> fails = failures;
        out.add(new Reason(Layer.EXPORT_CONTROL, Outcome.LICENSE_REQUIRED, ITAR_LICENCE_REQUIRED, citation, null, null, () -> {
            StringBuilder m = new StringBuilder("a licence is required for ITAR " + itar.paragraph() + " to " + Context.list(dest) + ": ");
            if (ex == null) {
                AukusExemption next = ctx.rules.aukusExemptions().stream().filter(e -> e.interval().from().isAfter(ctx.day)).findFirst().orElse(null);
                m.append("the AUKUS exemption is not in force on ").append(ctx.day)
                        .append(next == null ? "" : " (it starts " + next.interval().from() + ")");
                barred.forEach(f -> m.append("; ").append(f.message().get()));
            } else {
                m.append("the AUKUS exemption does not apply: ").append(String.join("; ", fails.stream().map(f -> f.message().get()).toList()));
            }
            m.append(noLicence(ctx, "ITAR", itar.paragraph(), dest, classified));
            List<String> fix = new ArrayList<>();
            boolean partiesOnly = ex != null && fails.stream().allMatch(f -> f.remedy() != null && f.remedy().get() != null);
            if (partiesOnly) {
                fails.forEach(f -> fix.add(f.remedy().get()));
            } else {
                fix.add("a " + (classified ? "DSP-85 or TAA (classified)" : "DSP-5 or TAA") + " covering " + itar.paragraph() + " for "
                        + ctx.org.label() + " to " + Context.list(dest) + ", valid on " + ctx.day);
            }
            return new Reason.Explanation(m.toString(), facts(ctx, dest), fix);
        }));
    }

    /**
     * Every condition of the exemption holds except one a person must decide: the value reaches the 22 CFR 123.15
     * amount for major defense equipment but not the amount for other defense articles, so whether the exemption applies
     * turns on whether the item is major defense equipment (22 CFR 120.37). REVIEW naming that determination.
     */
    private static Reason exemptionReview(Context ctx, ExportControl.Itar itar, List<Country> dest, AukusExemption ex, List<ValueThreshold> determinations) {
        String cites = String.join("; ", determinations.stream().map(ValueThreshold::citation).distinct().toList());
        String citation = ex.conditions().value() + "; " + cites;
        long value = ctx.request.value();
        List<Obligation> checks = List.of(new Obligation("126.7-mde-determination", "determine whether the transfer of " + ctx.item.label()
                + " (" + value + " USD) is of major defense equipment (22 CFR 120.37): if it is, the AUKUS exemption does not apply and a licence is required", citation));
        return new Reason(Layer.EXPORT_CONTROL, Outcome.REVIEW, ITAR_EXEMPTION_REVIEW, citation, null, checks,
                () -> new Reason.Explanation("the AUKUS exemption (" + ex.id() + ") applies to ITAR " + itar.paragraph() + " to " + Context.list(dest)
                        + " only if the transfer is not of major defense equipment: value " + value + " USD reaches "
                        + String.join(", ", determinations.stream().map(t -> t.usd() + " USD for major defense equipment (" + t.citation() + ")").toList())
                        + " but no amount for other defense articles", facts(ctx, dest),
                        List.of("a compliance officer's determination that " + ctx.item.label() + " is not major defense equipment (22 CFR 120.37)",
                                "a " + (ctx.classified() ? "DSP-85 or TAA (classified)" : "DSP-5 or TAA") + " covering " + itar.paragraph() + " for "
                                        + ctx.org.label() + " to " + Context.list(dest) + ", valid on " + ctx.day)));
    }

    private static String citations(List<Failure> failures) {
        if (failures.size() == 1) {
            return failures.get(0).citation();
        }
        return String.join("; ", failures.stream().map(Failure::citation).distinct().toList());
    }

    private void exemptionFailures(Context ctx, ExportControl.Itar itar, List<Country> dest, AukusExemption ex, List<Failure> failures,
                                   List<ValueThreshold> determinations) {
        AukusExemption.Conditions c = ex.conditions();
        if (!ex.territory().containsAll(dest)) {
            failures.add(new Failure(c.territory(), () -> {
                Set<Country> outside = new TreeSet<>(dest);
                outside.removeAll(ex.territory());
                return Context.list(outside) + " outside the exemption's territory (" + c.territory() + ")";
            }, null));
        }
        Organisation org = ctx.org;
        if (!eligibleParty(org, ex.territory(), ex.parties(), ctx.day)) {
            failures.add(new Failure(c.parties(), () -> org.label() + " is not an eligible party (" + c.parties() + ")"
                            + (org.kind() == Organisation.Kind.GOVERNMENT && !org.country().equals(Country.USA) && ex.territory().contains(org.country())
                                    && !ex.parties().contains(AukusExemption.Party.TERRITORY_GOVERNMENT)
                                    ? ": under " + ex.id() + " a UK or Australian government department takes part only as an Authorized User" : ""),
                    () -> org.country().equals(Country.USA) ? "DDTC registration of " + org.label()
                            : ex.territory().contains(org.country()) ? "list " + org.label() + " as an Authorized User" : null));
        }
        Organisation transferor = ctx.request.transferor();
        if (transferor != null && !eligibleParty(transferor, ex.territory(), ex.parties(), ctx.day)) {
            failures.add(new Failure(c.parties(), () -> "transferor " + transferor.label() + " is not an eligible party (" + c.parties() + ")", null));
        }
        for (ExcludedTechnology e : ctx.rules.excludedTechnology()) {
            if (e.inForce(ctx.day) && e.matches(ctx.item, itar.paragraph())) {
                failures.add(new Failure(c.excludedTechnology(), () -> "the item is on the Excluded Technology List: " + e.id() + " " + e.description()
                        + (e.illustrative() ? " (illustrative entry)" : "") + " (" + c.excludedTechnology() + ")", null));
            }
        }
        long value = ctx.request.value();
        for (ValueThreshold t : ex.valueThresholds()) {
            if (!t.reached(value) || !t.concerns(itar.paragraph())) {
                continue;
            }
            if (t.appliesTo() == ValueThreshold.AppliesTo.MAJOR_DEFENSE_EQUIPMENT) {
                determinations.add(t);
            } else {
                String what = t.appliesTo() == ValueThreshold.AppliesTo.USML ? "for USML " + String.join(", ", t.usml()) : "for defense articles and services";
                failures.add(new Failure(c.value() + "; " + t.citation(), () -> "value " + value + " USD reaches the " + t.usd() + " USD " + what
                        + " that needs congressional certification (" + t.citation() + "; " + c.value() + ")", null));
            }
        }
    }

    // ---- EAR -----------------------------------------------------------------------------------------------------

    private void ear(Context ctx, ExportControl.Ear ear, List<Reason> out) {
        Person p = ctx.person;
        List<Country> dest = destinations(p, Country.USA, true);
        if (dest.isEmpty()) {
            out.add(ctx.basisReason(Layer.EXPORT_CONTROL, EAR_NO_EXPORT, () -> new Reason.Explanation(
                    p.label() + " is a US person in the United States: the release is not an export", facts(ctx, dest), List.of())));
            return;
        }
        Eccn eccn = ear.ear99() ? null : ctx.rules.eccns().get(ear.eccn());
        if (!ear.ear99() && eccn == null) {
            out.add(ctx.reason(Layer.EXPORT_CONTROL, Outcome.REVIEW, EAR_UNKNOWN_ECCN, () -> new Reason.Explanation(
                    "the rule data has no reasons for control for ECCN " + ear.eccn(), facts(ctx, dest),
                    List.of("reasons for control for ECCN " + ear.eccn() + " in the rule data"))));
            return;
        }
        Map<Country, List<String>> hits = new LinkedHashMap<>();
        Set<Country> noRow = new TreeSet<>();
        CountryChartEntry cited = null;
        for (Country c : dest) {
            CountryChartEntry row = ctx.rules.chartRow(c, ctx.day);
            if (row == null) {
                noRow.add(c);
                continue;
            }
            cited = row;
            List<String> reasons = new ArrayList<>();
            if (ear.ear99()) {
                if (row.ear99Licence()) {
                    reasons.add("embargo");
                }
            } else {
                for (String r : eccn.reasons()) {
                    if (row.licenceRequired().contains(r)) {
                        reasons.add(r);
                    }
                }
            }
            if (!reasons.isEmpty()) {
                hits.put(c, reasons);
            }
        }
        if (!noRow.isEmpty() && !ear.ear99()) {
            out.add(ctx.reason(Layer.EXPORT_CONTROL, Outcome.REVIEW, EAR_NO_CHART_ROW, () -> new Reason.Explanation(
                    "the rule data has no Commerce Country Chart row for " + Context.list(noRow) + " on " + ctx.day, facts(ctx, dest),
                    noRow.stream().map(c -> "a Country Chart row for " + c + " in the rule data").toList())));
            return;
        }
        if (hits.isEmpty()) {
            CountryChartEntry row = cited;
            out.add(new Reason(Layer.EXPORT_CONTROL, Outcome.PERMIT, EAR_NLR, ctx.cite(EAR_NLR), "NLR (" + ctx.cite(EAR_NLR) + ")", null,
                    () -> new Reason.Explanation((ear.ear99() ? "EAR99 needs no licence to " : ear.eccn() + " (reasons " + String.join(", ", eccn.reasons()) + ") needs no licence to ")
                            + Context.list(dest) + " on " + ctx.day + (row == null ? "" : " (Country Chart: " + row.source().cite() + ")"),
                            facts(ctx, dest), List.of())));
            return;
        }
        Licence licence = findLicence(ctx, "EAR", ear.eccn(), dest, false);
        if (licence != null) {
            out.add(licensed(ctx, EAR_LICENCE, licence, dest));
            return;
        }
        CountryChartEntry row = cited;
        out.add(new Reason(Layer.EXPORT_CONTROL, Outcome.LICENSE_REQUIRED, EAR_LICENCE_REQUIRED,
                ctx.cite(EAR_LICENCE_REQUIRED), null, null, () -> {
            List<String> parts = new ArrayList<>();
            hits.forEach((c, r) -> parts.add(c + " has an X under " + String.join(", ", r)));
            return new Reason.Explanation("a BIS licence is required for " + ear.eccn() + " on " + ctx.day + ": " + String.join("; ", parts)
                    + (row == null ? "" : " (Country Chart: " + row.source().cite() + ")") + noLicence(ctx, "EAR", ear.eccn(), dest, false),
                    facts(ctx, dest), List.of("a BIS licence covering " + ear.eccn() + " for " + ctx.org.label() + " to " + Context.list(hits.keySet()) + ", valid on " + ctx.day));
        }));
    }

    // ---- GBR / AUS national regimes --------------------------------------------------------------------------------

    private void national(Context ctx, ExportControl.National nat, List<Reason> out) {
        Country home = nat.country();
        NationalRegime regime = ctx.rules.regime(home, ctx.day);
        boolean deemed = regime != null && regime.deemedExport();
        List<Country> dest = destinations(ctx.person, home, deemed);
        if (dest.isEmpty()) {
            out.add(ctx.basisReason(Layer.EXPORT_CONTROL, NATIONAL_NO_EXPORT, () -> new Reason.Explanation(
                    "the release stays within " + home + " and is not an export under its regime", facts(ctx, dest), List.of())));
            return;
        }
        if (regime != null && regime.licenceFree().containsAll(dest)) {
            Set<Country> territory = new TreeSet<>(regime.licenceFree());
            territory.add(home);
            boolean recipientOk = !regime.partiesMustBeEligible() || eligibleParty(ctx.org, territory, ctx.day);
            Organisation tr = ctx.request.transferor();
            boolean transferorOk = !regime.partiesMustBeEligible() || tr == null || eligibleParty(tr, territory, ctx.day);
            if (recipientOk && transferorOk) {
                List<Obligation> obligations = regime.obligations();
                out.add(new Reason(Layer.EXPORT_CONTROL, Outcome.PERMIT, NATIONAL_REGIME, regime.source().cite(), regime.name(), obligations,
                        () -> new Reason.Explanation(regime.name() + " allows release to " + Context.list(dest) + " without a licence"
                                + (regime.partiesMustBeEligible() ? "; every party named is eligible" : ""), facts(ctx, dest), List.of())));
                return;
            }
        }
        Licence licence = findLicence(ctx, home.code(), nat.entry(), dest, ctx.classified());
        if (licence != null) {
            out.add(licensed(ctx, NATIONAL_LICENCE, licence, dest));
            return;
        }
        out.add(ctx.reason(Layer.EXPORT_CONTROL, Outcome.LICENSE_REQUIRED, NATIONAL_LICENCE_REQUIRED, () -> new Reason.Explanation(
                "a " + home + " export licence is required for " + nat.entry() + " to " + Context.list(dest) + " on " + ctx.day
                        + (regime == null ? ": no licence-free regime is in force" : ": " + regime.name() + " does not cover this release")
                        + noLicence(ctx, home.code(), nat.entry(), dest, ctx.classified()),
                facts(ctx, dest), List.of("a " + home + " licence covering " + nat.entry() + " for " + ctx.org.label() + " to " + Context.list(dest) + ", valid on " + ctx.day))));
    }

    // ---- licences --------------------------------------------------------------------------------------------------

    /**
     * A licence of the recipient's organisation that authorises this release: its regime, in force, covering the entry,
     * every destination and the item's project, within its value cap, classified if need be, and, when the request
     * names the transferor, naming the transferor as a party too (an authorisation covers only its parties: 22 CFR
     * 123.9, 124.1, 124.8).
     */
    private static Licence findLicence(Context ctx, String regime, String entry, List<Country> dest, boolean classified) {
        return findLicence(ctx, regime, entry, dest, classified, ctx.request.transferor());
    }

    private static Licence findLicence(Context ctx, String regime, String entry, List<Country> dest, boolean classified, Organisation transferor) {
        for (Licence l : ctx.world.licencesOf(ctx.org.id())) {
            if (l.regime().equals(regime) && l.inForce(ctx.day) && l.covers(entry) && l.countries().containsAll(dest)
                    && (transferor == null || (transferor.id() != null && l.parties().contains(transferor.id())))
                    && (l.projects().isEmpty() || (ctx.item.project() != null && l.projects().contains(ctx.item.project())))
                    && (l.valueCapUsd() == null || ctx.request.value() <= l.valueCapUsd() - ctx.request.used(l.number()))
                    && (!classified || l.classified())) {
                return l;
            }
        }
        return null;
    }

    /** The end of a licence-required message: why no licence on file authorises the release. */
    private static String noLicence(Context ctx, String regime, String entry, List<Country> dest, boolean classified) {
        Licence spent = spentLicence(ctx, regime, entry, dest, classified);
        if (spent != null) {
            long remaining = Math.max(0, spent.valueCapUsd() - ctx.request.used(spent.number()));
            return "; " + spent.type() + " " + spent.number() + " would cover it but its value cap of " + spent.valueCapUsd() + " USD has "
                    + remaining + " USD left, less than this release's " + ctx.request.value() + " USD";
        }
        Organisation transferor = ctx.request.transferor();
        Licence other = transferor == null ? null : findLicence(ctx, regime, entry, dest, classified, null);
        return other == null ? "; no licence on file covers it"
                : "; " + other.type() + " " + other.number() + " would cover it but does not name the transferor " + transferor.label()
                        + " as a party (parties: " + String.join(", ", other.parties()) + ")";
    }

    /** A licence that would authorise the release but for what has already been released under its cap, or null. */
    private static Licence spentLicence(Context ctx, String regime, String entry, List<Country> dest, boolean classified) {
        if (ctx.request.licenceUsed().isEmpty()) {
            return null;
        }
        Organisation transferor = ctx.request.transferor();
        for (Licence l : ctx.world.licencesOf(ctx.org.id())) {
            if (l.regime().equals(regime) && l.inForce(ctx.day) && l.covers(entry) && l.countries().containsAll(dest)
                    && (transferor == null || (transferor.id() != null && l.parties().contains(transferor.id())))
                    && (l.projects().isEmpty() || (ctx.item.project() != null && l.projects().contains(ctx.item.project())))
                    && l.valueCapUsd() != null && ctx.request.value() <= l.valueCapUsd() && (!classified || l.classified())) {
                return l;
            }
        }
        return null;
    }

    private static Reason licensed(Context ctx, String ruleId, Licence l, List<Country> dest) {
        List<Obligation> obligations = new ArrayList<>();
        for (int i = 0; i < l.provisos().size(); i++) {
            obligations.add(new Obligation(l.number() + "-proviso-" + (i + 1), l.provisos().get(i), l.type() + " " + l.number()));
        }
        if (ctx.request.transferor() == null) {
            obligations.add(new Obligation(l.number() + "-transferor", "the transferor must be a party to " + l.type() + " " + l.number()
                    + " (" + String.join(", ", l.parties()) + "): an authorisation covers only its parties", l.type() + " " + l.number()));
        }
        if (l.regime().equals("ITAR")) {
            obligations.addAll(ctx.rules.recordKeeping());
        }
        return new Reason(Layer.EXPORT_CONTROL, Outcome.PERMIT, ruleId, l.type() + " " + l.number(), l.type() + " " + l.number(), obligations,
                () -> new Reason.Explanation(l.type() + " " + l.number() + " covers " + ExportControl.format(ctx.item.control()) + " for "
                        + ctx.org.label() + " to " + Context.list(dest) + ", valid " + l.interval()
                        + (l.valueCapUsd() == null ? "" : "; value cap " + l.valueCapUsd() + " USD, " + ctx.request.used(l.number())
                                + " USD released under it before this release of " + ctx.request.value() + " USD"), facts(ctx, dest), List.of()));
    }

    private static Map<String, String> facts(Context ctx, List<Country> dest) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("control", ExportControl.format(ctx.item.control()));
        f.put("destinations", dest.isEmpty() ? "none" : Context.list(dest));
        f.put("citizenships", Context.list(ctx.person.citizenships()));
        if (!ctx.person.formerCitizenships().isEmpty()) {
            f.put("formerCitizenships", Context.list(ctx.person.formerCitizenships()));
        }
        if (!ctx.person.residencies().isEmpty()) {
            f.put("residencies", Context.list(ctx.person.residencies()));
        }
        f.put("location", ctx.person.location().code());
        f.put("organisation", ctx.org.label() + " (" + ctx.org.country() + ", " + ctx.org.kind()
                + (ctx.org.authorizedUserOn(ctx.day) ? ", Authorized User" : "") + (ctx.org.ddtcRegistered(ctx.day) ? ", DDTC-registered" : "") + ")");
        f.put("valueUsd", Long.toString(ctx.request.value()));
        return f;
    }
}
