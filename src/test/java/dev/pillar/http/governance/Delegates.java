package dev.pillar.http.governance;

import dev.pillar.app.GovernanceService;
import dev.pillar.app.KeyCeremony;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.core.governance.Choice;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.governance.Vote;
import dev.pillar.core.model.Country;
import dev.pillar.crypto.Ed25519Keys;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three core members' delegates with keys made in the test, enrolled by the key ceremony. */
final class Delegates {
    static final List<Country> MEMBERS = List.of(Country.of("AUS"), Country.of("GBR"), Country.of("USA"));
    static final Principal SECRETARIAT = new Principal("sec", Role.SECRETARIAT, null, null);

    final Map<Country, Ed25519Keys.SigningKey> keys = new LinkedHashMap<>();

    Delegates() {
        MEMBERS.forEach(m -> keys.put(m, Ed25519Keys.generate()));
    }

    /** Enrols every member's key from today by the first-key ceremony (request, two co-signatures, the secretariat). */
    void register(GovernanceService governance) {
        KeyCeremony.enrol(governance, keys);
    }

    String sign(Governance.Entry e, Country member, Choice choice, Instant time) {
        return GovernanceCodec.sign(new Vote(e.proposal().id(), e.digest(), member, choice, choice == Choice.OBJECT ? "not now" : null, time), keys.get(member));
    }
}
