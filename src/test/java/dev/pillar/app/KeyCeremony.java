package dev.pillar.app;

import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.governance.Statement;
import dev.pillar.core.model.Country;
import dev.pillar.crypto.Ed25519Keys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first-key ceremony as tests run it through the application layer: each member's delegate asks to enrol a key
 * (with its proof of possession), the two other members co-sign with the keys they asked for, the secretariat confirms.
 */
public final class KeyCeremony {
    public static final List<Country> MEMBERS = List.of(Country.of("AUS"), Country.of("GBR"), Country.of("USA"));

    private KeyCeremony() {}

    /** Enrols {@code keys} (one per member) from today; returns them. Recorded by delegate-xxx and sec-ceremony. */
    public static Map<Country, Ed25519Keys.SigningKey> enrol(GovernanceService g, Map<Country, Ed25519Keys.SigningKey> keys) {
        Map<Country, String> ids = new LinkedHashMap<>();
        keys.forEach((m, k) -> {
            var body = WorldDocuments.mapper().createObjectNode().put("member", m.code()).put("x", k.x())
                    .put("proof", GovernanceCodec.sign(new Statement.Possession(m, k.kid(), k.x()), k));
            ids.put(m, g.requestKey(body, m, delegate(m)).request().id());
        });
        ids.forEach((m, id) -> {
            Governance.Enrolment e = g.governance().enrolment(id);
            for (Country other : keys.keySet()) {
                if (!other.equals(m)) {
                    Ed25519Keys.SigningKey k = keys.get(other);
                    g.cosignKey(id, other, k.kid(), GovernanceCodec.sign(new Statement.Cosign(id, e.digest(), other), k), other, delegate(other));
                }
            }
            g.confirmKey(id, e.digest(), "sec-ceremony");
        });
        return keys;
    }

    /** Generates and enrols a key for each core member. */
    public static Map<Country, Ed25519Keys.SigningKey> enrolFresh(GovernanceService g) {
        Map<Country, Ed25519Keys.SigningKey> keys = new LinkedHashMap<>();
        MEMBERS.forEach(m -> keys.put(m, Ed25519Keys.generate()));
        return enrol(g, keys);
    }

    /**
     * Moves KOR (only considered in the built-in world) to formal discussions from the day after tomorrow, as the story
     * does: consensus proposed now and adopted from tomorrow, then formal discussions, each with every member's vote.
     */
    public static void korInDiscussions(GovernanceService g, Map<Country, Ed25519Keys.SigningKey> keys) {
        java.time.LocalDate today = g.worlds().clock().today();
        adopt(g, keys, "consensus", today.plusDays(1), today);
        adopt(g, keys, "formal-discussions", today.plusDays(2), today.plusDays(1));
    }

    static void adopt(GovernanceService g, Map<Country, Ed25519Keys.SigningKey> keys, String action, java.time.LocalDate effective, java.time.LocalDate deadline) {
        var body = WorldDocuments.mapper().createObjectNode().put("candidate", "KOR").put("action", action).put("effective", effective.toString())
                .put("deadline", deadline.toString());
        body.putArray("sources").addObject().put("title", "Core members' minutes (fictional, test)").put("date", g.worlds().clock().today().toString());
        Governance.Entry e = g.propose(body, "sec-ceremony");
        keys.forEach((m, k) -> g.vote(e.proposal().id(), GovernanceCodec.sign(new dev.pillar.core.governance.Vote(e.proposal().id(), e.digest(), m,
                dev.pillar.core.governance.Choice.APPROVE, null, g.now()), k), m, delegate(m)));
    }

    static String delegate(Country m) {
        return "delegate-" + m.code().toLowerCase(java.util.Locale.ROOT);
    }
}
