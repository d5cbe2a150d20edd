/**
 * Codecs: translations between text (JSON, YAML, XML, HTML, CSV) and the core values, grouped by what they encode
 * (world, decision, impact, governance, label). This package holds what they share: the path-aware node, compact JSON
 * text and the bad-input exception that names the file, the field and the fix. No state, no network.
 */
package dev.pillar.codec;
