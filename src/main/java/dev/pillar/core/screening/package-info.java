/**
 * Restricted-party screening as the decision sees it: the parties of a request, the list entries they may match,
 * the hits a {@link dev.pillar.core.screening.Screener} finds on the lists in force on a date, and the rule data that
 * says what a hit on each list means ({@link dev.pillar.core.screening.ListRule}). Matching itself (normalisation,
 * transliteration, string metrics) lives outside the core, in {@code dev.pillar.screening}.
 */
package dev.pillar.core.screening;
