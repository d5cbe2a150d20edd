package dev.pillar.app.port;

import java.util.Locale;

/** Who a user is to the partnership; see docs/access.md for what each may do. */
public enum Role {
    ADMIN, SECRETARIAT, COMPLIANCE_OFFICER, DELEGATE, ENGINEER;

    /** The claim value, e.g. {@code compliance-officer}. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a claim value ({@code compliance-officer}) or a name ({@code COMPLIANCE_OFFICER}); null if unknown. */
    public static Role parse(String s) {
        if (s == null) {
            return null;
        }
        String n = s.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Role r : values()) {
            if (r.name().equals(n)) {
                return r;
            }
        }
        return null;
    }
}
