package dev.pillar.core.governance;

/** Where a proposal stands: open for votes, adopted, rejected by an objection, or lapsed at its deadline without consensus. */
public enum Status { OPEN, ADOPTED, REJECTED, LAPSED }
