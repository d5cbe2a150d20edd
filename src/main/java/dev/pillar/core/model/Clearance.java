package dev.pillar.core.model;

/** A person's security clearance: a level in a national scheme, valid over an interval. */
public record Clearance(SecurityLevel level, Interval interval) implements Dated {
    public Clearance {
        Check.present("level", level);
        Check.present("interval", interval);
    }
}
