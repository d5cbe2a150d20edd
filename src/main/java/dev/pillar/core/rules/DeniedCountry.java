package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Source;

/** A country under the ITAR policy of denial (22 CFR 126.1) over an interval. */
public record DeniedCountry(Country country, Interval interval, Source source) implements Dated {
    public DeniedCountry {
        Check.present("country", country);
        Check.present("interval", interval);
        Check.present("source", source);
    }
}
