package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.Source;
import java.util.List;

/** An ECCN of the Commerce Control List with its reasons for control (columns of the Country Chart, e.g. NS1, MT1, AT1). */
public record Eccn(String code, String description, List<String> reasons, Source source) {
    public Eccn {
        Check.text("code", code);
        description = description == null ? "" : description;
        reasons = Check.list("reasons", reasons);
        Check.present("source", source);
    }
}
