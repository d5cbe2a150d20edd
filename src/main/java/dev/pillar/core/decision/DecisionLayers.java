package dev.pillar.core.decision;

import java.util.List;

/** The standard layers and the rule ids they report, which a world's rule catalogue must cite. */
public final class DecisionLayers {
    private DecisionLayers() {}

    /** The five layers, screening against no list. */
    static List<DecisionLayer> standard() {
        return standard(dev.pillar.core.screening.Screener.NONE);
    }

    static List<DecisionLayer> standard(dev.pillar.core.screening.Screener screener) {
        return List.of(new ScopeLayer(), new ClassificationLayer(), new ReleasabilityLayer(), new ExportControlLayer(), new ScreeningLayer(screener));
    }

    /** The rule ids the screening layer reports, which a rule pack with a screening section must catalogue. */
    public static List<String> screeningRuleIds() {
        return ScreeningLayer.ruleIds();
    }

    /** Every catalogued rule id the standard layers may report. */
    public static List<String> ruleIds() {
        return List.of(
                ScopeLayer.UNBOUND, ScopeLayer.PARTICIPANT, ScopeLayer.NOT_PARTICIPANT, ScopeLayer.PILLAR_I, ScopeLayer.PILLAR_I_CORE_ONLY,
                ClassificationLayer.NO_CLEARANCE_NEEDED, ClassificationLayer.DOMINATES, ClassificationLayer.NO_CLEARANCE,
                ClassificationLayer.CLEARANCE_NOT_IN_FORCE, ClassificationLayer.NO_EQUIVALENCE, ClassificationLayer.INSUFFICIENT,
                ReleasabilityLayer.UNRESTRICTED, ReleasabilityLayer.REL_TO, ReleasabilityLayer.NOT_REL_TO, ReleasabilityLayer.NOFORN,
                ReleasabilityLayer.NOFORN_NATIONAL, ReleasabilityLayer.UNMARKED_CLASSIFIED,
                ExportControlLayer.NOT_CONTROLLED, ExportControlLayer.ITAR_NO_EXPORT, ExportControlLayer.ITAR_DENIED_DESTINATION,
                ExportControlLayer.ITAR_DENIED_NATIONAL, ExportControlLayer.ITAR_LICENCE_REQUIRED,
                ExportControlLayer.EAR_NO_EXPORT, ExportControlLayer.EAR_NLR, ExportControlLayer.EAR_LICENCE_REQUIRED,
                ExportControlLayer.EAR_UNKNOWN_ECCN, ExportControlLayer.EAR_NO_CHART_ROW,
                ExportControlLayer.NATIONAL_NO_EXPORT, ExportControlLayer.NATIONAL_LICENCE_REQUIRED, ExportControlLayer.ITAR_EXEMPTION);
    }
}
