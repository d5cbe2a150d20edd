package dev.pillar.http.console;

import java.util.List;
import java.util.Map;

/**
 * What the compliance pages show: the case queue and a case with its resolution forms ({@link CasePages}), the licences
 * as they run down ({@link LicencePages}), the decision search ({@link RecordPages}) and accounts ({@link UserPages}).
 */
public final class OperationViews {
    private OperationViews() {}

    /** The text fields of a licence recorded on a case, with their labels, in the order of the form. */
    public static final Map<String, String> LICENCE_FIELDS = linked("number", "Reference", "type", "Type (TAA, DSP-5, BIS, SIEL …)",
            "regime", "Regime (ITAR, EAR, GBR, AUS)", "parties", "Parties (organisation ids, comma-separated)",
            "covers", "Covers (USML paragraphs, ECCNs; comma-separated)", "countries", "Destinations (comma-separated)",
            "projects", "Limited to projects (optional, comma-separated)", "from", "Valid from (YYYY-MM-DD)",
            "until", "Valid until (YYYY-MM-DD)", "valueCapUsd", "Value cap in USD (optional)");

    /** The decision search's fields, with their labels. */
    public static final Map<String, String> SEARCH_FIELDS = linked("recipient", "Recipient (person id)", "item", "Item", "organisation",
            "Organisation", "project", "Project", "outcome", "Outcome", "basis", "Basis (licence, citation, rule id)", "from", "Recorded from (YYYY-MM-DD)",
            "to", "Recorded until (YYYY-MM-DD)", "worldVersion", "World version", "askedBy", "Asked by");

    private static Map<String, String> linked(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A form's values by field name, and its problems by field ("" for the form as a whole). */
    public record Form(Map<String, String> values, Map<String, String> errors) {
        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }

        /** {@code "true"} for a field with a problem (aria-invalid), else null (no attribute). */
        public String invalid(String field) {
            return errors.containsKey(field) ? "true" : null;
        }

        public boolean failed() {
            return !errors.isEmpty();
        }
    }

    public record CaseRow(String id, String state, String outcome, String reasons, String item, String recipient, String organisation,
                          String country, String project, String opened, long ageDays, int decisions) {}

    /** The queue with its filters ({@code form}), the page and the links to the pages before and after. */
    public record CaseQueue(List<CaseRow> rows, Form form, long total, int from, int to, String previous, String next,
                            Map<String, Long> openCounts) {}

    public record CaseDecisionRow(String id, String askedBy, String at) {}

    /**
     * A case; {@code mayAct} if the signed-in officer may close it, else {@code whyNot} says why (null when closed);
     * {@code rules} the rules a determination may answer; {@code nowOutcome}/{@code nowBasis} what its request gets now.
     */
    public record CasePage(CaseRow c, long version, List<CaseDecisionRow> decisions, String resolution, String reference, String note,
                           String resolvedBy, String resolvedAt, boolean mayAct, String whyNot, List<String> rules, Form form,
                           String nowOutcome, String nowBasis, String notice) {}

    public record AlertRow(String kind, String message) {}

    public record LicenceRow(String number, String type, String regime, List<String> parties, List<String> covers, String countries,
                             String projects, String validity, String state, String daysToExpiry, String valueCap, String used,
                             String remaining, Integer percentUsed, long releases, boolean classified, List<String> provisos,
                             String source, List<AlertRow> alerts) {}

    public record ReleaseRow(String decisionId, String value, String usedAfter, String at, String askedBy, String recipient, String item) {}

    /** A licence's page: its status and the releases made under it (null for engineers: a release names its recipient). */
    public record LicencePage(LicenceRow licence, List<ReleaseRow> releases) {}

    public record FoundRow(String id, String at, String askedBy, String outcome, String asOf, String item, String recipient,
                           String organisation, String project, String basis, String worldVersion) {}

    /** The decision search: its filters, the rows, the next page's link and the CSV link of the same search. */
    public record SearchPage(Form form, List<FoundRow> rows, String next, String csv, boolean searched) {}

    public record UserRow(String username, String role, String country, String organisation, boolean disabled, long version, boolean self) {}

    /** The accounts page; {@code shown} a password made now, shown once ({@code shownFor} its user). */
    public record UsersPage(List<UserRow> rows, Form create, List<String> roles, String notice, String shownFor, String shown) {}

    public record UserPage(UserRow user, Form form, List<String> roles, String notice, String shown) {}

    public record AccountPage(Form form, String notice) {}
}
