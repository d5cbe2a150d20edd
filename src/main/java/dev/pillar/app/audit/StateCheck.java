package dev.pillar.app.audit;

import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.CaseStore;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.LicenceLedger;
import dev.pillar.app.port.RuleVersion;
import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoredUser;
import dev.pillar.crypto.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Binds what the store serves to the audit log: every stored decision, world document, rule data version, account,
 * compliance case, licence use, witness key (and its revocation), screening list version and screening verdict must be what its latest log entry says (by digest for texts, by value for the rest),
 * and everything the log records as present must be stored. A direct edit of the database (a DENY changed to PERMIT,
 * an item's REL TO widened, a role set to admin) is found here even though the log itself is intact. What the log does
 * not record cannot be checked: password hashes (a user entry never carries one) and the searchable columns derived
 * from the documents.
 */
public final class StateCheck {
    private StateCheck() {}

    /** The problems found, each naming what differs; empty if the store is what the log says. */
    public static List<String> problems(Store store) {
        Map<String, AuditEntry.Decision> decisions = new HashMap<>();
        Map<String, AuditEntry.Document> documents = new HashMap<>();
        Map<Long, AuditEntry.Rules> rules = new HashMap<>();
        Map<String, AuditEntry.User> users = new HashMap<>();
        Map<Long, AuditEntry.Case> cases = new HashMap<>();
        Map<String, AuditEntry.Release> releases = new HashMap<>();
        Map<String, Long> releaseCounts = new HashMap<>();
        Map<String, AuditEntry.Witness> witnesses = new HashMap<>();
        Map<String, AuditEntry.WitnessRevoked> revoked = new HashMap<>();
        Map<Long, AuditEntry.ScreeningList> lists = new HashMap<>();
        Map<Long, AuditEntry.ScreeningVerdict> verdicts = new HashMap<>();
        List<String> problems = new ArrayList<>();
        store.auditEntries(0, store.auditSize(), (bytes, index) -> {
            AuditEntry entry;
            try {
                entry = AuditEntry.parse(bytes);
            } catch (IllegalArgumentException e) {
                problems.add("audit entry " + index + " cannot be read: " + e.getMessage());
                return;
            }
            switch (entry) {
                case AuditEntry.Decision d -> decisions.put(d.decisionId(), d);
                case AuditEntry.Document d -> documents.put(d.kind().key() + "/" + d.id(), d);
                case AuditEntry.Rules d -> rules.put(d.version(), d);
                case AuditEntry.User d -> users.put(d.username(), d);
                case AuditEntry.Case d -> cases.put(d.caseId(), d);
                case AuditEntry.Witness d -> witnesses.put(d.verifierKey(), d);
                case AuditEntry.WitnessRevoked d -> revoked.put(d.verifierKey(), d);
                case AuditEntry.ScreeningList d -> lists.put(d.version(), d);
                case AuditEntry.ScreeningVerdict d -> verdicts.put(d.verdictId(), d);
                case AuditEntry.Release d -> {
                    releases.merge(d.licence(), d, (a, b) -> b.usedAfterUsd() >= a.usedAfterUsd() ? b : a);
                    releaseCounts.merge(d.licence(), 1L, Long::sum);
                }
                default -> { }
            }
        });

        Set<String> seen = new HashSet<>();
        store.eachDecision(d -> {
            seen.add(d.id());
            AuditEntry.Decision e = decisions.get(d.id());
            if (e == null) {
                problems.add("decision " + d.id() + " is stored but the audit log has no entry for it");
            } else if (!matches(e, d)) {
                problems.add("decision " + d.id() + " differs from its audit entry (stored " + d.outcome() + ", logged " + e.outcome()
                        + "): its request, answer or outcome was changed in the store");
            }
        });
        decisions.keySet().stream().filter(id -> !seen.contains(id)).sorted()
                .forEach(id -> problems.add("decision " + id + " is in the audit log but not in the store: it was deleted"));

        Set<String> present = new HashSet<>();
        for (Kind k : Kind.values()) {
            for (Doc d : store.all(k)) {
                String key = k.key() + "/" + d.id();
                present.add(key);
                AuditEntry.Document e = documents.get(key);
                if (e == null || e.bodySha256() == null) {
                    problems.add(key + " is stored but the audit log " + (e == null ? "never recorded it" : "records it as deleted"));
                } else if (e.version() != d.version() || !e.bodySha256().equals(sha256(d.body()))) {
                    problems.add(key + " version " + d.version() + " differs from its latest audit entry (version " + e.version()
                            + "): it was changed in the store");
                }
            }
        }
        documents.forEach((key, e) -> {
            if (e.bodySha256() != null && !present.contains(key)) {
                problems.add(key + " is in the audit log (version " + e.version() + ") but not in the store: it was deleted");
            }
        });

        Set<Long> versions = new HashSet<>();
        for (RuleVersion v : store.ruleVersions()) {
            versions.add(v.version());
            AuditEntry.Rules e = rules.get(v.version());
            if (e == null || !e.bodySha256().equals(sha256(v.body()))) {
                problems.add("rule data version " + v.version() + (e == null ? " is stored but not in the audit log" : " differs from its audit entry"));
            }
        }
        rules.keySet().stream().filter(v -> !versions.contains(v)).sorted()
                .forEach(v -> problems.add("rule data version " + v + " is in the audit log but not in the store"));

        Set<String> names = new HashSet<>();
        for (StoredUser u : store.users()) {
            names.add(u.username());
            AuditEntry.User e = users.get(u.username());
            if (e == null) {
                problems.add("user " + u.username() + " is stored but the audit log never recorded it");
            } else if (e.version() != u.version() || !e.role().equals(u.role()) || e.disabled() != u.disabled()
                    || !Objects.equals(e.country(), u.country()) || !Objects.equals(e.organisation(), u.organisation())) {
                problems.add("user " + u.username() + " (stored: " + u.role() + (u.disabled() ? ", disabled" : "") + ", version " + u.version()
                        + ") differs from its latest audit entry (" + e.role() + (e.disabled() ? ", disabled" : "") + ", version " + e.version()
                        + "): it was changed in the store");
            }
        }
        users.keySet().stream().filter(n -> !names.contains(n)).sorted()
                .forEach(n -> problems.add("user " + n + " is in the audit log but not in the store: it was deleted"));

        cases.forEach((id, e) -> {
            CaseStore.StoredCase c = store.storedCase(id).orElse(null);
            if (c == null) {
                problems.add("case C-" + id + " is in the audit log but not in the store: it was deleted");
            } else if (!c.state().equals(e.state()) || c.version() != e.version()) {
                problems.add("case C-" + id + " is " + c.state() + " (version " + c.version() + ") in the store but " + e.state()
                        + " (version " + e.version() + ") in the audit log: it was changed in the store");
            }
        });
        Map<String, LicenceLedger.Usage> usage = store.licenceUsage();
        usage.forEach((licence, u) -> {
            AuditEntry.Release last = releases.get(licence);
            long logged = last == null ? 0 : last.usedAfterUsd();
            long count = releaseCounts.getOrDefault(licence, 0L);
            if (u.usedUsd() != logged || u.releases() != count) {
                problems.add("licence " + licence + " has " + u.usedUsd() + " USD used in " + u.releases() + " releases in the store, but "
                        + logged + " USD in " + count + " in the audit log: its use was changed in the store");
            }
        });
        releases.keySet().stream().filter(l -> !usage.containsKey(l)).sorted()
                .forEach(l -> problems.add("licence " + l + " has releases in the audit log but no use in the store: it was deleted"));
        Set<String> keys = new HashSet<>();
        for (var k : store.witnessKeys()) {
            keys.add(k.verifierKey());
            AuditEntry.Witness e = witnesses.get(k.verifierKey());
            if (e == null || !e.member().equals(k.member())) {
                problems.add("witness key " + k.keyName() + " of " + k.member() + " is stored but the audit log never recorded its registration"
                        + (e == null ? "" : " for " + k.member()));
            }
            if (revoked.containsKey(k.verifierKey()) != k.revoked()) {
                problems.add("witness key " + k.keyName() + " of " + k.member() + " is " + (k.revoked() ? "revoked" : "in force")
                        + " in the store but " + (k.revoked() ? "in force" : "revoked") + " in the audit log: it was changed in the store");
            }
        }
        witnesses.keySet().stream().filter(k -> !keys.contains(k)).sorted()
                .forEach(k -> problems.add("witness key " + k + " is in the audit log but not in the store: it was deleted"));
        screening(store, lists, verdicts, problems);
        return problems;
    }

    /** Restricted-party list versions (their entries by digest) and officers' verdicts (by value). */
    private static void screening(Store store, Map<Long, AuditEntry.ScreeningList> lists, Map<Long, AuditEntry.ScreeningVerdict> verdicts,
                                  List<String> problems) {
        Set<Long> stored = new HashSet<>();
        for (var v : store.listVersions()) {
            stored.add(v.version());
            AuditEntry.ScreeningList e = lists.get(v.version());
            String body = store.listBody(v.version()).orElse("");
            if (e == null) {
                problems.add("screening list version " + v.version() + " is stored but the audit log never recorded its import");
            } else if (!e.bodySha256().equals(sha256(body)) || e.entries() != v.entries() || !e.list().equals(v.list())
                    || !e.published().equals(v.published())) {
                problems.add("screening list version " + v.version() + " (" + v.list() + ") differs from its audit entry: its entries or dates were changed in the store");
            }
        }
        lists.keySet().stream().filter(v -> !stored.contains(v)).sorted()
                .forEach(v -> problems.add("screening list version " + v + " is in the audit log but not in the store: it was deleted"));
        Set<Long> ids = new HashSet<>();
        for (var v : store.verdicts()) {
            ids.add(v.id());
            AuditEntry.ScreeningVerdict e = verdicts.get(v.id());
            if (e == null) {
                problems.add("screening verdict " + v.id() + " is stored but the audit log never recorded it");
            } else if (e.sameParty() != v.sameParty() || !e.party().equals(v.partyId()) || !e.entryRef().equals(v.entryRef())
                    || !e.entrySha256().equals(v.entryDigest()) || !e.evidence().equals(v.evidence()) || !e.actor().equals(v.decidedBy())) {
                problems.add("screening verdict " + v.id() + " (stored: " + (v.sameParty() ? "same party" : "not the same party") + ") differs from its audit entry ("
                        + (e.sameParty() ? "same party" : "not the same party") + "): it was changed in the store");
            }
        }
        verdicts.keySet().stream().filter(v -> !ids.contains(v)).sorted()
                .forEach(v -> problems.add("screening verdict " + v + " is in the audit log but not in the store: it was deleted"));
    }

    /** True if stored decision {@code d} is what its audit entry {@code e} records (request, answer, outcome, who asked). */
    public static boolean matches(AuditEntry.Decision e, dev.pillar.app.port.StoredDecision d) {
        return e.decisionId().equals(d.id()) && e.requestSha256().equals(sha256(d.request())) && e.responseSha256().equals(sha256(d.response()))
                && e.outcome().equals(d.outcome()) && e.actor().equals(d.actor());
    }

    private static String sha256(String text) {
        return CanonicalJson.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
