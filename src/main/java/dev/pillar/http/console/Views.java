package dev.pillar.http.console;

import dev.pillar.codec.impact.ImpactHtml;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The values the console's templates render (src/main/jte); built by {@link Console}, never by templates. */
public final class Views {
    private Views() {}

    /** What every page's frame needs: title, navigation, who is signed in and the CSRF token of their forms. */
    public record PageView(String title, String active, String user, String role, String scope, String csrf,
                           boolean showPeople, String worldVersion) {
        public boolean signedIn() {
            return user != null;
        }

        /** The impact page covers the whole catalogue: like the People page, not for engineers. */
        public boolean showImpact() {
            return showPeople;
        }

        /** The audit log's entries name every actor and item: like the People page, not for engineers. */
        public boolean showAudit() {
            return showPeople;
        }
    }

    /** A choice in a select. */
    public record Option(String value, String label, boolean selected) {}

    // ---- dashboard -------------------------------------------------------------------------------------------------

    /** The dashboard's counts of held releases (not for engineers) and of licences with alerts. */
    public record OperationsSummary(boolean showCases, long openReview, long openLicence, long licenceAlerts, long screeningCases, boolean screened) {}

    public record DashboardView(String today, List<MemberRow> members, List<CandidateView> candidates, List<AreaView> areas,
                                MatrixView matrix, List<OpenProposal> open) {}

    /**
     * Every country of the partnership (the core members, then each candidate) against every project (grouped by Pillar I
     * and area), as of one day.
     */
    public record MatrixView(List<MatrixGroup> groups, List<MatrixRow> rows) {}

    /** A group of the matrix's columns: Pillar I, or one area, with its projects' ids. */
    public record MatrixGroup(String id, String name, List<String> projects) {}

    /** A country's row: whether it is a core member or a candidate (with its stage today) and one cell per project. */
    public record MatrixRow(String country, String role, List<MatrixCell> cells) {}

    /**
     * A country's standing in a project: {@code kind} is {@code member}, {@code partner}, {@code candidate}, {@code past}
     * or {@code none}; {@code text} says it in words ("partner from 2024-09-17"); {@code proposal} and {@code proposed}
     * name an open proposal that would change the cell and what it would make it.
     */
    public record MatrixCell(String project, String kind, String text, String proposal, String proposed) {}

    /** An open proposal and, in words, what adopting it would change ("KOR: partner in MAS-1, UNDERSEA-2 from 2027-01-10"). */
    public record OpenProposal(String id, String candidate, String action, String change, String deadline, String votes) {}

    public record MemberRow(String country, String since, String until, String source) {}

    /** A candidate, its stage today and the dated steps that led there, each with the statement it rests on. */
    public record CandidateView(String country, String stageId, String stageName, String since, List<StageStep> steps) {}

    /**
     * A step of a candidate's timeline: {@code tense} is {@link #PAST}, {@link #CURRENT} (the stage in force today),
     * {@link #SCHEDULED} (dated after today: an adopted act that takes effect later) or {@link #PLANNED} (a stage of the
     * path still ahead, undated, with no source); {@code act} is the proposal id of the governance act that made it.
     */
    public record StageStep(String date, String stageId, String stageName, String title, String citation, String sourceDate,
                            String url, List<String> projects, String note, String tense, String act) {
        public static final String PAST = "past";
        public static final String CURRENT = "current";
        public static final String SCHEDULED = "scheduled";
        public static final String PLANNED = "planned";

        public boolean current() {
            return CURRENT.equals(tense);
        }

        /** Scheduled or planned: not yet reached. */
        public boolean future() {
            return SCHEDULED.equals(tense) || PLANNED.equals(tense);
        }

        public boolean planned() {
            return PLANNED.equals(tense);
        }
    }

    public record AreaView(String id, String name, String kind, List<ProjectView> projects) {}

    public record ProjectView(String id, String name, String pillar, List<ParticipantView> participants, List<String> organisations) {}

    public record ParticipantView(String country, String from, String until, String source, boolean current) {}

    // ---- decisions ----------------------------------------------------------------------------------------------------

    /** A decision as the console shows it, built from the JSON v1 response (live or stored). */
    public record DecisionView(String decisionId, String outcome, List<String> basis, List<ReasonView> reasons,
                               List<ObligationView> obligations, List<String> toPermit, String asOf, String worldVersion,
                               String item, String recipient, String askedBy, String askedAt, String caseId, String caseState) {
        public String outcomeText() {
            return outcome.replace('_', ' ');
        }

        /** This decision with the compliance case it opened or joined ({@code id} C-n, its state). */
        public DecisionView withCase(String id, String state) {
            return new DecisionView(decisionId, outcome, basis, reasons, obligations, toPermit, asOf, worldVersion, item, recipient, askedBy,
                    askedAt, id, state);
        }
    }

    public record ReasonView(String layer, String layerTitle, String outcome, String ruleId, String citation, String message,
                             Map<String, String> facts, List<String> toPermit) {
        public String outcomeText() {
            return outcome.replace('_', ' ');
        }
    }

    public record ObligationView(String id, String text, String citation) {}

    /** The explorer's form as sent (or prefilled), its choices, and the result or error to show below it. */
    public record ExplorerView(ExplorerForm form, List<Option> items, List<Option> people, List<Option> organisations,
                               List<Option> projects, List<String> levels, boolean peopleListed, DecisionView result,
                               String error, String errorField) {
        /** {@code "true"} for the field the error names (for aria-invalid), else null (no attribute). */
        public String invalid(String field) {
            return field.equals(errorField) ? "true" : null;
        }
    }

    // ---- catalogue and item -------------------------------------------------------------------------------------------

    public record CatalogueView(List<ItemRow> rows, long total, int from, int to, List<Option> areas, List<Option> projects,
                                List<Option> classifications, String control, String previous, String next, boolean filtered) {}

    public record ItemRow(String id, String title, String classification, String banner, String control, String project, String area) {}

    public record ItemView(String id, String title, String originator, String classification, String banner, String releasability,
                           String control, List<String> technologies, String area, String areaName, String project,
                           String projectName, String value, List<DecisionRow> decisions) {}

    public record DecisionRow(String id, String askedAt, String askedBy, String asOf, String outcome, String recipient,
                              String organisation, String worldVersion) {
        public String outcomeText() {
            return outcome.replace('_', ' ');
        }
    }

    // ---- impact analysis ----------------------------------------------------------------------------------------------

    /**
     * The impact page: the built-in scenarios to choose, the scenario written by hand, an error, and the report as HTML
     * made by {@link ImpactHtml} (which escapes every value).
     */
    public record ImpactView(List<Option> builtIns, String scenarioText, String error, String report) {}

    /**
     * What adopting a proposal would change: the proposal, its effect in words, and either the report of the impact
     * engine run on the scenario the proposal stands for (HTML made by {@link ImpactHtml}) or why it was not evaluated.
     */
    public record ProposalImpactView(String id, String status, String candidate, String action, String change, String scenario,
                                     String asOf, String recipients, String notEvaluated, String error, String report) {
        public String statusClass() {
            return status.toLowerCase(Locale.ROOT);
        }
    }

    // ---- organisations, people, licences -----------------------------------------------------------------------------

    public record OrganisationRow(String id, String name, String country, String kind, String ddtc, String authorizedUser,
                                  List<String> projects, boolean fictional) {}

    public record PersonRow(String id, String name, String citizenships, String residencies, String location,
                            String organisation, String clearance, String clearanceValid, boolean fictional) {}

    // ---- labels --------------------------------------------------------------------------------------------------------

    /** The labels page: the form as sent (or the example), the world's national policies, and the result or error. */
    public record LabelsView(String label, String lang, String asOf, List<PolicyRow> policies, LabelResult result, String error) {}

    /** A national SPIF of the world: scheme, policy name and OID, classifications from lowest to highest. */
    public record PolicyRow(String scheme, String name, String id, List<String> classifications, boolean illustrative) {}

    /**
     * A pasted label: its policy, display marking, validity with the problems, the label in STANAG 4774 form, and (for
     * roles that may see people) every person with whether they may read it.
     */
    public record LabelResult(String policy, String marking, boolean valid, List<String> problems, String stanag4774,
                              boolean readersShown, List<ReaderRow> readers, long granted) {}

    public record ReaderRow(String id, String name, boolean granted, List<String> reasons) {}
    // ---- governance ------------------------------------------------------------------------------------------------

    /** A proposal in a list: its status now and how many of the voters have voted. */
    public record ProposalRow(String id, String status, String candidate, String action, String projects, String effective,
                              String deadline, String votes) {
        public String statusClass() {
            return status.toLowerCase(Locale.ROOT);
        }
    }

    /** The fields of the new-proposal form, as typed. */
    public record ProposalForm(String candidate, String action, String projects, String effective, String deadline, String sourceTitle,
                               String sourceCitation, String sourceDate, String sourceUrl, String note) {}

    /**
     * A problem of one field of a submitted form: the form field ({@code ""} for the form as a whole), its label, the
     * field's path in the API's terms (e.g. {@code sources[0].date}) and what to do.
     */
    public record FieldError(String field, String label, String path, String message) {}

    /**
     * The governance page: proposals, the verification of the record and, for those who may, the new-proposal form with
     * every problem of its last submission.
     */
    public record GovernanceView(List<ProposalRow> rows, int acts, List<String> findings, boolean mayPropose, List<Option> candidates,
                                 List<Option> actions, ProposalForm form, List<FieldError> errors) {
        /** {@code "true"} for a field with a problem (for aria-invalid), else null (no attribute). */
        public String invalid(String field) {
            return errors(field).isEmpty() ? null : "true";
        }

        /** The id of the field's error messages (for aria-describedby), or null when it has none. */
        public String describedBy(String field) {
            return errors(field).isEmpty() ? null : "error-" + field;
        }

        /** The problems of {@code field}. */
        public List<FieldError> errors(String field) {
            return errors.stream().filter(e -> e.field().equals(field)).toList();
        }
    }

    public record SourceView(String title, String citation, String date, String url) {}

    public record VoteRow(String member, String choice, String reason, String time, String kid, String castBy, String recordedAt) {}

    /** One proposal: content, digest, votes and outcome; for a delegate who has not voted, the payload to sign and the form. */
    public record ProposalView(String id, String status, String candidate, String action, String stage, String projects, String effective,
                               String deadline, List<SourceView> sources, String note, String proposedBy, String proposedAt, String digest,
                               List<String> voters, List<VoteRow> votes, List<String> pending, String outcome, boolean mayVote, String member,
                               String payload, String command, String jws, String error, String notice, String kids) {
        public String statusClass() {
            return status.toLowerCase(Locale.ROOT);
        }
    }

    /** A candidate's path: stage today, its timeline (past, current and future steps), and the proposals about the candidate. */
    public record TimelineView(String country, String stageName, String stageId, String since, List<StageStep> steps,
                               List<ProposalRow> proposals) {}

    // ---- audit log -------------------------------------------------------------------------------------------------

    /** Sub-navigation of the audit pages. */
    public record AuditNav(String active) {}

    /** One entry of the log: its index, type, time and canonical JSON. */
    public record AuditEntryRow(long index, String type, String time, String summary, String json) {}

    /** A page of entries, newest first. */
    public record AuditEntriesView(long size, String origin, List<AuditEntryRow> rows, long from, long to, String newer, String older) {}

    /**
     * A decision or entry looked up: the entry, the latest signed checkpoint, the inclusion proof against it and
     * whether it verified here (checkpoint signature by the log key, and the proof to the checkpoint's root).
     */
    public record AuditProofView(String query, String queryField, String error, long index, String entry, String leafHash,
                                 String checkpoint, long treeSize, String rootHash, List<String> proof, boolean signatureOk, boolean proofOk,
                                 String verifierKey) {
        public boolean found() {
            return error == null && entry != null;
        }
    }

    /** A kept checkpoint and its cosignatures. */
    public record AuditCheckpointRow(long size, String time, String rootHash, String note, List<String> cosigners, List<String> missing,
                                     boolean all) {}

    public record AuditCheckpointsView(List<AuditCheckpointRow> rows, List<String> coreMembers, List<WitnessRow> witnesses, String older,
                                       String verifierKey) {}

    public record WitnessRow(String member, String keyName, String key, String registeredAt, String registeredBy) {}
}
