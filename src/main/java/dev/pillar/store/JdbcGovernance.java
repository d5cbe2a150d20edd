package dev.pillar.store;

import static dev.pillar.store.Database.bumpRevision;
import static dev.pillar.store.Database.instant;
import static dev.pillar.store.Database.ts;

import dev.pillar.app.port.AuditEntry;
import dev.pillar.app.port.GovernanceStore;
import dev.pillar.app.port.StoreException;
import dev.pillar.app.port.StoredAct;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Governance acts in the append-only table {@code governance_acts}. */
final class JdbcGovernance implements GovernanceStore {
    private final Database db;

    JdbcGovernance(Database db) {
        this.db = db;
    }

    @Override
    public List<StoredAct> appendActs(List<NewAct> acts, String actor) {
        if (acts.isEmpty()) {
            return List.of();
        }
        try {
            return db.write((h, log) -> {
                bumpRevision(h); // takes the revision row's lock: concurrent appends are numbered one after the other
                long seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM governance_acts").mapTo(Long.class).one();
                Instant now = db.now();
                List<StoredAct> out = new ArrayList<>();
                for (NewAct a : acts) {
                    seq++;
                    h.createUpdate("INSERT INTO governance_acts (seq, kind, proposal_id, slot, body, digest, recorded_at, recorded_by) "
                                    + "VALUES (:seq, :kind, :proposal, :slot, :body, :digest, :at, :by)")
                            .bind("seq", seq).bind("kind", a.kind()).bind("proposal", a.proposalId()).bind("slot", a.slot())
                            .bind("body", a.body()).bind("digest", a.digest()).bind("at", ts(now)).bind("by", actor).execute();
                    out.add(new StoredAct(seq, a.kind(), a.proposalId(), a.slot(), a.body(), a.digest(), now, actor));
                    log.add(new AuditEntry.Governance(a.digest(), actor, a.kind(), a.proposalId(), seq, now));
                }
                return out;
            });
        } catch (RuntimeException e) {
            if (Database.uniqueViolation(e)) {
                throw new StoreException(StoreException.Reason.CONFLICT, "the governance record holds this act already (a proposal, vote or outcome is recorded once)");
            }
            throw e;
        }
    }

    @Override
    public List<StoredAct> acts() {
        return db.jdbi.withHandle(h -> h.createQuery("SELECT * FROM governance_acts ORDER BY seq").map((rs, ctx) -> new StoredAct(rs.getLong("seq"),
                rs.getString("kind"), rs.getString("proposal_id"), rs.getString("slot"), rs.getString("body"), rs.getString("digest"),
                instant(rs, "recorded_at"), rs.getString("recorded_by"))).list());
    }
}
