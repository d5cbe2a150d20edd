/**
 * The partnership's vocabulary as immutable, validated values: countries and coalitions, the partnership with its
 * areas, projects and candidates, organisations, people, technical-data items and licences.
 *
 * <p>Every constructor checks its arguments and throws {@link dev.pillar.core.model.InvalidValueException} naming
 * the offending field, so that no value is ever built unchecked. Nothing here performs I/O.
 */
package dev.pillar.core.model;
