/**
 * The ports of the application layer: the storage it needs, one interface per concern (world documents and rule
 * versions, decision records, governance acts, accounts, audit log storage) with {@link dev.pillar.app.port.Store} as
 * their composite and {@link dev.pillar.app.port.StoreConfig} to say which store to open, the values they hold (the
 * audit log's entries as typed {@link dev.pillar.app.port.AuditEntry} records), and the authentication port. Adapters
 * implement them (the JDBC store for H2 and PostgreSQL, the token issuers).
 */
package dev.pillar.app.port;
