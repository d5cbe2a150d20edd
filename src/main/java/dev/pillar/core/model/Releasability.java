package dev.pillar.core.model;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A releasability marking: {@code NOFORN}, a REL TO list of trigraphs and tetragraphs, or none. The order of the
 * written marking follows the US rule: USA first, other trigraphs alphabetically, then tetragraphs alphabetically.
 */
public record Releasability(boolean noforn, List<String> relTo) {
    private static final Pattern TETRAGRAPH = Pattern.compile("[A-Z]{4,5}");
    public static final Releasability NONE = new Releasability(false, List.of());

    public Releasability {
        relTo = Check.list("releasableTo", relTo).stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).distinct()
                .sorted(Releasability::markingOrder).toList();
        for (int i = 0; i < relTo.size(); i++) {
            String code = relTo.get(i);
            if (code.length() == 3) {
                try {
                    Country.of(code);
                } catch (InvalidValueException e) {
                    throw new InvalidValueException("releasableTo[" + i + "]", e.problem());
                }
            } else if (!TETRAGRAPH.matcher(code).matches()) {
                throw new InvalidValueException("releasableTo[" + i + "]", "'" + code + "' is neither a country trigraph nor a coalition tetragraph");
            }
        }
        Check.that(!(noforn && !relTo.isEmpty()), "noforn", "an item is either NOFORN or REL TO a list, not both");
    }

    public boolean restricted() {
        return noforn || !relTo.isEmpty();
    }

    private static int markingOrder(String a, String b) {
        int ra = rank(a), rb = rank(b);
        return ra != rb ? Integer.compare(ra, rb) : a.compareTo(b);
    }

    private static int rank(String code) {
        return code.equals("USA") ? 0 : code.length() == 3 ? 1 : 2;
    }

    /** The marking as written after the classification, e.g. {@code REL TO USA, AUS, GBR} or {@code NOFORN}. */
    public String marking() {
        if (noforn) {
            return "NOFORN";
        }
        return relTo.isEmpty() ? "" : "REL TO " + String.join(", ", relTo);
    }
}
