package dev.pillar.store;

import dev.pillar.app.port.Kind;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.app.port.StoredUser;
import dev.pillar.codec.JsonText;
import dev.pillar.crypto.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The entries the store appends to the audit log: canonical JSON (keys in sorted order, no white space), one object
 * per decision or change. A decision entry carries digests of the request and the answer, not the texts; a change
 * carries the digest of the new document; a user entry never carries the password hash.
 */
public final class AuditEntries {
    private AuditEntries() {}

    static String sha256(String text) {
        return CanonicalJson.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The raw {@code "basis"} array of an answer Pillar rendered (both views have one), or {@code []}. */
    static String basis(String response) {
        int at = response.indexOf("\"basis\":[");
        if (at < 0) {
            return "[]";
        }
        int start = at + "\"basis\":".length();
        boolean inString = false;
        for (int i = start + 1; i < response.length(); i++) {
            char c = response.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ']') {
                return response.substring(start, i + 1);
            }
        }
        return "[]";
    }

    private static byte[] bytes(StringBuilder b) {
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {"actor","asOf","basis" (from the answer),"decisionId","outcome","requestSha256","responseSha256","time","type","worldVersion"} */
    static byte[] decision(StoredDecision d) {
        StringBuilder b = new StringBuilder(400).append('{');
        JsonText.field(b, true, "actor");
        JsonText.string(b, d.actor());
        JsonText.field(b, false, "asOf");
        JsonText.string(b, d.asOf().toString());
        JsonText.field(b, false, "basis");
        b.append(basis(d.response()));
        JsonText.field(b, false, "decisionId");
        JsonText.string(b, d.id());
        JsonText.field(b, false, "outcome");
        JsonText.string(b, d.outcome());
        JsonText.field(b, false, "requestSha256");
        JsonText.string(b, sha256(d.request()));
        JsonText.field(b, false, "responseSha256");
        JsonText.string(b, sha256(d.response()));
        JsonText.field(b, false, "time");
        JsonText.string(b, d.createdAt().toString());
        JsonText.field(b, false, "type");
        JsonText.string(b, "decision");
        JsonText.field(b, false, "worldVersion");
        JsonText.string(b, d.worldVersion());
        return bytes(b);
    }

    /** A document created, updated or deleted (body null when deleted). */
    static byte[] document(String action, Kind kind, String id, long version, String body, String actor, Instant time) {
        StringBuilder b = new StringBuilder(300).append('{');
        JsonText.field(b, true, "action");
        JsonText.string(b, action);
        JsonText.field(b, false, "actor");
        JsonText.string(b, actor);
        JsonText.field(b, false, "bodySha256");
        JsonText.string(b, body == null ? null : sha256(body));
        JsonText.field(b, false, "id");
        JsonText.string(b, id);
        JsonText.field(b, false, "kind");
        JsonText.string(b, kind.key());
        JsonText.field(b, false, "time");
        JsonText.string(b, time.toString());
        JsonText.field(b, false, "type");
        JsonText.string(b, "document");
        JsonText.field(b, false, "version");
        b.append(version);
        return bytes(b);
    }

    static byte[] rules(long version, String body, String note, String actor, Instant time) {
        StringBuilder b = new StringBuilder(300).append('{');
        JsonText.field(b, true, "actor");
        JsonText.string(b, actor);
        JsonText.field(b, false, "bodySha256");
        JsonText.string(b, sha256(body));
        JsonText.field(b, false, "note");
        JsonText.string(b, note);
        JsonText.field(b, false, "time");
        JsonText.string(b, time.toString());
        JsonText.field(b, false, "type");
        JsonText.string(b, "rules");
        JsonText.field(b, false, "version");
        b.append(version);
        return bytes(b);
    }

    /** A governance act (proposal, vote, outcome) by its sequence number and the digest of its canonical JSON. */
    static byte[] act(long seq, String kind, String proposalId, String digest, String actor, Instant time) {
        StringBuilder b = new StringBuilder(300).append('{');
        JsonText.field(b, true, "actDigest");
        JsonText.string(b, digest);
        JsonText.field(b, false, "actor");
        JsonText.string(b, actor);
        JsonText.field(b, false, "kind");
        JsonText.string(b, kind);
        JsonText.field(b, false, "proposalId");
        JsonText.string(b, proposalId);
        JsonText.field(b, false, "seq");
        b.append(seq);
        JsonText.field(b, false, "time");
        JsonText.string(b, time.toString());
        JsonText.field(b, false, "type");
        JsonText.string(b, "governance");
        return bytes(b);
    }

    /** The registration of a core member's witness key (docs/audit.md, witnesses). */
    static byte[] witness(String member, String verifierKey, String actor, Instant time) {
        StringBuilder b = new StringBuilder(300).append('{');
        JsonText.field(b, true, "actor");
        JsonText.string(b, actor);
        JsonText.field(b, false, "member");
        JsonText.string(b, member);
        JsonText.field(b, false, "time");
        JsonText.string(b, time.toString());
        JsonText.field(b, false, "type");
        JsonText.string(b, "witness");
        JsonText.field(b, false, "verifierKey");
        JsonText.string(b, verifierKey);
        return bytes(b);
    }

    static byte[] user(String action, StoredUser u, long version, Instant time) {
        StringBuilder b = new StringBuilder(300).append('{');
        JsonText.field(b, true, "action");
        JsonText.string(b, action);
        JsonText.field(b, false, "country");
        JsonText.string(b, u.country());
        JsonText.field(b, false, "disabled");
        b.append(u.disabled());
        JsonText.field(b, false, "organisation");
        JsonText.string(b, u.organisation());
        JsonText.field(b, false, "role");
        JsonText.string(b, u.role());
        JsonText.field(b, false, "time");
        JsonText.string(b, time.toString());
        JsonText.field(b, false, "type");
        JsonText.string(b, "user");
        JsonText.field(b, false, "username");
        JsonText.string(b, u.username());
        JsonText.field(b, false, "version");
        b.append(version);
        return bytes(b);
    }
}
