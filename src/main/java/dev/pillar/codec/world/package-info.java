/**
 * The world files (YAML or JSON): the loader with errors that name the file, the path and the fix, the sources of
 * world files (a directory or the built-in worlds), worlds held as separate JSON documents, and the writer of
 * generated catalogues.
 */
package dev.pillar.codec.world;
