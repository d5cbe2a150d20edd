/**
 * Impact scenarios (YAML or JSON) and the impact report as JSON, CSV, terminal text and a self-contained HTML page.
 */
package dev.pillar.codec.impact;
