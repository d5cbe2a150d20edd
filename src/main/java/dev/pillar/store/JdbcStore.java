package dev.pillar.store;

import dev.pillar.app.port.AccountStore;
import dev.pillar.app.port.AuditStorage;
import dev.pillar.app.port.CaseStore;
import dev.pillar.app.port.LicenceLedger;
import dev.pillar.app.port.DecisionStore;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.DocFields;
import dev.pillar.app.port.DocumentStore;
import dev.pillar.app.port.GovernanceStore;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Page;
import dev.pillar.app.port.Query;
import dev.pillar.app.port.RuleVersion;
import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoreConfig;
import dev.pillar.app.port.StoredAct;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.app.port.StoredUser;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.ObjLongConsumer;
import java.util.function.UnaryOperator;

/**
 * The {@link Store} over JDBC: the embedded H2 file store or PostgreSQL, opened from a {@link StoreConfig} by
 * {@link #open(StoreConfig)}. Each port is implemented by its own part over one {@link Database} (pool, migrations,
 * the write path that appends audit entries in the same transaction, group fsync); this class delegates to them.
 */
public final class JdbcStore implements Store {
    private final Database db;
    private final DocumentStore documents;
    private final DecisionStore decisions;
    private final GovernanceStore governance;
    private final AccountStore accounts;
    private final AuditStorage audit;
    private final CaseStore cases;
    private final LicenceLedger licences;
    private final JdbcScreening screening;

    private JdbcStore(Database db) {
        this.db = db;
        this.documents = new JdbcDocuments(db);
        this.decisions = new JdbcDecisions(db);
        this.governance = new JdbcGovernance(db);
        this.accounts = new JdbcUsers(db);
        this.audit = new JdbcAuditStorage(db);
        this.cases = new JdbcCases(db);
        this.licences = new JdbcLicences(db);
        this.screening = new JdbcScreening(db);
    }

    /**
     * Opens the store {@code config} names, migrating its schema: the embedded H2 store in the data directory (the
     * file {@code pillar.mv.db}), or the database at the JDBC URL. A write that appends to the audit log returns once
     * it is durable: on the embedded store after an fsync of its file (grouped over concurrent commits), on PostgreSQL
     * at its commit. Every row and audit entry written is timed by {@code clock}.
     */
    public static JdbcStore open(StoreConfig config, Clock clock) {
        return config.isEmbedded() ? new JdbcStore(Database.embedded(config.dataDir(), UnaryOperator.identity(), clock))
                : new JdbcStore(Database.connect(config.jdbcUrl(), config.user(), config.password(), clock));
    }

    /** The embedded store in {@code dir}, timing its records by the system's UTC clock (tests and tools). */
    public static JdbcStore embedded(Path dir) {
        return embedded(dir, UnaryOperator.identity());
    }

    /** The embedded store, with the fsync of its file wrapped by {@code forceHook} (tests count, delay or fail it). */
    static JdbcStore embedded(Path dir, UnaryOperator<GroupSync.Force> forceHook) {
        return new JdbcStore(Database.embedded(dir, forceHook, Clock.systemUTC()));
    }

    /** A store by JDBC URL (PostgreSQL: {@code jdbc:postgresql://host:port/db}), timing its records by the system's UTC clock (tests). */
    public static JdbcStore connect(String jdbcUrl, String user, String password) {
        return new JdbcStore(Database.connect(jdbcUrl, user, password, Clock.systemUTC()));
    }

    /** The number of fsyncs of the embedded store's file so far (0 for PostgreSQL); for measurements. */
    public long fsyncs() {
        return db.fsyncs();
    }

    public boolean postgres() {
        return db.postgres;
    }

    @Override
    public boolean healthy() {
        return db.healthy();
    }

    @Override
    public void close() {
        db.close();
    }

    // ---- documents and rules ------------------------------------------------------------------------------------------

    @Override
    public Optional<Doc> get(Kind kind, String id) {
        return documents.get(kind, id);
    }

    @Override
    public Page<Doc> list(Kind kind, Query query) {
        return documents.list(kind, query);
    }

    @Override
    public List<Doc> all(Kind kind) {
        return documents.all(kind);
    }

    @Override
    public Doc create(Kind kind, String id, String body, DocFields fields, String actor) {
        return documents.create(kind, id, body, fields, actor);
    }

    @Override
    public Doc update(Kind kind, String id, String body, DocFields fields, long expectedVersion, String actor) {
        return documents.update(kind, id, body, fields, expectedVersion, actor);
    }

    @Override
    public void delete(Kind kind, String id, long expectedVersion, String actor) {
        documents.delete(kind, id, expectedVersion, actor);
    }

    @Override
    public RuleVersion addRuleVersion(String body, String note, String actor) {
        return documents.addRuleVersion(body, note, actor);
    }

    @Override
    public List<RuleVersion> ruleVersions() {
        return documents.ruleVersions();
    }

    @Override
    public Optional<RuleVersion> ruleVersion(long version) {
        return documents.ruleVersion(version);
    }

    @Override
    public Optional<RuleVersion> latestRules() {
        return documents.latestRules();
    }

    @Override
    public long revision() {
        return documents.revision();
    }

    @Override
    public boolean seedOnce(List<NewDoc> docs, String rulesBody, String actor) {
        return documents.seedOnce(docs, rulesBody, actor);
    }

    // ---- decisions ----------------------------------------------------------------------------------------------------

    @Override
    public void saveDecisions(List<StoredDecision> list) {
        decisions.saveDecisions(list);
    }

    @Override
    public Optional<StoredDecision> decision(String id) {
        return decisions.decision(id);
    }

    @Override
    public java.util.OptionalLong auditIndex(String id) {
        return decisions.auditIndex(id);
    }

    @Override
    public List<StoredDecision> decisionsForItem(String itemId, int limit) {
        return decisions.decisionsForItem(itemId, limit);
    }

    // ---- governance ---------------------------------------------------------------------------------------------------

    @Override
    public List<StoredAct> appendActs(List<NewAct> acts, String actor) {
        return governance.appendActs(acts, actor);
    }

    @Override
    public List<StoredAct> acts() {
        return governance.acts();
    }

    // ---- accounts -----------------------------------------------------------------------------------------------------

    @Override
    public Optional<StoredUser> user(String username) {
        return accounts.user(username);
    }

    @Override
    public List<StoredUser> users() {
        return accounts.users();
    }

    @Override
    public StoredUser createUser(StoredUser user) {
        return accounts.createUser(user);
    }

    @Override
    public StoredUser updateUser(StoredUser user, long expectedVersion) {
        return accounts.updateUser(user, expectedVersion);
    }

    // ---- audit log storage ----------------------------------------------------------------------------------------------

    @Override
    public long auditSize() {
        return audit.auditSize();
    }

    @Override
    public void auditEntries(long from, long to, ObjLongConsumer<byte[]> each) {
        audit.auditEntries(from, to, each);
    }

    @Override
    public void saveCheckpoint(long treeSize, String note) {
        audit.saveCheckpoint(treeSize, note);
    }

    @Override
    public Optional<String> checkpointAt(long treeSize) {
        return audit.checkpointAt(treeSize);
    }

    @Override
    public SortedMap<Long, String> checkpoints() {
        return audit.checkpoints();
    }

    @Override
    public List<KeptCheckpoint> checkpointsBefore(long beforeSize, int offset, int limit) {
        return audit.checkpointsBefore(beforeSize, offset, limit);
    }

    @Override
    public Optional<KeptCheckpoint> keptCheckpoint(long treeSize) {
        return audit.keptCheckpoint(treeSize);
    }

    @Override
    public WitnessKey addWitnessKey(String member, String verifierKey, String keyName, String actor) {
        return audit.addWitnessKey(member, verifierKey, keyName, actor);
    }

    @Override
    public WitnessKey revokeWitnessKey(String member, String verifierKey, String actor) {
        return audit.revokeWitnessKey(member, verifierKey, actor);
    }

    @Override
    public List<WitnessKey> witnessKeys() {
        return audit.witnessKeys();
    }

    @Override
    public boolean saveCosignature(long treeSize, String verifierKey, String line) {
        return audit.saveCosignature(treeSize, verifierKey, line);
    }

    @Override
    public List<Cosignature> cosignatures(long fromSize, long toSize) {
        return audit.cosignatures(fromSize, toSize);
    }

    @Override
    public void onAuditAppend(AuditListener listener) {
        audit.onAuditAppend(listener);
    }

    @Override
    public void eachDecision(java.util.function.Consumer<StoredDecision> each) {
        decisions.eachDecision(each);
    }

    @Override
    public List<Found> search(DecisionQuery query) {
        return decisions.search(query);
    }

    // ---- cases and licence releases -----------------------------------------------------------------------------------

    @Override
    public List<StoredCase> openOrJoin(List<Held> held) {
        return cases.openOrJoin(held);
    }

    @Override
    public Optional<StoredCase> storedCase(long id) {
        return cases.storedCase(id);
    }

    @Override
    public List<StoredCase> cases(CaseQuery query) {
        return cases.cases(query);
    }

    @Override
    public long countCases(CaseQuery query) {
        return cases.countCases(query);
    }

    @Override
    public List<CaseDecision> caseDecisions(long id) {
        return cases.caseDecisions(id);
    }

    @Override
    public Optional<Long> caseOfDecision(String decisionId) {
        return cases.caseOfDecision(decisionId);
    }

    @Override
    public StoredCase closeCase(long id, long expectedVersion, String state, String resolution, String reference, String note, String actor) {
        return cases.closeCase(id, expectedVersion, state, resolution, reference, note, actor);
    }

    @Override
    public java.util.Map<String, Long> openCases() {
        return cases.openCases();
    }

    @Override
    public java.util.Map<String, Usage> licenceUsage() {
        return licences.licenceUsage();
    }

    @Override
    public List<Release> releases(String licence, int limit) {
        return licences.releases(licence, limit);
    }

    @Override
    public LicenceLedger.Usage saveRelease(StoredDecision decision, String recipient, String licence, long valueUsd, long capUsd) {
        return licences.saveRelease(decision, recipient, licence, valueUsd, capUsd);
    }

    @Override
    public dev.pillar.core.screening.ListVersion addListVersion(String list, java.time.LocalDate published, String fileSha256, int entries, String body, String actor) {
        return screening.addListVersion(list, published, fileSha256, entries, body, actor);
    }

    @Override
    public List<dev.pillar.core.screening.ListVersion> listVersions() {
        return screening.listVersions();
    }

    @Override
    public Optional<String> listBody(long version) {
        return screening.listBody(version);
    }

    @Override
    public dev.pillar.core.screening.Verdict addVerdict(dev.pillar.core.screening.Verdict verdict) {
        return screening.addVerdict(verdict);
    }

    @Override
    public List<dev.pillar.core.screening.Verdict> verdicts() {
        return screening.verdicts();
    }

    @Override
    public int openAlerts(List<NewAlert> alerts, java.time.Instant at) {
        return screening.openAlerts(alerts, at);
    }

    @Override
    public List<Alert> alerts(String state, int limit) {
        return screening.alerts(state, limit);
    }

    @Override
    public Optional<Alert> alert(long id) {
        return screening.alert(id);
    }

    @Override
    public long openAlertCount() {
        return screening.openAlertCount();
    }
}
