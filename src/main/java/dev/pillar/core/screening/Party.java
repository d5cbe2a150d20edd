package dev.pillar.core.screening;

import dev.pillar.core.model.Check;
import java.util.List;
import java.util.Set;

/**
 * A party of a request to screen: the recipient, the recipient's organisation or the transferor. {@code countries} are
 * ISO 3166 alpha-3 codes (citizenships, residence, location, or an organisation's country) and {@code birthDate} an ISO
 * date or year, when known: they qualify a name match where the list entry has them too.
 *
 * @param role     recipient, organisation or transferor (how reasons name the party)
 * @param id       the world id of the person or organisation
 */
public record Party(String role, String id, PartyType type, String name, List<String> aliases, Set<String> countries, String birthDate) {
    public Party {
        Check.text("role", role);
        Check.present("type", type);
        Check.text("name", name);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        countries = countries == null ? Set.of() : Set.copyOf(countries);
    }

    /** The name and every alias. */
    public List<String> names() {
        if (aliases.isEmpty()) {
            return List.of(name);
        }
        var all = new java.util.ArrayList<String>(aliases.size() + 1);
        all.add(name);
        all.addAll(aliases);
        return all;
    }

    /** What identifies the party for screening: two parties with the same key get the same hits from the same lists. */
    public String key() {
        return type.id() + "|" + String.join("|", names()) + "|" + String.join(",", new java.util.TreeSet<>(countries)) + "|" + (birthDate == null ? "" : birthDate);
    }
}
