package dev.pillar.core.model;

/** A core member of the partnership (for AUKUS: AUS, GBR, USA) since a date. */
public record CoreMember(Country country, Interval interval, Source source) implements Dated {
    public CoreMember {
        Check.present("country", country);
        Check.present("interval", interval);
    }
}
