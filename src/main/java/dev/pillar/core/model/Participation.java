package dev.pillar.core.model;

/** A country taking part in a project over an interval, with the act or statement that put it there. */
public record Participation(Country country, Interval interval, Source source) implements Dated {
    public Participation {
        Check.present("country", country);
        Check.present("interval", interval);
    }
}
