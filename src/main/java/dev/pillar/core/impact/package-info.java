/**
 * Expansion impact analysis: what a hypothetical change to the partnership (admitting a country to projects,
 * exemption-equivalent treatment, Excluded Technology List entries, a licence, a REL TO marking) does to the release
 * of the whole catalogue to a population of recipients. A {@link dev.pillar.core.impact.Scenario} is data; applied to
 * a world it gives the hypothetical world, and {@link dev.pillar.core.impact.ImpactAnalysis} asks the decision engine
 * in both worlds, once per class of items with the same decision-relevant labels, and aggregates the answers.
 *
 * <p>The decision engine stays the single source of truth: nothing here decides a release by itself. Pure: no I/O.
 */
package dev.pillar.core.impact;
