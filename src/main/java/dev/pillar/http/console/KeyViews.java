package dev.pillar.http.console;

import java.util.List;
import java.util.Map;

/** What the key ceremony and nomination pages show (see {@link KeyPages}). */
public final class KeyViews {
    private KeyViews() {}

    public record KeyRow(String member, String kid, String validity, String source) {}

    public record EnrolmentRow(String id, String member, String kid, String from, String requestedBy, String digest, String status,
                               String needs, String cosignedBy, String confirmedBy, boolean mayCosign, boolean mayConfirm, String statement) {}

    /** {@code member} is the signed-in delegate's member (null for other roles); {@code kids} the key ids the browser may use. */
    public record KeysView(String member, String kids, List<KeyRow> registered, List<EnrolmentRow> enrolments, String notice, String error) {}

    public record NominationRow(String id, String organisation, String project, String interval, String by, String at, String digest) {}

    public record NominationForm(String organisation, String project, String from, String until, String sourceTitle, String sourceDate,
                                 String sourceCitation) {}

    public record NominationsView(List<NominationRow> rows, boolean mayNominate, Map<String, String> organisations, List<String> projects,
                                  NominationForm form, String notice, List<String> errors) {
        public String invalid(String field) {
            return errors.stream().anyMatch(e -> e.startsWith(field + ":")) ? "true" : null;
        }
    }
}
