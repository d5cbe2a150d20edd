/**
 * Security policies as data: an Open XML SPIF compiled into a {@link dev.pillar.core.label.SecurityPolicy}
 * (classifications, tag sets, categories as bit sets), and the labels and clearances under it. A policy validates a
 * label, renders display markings per language, and makes the access control decision; a
 * {@link dev.pillar.core.label.PolicyRegistry} translates a label into an equivalent policy.
 *
 * <p>Pure: no XML, files or I/O. The readers and writers of SPIFs, labels and clearances are in
 * {@code dev.pillar.io.label}.
 */
package dev.pillar.core.label;
