package dev.pillar.http.governance;

import dev.pillar.app.WorldService;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.Kind;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The three core members' delegates with keys made in the test, registered in the stored partnership by the secretariat. */
final class Delegates {
    static final List<Country> MEMBERS = List.of(Country.of("AUS"), Country.of("GBR"), Country.of("USA"));
    static final Principal SECRETARIAT = new Principal("sec", Role.SECRETARIAT, null, null);

    final Map<Country, Ed25519Keys.SigningKey> keys = new LinkedHashMap<>();

    Delegates() {
        MEMBERS.forEach(m -> keys.put(m, Ed25519Keys.generate()));
    }

    /** Adds every member's public key (valid from {@code from}) to the partnership document. */
    void register(WorldService worlds, String from) {
        Doc doc = worlds.partnershipDocument();
        ObjectNode body = (ObjectNode) dev.pillar.codec.world.WorldDocuments.mapper().readTree(doc.body());
        ArrayNode list = ((ObjectNode) body.get("partnership")).putArray("memberKeys");
        keys.forEach((m, k) -> list.addObject().put("country", m.code()).put("kid", k.kid()).put("x", k.x()).put("from", from));
        worlds.update(Kind.PARTNERSHIP, doc.id(), body, doc.version(), SECRETARIAT);
    }

    String sign(Governance.Entry e, Country member, Choice choice, Instant time) {
        return GovernanceCodec.sign(new Vote(e.proposal().id(), e.digest(), member, choice, choice == Choice.OBJECT ? "not now" : null, time), keys.get(member));
    }
}
