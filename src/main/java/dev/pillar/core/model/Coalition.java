package dev.pillar.core.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A coalition tetragraph such as {@code FVEY} or {@code AUKUS}'s {@code AUKS}, with its dated memberships, used in
 * REL TO markings.
 */
public record Coalition(String code, String name, List<Membership> members, Source source) {
    private static final Pattern CODE = Pattern.compile("[A-Z]{4,5}");

    /** One country's membership of a coalition over an interval. */
    public record Membership(Country country, Interval interval) implements Dated {
        public Membership {
            Check.present("country", country);
            Check.present("interval", interval);
        }
    }

    public Coalition {
        Check.text("code", code);
        Check.that(CODE.matcher(code).matches(), "code", "'" + code + "' is not a coalition tetragraph: use 4 or 5 capital letters, e.g. FVEY");
        Check.text("name", name);
        members = Check.list("members", members);
        Check.that(!members.isEmpty(), "members", "a coalition needs at least one member");
        Dated.requireNoOverlap("members", members, Membership::country);
    }

    /** True if {@code country} is a member on {@code day}. */
    public boolean includes(Country country, LocalDate day) {
        for (int i = 0; i < members.size(); i++) {
            Membership m = members.get(i);
            if (m.country().equals(country) && m.inForce(day)) {
                return true;
            }
        }
        return false;
    }

    /** The member countries on {@code day}. */
    public Set<Country> expand(LocalDate day) {
        Set<Country> out = new TreeSet<>();
        for (Membership m : members) {
            if (m.inForce(day)) {
                out.add(m.country());
            }
        }
        return out;
    }
}
