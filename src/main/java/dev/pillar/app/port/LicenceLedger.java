package dev.pillar.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The value released under capped licences. A release is stored with its decision in one transaction, and only if it
 * keeps the licence within its cap: concurrent releases against the same licence never exceed it.
 */
public interface LicenceLedger {
    /** One release under a licence: the decision, the value drawn and what had been used with it. */
    record Release(String licence, String decisionId, long valueUsd, long usedAfter, Instant at, String actor, String recipient, String item) {}

    /** What has been used under a licence: the value and the number of releases. */
    record Usage(long usedUsd, long releases) {}

    /** The usage of every licence with releases, by number. */
    Map<String, Usage> licenceUsage();

    /** The releases under a licence, newest first, at most {@code limit}. */
    List<Release> releases(String licence, int limit);

    /**
     * Stores {@code decision} (to the person {@code recipient}, null if unnamed) as a release of {@code valueUsd} under {@code licence} if what has been used under it
     * plus this value is within {@code capUsd}: then the decision, the release and their audit entries are durable
     * and this returns the licence's usage with this release (the value used and the number of releases, as stored).
     * Otherwise nothing is stored and this returns null.
     */
    Usage saveRelease(StoredDecision decision, String recipient, String licence, long valueUsd, long capUsd);
}
