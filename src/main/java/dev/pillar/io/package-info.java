/**
 * Adapters between files and the core: the world loader (YAML or JSON, with errors that name the file, the path and
 * the fix), the JSON v1 request and response codec, and the text rendering of decisions. All I/O of the core's
 * values lives here.
 */
package dev.pillar.io;
