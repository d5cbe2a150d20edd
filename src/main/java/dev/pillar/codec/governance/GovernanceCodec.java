package dev.pillar.codec.governance;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.Node;
import dev.pillar.codec.world.Parsers;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.governance.Act;
import dev.pillar.core.governance.Action;
import dev.pillar.core.governance.CastVote;
import dev.pillar.core.governance.Choice;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.governance.KeyConfirmation;
import dev.pillar.core.governance.KeyCosign;
import dev.pillar.core.governance.KeyEnrolment;
import dev.pillar.core.governance.Nomination;
import dev.pillar.core.governance.Statement;
import dev.pillar.core.governance.Outcome;
import dev.pillar.core.governance.Proposal;
import dev.pillar.core.governance.Signatures;
import dev.pillar.core.governance.Vote;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.MemberKey;
import dev.pillar.core.model.Source;
import dev.pillar.crypto.CanonicalJson;
import dev.pillar.crypto.Ed25519Keys;
import dev.pillar.crypto.Jws;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON forms of governance: a proposal's content (whose RFC 8785 digest votes sign), the signed vote payload, the
 * stored acts (canonical JSON, the stable bytes of each act) and the self-contained bundle of a proposal with its votes
 * and keys. {@link #SIGNATURES} checks votes as compact JWS (EdDSA) over canonical JSON.
 */
public final class GovernanceCodec {
    public static final String PROPOSAL_TYPE = "pillar.proposal";
    public static final String VOTE_TYPE = "pillar.vote";
    public static final String BUNDLE_TYPE = "pillar.governance-bundle";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private GovernanceCodec() {}

    /** Votes as compact JWS with EdDSA over canonical JSON; proposals digested as SHA-256 of their canonical JSON. */
    public static final Signatures SIGNATURES = new Signatures() {
        @Override
        public Signed read(String jws) {
            Jws.Parsed parsed;
            try {
                parsed = Jws.parse(jws);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("jws", e.getMessage());
            }
            JsonNode payload;
            try {
                payload = parsed.payloadJson();
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("jws", e.getMessage());
            }
            if (!Arrays.equals(parsed.payload(), canonicalOrNull(payload))) {
                throw new InvalidValueException("jws", "the payload is not in canonical JSON (RFC 8785): sign the canonical form");
            }
            try {
                return new Signed(parsed.kid(), GovernanceCodec.read("vote payload", payload, GovernanceCodec::vote));
            } catch (BadInputException e) {
                throw new InvalidValueException("jws", "the signed vote's " + (e.field().isEmpty() ? "payload" : e.field()) + " " + e.problem());
            }
        }

        @Override
        public boolean verifies(String jws, MemberKey key) {
            try {
                return Jws.verify(Jws.parse(jws), Ed25519Keys.publicKey(key.x()));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public String digest(Proposal p) {
            return CanonicalJson.sha256(proposalJson(p));
        }

        @Override
        public String digest(Nomination n) {
            return CanonicalJson.sha256(nominationJson(n));
        }

        @Override
        public String digest(KeyEnrolment e) {
            return CanonicalJson.sha256(enrolmentJson(e));
        }

        @Override
        public String thumbprint(String x) {
            try {
                return Ed25519Keys.thumbprint(x);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("x", "is not an Ed25519 public key: " + e.getMessage());
            }
        }

        @Override
        public boolean signs(String jws, Statement statement, String kid, String x) {
            try {
                Jws.Parsed parsed = Jws.parse(jws);
                return parsed.kid().equals(kid) && Arrays.equals(parsed.payload(), CanonicalJson.bytes(statementJson(statement)))
                        && Jws.verify(parsed, Ed25519Keys.publicKey(x));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    };

    public static final String NOMINATION_TYPE = "pillar.nomination";
    public static final String ENROLMENT_TYPE = "pillar.key-enrolment";
    public static final String POSSESSION_TYPE = "pillar.key-possession";
    public static final String COSIGN_TYPE = "pillar.key-cosign";
    public static final String WITNESS_TYPE = "pillar.witness-key";
    public static final String WITNESS_REVOKE_TYPE = "pillar.witness-key-revocation";

    /** The payload of a ceremony statement, whose canonical JSON the signer signs. */
    public static ObjectNode statementJson(Statement statement) {
        ObjectNode o = F.objectNode();
        switch (statement) {
            case Statement.Possession p -> o.put("type", POSSESSION_TYPE).put("member", p.member().code()).put("kid", p.kid()).put("x", p.x());
            case Statement.Cosign c -> o.put("type", COSIGN_TYPE).put("enrolment", c.enrolment()).put("digest", c.digest()).put("member", c.member().code());
            case Statement.WitnessKey w -> o.put("type", WITNESS_TYPE).put("key", w.key()).put("member", w.member().code());
            case Statement.WitnessRevoke w -> o.put("type", WITNESS_REVOKE_TYPE).put("key", w.key()).put("member", w.member().code());
        }
        return o;
    }

    /** The exact text (canonical JSON) a signer signs for {@code statement}: what the console hands to WebCrypto. */
    public static String statementText(Statement statement) {
        return CanonicalJson.text(statementJson(statement));
    }

    /** Signs a ceremony statement with a delegate's key: a compact JWS over its canonical JSON. */
    public static String sign(Statement statement, Ed25519Keys.SigningKey key) {
        return Jws.sign(CanonicalJson.bytes(statementJson(statement)), key.kid(), key.privateKey());
    }

    // ---- nominations and key enrolments --------------------------------------------------------------------------

    /** The content of a nomination, in the form whose canonical JSON is digested. */
    public static ObjectNode nominationJson(Nomination n) {
        ObjectNode o = F.objectNode();
        o.put("type", NOMINATION_TYPE);
        o.put("id", n.id());
        o.put("organisation", n.organisation());
        o.put("project", n.project());
        o.put("from", n.interval().from().toString());
        if (n.interval().until() != null) {
            o.put("until", n.interval().until().toString());
        }
        o.set("sources", sourcesJson(n.sources()));
        o.put("note", n.note());
        o.put("nominatedBy", n.nominatedBy());
        o.put("nominatedAt", n.nominatedAt().toString());
        return o;
    }

    public static Nomination nomination(JsonNode content) {
        return read("nomination", content, n -> {
            n.fields("type", "id", "organisation", "project", "from", "until", "sources", "note", "nominatedBy", "nominatedAt");
            requireType(n, NOMINATION_TYPE);
            return new Nomination(n.text("id"), n.text("organisation"), n.text("project"), interval(n), n.each("sources", Parsers::source),
                    n.has("note") && !n.raw().get("note").asString("").isBlank() ? n.text("note") : "", n.text("nominatedBy"), instant(n, "nominatedAt"));
        });
    }

    /** A new nomination as asked for through the API or the CLI: organisation, project, from, until, sources, note. */
    public static Nomination newNomination(JsonNode body, String id, String by, Instant now) {
        return read("nomination", body, n -> {
            n.fields("organisation", "project", "from", "until", "sources", "note");
            return new Nomination(id, n.text("organisation"), n.text("project"), interval(n), n.each("sources", Parsers::source),
                    n.text("note", ""), by, now);
        });
    }

    private static dev.pillar.core.model.Interval interval(Node n) {
        LocalDate from = n.date("from");
        LocalDate until = n.has("until") ? n.date("until") : null;
        if (until != null && until.isBefore(from)) {
            throw new InvalidValueException(n.get("until").path(), "is " + until + ", before 'from' (" + from + "): give the last day, on or after the first");
        }
        return new dev.pillar.core.model.Interval(from, until);
    }

    /** The content of a key enrolment request, in the form whose canonical JSON is digested. */
    public static ObjectNode enrolmentJson(KeyEnrolment e) {
        ObjectNode o = F.objectNode();
        o.put("type", ENROLMENT_TYPE);
        o.put("id", e.id());
        o.put("member", e.member().code());
        o.put("kid", e.kid());
        o.put("x", e.x());
        o.put("from", e.from().toString());
        o.put("proof", e.proof());
        o.put("requestedBy", e.requestedBy());
        o.put("requestedAt", e.requestedAt().toString());
        return o;
    }

    public static KeyEnrolment enrolment(JsonNode content) {
        return read("key enrolment", content, n -> {
            n.fields("type", "id", "member", "kid", "x", "from", "proof", "requestedBy", "requestedAt");
            requireType(n, ENROLMENT_TYPE);
            return new KeyEnrolment(n.text("id"), Parsers.country(n, "member"), n.text("kid"), n.text("x"), n.date("from"), n.text("proof"),
                    n.text("requestedBy"), instant(n, "requestedAt"));
        });
    }

    /**
     * A new key enrolment as asked for: {@code member}, {@code x} (the public key, base64url), {@code kid} (its JWK
     * thumbprint; computed when left out), {@code from} (default: today) and {@code proof} (the new key's JWS over the
     * possession statement).
     */
    public static KeyEnrolment newEnrolment(JsonNode body, String id, String by, Instant now) {
        return read("key enrolment", body, n -> {
            n.fields("member", "kid", "x", "from", "proof");
            String x = n.text("x");
            String kid = n.has("kid") ? n.text("kid") : SIGNATURES.thumbprint(x);
            LocalDate from = n.has("from") ? n.date("from") : now.atOffset(ZoneOffset.UTC).toLocalDate();
            return new KeyEnrolment(id, Parsers.country(n, "member"), kid, x, from, n.text("proof"), by, now);
        });
    }

    private static byte[] canonicalOrNull(JsonNode n) {
        try {
            return CanonicalJson.bytes(n);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static <T> T read(String what, JsonNode node, Function<Node, T> f) {
        return WorldDocuments.parse(what, node, f);
    }

    static Instant instant(Node n, String name) {
        String s = n.text(name);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(n.get(name).path(), "'" + s + "' is not a time: use UTC ISO 8601, e.g. 2025-02-20T12:00:00Z");
        }
    }

    // ---- proposals ------------------------------------------------------------------------------------------------

    /** The content of a proposal, in the form whose canonical JSON is digested. */
    public static ObjectNode proposalJson(Proposal p) {
        ObjectNode o = F.objectNode();
        o.put("type", PROPOSAL_TYPE);
        o.put("id", p.id());
        o.put("candidate", p.candidate().code());
        o.put("action", p.action().label());
        ArrayNode projects = o.putArray("projects");
        p.projects().forEach(projects::add);
        o.put("effective", p.effective().toString());
        o.put("deadline", p.deadline().toString());
        o.set("sources", sourcesJson(p.sources()));
        o.put("note", p.note());
        o.put("proposedBy", p.proposedBy());
        o.put("proposedAt", p.proposedAt().toString());
        if (p.rules() >= 2) {
            o.put("rules", p.rules());
        }
        return o;
    }

    /** Sources as the proposal's content holds them: title, and citation, date and url where given. */
    public static ArrayNode sourcesJson(List<Source> sources) {
        ArrayNode out = F.arrayNode();
        for (Source s : sources) {
            ObjectNode so = out.addObject().put("title", s.title());
            if (!s.citation().isEmpty()) {
                so.put("citation", s.citation());
            }
            if (s.date() != null) {
                so.put("date", s.date().toString());
            }
            if (s.url() != null) {
                so.put("url", s.url());
            }
        }
        return out;
    }

    /** A proposal from its stored content. */
    public static Proposal proposal(JsonNode content) {
        return read("proposal", content, n -> {
            n.fields("type", "id", "candidate", "action", "projects", "effective", "deadline", "sources", "note", "proposedBy", "proposedAt", "rules");
            requireType(n, PROPOSAL_TYPE);
            int rules = n.has("rules") ? n.raw().get("rules").asInt(0) : 1;
            if (rules < 2 && n.has("rules")) {
                throw new InvalidValueException(n.get("rules").path(), "must be " + Proposal.RULES + " when given (proposals without it are under rules 1)");
            }
            return new Proposal(n.text("id"), Parsers.country(n, "candidate"), n.parse("action", s -> Action.parse("action", s)), n.texts("projects"),
                    n.date("effective"), instant(n, "deadline"), n.each("sources", Parsers::source), n.has("note") && !n.raw().get("note").asString("").isBlank()
                            ? n.text("note") : "", n.text("proposedBy"), instant(n, "proposedAt"), rules);
        });
    }

    /**
     * A new proposal as asked for through the API or the CLI: {@code candidate}, {@code action}, {@code projects},
     * {@code effective}, {@code deadline} (a UTC time, or a day meaning its last second), {@code sources} and
     * {@code note}; the id, proposer and time are given.
     */
    public static Proposal newProposal(JsonNode body, String id, String proposedBy, Instant now) {
        return read("proposal", body, n -> {
            n.fields("candidate", "action", "projects", "effective", "deadline", "sources", "note");
            return new Proposal(id, Parsers.country(n, "candidate"), n.parse("action", s -> Action.parse("action", s)), n.texts("projects"),
                    n.date("effective"), deadline(n), n.each("sources", Parsers::source), n.text("note", ""), proposedBy, now);
        });
    }

    /** A deadline: a UTC time, or a day meaning its last second (23:59:59Z). */
    private static Instant deadline(Node n) {
        String s = n.text("deadline");
        if (s.length() == 10) {
            try {
                return LocalDate.parse(s).atTime(23, 59, 59).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // reported below as not a time
            }
        }
        return instant(n, "deadline");
    }

    private static void requireType(Node n, String type) {
        if (!type.equals(n.text("type"))) {
            throw new InvalidValueException(n.get("type").path(), "must be \"" + type + "\"");
        }
    }

    // ---- votes ---------------------------------------------------------------------------------------------------

    /** The payload a delegate signs, in canonical JSON's field set. */
    public static ObjectNode votePayload(Vote v) {
        ObjectNode o = F.objectNode();
        o.put("type", VOTE_TYPE);
        o.put("proposal", v.proposalId());
        o.put("proposalDigest", v.proposalDigest());
        o.put("member", v.member().code());
        o.put("choice", v.choice().name());
        if (v.reason() != null) {
            o.put("reason", v.reason());
        }
        o.put("time", v.time().toString());
        return o;
    }

    static Vote vote(Node n) {
        n.fields("type", "proposal", "proposalDigest", "member", "choice", "reason", "time");
        requireType(n, VOTE_TYPE);
        return new Vote(n.text("proposal"), n.text("proposalDigest"), Parsers.country(n, "member"), n.parse("choice", s -> Choice.parse("choice", s)),
                n.text("reason", null), instant(n, "time"));
    }

    /** Signs a vote with a delegate's key: a compact JWS over the canonical JSON of its payload. */
    public static String sign(Vote v, Ed25519Keys.SigningKey key) {
        return Jws.sign(CanonicalJson.bytes(votePayload(v)), key.kid(), key.privateKey());
    }

    /** The canonical payload text a delegate signs for this vote (shown by the console's vote form). */
    public static String payloadText(Vote v) {
        return CanonicalJson.text(votePayload(v));
    }

    // ---- acts -----------------------------------------------------------------------------------------------------

    /** The stored form of an act: its kind ({@code proposal}, {@code vote}, {@code outcome}) and canonical JSON body. */
    public record ActForm(String kind, String proposalId, String member, String body) {
        /** SHA-256 of the body's UTF-8 bytes. */
        public String digest() {
            return CanonicalJson.sha256(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static ActForm form(Act act) {
        ObjectNode o = F.objectNode();
        return switch (act) {
            case Act.Proposed p -> {
                o.put("act", "proposal");
                o.set("proposal", proposalJson(p.proposal()));
                o.put("digest", p.digest());
                yield new ActForm("proposal", p.proposalId(), null, CanonicalJson.text(o));
            }
            case Act.Voted v -> {
                CastVote c = v.cast();
                o.put("act", "vote");
                o.put("proposal", c.vote().proposalId());
                o.put("member", c.vote().member().code());
                o.put("jws", c.jws());
                o.put("castBy", c.castBy());
                o.put("recordedAt", c.recordedAt().toString());
                yield new ActForm("vote", v.proposalId(), c.vote().member().code(), CanonicalJson.text(o));
            }
            case Act.Decided d -> {
                o.setAll(outcomeJson(d.outcome()));
                o.put("act", "outcome");
                yield new ActForm("outcome", d.proposalId(), null, CanonicalJson.text(o));
            }
            case Act.Nominated n -> {
                o.put("act", "nomination");
                o.set("nomination", nominationJson(n.nomination()));
                o.put("digest", n.digest());
                yield new ActForm("nomination", n.proposalId(), null, CanonicalJson.text(o));
            }
            case Act.KeyRequested k -> {
                o.put("act", "key-request");
                o.set("enrolment", enrolmentJson(k.enrolment()));
                o.put("digest", k.digest());
                yield new ActForm("key-request", k.proposalId(), k.enrolment().member().code(), CanonicalJson.text(o));
            }
            case Act.KeyCosigned c -> {
                KeyCosign k = c.cosign();
                o.put("act", "key-cosign");
                o.put("enrolment", k.enrolment());
                o.put("digest", k.digest());
                o.put("member", k.member().code());
                o.put("kid", k.kid());
                o.put("jws", k.jws());
                o.put("castBy", k.castBy());
                o.put("recordedAt", k.recordedAt().toString());
                yield new ActForm("key-cosign", c.proposalId(), k.member().code(), CanonicalJson.text(o));
            }
            case Act.KeyConfirmed c -> {
                KeyConfirmation k = c.confirmation();
                o.put("act", "key-confirm");
                o.put("enrolment", k.enrolment());
                o.put("digest", k.digest());
                o.put("confirmedBy", k.confirmedBy());
                o.put("recordedAt", k.recordedAt().toString());
                yield new ActForm("key-confirm", c.proposalId(), null, CanonicalJson.text(o));
            }
        };
    }

    public static ObjectNode outcomeJson(Outcome out) {
        ObjectNode o = F.objectNode();
        o.put("proposal", out.proposalId());
        o.put("proposalDigest", out.proposalDigest());
        o.put("result", out.result().name());
        o.put("decidedAt", out.decidedAt().toString());
        ArrayNode a = o.putArray("approvals");
        out.approvals().forEach(c -> a.add(c.code()));
        ArrayNode b = o.putArray("objections");
        out.objections().forEach(c -> b.add(c.code()));
        return o;
    }

    /** An act from its stored body; a body that cannot be read is a {@link BadInputException}. */
    public static Act act(String body) {
        JsonNode n;
        try {
            n = WorldDocuments.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new BadInputException("", "", "a stored act is not JSON: " + e.getOriginalMessage());
        }
        String kind = n.path("act").asString("");
        return switch (kind) {
            case "proposal" -> new Act.Proposed(proposal(n.get("proposal")), n.path("digest").asString(""));
            case "vote" -> {
                String jws = n.path("jws").asString("");
                Signatures.Signed s;
                try {
                    s = SIGNATURES.read(jws);
                } catch (InvalidValueException e) {
                    throw new BadInputException("", e.field(), e.problem());
                }
                yield new Act.Voted(new CastVote(s.vote(), jws, s.kid(), n.path("castBy").asString("?"), Instant.parse(n.path("recordedAt").asString())));
            }
            case "outcome" -> new Act.Decided(read("outcome", n, o -> {
                o.fields("act", "proposal", "proposalDigest", "result", "decidedAt", "approvals", "objections");
                return new Outcome(o.text("proposal"), o.text("proposalDigest"), Parsers.enumOf(o, "result", Outcome.Result.class),
                        instant(o, "decidedAt"), o.eachText("approvals", Parsers::countryCode), o.eachText("objections", Parsers::countryCode));
            }));
            case "nomination" -> new Act.Nominated(nomination(n.get("nomination")), n.path("digest").asString(""));
            case "key-request" -> new Act.KeyRequested(enrolment(n.get("enrolment")), n.path("digest").asString(""));
            case "key-cosign" -> new Act.KeyCosigned(read("key co-signature", n, o -> {
                o.fields("act", "enrolment", "digest", "member", "kid", "jws", "castBy", "recordedAt");
                return new KeyCosign(o.text("enrolment"), o.text("digest"), Parsers.country(o, "member"), o.text("kid"), o.text("jws"), o.text("castBy"),
                        instant(o, "recordedAt"));
            }));
            case "key-confirm" -> new Act.KeyConfirmed(read("key confirmation", n, o -> {
                o.fields("act", "enrolment", "digest", "confirmedBy", "recordedAt");
                return new KeyConfirmation(o.text("enrolment"), o.text("digest"), o.text("confirmedBy"), instant(o, "recordedAt"));
            }));
            default -> throw new BadInputException("", "act", "unknown act kind '" + kind + "'");
        };
    }

    // ---- bundle ------------------------------------------------------------------------------------------------------

    /**
     * A proposal with everything needed to check it without Pillar: its content and digest, each vote's compact JWS with
     * the public JWK of the key that signed it and the key's validity, the voters and the outcome.
     */
    public static ObjectNode bundle(Governance g, Governance.Entry e, Instant now) {
        ObjectNode b = F.objectNode();
        b.put("type", BUNDLE_TYPE);
        b.put("version", 1);
        b.put("digestAlgorithm", "SHA-256 of the RFC 8785 canonical JSON of 'proposal', lower-case hex");
        b.set("proposal", proposalJson(e.proposal()));
        b.put("proposalDigest", e.digest());
        b.put("status", e.status(now).name());
        ArrayNode voters = b.putArray("voters");
        g.voters(e.proposal()).forEach(c -> voters.add(c.code()));
        ArrayNode votes = b.putArray("votes");
        for (CastVote c : e.votes()) {
            ObjectNode v = votes.addObject();
            v.put("member", c.vote().member().code());
            v.put("choice", c.vote().choice().name());
            v.put("jws", c.jws());
            MemberKey key = g.partnership().memberKey(c.kid());
            if (key != null) {
                v.set("key", Ed25519Keys.jwk(key.x(), key.kid()));
                ObjectNode valid = v.putObject("keyValid");
                valid.put("from", key.interval().from().equals(LocalDate.MIN) ? null : key.interval().from().toString());
                valid.put("until", key.interval().until() == null ? null : key.interval().until().toString());
            }
            v.put("recordedAt", c.recordedAt().toString());
        }
        if (e.outcome() != null) {
            b.set("outcome", outcomeJson(e.outcome()));
        }
        return b;
    }

    /** A nomination as the API shows it: its content, digest and number in the record. */
    public static ObjectNode nominationView(Governance.NominationEntry e) {
        ObjectNode o = nominationJson(e.nomination());
        o.remove("type");
        o.put("digest", e.digest());
        o.put("seq", e.seq());
        return o;
    }

    /**
     * A key enrolment as the API and console show it: the request, its digest, co-signatures, confirmation, whether it
     * is complete and what it still needs, and the exact statement text each core member signs to co-sign it.
     */
    public static ObjectNode enrolmentView(Governance g, Governance.Enrolment e) {
        ObjectNode o = enrolmentJson(e.request());
        o.remove("type");
        o.put("digest", e.digest());
        o.put("status", e.complete() ? "ENROLLED" : "PENDING");
        o.put("needs", e.needs());
        ArrayNode cos = o.putArray("cosignatures");
        for (KeyCosign c : e.cosigns()) {
            cos.addObject().put("member", c.member().code()).put("kid", c.kid()).put("castBy", c.castBy()).put("recordedAt", c.recordedAt().toString());
        }
        if (e.confirmation() == null) {
            o.putNull("confirmation");
        } else {
            o.putObject("confirmation").put("by", e.confirmation().confirmedBy()).put("recordedAt", e.confirmation().recordedAt().toString());
        }
        ObjectNode statements = o.putObject("cosignStatements");
        g.partnership().coreMembers().stream().map(m -> m.country()).distinct().sorted()
                .forEach(c -> statements.put(c.code(), statementText(new Statement.Cosign(e.request().id(), e.digest(), c))));
        return o;
    }

    /** Member keys for display: country, kid, x and validity. */
    public static List<ObjectNode> keys(List<MemberKey> keys) {
        return keys.stream().map(k -> {
            ObjectNode o = F.objectNode().put("country", k.country().code()).put("kid", k.kid()).put("x", k.x());
            o.put("from", k.interval().from().equals(LocalDate.MIN) ? null : k.interval().from().toString());
            o.put("until", k.interval().until() == null ? null : k.interval().until().toString());
            return o;
        }).toList();
    }
}
