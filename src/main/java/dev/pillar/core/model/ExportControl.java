package dev.pillar.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An item's export-control classification: {@code ITAR:<USML paragraph>}, {@code EAR:<ECCN>}, {@code EAR:EAR99},
 * {@code <GBR|AUS>:<national entry>} or {@code NONE}.
 */
public sealed interface ExportControl {
    /** The regime as written before the colon: ITAR, EAR, GBR, AUS or NONE. */
    String regime();

    /** The entry within the regime, e.g. {@code XI(d)} or {@code 3E001}. */
    String entry();

    /** A USML paragraph such as {@code XI(d)} or {@code XI(a)(3)}; {@code category} is the roman numeral. */
    record Itar(String category, String paragraph) implements ExportControl {
        private static final Pattern USML = Pattern.compile("(XXI|XX|XIX|XVIII|XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)((\\([a-z0-9]{1,3}\\))*)");

        public Itar {
            Check.text("category", category);
        }

        public static Itar parse(String field, String text) {
            var m = USML.matcher(text.strip());
            if (!m.matches()) {
                throw new InvalidValueException(field, "'ITAR:" + text + "' is not a USML category and paragraph: use a category I-XXI with paragraphs, e.g. ITAR:XI(d) or ITAR:XI(a)(3)");
            }
            return new Itar(m.group(1), m.group(0));
        }

        @Override public String regime() { return "ITAR"; }
        @Override public String entry() { return paragraph; }

        /**
         * True if {@code entry} is {@code parent} or one of its sub-paragraphs: {@code XI} holds {@code XI(d)}, and
         * {@code I(a)} holds {@code I(a)(1)}, but {@code I} does not hold {@code II(a)}.
         */
        public static boolean within(String entry, String parent) {
            return entry.equals(parent) || (entry.startsWith(parent) && entry.length() > parent.length() && entry.charAt(parent.length()) == '(');
        }
    }

    /** An ECCN such as {@code 3E001}, or {@code EAR99}. */
    record Ear(String eccn) implements ExportControl {
        private static final Pattern ECCN = Pattern.compile("[0-9][A-E][0-9]{3}(\\.[a-z0-9.]+)?|EAR99");

        public Ear {
            Check.text("eccn", eccn);
        }

        public static Ear parse(String field, String text) {
            String t = text.strip();
            if (!ECCN.matcher(t).matches()) {
                throw new InvalidValueException(field, "'EAR:" + text + "' is not an ECCN: use digit, letter A-E, three digits (e.g. EAR:3E001) or EAR:EAR99");
            }
            return new Ear(t);
        }

        public boolean ear99() {
            return eccn.equals("EAR99");
        }

        @Override public String regime() { return "EAR"; }
        @Override public String entry() { return eccn; }
    }

    /** A national control list entry of GBR (UK Strategic Export Control Lists) or AUS (DSGL), e.g. {@code GBR:ML22}. */
    record National(Country country, String entry) implements ExportControl {
        public National {
            Check.present("country", country);
            Check.text("entry", entry);
        }

        @Override public String regime() { return country.code(); }
    }

    /** Not subject to export control. */
    record None() implements ExportControl {
        @Override public String regime() { return "NONE"; }
        @Override public String entry() { return ""; }
    }

    ExportControl NONE = new None();

    static ExportControl parse(String field, String text) {
        Check.text(field, text);
        String t = text.strip();
        if (t.equalsIgnoreCase("NONE")) {
            return NONE;
        }
        int colon = t.indexOf(':');
        if (colon <= 0) {
            throw new InvalidValueException(field, "'" + text + "' is not a control: use ITAR:<USML paragraph>, EAR:<ECCN>, EAR:EAR99, GBR:<entry>, AUS:<entry> or NONE");
        }
        String regime = t.substring(0, colon).toUpperCase(Locale.ROOT);
        String rest = t.substring(colon + 1);
        return switch (regime) {
            case "ITAR" -> Itar.parse(field, rest);
            case "EAR" -> Ear.parse(field, rest);
            case "GBR", "AUS" -> {
                if (rest.isBlank()) {
                    throw new InvalidValueException(field, "'" + text + "' needs a national list entry after the colon, e.g. GBR:ML22");
                }
                yield new National(Country.of(regime), rest.strip());
            }
            default -> throw new InvalidValueException(field, "unknown control regime '" + regime + "': use ITAR, EAR, GBR, AUS or NONE");
        };
    }

    /** The control as written in requests, e.g. {@code ITAR:XI(d)}. */
    static String format(ExportControl c) {
        return c instanceof None ? "NONE" : c.regime() + ":" + c.entry();
    }
}
