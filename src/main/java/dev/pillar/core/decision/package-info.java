/**
 * The decision: may this item go to this person on this date, and on what basis? {@link
 * dev.pillar.core.decision.DecisionEngine} evaluates four independent layers (project scope, classification,
 * releasability, export control); the most restrictive outcome wins, and any internal failure is a DENY.
 *
 * <p>Explanations (messages, facts, what would change the answer) are built lazily, only when asked for.
 */
package dev.pillar.core.decision;
