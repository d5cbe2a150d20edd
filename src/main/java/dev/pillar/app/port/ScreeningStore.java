package dev.pillar.app.port;

import dev.pillar.core.screening.ListVersion;
import dev.pillar.core.screening.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Restricted-party list versions, officers' verdicts on matches, and screening cases (hits found when a list version
 * was imported). Adding a list version and recording a verdict append their audit entries in the same transaction.
 */
public interface ScreeningStore {
    /** Stores a list version: {@code body} is its entries as JSON lines (see the screening codec). */
    ListVersion addListVersion(String list, LocalDate published, String fileSha256, int entries, String body, String actor);

    /** Every list version, oldest first (without bodies). */
    List<ListVersion> listVersions();

    /** The entries of a version as stored (JSON lines), with the digest the audit log holds for them. */
    Optional<String> listBody(long version);

    /**
     * Records a verdict and closes the open screening cases of that party and entry, in one transaction; returns the
     * verdict with its id.
     */
    Verdict addVerdict(Verdict verdict);

    List<Verdict> verdicts();

    /** A screening case: a hit on a party of the world found by continuous screening. {@code state} is open or closed. */
    record Alert(long id, String state, String party, String partyRole, String partyName, String entryRef, String entryName, long listVersion,
                 double score, boolean exact, Instant openedAt, Long verdictId, Instant closedAt) {
        public boolean open() {
            return state.equals("open");
        }
    }

    /** A hit to open a screening case for. */
    record NewAlert(String party, String partyRole, String partyName, String entryRef, String entryName, long listVersion, double score,
                    boolean exact) {}

    /** Opens a case for each hit that has no open case for its party and entry yet; returns how many were opened. */
    int openAlerts(List<NewAlert> alerts, Instant at);

    /** Screening cases, newest first; {@code state} null for every state. */
    List<Alert> alerts(String state, int limit);

    Optional<Alert> alert(long id);

    long openAlertCount();
}
