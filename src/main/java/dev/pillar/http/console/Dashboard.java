package dev.pillar.http.console;

import dev.pillar.core.governance.Action;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.governance.Proposal;
import dev.pillar.core.governance.Status;
import dev.pillar.core.model.Area;
import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.CoreMember;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Participation;
import dev.pillar.core.model.Pillar;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.Source;
import dev.pillar.core.model.Stage;
import dev.pillar.core.world.World;
import dev.pillar.http.console.Views.AreaView;
import dev.pillar.http.console.Views.CandidateView;
import dev.pillar.http.console.Views.DashboardView;
import dev.pillar.http.console.Views.MatrixCell;
import dev.pillar.http.console.Views.MatrixGroup;
import dev.pillar.http.console.Views.MatrixRow;
import dev.pillar.http.console.Views.MatrixView;
import dev.pillar.http.console.Views.OpenProposal;
import dev.pillar.http.console.Views.MemberRow;
import dev.pillar.http.console.Views.ParticipantView;
import dev.pillar.http.console.Views.ProjectView;
import dev.pillar.http.console.Views.StageStep;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard: the country × project matrix with the open proposals and what each would change, core members,
 * candidates with their dated stage history, and projects by area with their participants.
 */
final class Dashboard {
    private Dashboard() {}

    /** The dashboard as of {@code today}; {@code governance} gives the proposals open at {@code instant}. */
    static DashboardView of(World world, LocalDate today, Governance governance, Instant instant) {
        var partnership = world.partnership();
        List<MemberRow> members = new ArrayList<>();
        for (CoreMember m : partnership.coreMembers()) {
            members.add(new MemberRow(m.country().code(), Fmt.date(m.interval().from()), Fmt.date(m.interval().until()), source(m.source())));
        }
        Map<String, Stage> stages = new HashMap<>();
        partnership.stages().forEach(s -> stages.put(s.id(), s));
        List<CandidateView> candidates = new ArrayList<>();
        for (Candidate c : partnership.candidates()) {
            Candidate.StageEntry now = c.stageOn(today);
            List<StageStep> steps = timeline(c, stages, today, governance, instant);
            candidates.add(new CandidateView(c.country().code(), now == null ? "" : now.stage(),
                    now == null ? "not yet considered" : stageName(stages, now.stage()), now == null ? "" : now.date().toString(), steps));
        }
        List<AreaView> areas = new ArrayList<>();
        List<ProjectView> pillarOne = new ArrayList<>();
        Map<String, List<ProjectView>> byArea = new HashMap<>();
        for (Project p : partnership.projects()) {
            ProjectView v = project(world, p, today);
            if (p.area() == null) {
                pillarOne.add(v);
            } else {
                byArea.computeIfAbsent(p.area(), k -> new ArrayList<>()).add(v);
            }
        }
        if (!pillarOne.isEmpty()) {
            areas.add(new AreaView("pillar-i", "Pillar I (core members only)", "pillar I", pillarOne));
        }
        for (Area a : partnership.areas()) {
            areas.add(new AreaView(a.id(), a.name(), a.kind().name().toLowerCase(Locale.ROOT), byArea.getOrDefault(a.id(), List.of())));
        }
        List<Proposal> open = new ArrayList<>();
        List<OpenProposal> openRows = new ArrayList<>();
        for (Governance.Entry e : governance.entries()) {
            if (e.status(instant) == Status.OPEN) {
                Proposal p = e.proposal();
                open.add(p);
                openRows.add(new OpenProposal(p.id(), p.candidate().code(), p.action().label(), change(p, stages), p.deadline().toString(),
                        e.votes().size() + " of " + governance.voters(p).size()));
            }
        }
        return new DashboardView(today.toString(), members, candidates, areas, matrix(world, today, areas, stages, open), openRows);
    }

    // ---- the country × project matrix ------------------------------------------------------------------------------

    private static MatrixView matrix(World world, LocalDate today, List<AreaView> areas, Map<String, Stage> stages, List<Proposal> open) {
        var partnership = world.partnership();
        Map<String, Project> projects = partnership.projectsById();
        List<MatrixGroup> groups = areas.stream().filter(a -> !a.projects().isEmpty())
                .map(a -> new MatrixGroup(a.id(), a.name(), a.projects().stream().map(ProjectView::id).toList())).toList();
        List<String> columns = groups.stream().flatMap(g -> g.projects().stream()).toList();
        List<MatrixRow> rows = new ArrayList<>();
        LinkedHashSet<Country> core = new LinkedHashSet<>();
        partnership.coreMembers().stream().filter(m -> m.inForce(today)).forEach(m -> core.add(m.country()));
        for (Country c : core) {
            List<MatrixCell> cells = new ArrayList<>();
            for (String id : columns) {
                Project p = projects.get(id);
                Participation q = p.participation(c, today);
                cells.add(q != null ? new MatrixCell(id, "member", "member", null, null) : notTakingPart(p, c, today, "none", "not involved"));
            }
            rows.add(new MatrixRow(c.code(), "core member", cells));
        }
        Stage partner = stages.get(Action.ADMIT.stage());
        for (Candidate cand : partnership.candidates()) {
            Country c = cand.country();
            if (core.contains(c)) {
                continue;
            }
            Candidate.StageEntry now = cand.stageOn(today);
            boolean onTheWay = now != null && (partner == null || stages.get(now.stage()) == null
                    || stages.get(now.stage()).order() < partner.order());
            List<MatrixCell> cells = new ArrayList<>();
            for (String id : columns) {
                Project p = projects.get(id);
                Participation q = p.participation(c, today);
                MatrixCell cell;
                if (q != null) {
                    cell = new MatrixCell(id, "partner", "partner from " + Fmt.date(q.interval().from())
                            + (q.interval().until() == null ? "" : " until " + q.interval().until()), null, null);
                } else if (onTheWay && p.pillar() == Pillar.II) {
                    cell = notTakingPart(p, c, today, "candidate", "candidate at " + now.stage());
                } else {
                    cell = notTakingPart(p, c, today, "none", "not involved");
                }
                cells.add(proposed(cell, c, p, today, open));
            }
            rows.add(new MatrixRow(c.code(), now == null ? "candidate, not yet considered" : "candidate at " + stageName(stages, now.stage()), cells));
        }
        return new MatrixView(groups, rows);
    }

    /**
     * The cell of a country that does not take part in {@code p} today: {@code kind} and {@code text}, with the dates of a
     * participation that starts later or ended before.
     */
    private static MatrixCell notTakingPart(Project p, Country c, LocalDate today, String kind, String text) {
        for (Participation q : p.participants()) {
            if (q.country().equals(c) && q.interval().from().isAfter(today)) {
                return new MatrixCell(p.id(), kind, text + "; partner from " + q.interval().from(), null, null);
            }
        }
        for (Participation q : p.participants()) {
            if (q.country().equals(c) && q.interval().until() != null && q.interval().until().isBefore(today)) {
                return new MatrixCell(p.id(), "past", "partner until " + q.interval().until() + ", ended", null, null);
            }
        }
        return new MatrixCell(p.id(), kind, text, null, null);
    }

    /** The cell with what an open proposal about {@code c} would make of it, if one would change it. */
    private static MatrixCell proposed(MatrixCell cell, Country c, Project p, LocalDate today, List<Proposal> open) {
        for (Proposal o : open) {
            if (!o.candidate().equals(c)) {
                continue;
            }
            String would = switch (o.action()) {
                case ADMIT -> o.projects().contains(p.id()) ? "partner from " + o.effective() : null;
                case SUSPEND, WITHDRAW -> (o.projects().isEmpty() || o.projects().contains(p.id())) && p.participation(c, o.effective()) != null
                        ? "participation ends " + o.effective().minusDays(1) : null;
                default -> null;
            };
            if (would != null) {
                return new MatrixCell(cell.project(), cell.kind(), cell.text(), o.id(), would);
            }
        }
        return cell;
    }

    /** What adopting {@code p} would change, in words: "KOR: partner in MAS-1, UNDERSEA-2 from 2027-01-10". */
    static String change(Proposal p, Map<String, Stage> stages) {
        String who = p.candidate().code() + ": ";
        String projects = String.join(", ", p.projects());
        return who + switch (p.action()) {
            case ADMIT -> "partner in " + projects + " from " + p.effective();
            case SUSPEND -> "participation in " + (p.projects().isEmpty() ? "every project it takes part in" : projects) + " ends "
                    + p.effective().minusDays(1) + " (stage " + stageName(stages, p.action().stage()) + " from " + p.effective() + ")";
            case WITHDRAW -> "all participation ends " + p.effective().minusDays(1) + " (stage " + stageName(stages, p.action().stage())
                    + " from " + p.effective() + ")";
            default -> "stage " + stageName(stages, p.action().stage()) + " from " + p.effective() + "; no participation changes";
        };
    }

    /**
     * A candidate's timeline as of {@code today}: every dated step with the statement it rests on and, when a governance
     * act of {@code governance} made it, the act's proposal id; the step in force today is {@code current}, steps dated
     * after today (adopted acts that take effect later) are {@code scheduled}, and the stages of the path still ahead
     * (the partnership's stages after the last step, up to partner) follow, undated, as {@code planned}.
     */
    static List<StageStep> timeline(Candidate c, Map<String, Stage> stages, LocalDate today, Governance governance, Instant instant) {
        Map<String, String> acts = new HashMap<>();
        for (Governance.Entry e : governance.entries()) {
            Proposal p = e.proposal();
            if (p.candidate().equals(c.country()) && e.outcome() != null && e.status(instant) == Status.ADOPTED) {
                acts.put(stepKey(p.action().stage(), p.effective(), p.projects()), p.id());
            }
        }
        Candidate seeded = governance.seeded().candidate(c.country());
        Candidate.StageEntry now = c.stageOn(today);
        List<StageStep> steps = new ArrayList<>();
        for (Candidate.StageEntry e : c.history()) {
            String key = stepKey(e.stage(), e.date(), e.projects());
            boolean fromFile = seeded != null && seeded.history().stream()
                    .anyMatch(h -> stepKey(h.stage(), h.date(), h.projects()).equals(key) && h.note().equals(e.note()));
            Source src = e.source();
            String tense = e == now ? StageStep.CURRENT : e.date().isAfter(today) ? StageStep.SCHEDULED : StageStep.PAST;
            steps.add(new StageStep(e.date().toString(), e.stage(), stageName(stages, e.stage()), src.title(), src.citation(),
                    Fmt.date(src.date()), safeUrl(src.url()), e.projects(), e.note(), tense, fromFile ? null : acts.get(key)));
        }
        Stage partner = stages.get(Action.ADMIT.stage());
        Stage last = stages.get(c.history().getLast().stage());
        if (partner != null && last != null) {
            stages.values().stream().filter(st -> st.order() > last.order() && st.order() <= partner.order())
                    .sorted(java.util.Comparator.comparingInt(Stage::order))
                    .forEach(st -> steps.add(new StageStep("", st.id(), st.name(), "", "", "", null, List.of(),
                            st.description() == null ? "" : st.description(), StageStep.PLANNED, null)));
        }
        return steps;
    }

    private static String stepKey(String stage, LocalDate date, List<String> projects) {
        return stage + "|" + date + "|" + projects;
    }

    private static ProjectView project(World world, Project p, LocalDate today) {
        List<ParticipantView> participants = new ArrayList<>();
        for (Participation q : p.participants()) {
            participants.add(new ParticipantView(q.country().code(), Fmt.date(q.interval().from()), Fmt.date(q.interval().until()),
                    source(q.source()), q.inForce(today)));
        }
        List<String> organisations = new ArrayList<>();
        for (Organisation o : world.organisations()) {
            if (o.projects() != null) {
                o.projects().stream().filter(r -> r.project().equals(p.id())).findFirst()
                        .ifPresent(r -> organisations.add(o.id() + Fmt.interval(r.interval())));
            }
        }
        return new ProjectView(p.id(), p.name(), p.pillar().name(), participants, organisations);
    }

    static String stageName(Map<String, Stage> stages, String id) {
        Stage s = stages.get(id);
        return s == null ? id : s.name();
    }

    private static String source(Source s) {
        return s == null ? "" : s.toString();
    }

    /** Only http(s) addresses become links. */
    static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String u = url.strip().toLowerCase(Locale.ROOT);
        return u.startsWith("https://") || u.startsWith("http://") ? url.strip() : null;
    }
}
