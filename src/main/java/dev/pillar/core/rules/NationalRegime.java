package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Source;
import java.util.List;
import java.util.Set;

/**
 * A partner's own export regime for items on its national list, e.g. Australia's Defence Trade Controls Amendment Act
 * 2024 or the UK AUKUS Open General Licence: releases to {@code licenceFree} countries need no licence when every
 * party is eligible (a government body of those countries, a UK/AUS Authorized User or a DDTC-registered US person,
 * if {@code partiesMustBeEligible}). {@code deemedExport} says whether a release to a foreign person inside the
 * country counts as an export.
 */
public record NationalRegime(String id, Country country, String name, boolean deemedExport, Set<Country> licenceFree,
                             boolean partiesMustBeEligible, List<Obligation> obligations, Interval interval,
                             Source source) implements Dated {
    public NationalRegime {
        Check.id("id", id);
        Check.present("country", country);
        Check.text("name", name);
        licenceFree = Check.set("licenceFree", licenceFree);
        obligations = Check.list("obligations", obligations);
        Check.present("interval", interval);
        Check.present("source", source);
    }
}
