/**
 * The {@code pillar} command line: {@code demo}, {@code decide} and {@code world validate|show|generate}. Exit codes:
 * 0 when the command did its job (whatever a decision's outcome), 2 for bad input with a message naming the field,
 * 1 for an internal error.
 */
package dev.pillar.cli;
