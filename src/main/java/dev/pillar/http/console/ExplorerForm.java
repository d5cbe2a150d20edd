package dev.pillar.http.console;

import dev.pillar.codec.world.WorldDocuments;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decision explorer's form: an item and a recipient chosen from the world (by id) or described by hand, and a
 * date. {@link #toRequest()} turns it into a JSON v1 request, so the console decides exactly as the API does.
 */
public record ExplorerForm(String item, String originator, String classification, String releasableTo, boolean noforn,
                           String control, String technologies, String project, String recipient, String citizenships,
                           String location, String organisation, String clearance, String asOf, String formerCitizenships) {
    /** Longest value accepted in any field. */
    static final int MAX_FIELD = 400;

    public static ExplorerForm empty(String asOf) {
        return new ExplorerForm("", "", "", "", false, "", "", "", "", "", "", "", "", asOf, "");
    }

    /** Reads the form from request parameters ({@code param} gives a field's value or null). */
    static ExplorerForm read(Function<String, String> param) {
        Function<String, String> p = name -> clean(param.apply(name));
        String noforn = p.apply("noforn");
        return new ExplorerForm(p.apply("item"), p.apply("originator"), p.apply("classification"), p.apply("releasableTo"),
                !noforn.isEmpty() && !noforn.equals("false"), p.apply("control"), p.apply("technologies"), p.apply("project"),
                p.apply("recipient"), p.apply("citizenships"), p.apply("location"), p.apply("organisation"), p.apply("clearance"),
                p.apply("asOf"), p.apply("formerCitizenships"));
    }

    /** This form with {@code day} as its date. */
    ExplorerForm on(String day) {
        return new ExplorerForm(item, originator, classification, releasableTo, noforn, control, technologies, project, recipient, citizenships,
                location, organisation, clearance, day, formerCitizenships);
    }

    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        if (t.length() > MAX_FIELD) {
            throw new FormException("", "a field is longer than " + MAX_FIELD + " characters");
        }
        return t;
    }

    /** True when the item is described by hand rather than chosen. */
    /** The JSON v1 request this form asks; {@link FormException} names the field when something required is missing. */
    public ObjectNode toRequest() {
        ObjectNode req = WorldDocuments.mapper().createObjectNode();
        if (!asOf.isEmpty()) {
            req.put("asOf", asOf);
        }
        if (!item.isEmpty()) {
            req.put("item", item);
        } else {
            ObjectNode it = req.putObject("item");
            it.put("title", "item described in the console");
            it.put("originator", required("originator", upper(originator), "the item's originator, e.g. USA"));
            it.put("classification", required("classification", classification, "the item's classification, e.g. USA:SECRET"));
            it.put("control", required("control", control, "the item's export control, e.g. ITAR:XI(d), EAR:EAR99 or NONE"));
            List<String> rel = list(upper(releasableTo));
            if (!rel.isEmpty()) {
                array(it.putArray("releasableTo"), rel);
            }
            if (noforn) {
                it.put("noforn", true);
            }
            List<String> tags = list(technologies);
            if (!tags.isEmpty()) {
                array(it.putArray("technologies"), tags);
            }
            if (!project.isEmpty()) {
                it.put("project", project);
            }
        }
        if (!recipient.isEmpty()) {
            req.put("recipient", recipient);
        } else {
            ObjectNode r = req.putObject("recipient");
            r.put("name", "recipient described in the console");
            List<String> cit = list(upper(citizenships));
            if (cit.isEmpty()) {
                throw new FormException("citizenships", "give at least one citizenship of the recipient, e.g. GBR (or choose a person)");
            }
            array(r.putArray("citizenships"), cit);
            List<String> former = list(upper(formerCitizenships));
            if (!former.isEmpty()) {
                array(r.putArray("formerCitizenships"), former);
            }
            r.put("location", required("location", upper(location), "where the recipient is, e.g. GBR"));
            r.put("organisation", required("organisation", organisation, "the recipient's organisation"));
            if (!clearance.isEmpty()) {
                r.put("clearance", clearance);
            }
        }
        return req;
    }

    private static String required(String field, String value, String what) {
        if (value.isEmpty()) {
            throw new FormException(field, "is required when describing by hand: " + what);
        }
        return value;
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    private static List<String> list(String s) {
        return Arrays.stream(s.split("[,\\s]+")).map(String::strip).filter(x -> !x.isEmpty()).distinct().toList();
    }

    private static void array(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    /** A problem with the form, naming the field. */
    static final class FormException extends RuntimeException {
        private final String field;

        FormException(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
