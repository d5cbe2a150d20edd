/**
 * XML for security policies and labels: a hardened XML reader (no DTDs or entities, bounded size and depth), the Open
 * XML SPIF reader, label and clearance codecs for the simple XML syntax of the XML-SPIF conformance suite and for
 * STANAG 4774 confidentiality labels, and the runner of a suite in the format of that suite's {@code tests.xml}.
 */
package dev.pillar.codec.label;
