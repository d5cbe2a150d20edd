package dev.pillar.codec.screening;

import dev.pillar.core.screening.ListEntry;
import java.time.LocalDate;
import java.util.List;

/**
 * A list file as read: which list, the publication date the file states (null if it states none), and its entries.
 *
 * @param format what the file was read as, e.g. "Consolidated Screening List CSV"
 */
public record ListFile(String list, String format, LocalDate published, List<ListEntry> entries) {
    public ListFile {
        entries = List.copyOf(entries);
    }
}
