package dev.pillar.core.screening;

import dev.pillar.core.model.Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * One entry of a restricted-party list as published: its list and the source list within it (for the Consolidated
 * Screening List, e.g. "Entity List (EL) - Bureau of Industry and Security"), the entry's own id, what it is (null when the list does not say), its names
 * (the primary name first, then aliases), the countries of its addresses, nationalities and citizenships (alpha-3),
 * dates of birth (ISO dates or years, as published), identifiers, programmes, the dates it was listed and delisted, and
 * remarks. {@link #digest()} identifies this content: an officer's verdict on a match holds until the entry changes.
 */
public record ListEntry(String list, String source, String id, PartyType type, List<String> names, Set<String> countries,
                        List<String> birthDates, List<String> ids, List<String> programs, LocalDate start, LocalDate end,
                        String remarks) {
    public ListEntry {
        Check.text("list", list);
        Check.text("source", source);
        Check.text("id", id);
        names = List.copyOf(names);
        Check.that(!names.isEmpty(), "name", "an entry needs at least one name");
        for (String n : names) {
            Check.text("name", n);
        }
        countries = countries == null ? Set.of() : Set.copyOf(countries);
        birthDates = birthDates == null ? List.of() : List.copyOf(birthDates);
        ids = ids == null ? List.of() : List.copyOf(ids);
        programs = programs == null ? List.of() : List.copyOf(programs);
        remarks = remarks == null ? "" : remarks;
        if (start != null && end != null) {
            Check.that(!end.isBefore(start), "end_date", "the entry ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public String name() {
        return names.get(0);
    }

    /** True if the entry is listed on {@code day}: from its start date (if any) until, not including, its end date. */
    public boolean listedOn(LocalDate day) {
        return (start == null || !day.isBefore(start)) && (end == null || day.isBefore(end));
    }

    /** How a hit names the entry: list, source and id, e.g. "us-csl/Entity List (EL) - Bureau of Industry and Security/1234". */
    public String ref() {
        return list + "/" + source + "/" + id;
    }

    /** A SHA-256 of the entry's content (hex), so that a verdict on a match can tell when the entry has changed. */
    public String digest() {
        String canon = String.join("\u001f", list, source, id, type == null ? "" : type.id(), String.join("\u001e", names),
                String.join("\u001e", new java.util.TreeSet<>(countries)), String.join("\u001e", birthDates), String.join("\u001e", ids),
                String.join("\u001e", programs), String.valueOf(start), String.valueOf(end), remarks);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canon.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
