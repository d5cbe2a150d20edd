package dev.pillar.codec.governance;

import dev.pillar.core.governance.Action;
import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Pillar;
import dev.pillar.core.model.Project;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Every problem of a new proposal's body at once, each naming its field (as {@link GovernanceCodec#newProposal} names
 * them: {@code candidate}, {@code projects[1]}, {@code sources[0].date}, ...) and the fix, for forms that show all
 * errors of a submission together. It checks each field on its own (present, well formed, known to the partnership)
 * and the effective day against the deadline; {@link GovernanceCodec#newProposal} and the governance core remain the
 * authority and check the record as well (one open proposal per candidate, participation already there, ...).
 */
public final class ProposalCheck {
    private ProposalCheck() {}

    /** A problem of one field: its path in the body and what to do. */
    public record Problem(String field, String problem) {}

    /** The problems of {@code body} as a proposal to {@code partnership} made at {@code now}; empty if none is found. */
    public static List<Problem> problems(JsonNode body, Partnership partnership, Instant now) {
        List<Problem> out = new ArrayList<>();
        String candidate = text(body, "candidate");
        List<String> candidates = partnership.candidates().stream().map(Candidate::country).map(c -> c.code()).toList();
        if (candidate.isEmpty()) {
            out.add(new Problem("candidate", "is required: choose the candidate the proposal moves, one of " + candidates));
        } else if (!candidates.contains(candidate)) {
            out.add(new Problem("candidate", candidate + " is not a candidate of the partnership: choose one of " + candidates));
        }
        Action action = null;
        String actionText = text(body, "action");
        if (actionText.isEmpty()) {
            out.add(new Problem("action", "is required: one of consensus, formal-discussions, admit, suspend, withdraw"));
        } else {
            try {
                action = Action.parse("action", actionText);
            } catch (InvalidValueException e) {
                out.add(new Problem(e.field(), e.problem()));
            }
        }
        projects(body, partnership, action, out);
        LocalDate effective = date(body, "effective", "the day the act takes effect, after the day of the voting deadline", out);
        Instant deadline = deadline(body, now, out);
        if (effective != null && deadline != null) {
            LocalDate deadlineDay = deadline.atOffset(ZoneOffset.UTC).toLocalDate();
            if (!effective.isAfter(deadlineDay)) {
                out.add(new Problem("effective", "must be after the day of the voting deadline (" + deadlineDay + ", UTC), was " + effective
                        + ": choose " + deadlineDay.plusDays(1) + " or later, or an earlier deadline"));
            }
        }
        JsonNode sources = body.path("sources");
        JsonNode first = sources.isArray() && !sources.isEmpty() ? sources.get(0) : null;
        if (first == null || text(first, "title").isEmpty()) {
            out.add(new Problem("sources[0].title", "is required: cite at least one source, the statement or minutes the proposal rests on"));
        }
        if (first == null || text(first, "date").isEmpty()) {
            out.add(new Problem("sources[0].date", "is required: the date of the statement or minutes, YYYY-MM-DD"));
        } else {
            date(first, "date", "the date of the statement or minutes", out, "sources[0].date");
        }
        return out;
    }

    private static void projects(JsonNode body, Partnership partnership, Action action, List<Problem> out) {
        List<String> ids = new ArrayList<>();
        body.path("projects").forEach(n -> ids.add(n.asString("").strip()));
        if (action == Action.ADMIT && ids.isEmpty()) {
            out.add(new Problem("projects", "is required to admit: name the Pillar II projects, e.g. MAS-1"));
        }
        if (action != null && !action.namesProjects() && !ids.isEmpty()) {
            out.add(new Problem("projects", "only admit and suspend name projects: leave it empty for " + action.label()));
            return;
        }
        Map<String, Project> known = partnership.projectsById();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Project p = known.get(id);
            String field = "projects[" + i + "]";
            if (!seen.add(id)) {
                out.add(new Problem(field, "'" + id + "' is named twice: name each project once"));
            } else if (p == null) {
                out.add(new Problem(field, "unknown project '" + id + "': use one of " + partnership.projects().stream()
                        .filter(x -> x.pillar() == Pillar.II).map(Project::id).toList()));
            } else if (p.pillar() == Pillar.I) {
                out.add(new Problem(field, id + " is a Pillar I project: Pillar I stays with the core members, name Pillar II projects only"));
            }
        }
    }

    /** The voting deadline: a UTC time, or a day meaning its last second, after {@code now}. */
    private static Instant deadline(JsonNode body, Instant now, List<Problem> out) {
        String s = text(body, "deadline");
        if (s.isEmpty()) {
            out.add(new Problem("deadline", "is required: the end of voting, a UTC time such as 2025-02-28T12:00:00Z or a day"));
            return null;
        }
        Instant deadline;
        try {
            deadline = s.length() == 10 ? LocalDate.parse(s).atTime(23, 59, 59).toInstant(ZoneOffset.UTC) : Instant.parse(s);
        } catch (DateTimeParseException e) {
            out.add(new Problem("deadline", "'" + s + "' is not a time: use a UTC time such as 2025-02-28T12:00:00Z, or a day YYYY-MM-DD"));
            return null;
        }
        if (!deadline.isAfter(now)) {
            out.add(new Problem("deadline", "must be after now (" + now + "), was " + deadline + ": give a later time or day"));
            return null;
        }
        return deadline;
    }

    private static LocalDate date(JsonNode body, String name, String what, List<Problem> out) {
        if (text(body, name).isEmpty()) {
            out.add(new Problem(name, "is required: " + what + ", YYYY-MM-DD"));
            return null;
        }
        return date(body, name, what, out, name);
    }

    private static LocalDate date(JsonNode body, String name, String what, List<Problem> out, String field) {
        String s = text(body, name);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            out.add(new Problem(field, "'" + s + "' is not a date: give " + what + " as YYYY-MM-DD"));
            return null;
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? "" : v.asString("").strip();
    }
}
