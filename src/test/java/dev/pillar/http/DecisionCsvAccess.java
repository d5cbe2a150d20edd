package dev.pillar.http;

/** Opens the package-private CSV field writer to tests in other packages. */
public final class DecisionCsvAccess {
    private DecisionCsvAccess() {}

    public static StringBuilder field(StringBuilder out, String value) {
        return DecisionCsv.field(out, value);
    }
}
