/**
 * Persistence over JDBC: the embedded H2 file store by default and PostgreSQL in production, with Flyway migrations in
 * plain SQL, opened by {@link dev.pillar.store.JdbcStore#open(dev.pillar.app.port.StoreConfig, java.time.Clock)}. One part per port of
 * {@code dev.pillar.app.port} (documents and rule versions, decisions in chunks, governance acts, users, audit log
 * storage) works on a shared database handle whose one write path appends each change's audit entry in the change's
 * transaction; {@link dev.pillar.store.JdbcStore} is their composite {@link dev.pillar.app.port.Store}.
 */
package dev.pillar.store;
