package dev.pillar.audit;

import dev.pillar.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** Finds entries of the log by what they record. */
public final class AuditLookup {
    private AuditLookup() {}

    /**
     * The index of the entry that records decision {@code decisionId}, among the first {@code size} entries. Entries
     * are canonical JSON, so the entry holds exactly {@code "decisionId":"<id>"}. A scan of the stored entries: its
     * cost grows linearly with the log (not measured yet; docs/audit.md says so).
     */
    public static OptionalLong decision(Store store, long size, String decisionId) {
        StringBuilder b = new StringBuilder("\"decisionId\":");
        dev.pillar.io.JsonText.string(b, decisionId);
        byte[] needle = b.toString().getBytes(StandardCharsets.UTF_8);
        long[] found = {-1};
        store.auditEntries(0, size, (entry, index) -> {
            if (found[0] < 0 && contains(entry, needle)) {
                found[0] = index;
            }
        });
        return found[0] < 0 ? OptionalLong.empty() : OptionalLong.of(found[0]);
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
