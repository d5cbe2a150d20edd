/**
 * The composition root: the {@code pillar} command's entry point and the wiring of a running server. It builds the
 * one clock, opens the store the one way there is, and hands the application's services to the adapters; nothing
 * else in Pillar constructs a store, a service or a server.
 */
package dev.pillar.boot;
