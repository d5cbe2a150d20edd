package dev.pillar.core.decision;

/** A decision's outcome, from least to most restrictive; the most restrictive layer wins. */
public enum Outcome {
    PERMIT, LICENSE_REQUIRED, REVIEW, DENY;

    /** The more restrictive of the two. */
    public Outcome and(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
