/**
 * Persistence: the partnership, organisations, people, items and licences as versioned JSON documents in the
 * world-file format, rule data versions, governance acts (append-only), decisions asked through the API and users. One {@link dev.pillar.app.port.Store}
 * interface; the JDBC implementation runs on the embedded H2 file store by default and on PostgreSQL in production,
 * with Flyway migrations in plain SQL.
 */
package dev.pillar.store;
