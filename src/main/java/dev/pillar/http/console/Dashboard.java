package dev.pillar.http.console;

import dev.pillar.core.model.Area;
import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.CoreMember;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Participation;
import dev.pillar.core.model.Project;
import dev.pillar.core.model.Source;
import dev.pillar.core.model.Stage;
import dev.pillar.core.world.World;
import dev.pillar.http.console.Views.AreaView;
import dev.pillar.http.console.Views.CandidateView;
import dev.pillar.http.console.Views.DashboardView;
import dev.pillar.http.console.Views.MemberRow;
import dev.pillar.http.console.Views.ParticipantView;
import dev.pillar.http.console.Views.ProjectView;
import dev.pillar.http.console.Views.StageStep;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The dashboard: core members, candidates with their dated stage history, and projects by area with their participants. */
final class Dashboard {
    private Dashboard() {}

    static DashboardView of(World world, LocalDate today) {
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
            List<StageStep> steps = steps(c, stages, now);
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
        return new DashboardView(today.toString(), members, candidates, areas);
    }

    /** A candidate's dated steps, each with the statement it rests on; {@code now} is marked current. */
    static List<StageStep> steps(Candidate c, Map<String, Stage> stages, Candidate.StageEntry now) {
        List<StageStep> steps = new ArrayList<>();
        for (Candidate.StageEntry e : c.history()) {
            Source src = e.source();
            steps.add(new StageStep(e.date().toString(), e.stage(), stageName(stages, e.stage()), src.title(), src.citation(),
                    Fmt.date(src.date()), safeUrl(src.url()), e.projects(), e.note(), e == now));
        }
        return steps;
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
