package dev.pillar.core.model;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partnership: core members, areas, projects, the stages a candidate passes, the candidates and the core members'
 * public signing keys (for governance votes).
 */
public record Partnership(String name, List<CoreMember> coreMembers, List<Area> areas, List<Project> projects,
                          List<Stage> stages, List<Candidate> candidates, List<MemberKey> memberKeys) {
    /** A partnership without member keys. */
    public Partnership(String name, List<CoreMember> coreMembers, List<Area> areas, List<Project> projects,
                       List<Stage> stages, List<Candidate> candidates) {
        this(name, coreMembers, areas, projects, stages, candidates, List.of());
    }

    public Partnership {
        Check.text("name", name);
        coreMembers = Check.list("coreMembers", coreMembers);
        areas = Check.list("areas", areas);
        projects = Check.list("projects", projects);
        stages = Check.list("stages", stages);
        candidates = Check.list("candidates", candidates);
        memberKeys = Check.list("memberKeys", memberKeys);
        Check.that(!coreMembers.isEmpty(), "coreMembers", "a partnership needs at least one core member");
        Dated.requireNoOverlap("coreMembers", coreMembers, CoreMember::country);
        unique("areas", areas.stream().map(Area::id).toList());
        unique("projects", projects.stream().map(Project::id).toList());
        unique("stages", stages.stream().map(Stage::id).toList());
        unique("candidates", candidates.stream().map(c -> c.country().code()).toList());
        Dated.requireUniqueIds("memberKeys", memberKeys, MemberKey::kid);
        Set<Country> core = new HashSet<>(coreMembers.stream().map(CoreMember::country).toList());
        for (int i = 0; i < memberKeys.size(); i++) {
            if (!core.contains(memberKeys.get(i).country())) {
                throw new InvalidValueException("memberKeys[" + i + "].country", memberKeys.get(i).country()
                        + " is not a core member: only core members' delegates sign votes");
            }
        }
        Set<String> areaIds = new HashSet<>(areas.stream().map(Area::id).toList());
        Set<String> stageIds = new HashSet<>(stages.stream().map(Stage::id).toList());
        Set<String> projectIds = new HashSet<>(projects.stream().map(Project::id).toList());
        for (int i = 0; i < projects.size(); i++) {
            Project p = projects.get(i);
            if (p.area() != null && !areaIds.contains(p.area())) {
                throw new InvalidValueException("projects[" + i + "].area", "unknown area '" + p.area() + "': use one of " + areaIds);
            }
        }
        for (int i = 0; i < candidates.size(); i++) {
            List<Candidate.StageEntry> h = candidates.get(i).history();
            for (int j = 0; j < h.size(); j++) {
                if (!stageIds.contains(h.get(j).stage())) {
                    throw new InvalidValueException("candidates[" + i + "].history[" + j + "].stage",
                            "unknown stage '" + h.get(j).stage() + "': use one of " + stageIds);
                }
                for (String p : h.get(j).projects()) {
                    if (!projectIds.contains(p)) {
                        throw new InvalidValueException("candidates[" + i + "].history[" + j + "].projects",
                                "unknown project '" + p + "'");
                    }
                }
            }
        }
    }

    private static void unique(String field, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new InvalidValueException(field, "duplicate id '" + id + "'");
            }
        }
    }

    public boolean isCoreMember(Country c, LocalDate day) {
        for (CoreMember m : coreMembers) {
            if (m.country().equals(c) && m.inForce(day)) {
                return true;
            }
        }
        return false;
    }

    /** The member key with id {@code kid}, or null. */
    public MemberKey memberKey(String kid) {
        for (MemberKey k : memberKeys) {
            if (k.kid().equals(kid)) {
                return k;
            }
        }
        return null;
    }

    /** The candidate {@code country}, or null if it is not one. */
    public Candidate candidate(Country country) {
        for (Candidate c : candidates) {
            if (c.country().equals(country)) {
                return c;
            }
        }
        return null;
    }

    public Map<String, Project> projectsById() {
        Map<String, Project> m = new HashMap<>();
        projects.forEach(p -> m.put(p.id(), p));
        return m;
    }
}
