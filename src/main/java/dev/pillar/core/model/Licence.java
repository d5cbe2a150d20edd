package dev.pillar.core.model;

import java.util.List;
import java.util.Set;

/**
 * An export licence or agreement on file (DSP-5, DSP-85, TAA, a BIS licence, a UK SIEL, an Australian DSGL permit):
 * its regime, the parties (organisation ids), the control entries it covers (USML paragraphs, where {@code XI} covers
 * the whole category and {@code XI(d)} that paragraph and its sub-paragraphs, or ECCNs), destination countries,
 * projects (empty: any), validity, value cap, whether it covers classified data, and its provisos.
 */
public record Licence(String number, String type, String regime, List<String> parties, List<String> covers,
                      Set<Country> countries, Set<String> projects, Interval interval, Long valueCapUsd,
                      boolean classified, List<String> provisos, Source source) implements Dated {
    public Licence {
        Check.id("number", number);
        Check.text("type", type);
        Check.text("regime", regime);
        Check.that(Set.of("ITAR", "EAR", "GBR", "AUS").contains(regime), "regime", "'" + regime + "' is not a licensing regime: use ITAR, EAR, GBR or AUS");
        parties = Check.list("parties", parties);
        Check.that(!parties.isEmpty(), "parties", "a licence names at least one party (organisation id)");
        covers = Check.list("covers", covers);
        Check.that(!covers.isEmpty(), "covers", "a licence covers at least one control entry, e.g. XI(d) or 3E001");
        countries = Check.set("countries", countries);
        Check.that(!countries.isEmpty(), "countries", "a licence names at least one destination country");
        projects = Check.set("projects", projects);
        Check.present("validity", interval);
        if (valueCapUsd != null) {
            Check.nonNegative("valueCapUsd", valueCapUsd);
        }
        provisos = Check.list("provisos", provisos);
    }

    /** True if this licence names {@code entry} (a USML paragraph or ECCN) directly or through a parent paragraph. */
    public boolean covers(String entry) {
        for (String c : covers) {
            if (ExportControl.Itar.within(entry, c)) {
                return true;
            }
        }
        return false;
    }
}
