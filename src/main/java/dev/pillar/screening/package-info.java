/**
 * Name matching for restricted-party screening: normalisation (Unicode NFKC, transliteration of non-Latin scripts with
 * ICU, diacritics folded, legal-form words set aside), an index of list entries that finds candidates by phonetic keys
 * (Commons Codec's Double Metaphone) and scores them with Jaro-Winkler (Commons Text) on the whole name and per name
 * part. Pure computation over core values: no I/O.
 */
package dev.pillar.screening;
