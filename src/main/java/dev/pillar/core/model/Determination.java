package dev.pillar.core.model;

import java.util.List;
import java.util.Set;

/**
 * What a compliance officer checked and recorded, dated, with its evidence, so that later decisions can rely on it: a
 * REVIEW answer names what a person must check (the screening of a dual national under 22 CFR 126.18 and that the
 * person is a bona fide regular employee; whether an item is major defense equipment under 22 CFR 120.37), and a
 * determination records that it was checked. It answers one {@code rule} (the rule id of the REVIEW reason) for one
 * subject: a person employed by an organisation, or an item. It holds over {@code interval} only, and a decision
 * relies on it only for the same subject (a screening of a person recorded for another employer does not carry over).
 *
 * @param checked  what was checked, in words (e.g. "non-disclosure agreement signed 2026-11-30")
 * @param evidence where the evidence is kept (a file or case reference), so an auditor can find it
 */
public record Determination(String id, String rule, String person, String organisation, String item, Interval interval,
                            List<String> checked, String evidence, String recordedBy) implements Dated {
    /** A 126.18 screening of a dual or third-country national employee: subject person and employer. */
    public static final String DUAL_NATIONAL_SCREENING = "itar.dual-national-review";
    /** A determination that an item is not major defense equipment (22 CFR 120.37): subject item. */
    public static final String NOT_MAJOR_DEFENSE_EQUIPMENT = "itar.exemption-review";
    /** The REVIEW rules a determination can answer. */
    public static final Set<String> RULES = Set.of(DUAL_NATIONAL_SCREENING, NOT_MAJOR_DEFENSE_EQUIPMENT);

    public Determination {
        Check.id("id", id);
        Check.that(rule != null && RULES.contains(rule), "rule", "'" + rule + "' is not a review a determination can answer: use "
                + DUAL_NATIONAL_SCREENING + " (a 126.18 screening of a person) or " + NOT_MAJOR_DEFENSE_EQUIPMENT
                + " (an item is not major defense equipment)");
        if (rule.equals(DUAL_NATIONAL_SCREENING)) {
            Check.that(person != null && !person.isBlank(), "person", "a screening is of a person: give the person's id");
            Check.that(organisation != null && !organisation.isBlank(), "organisation", "a screening holds for one employer: give the organisation's id");
            Check.that(item == null, "item", "a screening is of a person, not of an item: remove item");
        } else {
            Check.that(item != null && !item.isBlank(), "item", "a major defense equipment determination is of an item: give the item's id");
            Check.that(person == null && organisation == null, "person", "a determination of an item names no person or organisation: remove them");
        }
        Check.present("validity", interval);
        checked = Check.list("checked", checked);
        Check.that(!checked.isEmpty(), "checked", "say what was checked, e.g. \"non-disclosure agreement signed\"");
        for (String c : checked) {
            Check.text("checked", c);
        }
        Check.text("evidence", evidence);
        Check.text("recordedBy", recordedBy);
    }

    /** True if this determination answers {@code rule} for the person employed by the organisation, on {@code day}. */
    public boolean answers(String rule, String personId, String organisationId, java.time.LocalDate day) {
        return this.rule.equals(rule) && person != null && person.equals(personId) && organisation.equals(organisationId) && inForce(day);
    }

    /** True if this determination answers {@code rule} for the item, on {@code day}. */
    public boolean answersItem(String rule, String itemId, java.time.LocalDate day) {
        return this.rule.equals(rule) && item != null && item.equals(itemId) && inForce(day);
    }

    /** How a reason cites it: "determination D-1 (evidence CASE-17/nda.pdf)". */
    public String cite() {
        return "determination " + id + " (evidence " + evidence + ")";
    }
}
