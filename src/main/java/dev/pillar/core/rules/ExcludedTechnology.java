package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Source;
import java.util.List;
import java.util.Set;

/**
 * An entry of the Excluded Technology List (Supplement No. 2 to Part 126): items it matches cannot use the AUKUS
 * exemption. It matches by USML paragraph (a category or paragraph prefix such as {@code IV} or {@code XI(a)(3)}) or
 * by technology tag (e.g. {@code anti-tamper}). {@code illustrative} marks entries that are examples, not the
 * official list.
 */
public record ExcludedTechnology(String id, String description, List<String> usml, Set<String> technologies,
                                 boolean illustrative, Interval interval, Source source) implements Dated {
    public ExcludedTechnology {
        Check.id("id", id);
        Check.text("description", description);
        usml = Check.list("usml", usml);
        technologies = Check.set("technologies", technologies);
        Check.that(!usml.isEmpty() || !technologies.isEmpty(), "usml", "an ETL entry matches by usml paragraphs, technology tags or both");
        Check.present("interval", interval);
        Check.present("source", source);
    }

    /** True if this entry excludes {@code item} ({@code usmlParagraph} is null for an item not on the USML). */
    public boolean matches(Item item, String usmlParagraph) {
        if (usmlParagraph != null) {
            for (String p : usml) {
                if (ExportControl.Itar.within(usmlParagraph, p)) {
                    return true;
                }
            }
        }
        for (String t : item.technologies()) {
            if (technologies.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
