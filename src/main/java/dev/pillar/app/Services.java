package dev.pillar.app;

import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.port.Store;
import java.util.function.IntConsumer;

/**
 * The application's use cases over one store, wired once: the world and its changes, decide-and-record, governance,
 * the audit log, accounts. Every adapter (the HTTP API, the console, the CLI) reaches the store only through these.
 * {@link #close()} stores the decisions still queued, signs a last checkpoint and closes the store.
 */
public final class Services implements AutoCloseable {
    private final Store store;
    private final PillarClock clock;
    private final AuditLog log;
    private final WorldService worlds;
    private final DecisionService decisions;
    private final LicenceService licences;
    private final CaseService cases;
    private final GovernanceService governance;
    private final ProposalImpact proposalImpact;
    private final AuditService audit;
    private final AccountService accounts;
    private final ScreeningService screening;
    private final boolean seeded;

    private Services(Store store, NoteKey auditKey, PillarClock clock, IntConsumer commitSizes, boolean seedBuiltIn) {
        this.store = store;
        this.clock = clock;
        this.log = new AuditLog(store, auditKey, auditKey.name()); // before seeding: it hears of every append
        this.seeded = seedBuiltIn && store.seedOnce(WorldService.builtInDocuments(), WorldService.builtInRules(), "pillar:seed");
        this.screening = new ScreeningService(store, () -> worlds().current().world(), clock, dev.pillar.screening.ScreeningIndex.DEFAULT_THRESHOLD);
        this.worlds = new WorldService(store, clock, screening.screener());
        this.licences = new LicenceService(store, worlds, LicenceService.Alerting.DEFAULT);
        this.cases = new CaseService(store, worlds, id -> decisions().again(id));
        this.decisions = new DecisionService(worlds, store, store, log, store, licences, cases, commitSizes);
        this.governance = new GovernanceService(worlds, clock);
        this.proposalImpact = new ProposalImpact(worlds);
        this.audit = new AuditService(log, store, worlds);
        this.accounts = new AccountService(store, worlds);
    }

    /**
     * The services over {@code store}, whose audit log signs checkpoints with {@code auditKey}; with {@code seedBuiltIn}
     * an empty store is seeded with the built-in AUKUS world first.
     *
     * @param commitSizes told the number of decisions in every group commit (for metrics)
     */
    public static Services open(Store store, NoteKey auditKey, PillarClock clock, IntConsumer commitSizes, boolean seedBuiltIn) {
        return new Services(store, auditKey, clock, commitSizes, seedBuiltIn);
    }

    public PillarClock clock() { return clock; }

    /** True if this opening seeded the built-in world into an empty store. */
    public boolean seeded() { return seeded; }
    public WorldService worlds() { return worlds; }
    public DecisionService decisions() { return decisions; }
    public LicenceService licences() { return licences; }
    public CaseService cases() { return cases; }
    public GovernanceService governance() { return governance; }
    public ProposalImpact proposalImpact() { return proposalImpact; }
    public AuditService audit() { return audit; }
    public AccountService accounts() { return accounts; }
    public ScreeningService screening() { return screening; }

    /** True if the store answers and a world is compiled. */
    public boolean ready() {
        return store.healthy() && worlds.current() != null && log.broken().isEmpty();
    }

    /** Why the audit log refuses to sign, if it does (its stored entries disagree with its last signed checkpoint). */
    public java.util.Optional<String> auditProblem() {
        return log.broken();
    }

    /** True if the store answers a trivial query. */
    public boolean storeHealthy() {
        return store.healthy();
    }

    /** Signs a checkpoint of the log as it stands (the server does this every second while the log grows). */
    public void checkpoint() {
        log.checkpoint();
    }

    /** The store, for tests and tools that check what is kept (adapters use the services). */
    public Store store() {
        return store;
    }

    @Override
    public void close() {
        try {
            decisions.close(); // decisions already queued are stored before the store closes
            try {
                log.checkpoint(); // and signed
            } catch (RuntimeException e) {
                // the store may be gone; what was recorded is kept, and the next start signs it
            }
        } finally {
            store.close();
        }
    }
}
