package dev.pillar.core.decision;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import java.time.LocalDate;

/**
 * A resolved request: the item, the recipient, the date, and optionally the transferor (the organisation releasing
 * the data) and a value that overrides the item's declared value.
 */
public record DecisionRequest(Item item, Person recipient, Organisation transferor, LocalDate asOf, Long valueUsd) {
    public DecisionRequest {
        Check.present("item", item);
        Check.present("recipient", recipient);
        Check.present("asOf", asOf);
        if (valueUsd != null) {
            Check.nonNegative("valueUsd", valueUsd);
        }
    }

    /** The value of the transfer: the request's value if given, else the item's. */
    public long value() {
        return valueUsd != null ? valueUsd : item.valueUsd();
    }
}
