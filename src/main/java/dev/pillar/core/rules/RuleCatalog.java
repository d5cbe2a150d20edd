package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Source;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The citation and source behind each rule id the engine reports (e.g. {@code releasability.not-rel-to}), kept as
 * data so that a compliance officer can correct a citation without a code change.
 */
public final class RuleCatalog {
    /** One catalogued rule: its id, a short title, its citation and source. */
    public record Entry(String id, String title, String citation, Source source) {
        public Entry {
            Check.id("id", id);
            Check.text("title", title);
            Check.text("citation", citation);
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    public RuleCatalog(List<Entry> list) {
        for (int i = 0; i < list.size(); i++) {
            if (entries.put(list.get(i).id(), list.get(i)) != null) {
                throw new InvalidValueException("catalog[" + i + "].id", "duplicate rule id '" + list.get(i).id() + "'");
            }
        }
    }

    /** Throws naming the first id of {@code required} that the catalogue lacks. */
    public void requireAll(Collection<String> required) {
        for (String id : required) {
            if (!entries.containsKey(id)) {
                throw new InvalidValueException("catalog", "no entry for rule '" + id + "': add it with its title and citation");
            }
        }
    }

    public Entry get(String id) {
        Entry e = entries.get(id);
        if (e == null) {
            throw new IllegalStateException("rule " + id + " is not in the catalogue");
        }
        return e;
    }

    public Collection<Entry> entries() {
        return entries.values();
    }
}
