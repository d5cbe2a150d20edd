/**
 * The HTTP adapter: the JSON API under {@code /api/v1} (RFC 9457 problems for every refusal), health and metrics, on
 * Javalin. Every route reads its input, calls a service of the application layer and writes its answer; route groups
 * of other HTTP adapters (the console) are plugged in by the composition root.
 */
package dev.pillar.http;
