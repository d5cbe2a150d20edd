package dev.pillar.core.decision;

import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Participation;
import dev.pillar.core.model.Pillar;
import dev.pillar.core.model.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Project scope: a project-bound item goes only to organisations, and organisations of countries, that take part in
 * its project on the day. Pillar I projects admit core members only (country of the organisation, every citizenship
 * and the location).
 */
final class ScopeLayer implements DecisionLayer {
    static final String UNBOUND = "scope.unbound";
    static final String PARTICIPANT = "scope.participant";
    static final String NOT_PARTICIPANT = "scope.not-participant";
    static final String PILLAR_I = "scope.pillar-i";
    static final String PILLAR_I_CORE_ONLY = "scope.pillar-i-core-only";

    @Override
    public Layer layer() {
        return Layer.SCOPE;
    }

    @Override
    public void evaluate(Context ctx, List<Reason> out) {
        String projectId = ctx.item.project();
        if (projectId == null) {
            out.add(ctx.reason(Layer.SCOPE, Outcome.PERMIT, UNBOUND, () -> new Reason.Explanation(
                    "the item is not bound to a project, so project scope does not restrict it", Map.of("project", "none"), List.of())));
            return;
        }
        Project project = ctx.world.project(projectId);
        if (project == null) {
            throw new IllegalStateException("unknown project " + projectId);
        }
        if (project.pillar() == Pillar.I) {
            pillarOne(ctx, project, out);
            return;
        }
        Organisation org = ctx.org;
        Participation countryPart = project.participation(org.country(), ctx.day);
        Organisation.ProjectRole role = org.role(projectId, ctx.day);
        boolean orgOk = !org.projectsDeclared() || role != null;
        if (countryPart != null && orgOk) {
            String citation = countryPart.source() != null ? countryPart.source().cite() : ctx.cite(PARTICIPANT);
            out.add(new Reason(Layer.SCOPE, Outcome.PERMIT, PARTICIPANT, citation, null, null, () -> {
                Map<String, String> facts = facts(ctx, project, countryPart);
                if (role != null) {
                    facts.put("organisationParticipation", role.interval() + (role.source() == null ? "" : ", " + role.source().cite()));
                }
                return new Reason.Explanation(org.country() + (org.projectsDeclared() ? " and " + org.label() : "") + " take part in " + projectId
                        + " on " + ctx.day + (org.projectsDeclared() ? "" : " (inline organisation: only its country's participation is checked)")
                        + (role != null && role.source() != null ? "; " + org.label() + " by " + role.source().cite() : ""),
                        facts, List.of());
            }));
            return;
        }
        out.add(ctx.reason(Layer.SCOPE, Outcome.DENY, NOT_PARTICIPANT, () -> {
            List<String> why = new ArrayList<>();
            List<String> fix = new ArrayList<>();
            if (countryPart == null) {
                why.add(org.country() + " does not take part in " + projectId + " (" + project.name() + ") on " + ctx.day + candidacy(ctx, org.country()));
                fix.add("admit " + org.country() + " to project " + projectId);
            }
            if (!orgOk) {
                why.add(org.label() + " is not a participant organisation of " + projectId + " on " + ctx.day);
                fix.add("nominate organisation " + org.label() + " to project " + projectId);
            }
            return new Reason.Explanation(String.join("; ", why), facts(ctx, project, countryPart), fix);
        }));
    }

    private static Map<String, String> facts(Context ctx, Project project, Participation part) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("project", project.id());
        f.put("pillar", project.pillar().name());
        f.put("organisation", ctx.org.label());
        f.put("organisationCountry", ctx.org.country().code());
        f.put("countryParticipation", part == null ? "none on " + ctx.day : part.interval().toString());
        return f;
    }

    private static String candidacy(Context ctx, Country c) {
        for (Candidate cand : ctx.world.partnership().candidates()) {
            if (cand.country().equals(c)) {
                Candidate.StageEntry e = cand.stageOn(ctx.day);
                return e == null ? "" : "; it is a Pillar II candidate at stage '" + e.stage() + "' since " + e.date();
            }
        }
        return "";
    }

    private void pillarOne(Context ctx, Project project, List<Reason> out) {
        TreeSet<Country> outside = new TreeSet<>();
        for (Country c : ctx.person.citizenships()) {
            if (!ctx.world.partnership().isCoreMember(c, ctx.day)) {
                outside.add(c);
            }
        }
        for (Country c : List.of(ctx.person.location(), ctx.org.country())) {
            if (!ctx.world.partnership().isCoreMember(c, ctx.day)) {
                outside.add(c);
            }
        }
        if (outside.isEmpty()) {
            out.add(ctx.reason(Layer.SCOPE, Outcome.PERMIT, PILLAR_I, () -> new Reason.Explanation(
                    project.id() + " is a Pillar I project and the recipient, their location and organisation are of core members",
                    facts(ctx, project, null), List.of())));
        } else {
            out.add(ctx.reason(Layer.SCOPE, Outcome.DENY, PILLAR_I_CORE_ONLY, () -> new Reason.Explanation(
                    project.id() + " is a Pillar I project, open to core members only; " + Context.list(outside) + " "
                            + (outside.size() == 1 ? "is not a core member" : "are not core members") + " on " + ctx.day,
                    facts(ctx, project, null), List.of("a recipient who is a national of, located in and employed in core member countries only"))));
        }
    }
}
