package dev.pillar.cli;

import dev.pillar.app.GovernanceService;
import dev.pillar.app.Refusal;
import dev.pillar.app.Services;
import dev.pillar.app.WorldService;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.governance.Act;
import dev.pillar.core.governance.CastVote;
import dev.pillar.core.governance.Choice;
import dev.pillar.core.governance.Finding;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.governance.Statement;
import dev.pillar.core.governance.Status;
import dev.pillar.core.governance.Vote;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Source;
import dev.pillar.crypto.Ed25519Keys;
import dev.pillar.crypto.KeyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code pillar governance}: proposals, signed votes, the record and its verification, on the server's store. */
@Command(name = "governance", mixinStandardHelpOptions = true,
        description = {"Partner lifecycle by verifiable consensus: propose moving a candidate (consensus, formal discussions,",
                "admission to Pillar II projects, suspension, withdrawal), vote with a delegate's Ed25519 key file, show and",
                "verify the record, export a proposal with its votes as a bundle any JOSE library checks; enrol member keys",
                "(keygen --enrol, cosign, confirm) and nominate organisations to projects. Works on the store of --data (as",
                "pillar serve; stop the server first when it uses the embedded store) or --jdbc-url, or, for keygen --enrol,",
                "cosign, confirm, nominate and vote, against a running server with --server URL and a bearer token",
                "(--token or PILLAR_TOKEN).",
                "Exit 0 ok, 2 bad input or refused (nothing recorded), 3 verification found problems, 1 internal error."},
        subcommands = {GovernanceCommand.Keygen.class, GovernanceCommand.Cosign.class, GovernanceCommand.Confirm.class,
                GovernanceCommand.Nominate.class, GovernanceCommand.Propose.class, GovernanceCommand.VoteCmd.class,
                GovernanceCommand.Show.class, GovernanceCommand.Verify.class, GovernanceCommand.Export.class})
final class GovernanceCommand implements Runnable {
    static final int PROBLEMS = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Country country(String option, String code) {
        try {
            return Country.of(code.strip().toUpperCase(Locale.ROOT));
        } catch (InvalidValueException e) {
            throw new BadInputException("", option, e.problem());
        }
    }

    static LocalDate date(String option, String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new BadInputException("", option, "'" + s + "' is not a date: use YYYY-MM-DD, e.g. 2025-03-01");
        }
    }

    static Instant instant(String option, String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new BadInputException("", option, "'" + s + "' is not a time: use UTC ISO 8601 (2025-02-28T12:00:00Z) or a date");
            }
        }
    }

    static BadInputException refused(Refusal r) {
        return new BadInputException("", r.field() == null ? "" : r.field(), r.getMessage());
    }

    static Ed25519Keys.SigningKey readKey(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file.toString(), "", "no such key file: make one with 'pillar governance keygen'");
        }
        try {
            return Ed25519Keys.readPrivate(WorldDocuments.mapper().readTree(Files.readString(file)));
        } catch (JacksonException e) {
            throw new BadInputException(file.toString(), "", "is not a JSON key file: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file.toString(), "", e.getMessage());
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "", "cannot be read: " + e.getMessage());
        }
    }

    // ---- keygen ---------------------------------------------------------------------------------------------------

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Make an Ed25519 key pair for a member's delegate. The private key goes to a key file readable by its",
                    "owner only (JWK); it never leaves this machine. Prints the enrolment request (public key, key id and the",
                    "new key's proof of possession). With --enrol the request is recorded (on the store, or on --server as the",
                    "delegate whose token is given); the key counts once the ceremony is complete: co-signed by the member's key",
                    "in force (rotation), or confirmed by the secretariat and co-signed by two other members (a first key)."})
    static final class Keygen implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Mixin ServerOptions server;
        @Option(names = "--member", required = true, description = "the core member the key signs for, e.g. GBR") String member;
        @Option(names = "--out", description = "key file to write (default: DATA/keys/MEMBER-KID.jwk)") Path out;
        @Option(names = "--from", description = "first day the key may sign (default: today, UTC)") String from;
        @Option(names = "--enrol", description = "record the enrolment request") boolean enrol;
        @Option(names = "--by", description = "who asks, as recorded on the store (default: cli:MEMBER)") String by;

        @Override
        public Integer call() throws IOException {
            Country m = country("--member", member);
            LocalDate first = from == null ? Main.backend(spec).clock().today() : date("--from", from);
            Ed25519Keys.SigningKey key = Ed25519Keys.generate();
            Path file = out != null ? out : store.data.resolve("keys").resolve(m.code() + "-" + key.kid().substring(0, 8) + ".jwk");
            if (Files.exists(file)) {
                throw new BadInputException(file.toString(), "", "exists already: a key file is never overwritten, choose another --out");
            }
            ObjectNode request = WorldDocuments.mapper().createObjectNode().put("member", m.code()).put("kid", key.kid()).put("x", key.x())
                    .put("from", first.toString()).put("proof", GovernanceCodec.sign(new Statement.Possession(m, key.kid(), key.x()), key));
            KeyFiles.writePrivate(file, Ed25519Keys.privateJwk(key).toPrettyString() + "\n");
            PrintWriter o = spec.commandLine().getOut();
            o.println("key file (private, keep it safe): " + file);
            if (!enrol) {
                o.println("enrolment request (POST it to /api/v1/governance/keys as " + m + "'s delegate, or run again with --enrol):");
                o.println("  " + request);
                return Main.OK;
            }
            JsonNode view;
            if (server.given()) {
                view = server.post(spec, "/api/v1/governance/keys", request);
            } else {
                try (Services s = store.open(spec)) {
                    Governance.Enrolment e = s.governance().requestKey(request, m, by != null ? by : "cli:" + m.code());
                    view = GovernanceCodec.enrolmentView(s.governance().governance(), e);
                } catch (Refusal r) {
                    throw refused(r);
                }
            }
            o.println("requested enrolment " + view.path("id").asString() + " of " + m + "'s key " + key.kid() + " (digest " + view.path("digest").asString() + ")");
            o.println("  needs " + view.path("needs").asString());
            return Main.OK;
        }
    }

    // ---- key ceremony: co-sign and confirm -----------------------------------------------------------------------

    static JsonNode enrolment(Services s, String id) {
        Governance.Enrolment e = s.governance().governance().enrolment(id);
        if (e == null) {
            throw new BadInputException("", "--enrolment", "there is no key enrolment '" + id + "': see pillar governance show --keys");
        }
        return GovernanceCodec.enrolmentView(s.governance().governance(), e);
    }

    static void printEnrolment(PrintWriter o, JsonNode view) {
        o.println("enrolment " + view.path("id").asString() + " of " + view.path("member").asString() + "'s key " + view.path("kid").asString()
                + ": " + view.path("status").asString() + (view.path("status").asString().equals("ENROLLED") ? "" : ", needs " + view.path("needs").asString()));
    }

    @Command(name = "cosign", mixinStandardHelpOptions = true,
            description = {"Co-sign a key enrolment as a core member, with the member's key file: a registered key in force, or (for",
                    "the members' first keys) the key the member itself asked to enrol. Signs the statement naming the",
                    "enrolment and its digest, so the co-signature endorses exactly that request."})
    static final class Cosign implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Mixin ServerOptions server;
        @Option(names = "--enrolment", required = true, description = "the enrolment id, e.g. K-1") String enrolment;
        @Option(names = "--member", required = true, description = "the member co-signing, e.g. GBR") String member;
        @Option(names = "--key", required = true, description = "the member's key file") Path key;

        @Override
        public Integer call() {
            Ed25519Keys.SigningKey k = readKey(key);
            Country m = country("--member", member);
            PrintWriter o = spec.commandLine().getOut();
            if (server.given()) {
                JsonNode view = server.get(spec, "/api/v1/governance/keys/" + enrolment);
                String jws = GovernanceCodec.sign(new Statement.Cosign(enrolment, view.path("digest").asString(), m), k);
                printEnrolment(o, server.post(spec, "/api/v1/governance/keys/" + enrolment + "/cosignatures",
                        WorldDocuments.mapper().createObjectNode().put("kid", k.kid()).put("jws", jws)));
                return Main.OK;
            }
            try (Services s = store.open(spec)) {
                String digest = enrolment(s, enrolment).path("digest").asString();
                String jws = GovernanceCodec.sign(new Statement.Cosign(enrolment, digest, m), k);
                Governance.Enrolment e = s.governance().cosignKey(enrolment, m, k.kid(), jws, null, "cli:" + m.code());
                printEnrolment(o, GovernanceCodec.enrolmentView(s.governance().governance(), e));
                return Main.OK;
            } catch (Refusal r) {
                throw refused(r);
            }
        }
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = {"Confirm a key enrolment as the secretariat, after checking its key id with the member out of band",
                    "(the confirmation names the enrolment's digest). Needed for a member's first key, with two other members'",
                    "co-signatures; a rotation co-signed by the member's key in force needs none."})
    static final class Confirm implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Mixin ServerOptions server;
        @Option(names = "--enrolment", required = true, description = "the enrolment id, e.g. K-1") String enrolment;
        @Option(names = "--digest", description = "the digest you checked (default: the enrolment's, as read)") String digest;
        @Option(names = "--by", defaultValue = "cli:secretariat", description = "who confirms, as recorded on the store (default: ${DEFAULT-VALUE})") String by;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            if (server.given()) {
                String d = digest != null ? digest : server.get(spec, "/api/v1/governance/keys/" + enrolment).path("digest").asString();
                printEnrolment(o, server.post(spec, "/api/v1/governance/keys/" + enrolment + "/confirmation",
                        WorldDocuments.mapper().createObjectNode().put("digest", d)));
                return Main.OK;
            }
            try (Services s = store.open(spec)) {
                String d = digest != null ? digest : enrolment(s, enrolment).path("digest").asString();
                printEnrolment(o, GovernanceCodec.enrolmentView(s.governance().governance(), s.governance().confirmKey(enrolment, d, by)));
                return Main.OK;
            } catch (Refusal r) {
                throw refused(r);
            }
        }
    }

    // ---- nominate ------------------------------------------------------------------------------------------------

    @Command(name = "nominate", mixinStandardHelpOptions = true,
            description = {"Nominate an organisation to a Pillar II project from a date, as the secretariat: the only way an",
                    "organisation of a partner country takes part in a project. Refused before the country's admission to the",
                    "project or outside its participation, and for a day already begun."})
    static final class Nominate implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Mixin ServerOptions server;
        @Option(names = "--organisation", required = true, description = "the organisation id, e.g. KR-HANBIT-DEFENCE") String organisation;
        @Option(names = "--project", required = true, description = "the project id, e.g. MAS-1") String project;
        @Option(names = "--from", required = true, description = "the first day it takes part (YYYY-MM-DD)") String from;
        @Option(names = "--until", description = "the last day (optional)") String until;
        @Option(names = "--source-title", required = true, description = "the minutes or notification the nomination rests on") String sourceTitle;
        @Option(names = "--source-date", required = true, description = "its date (YYYY-MM-DD)") String sourceDate;
        @Option(names = "--source-citation", description = "its reference (optional)") String sourceCitation;
        @Option(names = "--note", description = "free text (optional)") String note;
        @Option(names = "--by", defaultValue = "cli:secretariat", description = "who nominates, as recorded on the store (default: ${DEFAULT-VALUE})") String by;

        @Override
        public Integer call() {
            ObjectNode b = WorldDocuments.mapper().createObjectNode().put("organisation", organisation).put("project", project).put("from", from);
            if (until != null) b.put("until", until);
            ObjectNode src = b.putArray("sources").addObject().put("title", sourceTitle).put("date", sourceDate);
            if (sourceCitation != null) src.put("citation", sourceCitation);
            if (note != null) b.put("note", note);
            JsonNode view;
            if (server.given()) {
                view = server.post(spec, "/api/v1/governance/nominations", b);
            } else {
                try (Services s = store.open(spec)) {
                    view = GovernanceCodec.nominationView(s.governance().nominate(b, by));
                } catch (Refusal r) {
                    throw refused(r);
                }
            }
            spec.commandLine().getOut().println("recorded nomination " + view.path("id").asString() + ": " + organisation + " takes part in " + project
                    + " from " + from + (until == null ? "" : " until " + until));
            return Main.OK;
        }
    }

    // ---- propose -------------------------------------------------------------------------------------------------

    @Command(name = "propose", mixinStandardHelpOptions = true,
            description = {"Record a proposal to move a candidate. Give a JSON FILE (the body of POST /api/v1/governance/proposals)",
                    "or the options. The voting deadline must fall before the effective day."},
            footer = {"", "Example:",
                    "  pillar governance propose --candidate KOR --action admit --project MAS-1 --effective 2025-03-01 \\",
                    "      --deadline 2025-02-28T12:00:00Z --source-title \"Core members' minutes\" --source-date 2025-02-01"})
    static final class Propose implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "proposal JSON file, or - for standard input") String file;
        @Option(names = "--candidate", description = "the candidate country, e.g. KOR") String candidate;
        @Option(names = "--action", description = "consensus, formal-discussions, admit, suspend or withdraw") String action;
        @Option(names = "--project", description = "a project to admit to or suspend from (repeat for several)") List<String> projects = new ArrayList<>();
        @Option(names = "--effective", description = "the day the act takes effect (YYYY-MM-DD)") String effective;
        @Option(names = "--deadline", description = "the voting deadline (UTC, e.g. 2025-02-28T12:00:00Z)") String deadline;
        @Option(names = "--source-title", description = "the statement or minutes the proposal rests on") String sourceTitle;
        @Option(names = "--source-date", description = "its date (YYYY-MM-DD)") String sourceDate;
        @Option(names = "--source-citation", description = "its reference (optional)") String sourceCitation;
        @Option(names = "--source-url", description = "its public address (optional)") String sourceUrl;
        @Option(names = "--note", description = "free text (optional)") String note;
        @Option(names = "--by", defaultValue = "cli", description = "who proposes, as recorded (default: ${DEFAULT-VALUE})") String by;

        @Override
        public Integer call() throws IOException {
            JsonNode body = file != null ? readJson(file) : options();
            try (Services s = store.open(spec)) {
                GovernanceService g = s.governance();
                Governance.Entry e = g.propose(body, by);
                PrintWriter o = spec.commandLine().getOut();
                o.println("recorded proposal " + e.proposal().id() + ": " + e.proposal().action().label() + " " + e.proposal().candidate()
                        + (e.proposal().projects().isEmpty() ? "" : " " + e.proposal().projects()) + " from " + e.proposal().effective());
                o.println("  digest " + e.digest() + " (what votes sign)");
                o.println("  votes due from " + String.join(", ", g.governance().voters(e.proposal()).stream().map(Country::code).toList())
                        + " by " + e.proposal().deadline());
                return Main.OK;
            } catch (Refusal r) {
                throw refused(r);
            }
        }

        private ObjectNode options() {
            ObjectNode b = WorldDocuments.mapper().createObjectNode();
            if (candidate != null) b.put("candidate", candidate);
            if (action != null) b.put("action", action);
            if (!projects.isEmpty()) {
                ArrayNode a = b.putArray("projects");
                projects.forEach(a::add);
            }
            if (effective != null) b.put("effective", effective);
            if (deadline != null) b.put("deadline", deadline);
            if (sourceTitle != null || sourceDate != null) {
                ObjectNode src = b.putArray("sources").addObject();
                if (sourceTitle != null) src.put("title", sourceTitle);
                if (sourceDate != null) src.put("date", sourceDate);
                if (sourceCitation != null) src.put("citation", sourceCitation);
                if (sourceUrl != null) src.put("url", sourceUrl);
            }
            if (note != null) b.put("note", note);
            return b;
        }
    }

    static JsonNode readJson(String file) throws IOException {
        String text;
        if (file.equals("-")) {
            text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } else {
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) {
                throw new BadInputException(file, "", "no such file");
            }
            text = Files.readString(p);
        }
        try {
            return WorldDocuments.mapper().readTree(text);
        } catch (JacksonException e) {
            throw new BadInputException(file, "", "is not JSON: " + e.getOriginalMessage());
        }
    }

    // ---- vote ------------------------------------------------------------------------------------------------------

    @Command(name = "vote", mixinStandardHelpOptions = true,
            description = {"Sign a member's vote with the delegate's key file and record it. The vote is a compact JWS (EdDSA) over",
                    "the canonical JSON of {proposal, proposalDigest, member, choice, reason, time}. With --sign-only nothing is",
                    "recorded: the JWS is printed, to paste into the console's vote form or POST to the API (the key never",
                    "leaves this machine); give --digest then, or it is read from the store."})
    static final class VoteCmd implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Mixin ServerOptions server;
        @Option(names = "--proposal", required = true, description = "the proposal id, e.g. P-3") String proposal;
        @Option(names = "--member", required = true, description = "the member voting, e.g. GBR") String member;
        @Option(names = "--choice", required = true, description = "approve or object") String choice;
        @Option(names = "--reason", description = "why (required to object)") String reason;
        @Option(names = "--key", required = true, description = "the delegate's key file (from pillar governance keygen)") Path key;
        @Option(names = "--sign-only", description = "print the signed vote instead of recording it") boolean signOnly;
        @Option(names = "--digest", description = "the proposal's digest (with --sign-only, to sign without the store)") String digest;

        @Override
        public Integer call() {
            Ed25519Keys.SigningKey k = readKey(key);
            Country m = country("--member", member);
            Choice c;
            try {
                c = Choice.parse("--choice", choice);
            } catch (InvalidValueException e) {
                throw new BadInputException("", "--choice", e.problem());
            }
            Instant now = Main.backend(spec).clock().nowToSecond();
            PrintWriter o = spec.commandLine().getOut();
            if (signOnly && digest != null) {
                o.println(sign(proposal, digest, m, c, now, k));
                return Main.OK;
            }
            if (server.given()) {
                String d = digest != null ? digest : server.get(spec, "/api/v1/governance/proposals/" + proposal).path("digest").asString();
                String jws = sign(proposal, d, m, c, now, k);
                if (signOnly) {
                    o.println(jws);
                    return Main.OK;
                }
                JsonNode view = server.post(spec, "/api/v1/governance/proposals/" + proposal + "/votes", WorldDocuments.mapper().createObjectNode().put("jws", jws));
                o.println("recorded " + m + "'s vote " + c + " on " + proposal + "; " + proposal + " is " + view.path("status").asString().toLowerCase(Locale.ROOT));
                return Main.OK;
            }
            try (Services s = store.open(spec)) {
                GovernanceService g = s.governance();
                Governance.Entry e = g.governance().entry(proposal);
                if (e == null) {
                    throw new BadInputException("", "--proposal", "there is no proposal '" + proposal + "': see pillar governance show");
                }
                String jws = sign(proposal, digest != null ? digest : e.digest(), m, c, now, k);
                if (signOnly) {
                    o.println(jws);
                    return Main.OK;
                }
                List<Act> acts = g.vote(proposal, jws, null, "cli:" + m.code());
                o.println("recorded " + m + "'s vote " + c + " on " + proposal);
                for (Act a : acts) {
                    if (a instanceof Act.Decided d) {
                        o.println(proposal + " is " + d.outcome().result().name().toLowerCase(Locale.ROOT) + " (approvals "
                                + d.outcome().approvals() + (d.outcome().objections().isEmpty() ? "" : ", objections " + d.outcome().objections()) + ")");
                    }
                }
                return Main.OK;
            } catch (Refusal r) {
                throw refused(r);
            }
        }

        private String sign(String id, String d, Country m, Choice c, Instant now, Ed25519Keys.SigningKey k) {
            try {
                return GovernanceCodec.sign(new Vote(id, d, m, c, reason, now), k);
            } catch (InvalidValueException e) {
                throw new BadInputException("", "--" + e.field(), e.problem());
            }
        }
    }

    // ---- show ------------------------------------------------------------------------------------------------------

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the proposals with their votes and status, or one proposal in full.")
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Parameters(index = "0", arity = "0..1", paramLabel = "PROPOSAL", description = "a proposal id; all when left out") String id;

        @Override
        public Integer call() {
            try (Services s = store.open(spec)) {
                WorldService worlds = s.worlds();
                Governance g = worlds.current().governance().governance();
                Instant now = Main.backend(spec).clock().now();
                PrintWriter o = spec.commandLine().getOut();
                List<Governance.Entry> entries = id == null ? g.entries() : g.entry(id) == null ? null : List.of(g.entry(id));
                if (entries == null) {
                    throw new BadInputException("", "PROPOSAL", "there is no proposal '" + id + "'");
                }
                if (entries.isEmpty()) {
                    o.println("no proposals recorded");
                }
                for (Governance.Entry e : entries) {
                    var p = e.proposal();
                    o.printf("%s  %-8s %s %s%s from %s  (deadline %s)%n", p.id(), e.status(now), p.action().label(), p.candidate(),
                            p.projects().isEmpty() ? "" : " " + p.projects(), p.effective(), p.deadline());
                    if (id != null) {
                        o.println("  digest   " + e.digest());
                        o.println("  proposed " + p.proposedAt() + " by " + p.proposedBy() + (p.note().isEmpty() ? "" : "; note: " + p.note()));
                        for (Source src : p.sources()) {
                            o.println("  source   " + src);
                        }
                    }
                    for (CastVote c : e.votes()) {
                        o.printf("    %s %-7s signed %s, key %s, recorded %s by %s%s%n", c.vote().member(), c.vote().choice(), c.vote().time(),
                                c.kid(), c.recordedAt(), c.castBy(), c.vote().reason() == null ? "" : "; reason: " + c.vote().reason());
                    }
                    if (id != null && e.outcome() == null && e.status(now) == Status.OPEN) {
                        for (Country m : g.voters(p)) {
                            if (e.votes().stream().noneMatch(c -> c.vote().member().equals(m))) {
                                o.println("    " + m + " has not voted");
                            }
                        }
                    }
                }
                return Main.OK;
            }
        }
    }

    // ---- verify ----------------------------------------------------------------------------------------------------

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check every recorded act: stored bytes and digests, each vote's signature with the member's key valid at",
                    "its signing time, deadlines, one vote per member, the consensus rule, the outcomes, and that the participation",
                    "in force matches the acts. Exit 0 if all hold, 3 if not."})
    static final class Verify implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;

        @Override
        public Integer call() {
            try (Services s = store.open(spec)) {
                WorldService worlds = s.worlds();
                WorldService.GovernanceRecord record = worlds.current().governance();
                List<Finding> findings = new ArrayList<>(record.verification());
                findings.addAll(s.audit().governanceFindings(record.stored()));
                PrintWriter o = spec.commandLine().getOut();
                long votes = record.acts().stream().filter(a -> a instanceof Act.Voted).count();
                long nominations = record.acts().stream().filter(a -> a instanceof Act.Nominated).count();
                long ceremony = record.acts().stream().filter(a -> a instanceof Act.KeyRequested || a instanceof Act.KeyCosigned
                        || a instanceof Act.KeyConfirmed).count();
                o.printf("%d acts: %d proposals, %d votes, %d outcomes%s%n", record.stored().size(), record.governance().entries().size(), votes,
                        record.acts().stream().filter(a -> a instanceof Act.Decided).count(),
                        (nominations > 0 ? ", " + nominations + " nominations" : "") + (ceremony > 0 ? ", " + ceremony + " key ceremony acts ("
                                + record.governance().enrolments().stream().filter(Governance.Enrolment::complete).count() + " keys enrolled)" : ""));
                if (findings.isEmpty()) {
                    o.println("verified: every signature, key, deadline, digest and outcome holds, participation matches the acts, "
                            + "and every act is the one the audit log recorded");
                    return Main.OK;
                }
                for (Finding f : findings) {
                    o.println("PROBLEM " + f);
                }
                return PROBLEMS;
            }
        }
    }

    // ---- export ----------------------------------------------------------------------------------------------------

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a proposal with its votes as one self-contained JSON bundle: the proposal, its digest, each vote's",
                    "compact JWS with the public JWK that verifies it, the voters and the outcome (docs/governance.md)."})
    static final class Export implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Parameters(index = "0", paramLabel = "PROPOSAL", description = "the proposal id") String id;
        @Option(names = "--out", description = "file to write (default: standard output)") Path out;

        @Override
        public Integer call() throws IOException {
            try (Services s = store.open(spec)) {
                GovernanceService g = s.governance();
                String bundle = g.bundle(id).toPrettyString();
                if (out == null) {
                    spec.commandLine().getOut().println(bundle);
                } else {
                    Files.writeString(out, bundle + "\n");
                    spec.commandLine().getOut().println("wrote " + out);
                }
                return Main.OK;
            } catch (Refusal r) {
                throw refused(r);
            }
        }
    }
}
