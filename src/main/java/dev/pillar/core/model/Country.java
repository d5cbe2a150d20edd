package dev.pillar.core.model;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A country as a GENC / ISO 3166-1 alpha-3 trigraph, e.g. {@code KOR}. Only codes that ISO 3166-1 assigns (plus the
 * GENC-only {@code XKS}, Kosovo) are accepted, so a typo is caught at the boundary.
 */
public record Country(String code) implements Comparable<Country> {
    private static final Set<String> KNOWN = known();
    public static final Country USA = new Country("USA");

    public Country {
        Check.text("country", code);
        if (!KNOWN.contains(code)) {
            throw new InvalidValueException("country", "'" + code + "' is not a GENC/ISO 3166-1 alpha-3 trigraph (e.g. USA, GBR, AUS, KOR)");
        }
    }

    public static Country of(String code) {
        return new Country(code);
    }

    /** True for a syntactically and officially valid trigraph. */
    public static boolean isKnown(String code) {
        return code != null && KNOWN.contains(code);
    }

    private static Set<String> known() {
        Set<String> codes = new TreeSet<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));
        codes.add("XKS");
        return Set.copyOf(codes);
    }

    @Override
    public int compareTo(Country o) {
        return code.compareTo(o.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
