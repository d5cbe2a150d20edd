package dev.pillar.core.screening;

import java.time.LocalDate;
import java.util.List;

/**
 * Screens a party against the restricted-party lists in force on a date, with the officers' verdicts applied. An
 * implementation must not throw for a party it cannot screen: the decision layer turns a failure into DENY.
 */
public interface Screener {
    Screening screen(Party party, LocalDate day);

    /** No lists at all (a world used without a store, such as the CLI on world files): every screening finds nothing. */
    Screener NONE = (party, day) -> new Screening(party, List.of(), List.of());
}
