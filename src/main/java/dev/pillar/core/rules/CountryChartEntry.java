package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Source;
import java.util.Set;

/**
 * One country's row of the Commerce Country Chart (Supp. No. 1 to Part 738) over an interval: the reason-for-control
 * columns that carry an X, i.e. need a licence. {@code ear99Licence} is true for embargoed destinations where even
 * EAR99 items need a licence.
 */
public record CountryChartEntry(Country country, Set<String> licenceRequired, boolean ear99Licence,
                                Interval interval, Source source) implements Dated {
    public CountryChartEntry {
        Check.present("country", country);
        licenceRequired = Check.set("licenceRequired", licenceRequired);
        Check.present("interval", interval);
        Check.present("source", source);
    }
}
