package dev.pillar.core.rules;

import dev.pillar.core.model.Check;
import dev.pillar.core.model.ExportControl;
import java.util.List;

/**
 * A value at or above which a transfer needs congressional certification (22 CFR 123.15) and so cannot use the AUKUS
 * exemption (22 CFR 126.7(b)(4)). {@code appliesTo} says to what: every defense article or service, only major defense
 * equipment (which a person must determine, 22 CFR 120.37), or the USML paragraphs listed in {@code usml} (e.g. Category
 * I(a)-(g) firearms). The citation is the paragraph that sets the amount, e.g. {@code 22 CFR 123.15(a)(2)}.
 */
public record ValueThreshold(String id, AppliesTo appliesTo, List<String> usml, long usd, String citation) {
    public enum AppliesTo { DEFENSE_ARTICLES, MAJOR_DEFENSE_EQUIPMENT, USML }

    public ValueThreshold {
        Check.id("id", id);
        Check.present("appliesTo", appliesTo);
        usml = Check.list("usml", usml);
        Check.that(appliesTo != AppliesTo.USML || !usml.isEmpty(), "usml", "a threshold that applies to USML paragraphs lists them, e.g. [\"I(a)\", \"I(b)\"]");
        Check.that(appliesTo == AppliesTo.USML || usml.isEmpty(), "usml", "only a threshold with appliesTo: usml lists paragraphs");
        Check.nonNegative("usd", usd);
        citation = Check.text("citation", citation);
    }

    /** True if the threshold concerns an item of this USML paragraph (null for an item not on the USML). */
    public boolean concerns(String usmlParagraph) {
        if (appliesTo != AppliesTo.USML) {
            return true;
        }
        return usmlParagraph != null && usml.stream().anyMatch(p -> ExportControl.Itar.within(usmlParagraph, p));
    }

    /** True if a transfer of {@code value} US dollars reaches the threshold ("in the amount of ... or more"). */
    public boolean reached(long value) {
        return value >= usd;
    }
}
