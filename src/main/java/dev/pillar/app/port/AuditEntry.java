package dev.pillar.app.port;

import dev.pillar.crypto.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An entry of the audit log, one record per kind of thing recorded. Its bytes ({@link #encode()}) are canonical JSON:
 * the record's components, which are in key order, as the keys of one object with its {@code type}, no white space.
 * Those bytes are what the log keeps and the Merkle tree hashes, so they never change for an entry once written:
 * {@link #parse} of stored bytes and {@link #encode()} give the same bytes back. A decision entry carries digests of
 * the request and the answer, not the texts; a change carries the digest of the new document; a user entry never
 * carries the password hash.
 */
public sealed interface AuditEntry {
    /** The entry's {@code type}: decision, document, rules, governance, witness, user, case, release, screening-list or screening-verdict. */
    String type();

    /** When the change or decision was made. */
    Instant time();

    /** The entry's bytes, as appended to the log. */
    byte[] encode();

    /** A decision asked through the API: its basis and outcome, and digests of the request and answer texts. */
    record Decision(String actor, LocalDate asOf, List<String> basis, String decisionId, String outcome, String requestSha256,
                    String responseSha256, Instant time, String worldVersion) implements AuditEntry {
        public Decision {
            basis = List.copyOf(basis);
        }

        public static Decision of(StoredDecision d) {
            return new Decision(d.actor(), d.asOf(), d.basis(), d.id(), d.outcome(), sha256(d.request()), sha256(d.response()),
                    d.createdAt(), d.worldVersion());
        }

        @Override
        public String type() {
            return "decision";
        }

        @Override
        public byte[] encode() {
            return new AuditEntryJson(400).string("actor", actor).string("asOf", asOf.toString()).strings("basis", basis)
                    .string("decisionId", decisionId).string("outcome", outcome).string("requestSha256", requestSha256)
                    .string("responseSha256", responseSha256).string("time", time.toString()).string("type", type())
                    .string("worldVersion", worldVersion).bytes();
        }
    }

    /** A world document created, updated or deleted ({@code bodySha256} null when deleted). */
    record Document(String action, String actor, String bodySha256, String id, Kind kind, Instant time, long version)
            implements AuditEntry {
        /** The entry of a change to a document whose body is now {@code body} (null when deleted). */
        public static Document of(String action, Kind kind, String id, long version, String body, String actor, Instant time) {
            return new Document(action, actor, body == null ? null : sha256(body), id, kind, time, version);
        }

        @Override
        public String type() {
            return "document";
        }

        @Override
        public byte[] encode() {
            return new AuditEntryJson(300).string("action", action).string("actor", actor).string("bodySha256", bodySha256)
                    .string("id", id).string("kind", kind.key()).string("time", time.toString()).string("type", type())
                    .number("version", version).bytes();
        }
    }

    /** A rule data version added. */
    record Rules(String actor, String bodySha256, String note, Instant time, long version) implements AuditEntry {
        public static Rules of(long version, String body, String note, String actor, Instant time) {
            return new Rules(actor, sha256(body), note, time, version);
        }

        @Override
        public String type() {
            return "rules";
        }

        @Override
        public byte[] encode() {
            return new AuditEntryJson(300).string("actor", actor).string("bodySha256", bodySha256).string("note", note)
                    .string("time", time.toString()).string("type", type()).number("version", version).bytes();
        }
    }

    /** A governance act (proposal, vote, outcome) by its sequence number and the digest of its canonical JSON. */
    record Governance(String actDigest, String actor, String kind, String proposalId, long seq, Instant time) implements AuditEntry {
        @Override
        public String type() {
            return "governance";
        }

        @Override
        public byte[] encode() {
            return new AuditEntryJson(300).string("actDigest", actDigest).string("actor", actor).string("kind", kind)
                    .string("proposalId", proposalId).number("seq", seq).string("time", time.toString()).string("type", type()).bytes();
        }
    }

    /** The registration of a core member's witness key (docs/audit.md, witnesses). */
    record Witness(String actor, String member, Instant time, String verifierKey) implements AuditEntry {
        @Override
        public String type() {
            return "witness";
        }

        @Override
        public byte[] encode() {
            return new AuditEntryJson(300).string("actor", actor).string("member", member).string("time", time.toString())
                    .string("type", type()).string("verifierKey", verifierKey).bytes();
        }
    }

    /** The revocation of a core member's witness key: from then on its cosignatures count for no checkpoint. */
    record WitnessRevoked(String actor, String member, Instant time, String verifierKey) implements AuditEntry {
        @Override
        public String type() {
            return "witness-revoked";
        }

        @Override
        public byte[] encode() {
            return new AuditEntryJson(300).string("actor", actor).string("member", member).string("time", time.toString())
                    .string("type", type()).string("verifierKey", verifierKey).bytes();
        }
    }

    /** A user created or updated: what the user may do, never the password hash. */
    record User(String action, String country, boolean disabled, String organisation, String role, Instant time, String username,
                long version) implements AuditEntry {
        public static User of(String action, StoredUser u, long version, Instant time) {
            return new User(action, u.country(), u.disabled(), u.organisation(), u.role(), time, u.username(), version);
        }

        @Override
        public String type() {
            return "user";
        }

        @Override
        public byte[] encode() {
            return new AuditEntryJson(300).string("action", action).string("country", country).bool("disabled", disabled)
                    .string("organisation", organisation).string("role", role).string("time", time.toString()).string("type", type())
                    .string("username", username).number("version", version).bytes();
        }
    }

    /** A compliance case opened, resolved or rejected: who, and what it rests on (a determination id or licence number). */
    record Case(String action, String actor, long caseId, String reference, String state, Instant time, long version) implements AuditEntry {
        @Override
        public String type() {
            return "case";
        }

        @Override
        public byte[] encode() {
            return new AuditEntryJson(300).string("action", action).string("actor", actor).number("caseId", caseId)
                    .string("reference", reference).string("state", state).string("time", time.toString()).string("type", type())
                    .number("version", version).bytes();
        }
    }

    /** A release under a capped licence: the decision, the value drawn and the value used under it afterwards. */
    record Release(String actor, String decisionId, String licence, Instant time, long usedAfterUsd, long valueUsd) implements AuditEntry {
        @Override
        public String type() {
            return "release";
        }

        @Override
        public byte[] encode() {
            return new AuditEntryJson(300).string("actor", actor).string("decisionId", decisionId).string("licence", licence)
                    .string("time", time.toString()).string("type", type()).number("usedAfterUsd", usedAfterUsd).number("valueUsd", valueUsd).bytes();
        }
    }

    /** A restricted-party list version imported: the list, its publication date, its entries and the digest of the entries as stored. */
    record ScreeningList(String actor, String bodySha256, long entries, String fileSha256, String list, LocalDate published, Instant time,
                         long version) implements AuditEntry {
        @Override
        public String type() {
            return "screening-list";
        }

        @Override
        public byte[] encode() {
            return new AuditEntryJson(400).string("actor", actor).string("bodySha256", bodySha256).number("entries", entries)
                    .string("fileSha256", fileSha256).string("list", list).string("published", published.toString())
                    .string("time", time.toString()).string("type", type()).number("version", version).bytes();
        }
    }

    /** An officer's verdict on a possible match: the party, the entry and its content digest, and whether it is the same party. */
    record ScreeningVerdict(String actor, String entryRef, String entrySha256, String evidence, String party, boolean sameParty, Instant time,
                            long verdictId) implements AuditEntry {
        @Override
        public String type() {
            return "screening-verdict";
        }

        @Override
        public byte[] encode() {
            return new AuditEntryJson(500).string("actor", actor).string("entryRef", entryRef).string("entrySha256", entrySha256)
                    .string("evidence", evidence).string("party", party).bool("sameParty", sameParty).string("time", time.toString())
                    .string("type", type()).number("verdictId", verdictId).bytes();
        }
    }

    /**
     * The typed entry of bytes the log holds; an {@link IllegalArgumentException} if they are not JSON, name no known
     * type, or lack a value of that type's entry.
     */
    static AuditEntry parse(byte[] bytes) {
        Map<String, Object> o = AuditEntryJson.read(bytes);
        String type = AuditEntryJson.text(o, "type");
        try {
            return switch (type == null ? "" : type) {
                case "decision" -> new Decision(AuditEntryJson.text(o, "actor"), LocalDate.parse(AuditEntryJson.required(o, "asOf")), AuditEntryJson.strings(o, "basis"),
                        AuditEntryJson.text(o, "decisionId"), AuditEntryJson.text(o, "outcome"), AuditEntryJson.text(o, "requestSha256"),
                        AuditEntryJson.text(o, "responseSha256"), AuditEntryJson.time(o), AuditEntryJson.text(o, "worldVersion"));
                case "document" -> new Document(AuditEntryJson.text(o, "action"), AuditEntryJson.text(o, "actor"), AuditEntryJson.text(o, "bodySha256"),
                        AuditEntryJson.text(o, "id"), Kind.valueOf(AuditEntryJson.required(o, "kind").toUpperCase(Locale.ROOT)), AuditEntryJson.time(o),
                        AuditEntryJson.number(o, "version"));
                case "rules" -> new Rules(AuditEntryJson.text(o, "actor"), AuditEntryJson.text(o, "bodySha256"), AuditEntryJson.text(o, "note"), AuditEntryJson.time(o),
                        AuditEntryJson.number(o, "version"));
                case "governance" -> new Governance(AuditEntryJson.text(o, "actDigest"), AuditEntryJson.text(o, "actor"), AuditEntryJson.text(o, "kind"),
                        AuditEntryJson.text(o, "proposalId"), AuditEntryJson.number(o, "seq"), AuditEntryJson.time(o));
                case "witness" -> new Witness(AuditEntryJson.text(o, "actor"), AuditEntryJson.text(o, "member"), AuditEntryJson.time(o), AuditEntryJson.text(o, "verifierKey"));
                case "witness-revoked" -> new WitnessRevoked(AuditEntryJson.text(o, "actor"), AuditEntryJson.text(o, "member"), AuditEntryJson.time(o),
                        AuditEntryJson.text(o, "verifierKey"));
                case "user" -> new User(AuditEntryJson.text(o, "action"), AuditEntryJson.text(o, "country"), AuditEntryJson.bool(o, "disabled"),
                        AuditEntryJson.text(o, "organisation"), AuditEntryJson.text(o, "role"), AuditEntryJson.time(o), AuditEntryJson.text(o, "username"),
                        AuditEntryJson.number(o, "version"));
                case "case" -> new Case(AuditEntryJson.text(o, "action"), AuditEntryJson.text(o, "actor"), AuditEntryJson.number(o, "caseId"),
                        AuditEntryJson.text(o, "reference"), AuditEntryJson.text(o, "state"), AuditEntryJson.time(o), AuditEntryJson.number(o, "version"));
                case "release" -> new Release(AuditEntryJson.text(o, "actor"), AuditEntryJson.text(o, "decisionId"), AuditEntryJson.text(o, "licence"),
                        AuditEntryJson.time(o), AuditEntryJson.number(o, "usedAfterUsd"), AuditEntryJson.number(o, "valueUsd"));
                case "screening-list" -> new ScreeningList(AuditEntryJson.text(o, "actor"), AuditEntryJson.text(o, "bodySha256"),
                        AuditEntryJson.number(o, "entries"), AuditEntryJson.text(o, "fileSha256"), AuditEntryJson.text(o, "list"),
                        LocalDate.parse(AuditEntryJson.required(o, "published")), AuditEntryJson.time(o), AuditEntryJson.number(o, "version"));
                case "screening-verdict" -> new ScreeningVerdict(AuditEntryJson.text(o, "actor"), AuditEntryJson.text(o, "entryRef"),
                        AuditEntryJson.text(o, "entrySha256"), AuditEntryJson.text(o, "evidence"), AuditEntryJson.text(o, "party"),
                        AuditEntryJson.bool(o, "sameParty"), AuditEntryJson.time(o), AuditEntryJson.number(o, "verdictId"));
                default -> throw new IllegalArgumentException("an audit entry of unknown type " + type);
            };
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("an audit entry of type " + type + " has a bad date or time: " + e.getMessage(), e);
        }
    }

    private static String sha256(String text) {
        return CanonicalJson.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
