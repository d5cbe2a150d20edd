package dev.pillar.core.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A partnership project in one area and pillar, with the countries taking part and when. Pillar I projects admit
 * core members only.
 */
public record Project(String id, String name, Pillar pillar, String area, List<Participation> participants) {
    public Project {
        Check.id("id", id);
        Check.text("name", name);
        Check.present("pillar", pillar);
        if (pillar == Pillar.II) {
            Check.id("area", area);
        }
        participants = Check.list("participants", participants);
        Dated.requireNoOverlap("participants", participants, Participation::country);
    }

    /** The participation of {@code country} in force on {@code day}, or null. */
    public Participation participation(Country country, LocalDate day) {
        for (Participation p : participants) {
            if (p.country().equals(country) && p.inForce(day)) {
                return p;
            }
        }
        return null;
    }
}
