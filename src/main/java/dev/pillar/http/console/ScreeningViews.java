package dev.pillar.http.console;

import java.util.List;
import java.util.Map;

/** What the screening page shows (public: the compiled templates read them). */
public final class ScreeningViews {
    private ScreeningViews() {}

    /** A list version as the page shows it. */
    public record VersionRow(long version, String list, String published, int entries, String importedAt, String importedBy, boolean inForce) {}

    /** A hit as the page shows it. */
    public record HitRow(String score, boolean exact, String list, String source, String entry, String entryName, String matchedName,
                         String programs, String countries) {}

    /** A screening case as the page shows it. */
    public record CaseRow(long id, String party, String partyRole, String partyName, String entryRef, String entryName, long listVersion, String score,
                          boolean exact, String openedAt) {}

    /** Everything the page shows. */
    public record ScreeningPage(List<VersionRow> versions, List<CaseRow> cases, boolean officer, boolean canCheck, Map<String, String> values,
                                Map<String, String> errors, String notice, List<HitRow> hits, String checkedAgainst) {
        public String value(String k) {
            return values.getOrDefault(k, "");
        }

        public boolean invalid(String k) {
            return errors.containsKey(k);
        }
    }
}
