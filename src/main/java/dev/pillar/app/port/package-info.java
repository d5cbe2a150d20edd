/**
 * The ports of the application layer: the storage it needs, one interface per concern (world documents and rule
 * versions, decision records, governance acts, accounts, audit log storage), with the values they hold, and the
 * authentication port. Adapters implement them (the JDBC store for H2 and PostgreSQL, the token issuers).
 */
package dev.pillar.app.port;
