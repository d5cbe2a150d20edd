/**
 * Rule cases: the files in which the people who keep the rule data write what a request must be answered (a request in
 * the v1 format, the expected outcome, rule ids and citations, and the paragraph it tests), read and checked against a
 * world. Used by {@code pillar rules test} and by the public case library's test.
 */
package dev.pillar.codec.cases;
