package dev.pillar.core.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A government department, firm or university. {@code ddtc} is a US person's DDTC registration; {@code authorizedUser}
 * is a UK or Australian listing in the Authorized User community of 22 CFR 126.7. {@code projects} lists the projects
 * it takes part in; null means not declared (an inline organisation in a request), in which case only the country's
 * participation is checked.
 */
public record Organisation(String id, String name, Country country, Kind kind, boolean fictional,
                           Registration ddtc, Registration authorizedUser, List<ProjectRole> projects) {

    public enum Kind { GOVERNMENT, INDUSTRY, ACADEMIA }

    /** A dated registration or listing, e.g. DDTC registration M-12345 or an Authorized User listing. */
    public record Registration(String reference, Interval interval, Source source) implements Dated {
        public Registration {
            Check.present("interval", interval);
            reference = reference == null ? "" : reference;
        }
    }

    /**
     * The organisation's part in a project over an interval; {@code source} is the act that made it (a nomination
     * recorded by the secretariat) or null for a part declared in the organisation's document.
     */
    public record ProjectRole(String project, Interval interval, Source source) implements Dated {
        public ProjectRole {
            Check.id("project", project);
            Check.present("interval", interval);
        }

        public ProjectRole(String project, Interval interval) {
            this(project, interval, null);
        }
    }

    public Organisation {
        id = id == null ? null : Check.id("id", id);
        name = name == null ? (id == null ? "(inline organisation)" : id) : name;
        Check.present("country", country);
        Check.present("kind", kind);
        projects = projects == null ? null : Check.list("projects", projects);
    }

    public boolean ddtcRegistered(LocalDate day) {
        return ddtc != null && ddtc.inForce(day);
    }

    public boolean authorizedUserOn(LocalDate day) {
        return authorizedUser != null && authorizedUser.inForce(day);
    }

    public boolean projectsDeclared() {
        return projects != null;
    }

    /** The organisation's role in {@code project} on {@code day}, or null. */
    public ProjectRole role(String project, LocalDate day) {
        if (projects == null) {
            return null;
        }
        for (ProjectRole r : projects) {
            if (r.project().equals(project) && r.inForce(day)) {
                return r;
            }
        }
        return null;
    }

    /** This organisation with {@code roles} in place of its projects. */
    public Organisation withProjects(List<ProjectRole> roles) {
        return new Organisation(id, name, country, kind, fictional, ddtc, authorizedUser, roles);
    }

    public String label() {
        return id != null ? id : name;
    }
}
