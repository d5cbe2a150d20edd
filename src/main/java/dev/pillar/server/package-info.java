/**
 * The Pillar server: the JSON API under {@code /api/v1}, the web console, health and metrics, around the decision core.
 * The world used for decisions is a snapshot compiled from the store and replaced atomically after every change;
 * every decision names the world version (store revision) it used.
 */
package dev.pillar.server;
