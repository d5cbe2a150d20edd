package dev.pillar.core.decision;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import java.time.LocalDate;
import java.util.Map;

/**
 * A resolved request: the item, the recipient, the date, and optionally the transferor (the organisation releasing
 * the data) and a value that overrides the item's declared value. {@code licenceUsed} is the value already released
 * under each capped licence (by number) when the request is decided: a licence authorises a release only within what
 * remains of its cap.
 */
public record DecisionRequest(Item item, Person recipient, Organisation transferor, LocalDate asOf, Long valueUsd, Map<String, Long> licenceUsed) {
    public DecisionRequest {
        Check.present("item", item);
        Check.present("recipient", recipient);
        Check.present("asOf", asOf);
        if (valueUsd != null) {
            Check.nonNegative("valueUsd", valueUsd);
        }
        licenceUsed = licenceUsed == null || licenceUsed.isEmpty() ? Map.of() : Map.copyOf(licenceUsed);
        licenceUsed.forEach((k, v) -> Check.nonNegative("licenceUsed." + k, v));
    }

    /** A request with nothing released yet under any licence. */
    public DecisionRequest(Item item, Person recipient, Organisation transferor, LocalDate asOf, Long valueUsd) {
        this(item, recipient, transferor, asOf, valueUsd, Map.of());
    }

    /** The value of the transfer: the request's value if given, else the item's. */
    public long value() {
        return valueUsd != null ? valueUsd : item.valueUsd();
    }

    /** The value already released under licence {@code number} (0 if none). */
    public long used(String number) {
        Long u = licenceUsed.get(number);
        return u == null ? 0 : u;
    }

    /** This request with the values already released under capped licences. */
    public DecisionRequest withLicenceUsed(Map<String, Long> used) {
        return new DecisionRequest(item, recipient, transferor, asOf, valueUsd, used);
    }
}
