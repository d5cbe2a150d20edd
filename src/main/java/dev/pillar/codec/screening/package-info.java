/**
 * The restricted-party lists as published: importers for the US Consolidated Screening List (JSON and CSV), the UK
 * Sanctions List (CSV) and Australia's DFAT Consolidated List (XLSX), and the JSON lines Pillar stores a list version's
 * entries as. A file in the wrong format, with a missing column or a bad value is refused naming the line and field.
 */
package dev.pillar.codec.screening;
