/**
 * The application layer: one service per use case (decisions, world and partnership changes, governance, audit,
 * accounts), each taking plain values and answering results or a typed {@link dev.pillar.app.Refusal}. Every adapter
 * (HTTP API, console, CLI) calls these services; none of them touches storage directly. Time comes from the injected
 * {@link dev.pillar.app.PillarClock}.
 */
package dev.pillar.app;
