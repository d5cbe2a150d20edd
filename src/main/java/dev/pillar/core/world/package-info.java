/**
 * A world: one partnership with its organisations, people, catalogue of items, licences and rule data, checked for
 * consistency as a whole and named by a version. Also the deterministic generator of synthetic catalogues used by
 * benchmarks and impact analysis. Pure: loading and writing files is the job of {@code dev.pillar.io}.
 */
package dev.pillar.core.world;
