package dev.pillar.core.screening;

import dev.pillar.core.model.Check;
import java.time.Instant;

/**
 * A compliance officer's verdict on a possible match of a party to a list entry: {@code sameParty} false ("not the same
 * party") clears the match, true confirms it. It holds for that party and that entry while the entry's content is
 * {@code entryDigest}: when the list publishes a changed entry, the match is open again.
 */
public record Verdict(long id, String partyId, String entryRef, String entryDigest, boolean sameParty, String evidence, String note,
                      String decidedBy, Instant at) {
    public Verdict {
        Check.text("party", partyId);
        Check.text("entry", entryRef);
        Check.text("entryDigest", entryDigest);
        Check.text("evidence", evidence);
        Check.text("decidedBy", decidedBy);
    }

    public boolean holdsFor(String party, ListEntry entry) {
        return partyId.equals(party) && entryRef.equals(entry.ref()) && entryDigest.equals(entry.digest());
    }

    public String cite() {
        return "screening verdict " + id + " by " + decidedBy + " (evidence " + evidence + ")";
    }
}
