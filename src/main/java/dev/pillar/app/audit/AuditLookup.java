package dev.pillar.app.audit;

import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.AuditStorage;
import java.util.OptionalLong;

/** Finds entries of the log by what they record. */
public final class AuditLookup {
    private AuditLookup() {}

    /** Entries read per step of the backward scan. */
    static final long WINDOW = 65_536;

    /**
     * The index of the entry that records decision {@code decisionId}, among the first {@code size} entries: the
     * {@link AuditEntry.Decision decision entry} of that id. A scan of the stored entries from the newest back, a
     * window at a time, stopping at the window that holds it: a recent decision (the usual question) is found after
     * reading only the latest entries; an old or unknown one costs a read of the log back to it (linear in the log's
     * size; docs/audit.md says so).
     */
    public static OptionalLong decision(AuditStorage store, long size, String decisionId) {
        return decision(store, size, decisionId, WINDOW);
    }

    static OptionalLong decision(AuditStorage store, long size, String decisionId, long window) {
        long[] found = {-1};
        for (long to = size; to > 0 && found[0] < 0; to -= window) {
            long from = Math.max(0, to - window);
            store.auditRecords(from, to, r -> {
                if (found[0] < 0 && r.entry() instanceof AuditEntry.Decision d && d.decisionId().equals(decisionId)) {
                    found[0] = r.index();
                }
            });
        }
        return found[0] < 0 ? OptionalLong.empty() : OptionalLong.of(found[0]);
    }
}
