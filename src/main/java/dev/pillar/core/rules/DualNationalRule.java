package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Source;
import java.util.List;
import java.util.Set;

/**
 * One paragraph of 22 CFR 126.18, the exemption for transfers to dual and third-country national employees: a transfer
 * to a bona fide regular employee of a foreign end-user, within the country where that end-user is located, may proceed
 * after screening instead of needing its own approval. Pillar answers REVIEW naming the screening (the obligations say
 * what it must record). The data says which transfers a paragraph covers: {@code classified} items or only unclassified
 * ones (126.18(a) covers unclassified articles; the 2024 AUKUS rule added classified articles for dual nationals of the
 * UK and Australian parties of 126.7(b)(2)), employers of which {@code employerCountries} (empty: any country but the
 * United States, whose employers 126.18 does not cover) and of which kind ({@code employers}), and whether a person
 * whose only nationality is under 126.1 is covered ({@code thirdCountryNationals}) and whether the employee must also
 * be a national of the employer's country ({@code employerNationality}, the dual nationals of 126.18's AUKUS paragraph).
 */
public record DualNationalRule(String id, Interval interval, boolean classified, Set<Country> employerCountries,
                               Set<Employer> employers, boolean thirdCountryNationals, boolean employerNationality,
                               List<Obligation> obligations, Source source) implements Dated {
    /** Who may be the employer: a government body, an Authorized User of 126.7, or a party to a licence on file covering the item. */
    public enum Employer {
        GOVERNMENT, AUTHORIZED_USER, LICENSEE;

        public static final Set<Employer> DEFAULT = Set.of(GOVERNMENT, AUTHORIZED_USER, LICENSEE);
    }

    public DualNationalRule {
        Check.id("id", id);
        Check.present("interval", interval);
        Check.present("source", source);
        employerCountries = Check.set("employerCountries", employerCountries);
        Check.that(!employerCountries.contains(Country.USA), "employerCountries", "126.18 covers foreign employers: remove USA");
        employers = Check.set("employers", employers);
        Check.that(!employers.isEmpty(), "employers", "name at least one kind of employer: government, authorized-user or licensee");
        obligations = Check.list("obligations", obligations);
    }

    /** The 126.18(a) paragraph: unclassified articles, any foreign employer that is an authorised end-user. */
    public DualNationalRule(String id, Interval interval, List<Obligation> obligations, Source source) {
        this(id, interval, false, Set.of(), Employer.DEFAULT, false, false, obligations, source);
    }
}
