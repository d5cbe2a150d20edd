package dev.pillar.core.screening;

import java.util.Locale;

/** What a list entry or a screened party is: a person, an organisation, or a vessel or aircraft (lists name those too). */
public enum PartyType {
    INDIVIDUAL, ENTITY, VESSEL, AIRCRAFT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the list formats' words (Individual, Entity, Ship, Vessel, Aircraft; any case); null if none applies. */
    public static PartyType parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "individual", "person", "individuals" -> INDIVIDUAL;
            case "entity", "organisation", "organization", "entities", "company" -> ENTITY;
            case "vessel", "ship" -> VESSEL;
            case "aircraft" -> AIRCRAFT;
            default -> null;
        };
    }
}
