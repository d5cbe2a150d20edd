package dev.pillar.app.port;

/**
 * Everything Pillar persists, one port per concern: {@link DocumentStore world documents and rule versions},
 * {@link DecisionStore decisions}, {@link GovernanceStore governance acts}, {@link AccountStore accounts}, {@link CaseStore compliance cases}, {@link LicenceLedger releases under capped licences}, {@link ScreeningStore screening lists and verdicts} and
 * {@link AuditStorage the audit log's storage}. Each write that changes something appends its {@link AuditEntry} to the
 * audit log in its own transaction. A caller that needs one concern takes that port; this composite is what an adapter
 * opens and closes.
 */
public interface Store extends DocumentStore, DecisionStore, GovernanceStore, AccountStore, AuditStorage, CaseStore, LicenceLedger, ScreeningStore, AutoCloseable {
    /** True if the store answers a trivial query. */
    boolean healthy();

    @Override
    void close();
}
