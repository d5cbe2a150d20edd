package dev.pillar.app;

import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.audit.AuditLookup;
import dev.pillar.app.audit.Checkpoint;
import dev.pillar.app.audit.Cosignatures;
import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.audit.SignedNote;
import dev.pillar.app.port.AuditStorage;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.core.model.CoreMember;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The audit log with its witnesses, for the API and the console: registered witness keys of the core members,
 * cosignatures submitted by witnesses (verified before they are kept, and again when shown), and each kept
 * checkpoint with who cosigned it.
 */
public final class AuditService {
    private final AuditLog log;
    private final AuditStorage store;
    private final WorldService worlds;

    public AuditService(AuditLog log, AuditStorage store, WorldService worlds) {
        this.log = log;
        this.store = store;
        this.worlds = worlds;
    }

    public AuditLog log() {
        return log;
    }

    /** Now, by the application's clock. */
    public Instant now() {
        return worlds.clock().now();
    }

    /** A kept checkpoint with its verified cosignatures and the core members (as of its time) who did or did not cosign. */
    public record Kept(long size, Instant time, String rootHash, String note, List<Cosigner> cosigners, Cosignatures.Status status) {}

    /** A verified cosignature: the member, its key's name and when it arrived. */
    public record Cosigner(String member, String keyName, Instant receivedAt) {}

    /** The core members in force on the day of {@code time} (in the partnership's time zone). */
    public List<String> coreMembers(Instant time) {
        LocalDate day = worlds.clock().day(time);
        return worlds.current().world().partnership().coreMembers().stream().filter(m -> m.inForce(day)).map(CoreMember::country)
                .map(c -> c.code()).distinct().sorted().toList();
    }

    public List<Cosignatures.Registered> witnesses() {
        List<Cosignatures.Registered> out = new ArrayList<>();
        for (AuditStorage.WitnessKey k : store.witnessKeys()) {
            if (k.revoked()) {
                continue; // a revoked key counts for no checkpoint
            }
            out.add(new Cosignatures.Registered(k.member(), NoteKey.verifier(k.verifierKey())));
        }
        return out;
    }

    public List<AuditStorage.WitnessKey> witnessKeys() {
        return store.witnessKeys();
    }

    /**
     * Registers {@code keyText} as a witness key of {@code member}: a core member today; a delegate registers only
     * their own member's keys; and {@code jws} must be the member's own signature of it, with a member key in force
     * ({@link dev.pillar.core.governance.Statement.WitnessKey}), so that no account (the admin's, the secretariat's) can
     * make a witness for a member. The registration is an entry of the log.
     */
    public AuditStorage.WitnessKey register(Principal who, String member, String keyText, String jws) {
        if (member == null || member.isBlank()) {
            throw Refusal.invalid("member", "is required: the core member whose witness this is, e.g. GBR");
        }
        if (!coreMembers(worlds.clock().now()).contains(member)) {
            throw Refusal.invalid("member", "'" + member + "' is not a core member today: witnesses are run by the core members "
                    + coreMembers(worlds.clock().now()));
        }
        if (who.role() == Role.DELEGATE && !member.equals(who.country())) {
            throw Refusal.invalid("member", "a delegate of " + who.country() + " registers witness keys of " + who.country() + " only");
        }
        if (keyText == null || keyText.isBlank()) {
            throw Refusal.invalid("key", "is required: the witness's verifier key, name+keyid+base64 (pillar audit witness-key prints it)");
        }
        NoteKey key;
        try {
            key = NoteKey.verifier(keyText);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("key", e.getMessage());
        }
        if (key.name().equals(log.origin())) {
            throw Refusal.invalid("key", "a witness key needs a name of its own, not the log's origin " + log.origin());
        }
        memberSigned(member, key.verifierText(), jws);
        return store.addWitnessKey(member, key.verifierText(), key.name(), who.subject());
    }

    /**
     * Revokes witness key {@code keyText} of {@code member}: as for a registration, the member's own signature of the
     * revocation with a member key in force ({@link dev.pillar.core.governance.Statement.WitnessRevoke}), sent by the
     * secretariat or the member's delegate. From then on the key's cosignatures count for no checkpoint, earlier ones
     * included (a revoked key may have been compromised); the member registers a new key and cosigns again.
     */
    public AuditStorage.WitnessKey revoke(Principal who, String member, String keyText, String jws) {
        if (member == null || member.isBlank()) {
            throw Refusal.invalid("member", "is required: the core member whose witness key this is, e.g. GBR");
        }
        if (who.role() == Role.DELEGATE && !member.equals(who.country())) {
            throw Refusal.invalid("member", "a delegate of " + who.country() + " revokes witness keys of " + who.country() + " only");
        }
        if (keyText == null || keyText.isBlank()) {
            throw Refusal.invalid("key", "is required: the witness's verifier key as registered (GET /api/v1/audit/witnesses)");
        }
        AuditStorage.WitnessKey k = store.witnessKeys().stream().filter(w -> w.member().equals(member) && w.verifierKey().equals(keyText.strip()))
                .findFirst().orElseThrow(() -> Refusal.invalid("key", "no witness key of " + member + " is registered with this text"));
        if (k.revoked()) {
            throw Refusal.conflict("the witness key was revoked on " + k.revokedAt() + " by " + k.revokedBy(), "key");
        }
        signedBy(member, new dev.pillar.core.governance.Statement.WitnessRevoke(dev.pillar.core.model.Country.of(member), k.verifierKey()), jws,
                "pillar audit witness-key --revoke --member " + member + " --sign-with MEMBER-KEY-FILE");
        try {
            return store.revokeWitnessKey(member, k.verifierKey(), who.subject());
        } catch (dev.pillar.app.port.StoreException e) {
            throw Refusal.of(e);
        }
    }

    /**
     * The governance record against the audit log: every act the log recorded (its number and digest) must be in the
     * store as recorded, and every stored act must be in the log. Deleting a whole proposal (its proposal, vote and
     * outcome rows), changing an act's body with its digest, or inserting an act behind the server's back is each a
     * finding; the acts' own checks ({@link WorldService.GovernanceRecord#verification()}) cannot see a deletion.
     */
    public List<dev.pillar.core.governance.Finding> governanceFindings(List<dev.pillar.app.port.StoredAct> stored) {
        Map<Long, dev.pillar.app.port.StoredAct> bySeq = new LinkedHashMap<>();
        stored.forEach(a -> bySeq.put(a.seq(), a));
        Map<Long, dev.pillar.app.port.AuditEntry.Governance> logged = new java.util.TreeMap<>();
        Map<Long, Long> at = new java.util.HashMap<>();
        store.auditRecords(0, log.size(), r -> {
            if (r.entry() instanceof dev.pillar.app.port.AuditEntry.Governance g) {
                logged.put(g.seq(), g);
                at.put(g.seq(), r.index());
            }
        });
        List<dev.pillar.core.governance.Finding> out = new ArrayList<>();
        for (var g : logged.values()) {
            var act = bySeq.get(g.seq());
            String what = g.kind() + " " + g.proposalId();
            if (act == null) {
                out.add(new dev.pillar.core.governance.Finding(g.seq(), g.proposalId(), what, "recorded in the audit log (entry " + at.get(g.seq())
                        + ") but missing from the store: it was deleted"));
            } else if (!act.digest().equals(g.actDigest()) || !act.proposalId().equals(g.proposalId())) {
                out.add(new dev.pillar.core.governance.Finding(g.seq(), g.proposalId(), what, "differs from the audit log's record of it (entry "
                        + at.get(g.seq()) + "): it was changed after it was recorded"));
            }
        }
        for (var a : stored) {
            if (!logged.containsKey(a.seq())) {
                out.add(new dev.pillar.core.governance.Finding(a.seq(), a.proposalId(), a.kind() + " " + a.proposalId(),
                        "is not in the audit log: it was not recorded by a server"));
            }
        }
        return out;
    }

    /** Refuses unless {@code jws} is {@code member}'s signature, with a member key in force today, of its witness key {@code key}. */
    private void memberSigned(String member, String key, String jws) {
        signedBy(member, new dev.pillar.core.governance.Statement.WitnessKey(dev.pillar.core.model.Country.of(member), key), jws,
                "pillar audit witness-key --member " + member + " --sign-with MEMBER-KEY-FILE");
    }

    /** Refuses (400, field {@code jws}) unless {@code jws} is {@code member}'s signature of {@code statement} with a member key in force. */
    private void signedBy(String member, dev.pillar.core.governance.Statement statement, String jws, String howTo) {
        String text = dev.pillar.codec.governance.GovernanceCodec.statementText(statement);
        if (jws == null || jws.isBlank()) {
            throw Refusal.invalid("jws", "is required: " + member + "'s signature of " + text + " with a member key in force "
                    + "(" + howTo + " prints it)");
        }
        String kid;
        try {
            kid = dev.pillar.crypto.Jws.parse(jws).kid();
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("jws", e.getMessage());
        }
        var mk = worlds.current().world().partnership().memberKey(kid);
        if (mk == null || !mk.country().code().equals(member) || !mk.inForce(worlds.clock().today())) {
            throw Refusal.invalid("jws", "signed with key '" + dev.pillar.codec.Node.shown(kid) + "', which is not a key of " + member + " in force today: "
                    + "witness keys are registered and revoked with the member's own enrolled key");
        }
        if (!dev.pillar.codec.governance.GovernanceCodec.SIGNATURES.signs(jws.strip(), statement, kid, mk.x())) {
            throw Refusal.invalid("jws", "the signature does not verify: sign exactly " + text);
        }
    }

    /**
     * Keeps the cosignatures that {@code note} carries by registered witness keys of the checkpoint the log kept for
     * its size; answers the checkpoint as kept now. Bad notes are refused with 400 (field {@code note}), a size the
     * log never signed with 404.
     */
    public Kept submit(String note) {
        long size;
        try {
            size = Checkpoint.parse(SignedNote.parse(note).text()).size();
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("note", e.getMessage());
        }
        AuditStorage.KeptCheckpoint kept = store.keptCheckpoint(size).orElseThrow(() -> Refusal.notFound(
                "the log kept no checkpoint of tree size " + size + ": cosign one that GET /api/v1/audit/checkpoint gave"));
        List<Cosignatures.Accepted> accepted;
        try {
            accepted = Cosignatures.accept(kept.note(), note, witnesses());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("note", e.getMessage());
        }
        for (Cosignatures.Accepted a : accepted) {
            store.saveCosignature(size, a.witness().key().verifierText(), a.line());
        }
        return kept(kept, store.cosignatures(size, size));
    }

    public Optional<Kept> checkpoint(long size) {
        return store.keptCheckpoint(size).map(k -> kept(k, store.cosignatures(size, size)));
    }

    /** Up to {@code limit} kept checkpoints below tree size {@code before}, the largest first, skipping {@code offset}. */
    public List<Kept> checkpoints(long before, int offset, int limit) {
        List<AuditStorage.KeptCheckpoint> page = store.checkpointsBefore(before, offset, limit);
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, List<AuditStorage.Cosignature>> bySize = new LinkedHashMap<>();
        for (AuditStorage.Cosignature c : store.cosignatures(page.getLast().treeSize(), page.getFirst().treeSize())) {
            bySize.computeIfAbsent(c.treeSize(), s -> new ArrayList<>()).add(c);
        }
        return page.stream().map(k -> kept(k, bySize.getOrDefault(k.treeSize(), List.of()))).toList();
    }

    private Kept kept(AuditStorage.KeptCheckpoint k, List<AuditStorage.Cosignature> stored) {
        List<Cosignatures.Registered> witnesses = witnesses();
        List<String> lines = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Cosigner> cosigners = new ArrayList<>();
        for (AuditStorage.Cosignature c : stored) {
            // never trust the store: a kept line counts only if it still verifies with a registered key
            for (Cosignatures.Registered w : witnesses) {
                if (!w.key().verifierText().equals(c.verifierKey())) {
                    continue;
                }
                try {
                    Cosignatures.accept(k.note(), Cosignatures.note(k.note(), List.of(c.line())), List.of(w));
                    lines.add(c.line());
                    keys.add(c.verifierKey());
                    cosigners.add(new Cosigner(w.member(), w.key().name(), c.receivedAt()));
                } catch (IllegalArgumentException e) {
                    // a changed or foreign line: not shown as a cosignature
                }
            }
        }
        Checkpoint cp = Checkpoint.parse(SignedNote.parse(k.note()).text());
        return new Kept(k.treeSize(), k.createdAt(), Base64.getEncoder().encodeToString(cp.root()), Cosignatures.note(k.note(), lines),
                cosigners, Cosignatures.status(coreMembers(k.createdAt()), keys, witnesses));
    }

    /** The checkpoint the log signed and kept for a tree size, as it signed it. */
    public Optional<SignedNote> signedCheckpoint(long size) {
        return store.checkpointAt(size).map(SignedNote::parse);
    }

    /** The entry index of a decision, if the log records it. */
    public OptionalLong decisionEntry(String decisionId) {
        return AuditLookup.decision(store, log.size(), decisionId);
    }
}
