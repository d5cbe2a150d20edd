package dev.pillar.app;

import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may do what (the matrix in docs/access.md). Every write and every read of a protected resource asks here;
 * refusals are 403 with a body that names no resource.
 */
public final class Access {
    private Access() {}

    public static void require(Principal p, Role... roles) {
        if (!p.is(roles)) {
            throw Refusal.forbidden();
        }
    }

    /** Partnership, organisations and people: the secretariat (and admins). */
    public static void writePartnership(Principal p) {
        require(p, Role.ADMIN, Role.SECRETARIAT);
    }

    /** Items and their labels: the secretariat and compliance officers. */
    public static void writeItems(Principal p) {
        require(p, Role.SECRETARIAT, Role.COMPLIANCE_OFFICER);
    }

    /** Licences and rule data: compliance officers only. */
    public static void writeLicencesAndRules(Principal p) {
        require(p, Role.COMPLIANCE_OFFICER);
    }

    /** Governance proposals: the secretariat and delegates. */
    public static void propose(Principal p) {
        require(p, Role.SECRETARIAT, Role.DELEGATE);
    }

    /** Governance votes: delegates only, each for their own member. */
    public static void vote(Principal p) {
        require(p, Role.DELEGATE);
    }

    /** Nominations of organisations to projects and confirmations of first member keys: the secretariat only. */
    public static void secretariat(Principal p) {
        require(p, Role.SECRETARIAT);
    }

    /** Key enrolment requests and co-signatures: delegates only, each for their own member (never an admin). */
    public static void keys(Principal p) {
        require(p, Role.DELEGATE);
    }

    /**
     * Impact analysis: every role but engineer, since a report covers the whole catalogue (an engineer sees only the
     * items of their organisation's projects).
     */
    public static void runImpact(Principal p) {
        require(p, Role.ADMIN, Role.SECRETARIAT, Role.COMPLIANCE_OFFICER, Role.DELEGATE);
    }

    /** Users: admins only. */
    public static void manageUsers(Principal p) {
        require(p, Role.ADMIN);
    }

    /**
     * The projects whose items and decisions {@code p} may see: null means all (every role but engineer); an
     * engineer sees the projects their organisation takes part in on {@code today}.
     */
    public static Set<String> visibleProjects(Principal p, World world, LocalDate today) {
        if (p.role() != Role.ENGINEER) {
            return null;
        }
        Organisation org = world.organisation(p.organisation());
        Set<String> out = new TreeSet<>();
        if (org != null && org.projects() != null) {
            org.projects().stream().filter(r -> r.inForce(today)).forEach(r -> out.add(r.project()));
        }
        return out;
    }

    /**
     * True if {@code p} may see something of {@code project}. An engineer sees only their organisation's projects, so
     * not what is bound to no project (null), as the item list shows them.
     */
    public static boolean sees(Principal p, World world, String project, LocalDate today) {
        Set<String> visible = visibleProjects(p, world, today);
        return visible == null || project != null && visible.contains(project);
    }

    /**
     * True if {@code p} may ask about (and see decisions' facts of) {@code person}: every role but engineer; an engineer
     * only people of their own organisation and of organisations that take part on {@code today} in a project their
     * organisation takes part in (the people they may share data with). Anyone else is treated as if unknown.
     */
    public static boolean seesPerson(Principal p, World world, dev.pillar.core.model.Person person, LocalDate today) {
        if (p.role() != Role.ENGINEER) {
            return true;
        }
        Organisation org = person.organisation();
        if (org == null || org.id() == null) {
            return false;
        }
        if (org.id().equals(p.organisation())) {
            return true;
        }
        Set<String> mine = visibleProjects(p, world, today);
        Organisation theirs = world.organisation(org.id());
        if (theirs == null || theirs.projects() == null) {
            return false;
        }
        return theirs.projects().stream().anyMatch(r -> r.inForce(today) && mine.contains(r.project()));
    }
}
