package dev.pillar.codec.screening;

import dev.pillar.core.model.Country;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Country names and ISO alpha-2 codes as the lists write them, to ISO 3166 alpha-3 (what Pillar's world uses). */
final class CountryNames {
    private static final Map<String, String> CODES = build();

    private CountryNames() {}

    private static Map<String, String> build() {
        Map<String, String> m = new HashMap<>();
        for (String a2 : Locale.getISOCountries()) {
            Locale l = Locale.of("", a2);
            String a3;
            try {
                a3 = l.getISO3Country();
            } catch (java.util.MissingResourceException e) {
                continue;
            }
            if (!Country.isKnown(a3)) {
                continue;
            }
            m.put(a2.toLowerCase(Locale.ROOT), a3);
            m.put(a3.toLowerCase(Locale.ROOT), a3);
            m.put(l.getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), a3);
        }
        String[][] aliases = {
            {"russia", "RUS"}, {"russian federation", "RUS"}, {"iran", "IRN"}, {"iran (islamic republic of)", "IRN"}, {"syria", "SYR"},
            {"syrian arab republic", "SYR"}, {"north korea", "PRK"}, {"korea, north", "PRK"}, {"dprk", "PRK"},
            {"democratic people's republic of korea", "PRK"}, {"korea, democratic people's republic of", "PRK"}, {"south korea", "KOR"},
            {"korea, south", "KOR"}, {"republic of korea", "KOR"}, {"korea", "KOR"}, {"vietnam", "VNM"}, {"viet nam", "VNM"}, {"laos", "LAO"},
            {"burma", "MMR"}, {"myanmar", "MMR"}, {"turkey", "TUR"}, {"türkiye", "TUR"}, {"turkiye", "TUR"}, {"uk", "GBR"},
            {"united kingdom", "GBR"}, {"great britain", "GBR"}, {"us", "USA"}, {"usa", "USA"}, {"united states", "USA"},
            {"united states of america", "USA"}, {"czech republic", "CZE"}, {"czechia", "CZE"}, {"moldova", "MDA"}, {"bolivia", "BOL"},
            {"venezuela", "VEN"}, {"tanzania", "TZA"}, {"palestine", "PSE"}, {"taiwan", "TWN"}, {"macau", "MAC"}, {"macao", "MAC"},
            {"hong kong", "HKG"}, {"ivory coast", "CIV"}, {"cote d'ivoire", "CIV"}, {"côte d'ivoire", "CIV"},
            {"democratic republic of the congo", "COD"}, {"congo, democratic republic of the", "COD"}, {"republic of the congo", "COG"},
            {"belarus", "BLR"}, {"china", "CHN"}, {"people's republic of china", "CHN"}, {"uae", "ARE"}, {"united arab emirates", "ARE"},
            {"kosovo", "XKS"}, {"crimea", "UKR"}, {"australia", "AUS"}, {"new zealand", "NZL"}, {"japan", "JPN"}, {"canada", "CAN"}
        };
        for (String[] a : aliases) {
            m.put(a[0], a[1]);
        }
        return m;
    }

    /** The alpha-3 code of a name or code as written, or null if it is not one Pillar knows. */
    static String code(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return null;
        }
        return CODES.get(t);
    }
}
