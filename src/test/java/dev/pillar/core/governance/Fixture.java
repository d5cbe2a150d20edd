package dev.pillar.core.governance;

import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.MemberKey;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Source;
import dev.pillar.crypto.Ed25519Keys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in partnership with a freshly generated signing key for each core member (valid from 2024-01-01 to
 * 2026-12-31), and helpers to make proposals and sign votes as a delegate would. Keys exist only in the test.
 */
final class Fixture {
    static final Country AUS = Country.of("AUS");
    static final Country GBR = Country.of("GBR");
    static final Country USA = Country.of("USA");
    static final Country KOR = Country.of("KOR");
    static final List<Country> MEMBERS = List.of(AUS, GBR, USA);
    static final Interval KEY_VALIDITY = new Interval(LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31));
    static final Signatures SIG = GovernanceCodec.SIGNATURES;

    final Map<Country, Ed25519Keys.SigningKey> keys = new LinkedHashMap<>();
    final Partnership partnership;

    Fixture() {
        this(true);
    }

    /**
     * {@code koreaInDiscussions}: KOR's history extended, as the demo story does, with consensus and formal discussions
     * (2024-09-17) so that it can be admitted; otherwise KOR is only considered, as in the built-in world.
     */
    Fixture(boolean koreaInDiscussions) {
        Partnership p = WorldLoader.load("aukus").partnership();
        if (koreaInDiscussions) {
            p = korInDiscussions(p);
        }
        List<MemberKey> registered = new ArrayList<>();
        for (Country c : MEMBERS) {
            Ed25519Keys.SigningKey k = Ed25519Keys.generate();
            keys.put(c, k);
            registered.add(new MemberKey(c, k.kid(), k.x(), KEY_VALIDITY, null));
        }
        partnership = withKeys(p, registered);
    }

    static Partnership korInDiscussions(Partnership p) {
        List<Candidate> candidates = new ArrayList<>();
        for (Candidate c : p.candidates()) {
            if (c.country().equals(KOR)) {
                List<Candidate.StageEntry> h = new ArrayList<>(c.history());
                h.add(new Candidate.StageEntry("consensus", LocalDate.of(2024, 9, 16), statement("Consensus on KOR (test)", "2024-09-16"), List.of(), ""));
                h.add(new Candidate.StageEntry("formal-discussions", LocalDate.of(2024, 9, 17), statement("AUKUS Leaders' Joint Statement", "2024-09-17"), List.of(), ""));
                c = new Candidate(KOR, h);
            }
            candidates.add(c);
        }
        return new Partnership(p.name(), p.coreMembers(), p.areas(), p.projects(), p.stages(), candidates, p.memberKeys());
    }

    static Partnership withKeys(Partnership p, List<MemberKey> keys) {
        return new Partnership(p.name(), p.coreMembers(), p.areas(), p.projects(), p.stages(), p.candidates(), keys);
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static Source statement(String title, String date) {
        return new Source(title, "minutes of the core members", LocalDate.parse(date), null);
    }

    /** A proposal made at {@code proposedAt}, open for votes for 10 days, effective the day after the deadline. */
    static Proposal proposal(String id, Country candidate, Action action, List<String> projects, String proposedAt) {
        Instant made = at(proposedAt);
        Instant deadline = made.plusSeconds(10 * 86_400);
        LocalDate effective = deadline.atOffset(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1);
        return new Proposal(id, candidate, action, projects, effective, deadline, List.of(statement("Core members' statement on " + candidate, proposedAt.substring(0, 10))),
                "", "secretariat", made);
    }

    /** The compact JWS of {@code member}'s vote on {@code e}, signed with {@code key} at {@code time}. */
    static String sign(Governance.Entry e, Country member, Choice choice, Instant time, Ed25519Keys.SigningKey key) {
        return GovernanceCodec.sign(new Vote(e.proposal().id(), e.digest(), member, choice, choice == Choice.OBJECT ? "not yet" : null, time), key);
    }

    String sign(Governance.Entry e, Country member, Choice choice, Instant time) {
        return sign(e, member, choice, time, keys.get(member));
    }

    /** A governance record that appends acts as a server would: each new act checked against the replayed record. */
    static final class Record {
        final Partnership seeded;
        final List<Organisation> organisations;
        final List<Act> acts = new ArrayList<>();
        Governance g;

        Record(Partnership seeded) {
            this(seeded, List.of());
        }

        Record(Partnership seeded, List<Organisation> organisations) {
            this.seeded = seeded;
            this.organisations = organisations;
            this.g = Governance.replay(seeded, organisations, acts, SIG);
        }

        Governance.Entry propose(Proposal p) {
            append(List.of(g.propose(p)));
            return g.entry(p.id());
        }

        List<Act> vote(String jws, Country asDelegateOf, Instant now) {
            List<Act> out = g.vote(jws, asDelegateOf, "delegate-" + (asDelegateOf == null ? "cli" : asDelegateOf.code().toLowerCase()), now);
            append(out);
            return out;
        }

        /** Appends acts the record has checked and replays everything, as the server does. */
        void append(List<? extends Act> more) {
            acts.addAll(more);
            g = Governance.replay(seeded, organisations, acts, SIG);
        }

        Governance.Entry entry(String id) {
            return g.entry(id);
        }
    }
}
