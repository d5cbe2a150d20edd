package dev.pillar.cli;

import dev.pillar.app.audit.AuditLog;
import dev.pillar.app.audit.Checkpoint;
import dev.pillar.app.audit.Merkle;
import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.audit.SignedNote;
import dev.pillar.app.audit.Witness;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.crypto.KeyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code pillar audit}: check the audit log of a store. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = {"Check the tamper-evident audit log (see docs/audit.md).",
        "Exit codes of every subcommand: 0 checked, 3 a signature, proof or consistency check failed (or a witness refused), 2 bad input, 1 other errors."},
        subcommands = {AuditCommand.Verify.class, AuditCommand.CheckpointCmd.class, AuditCommand.Prove.class, AuditCommand.Consistency.class,
                AuditCommand.WitnessCmd.class, AuditCommand.WitnessKey.class,
                AuditCommand.WitnessRevoke.class})
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute the Merkle tree from every stored entry and check it against every kept signed checkpoint.",
                    "Reads the store directly: stop the server first when it uses the embedded store (--data).",
                    "Exit 0: the log verifies; 3: it does not (each problem is printed); 2: bad input."})
    static final class Verify implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        StoreOptions store;

        @Option(names = "--key", description = "the log's verifier key (name+keyid+key); default: the public half of DATA/audit-key")
        String key;

        @Option(names = "--checkpoint", description = {"a signed checkpoint kept outside the store (a file of `pillar audit checkpoint`, or a",
                "witness's state directory, whose last checkpoint is used); repeatable. It must match the stored entries"})
        java.util.List<java.nio.file.Path> checkpoints = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            NoteKey verifier;
            try {
                if (key != null) {
                    verifier = NoteKey.verifier(key);
                } else if (Files.exists(store.data.resolve("audit-key"))) {
                    verifier = Main.backend(spec).auditVerifier(store.data);
                } else {
                    err.println("error: --key: give the log's verifier key (GET /api/v1/audit/key), or --data with the server's data directory");
                    return Main.BAD_INPUT;
                }
            } catch (IllegalArgumentException e) {
                err.println("error: --key: " + e.getMessage());
                return Main.BAD_INPUT;
            }
            if (store.jdbcUrl == null && !Files.isDirectory(store.data)) {
                err.println("error: --data: " + store.data + " is not a data directory");
                return Main.BAD_INPUT;
            }
            java.util.List<String> external = new java.util.ArrayList<>();
            for (java.nio.file.Path p : checkpoints) {
                java.nio.file.Path f = Files.isDirectory(p) ? new WitnessState(p).checkpointFile() : p;
                try {
                    external.add(Files.readString(f));
                } catch (java.io.IOException e) {
                    err.println("error: --checkpoint: cannot read " + f + ": " + e.getMessage());
                    return Main.BAD_INPUT;
                }
            }
            {
                AuditLog.Report r = Main.backend(spec).verifyAudit(store.config(), verifier, external);
                for (String p : r.problems()) {
                    out.println("FAIL: " + p);
                }
                out.printf("audit log %s: %d entries, %d signed checkpoints%s, %s%n", verifier.name(), r.entries(), r.checkpoints(),
                        r.external() > 0 ? " and " + r.external() + " from outside the store" : "", r.ok() ? "verified" : r.problems().size() + " problem(s)");
                if (r.ok()) {
                    out.println(r.covered() == 0 ? "  no signed checkpoint covers the entries yet: only their order and count were checked"
                            : "  entries 0-" + (r.covered() - 1) + " are bound by a signed checkpoint" + (r.covered() < r.entries()
                            ? "; entries " + r.covered() + "-" + (r.entries() - 1) + " were appended after it and are checked for order only" : ""));
                }
                return r.ok() ? Main.OK : 3;
            }
        }
    }

    static final int FAILED = 3;
    private static final Base64.Encoder B64 = Base64.getEncoder();

    /** The log key the commands check signatures with: --log-key, else the source's own (said on stderr when remote). */
    static NoteKey logKey(String given, AuditSource src, PrintWriter err) {
        if (given != null) {
            try {
                return NoteKey.verifier(given);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("", "--log-key", e.getMessage());
            }
        }
        if (src instanceof AuditSource.Remote) {
            err.println("note: checking with the key the server sent; pin the key you got out of band with --log-key");
        }
        return NoteKey.verifier(src.verifierKey());
    }

    /** The checkpoint, checked: signed by the log key and naming its origin, or bad input / FAILED. */
    static Checkpoint checked(SignedNote note, NoteKey key) {
        if (!note.verifiedBy(key)) {
            throw new Failed("the checkpoint is not signed by the log key " + key.name());
        }
        Checkpoint cp = Checkpoint.parse(note.text());
        if (!cp.origin().equals(key.name())) {
            throw new Failed("the checkpoint names origin '" + cp.origin() + "', not the log key's name " + key.name());
        }
        return cp;
    }

    /** A check that failed: exit 3. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    static ArrayNode hashes(ObjectNode o, String name, List<byte[]> proof) {
        ArrayNode a = o.putArray(name);
        proof.forEach(h -> a.add(B64.encodeToString(h)));
        return a;
    }

    abstract static class SourceCommand implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        AuditSource.Options source;

        @Option(names = "--log-key", description = "the log's verifier key (name+keyid+key) to check signatures with; default: the data directory's key, or the one the server sends")
        String logKey;

        abstract int run(AuditSource src, NoteKey key, PrintWriter out, PrintWriter err);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (AuditSource src = source.open(spec)) {
                return run(src, logKey(logKey, src, err), out, err);
            } catch (Failed f) {
                err.println("FAILED: " + f.getMessage());
                return FAILED;
            }
        }
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = {"Print the log's latest signed checkpoint (C2SP tlog-checkpoint, signed note), after checking its signature.",
                    "With --size N: the checkpoint kept for tree size N, with its witnesses' cosignatures when read from a server."})
    static final class CheckpointCmd extends SourceCommand {
        @Option(names = "--size", description = "a tree size the log signed a checkpoint of (default: the latest)")
        Long size;

        @Override
        int run(AuditSource src, NoteKey key, PrintWriter out, PrintWriter err) {
            SignedNote note = size == null ? src.checkpoint() : src.checkpoint(size).orElseThrow(() -> new BadInputException("", "--size",
                    "the log kept no checkpoint of tree size " + size + ": leave --size out for the latest"));
            checked(note, key);
            out.print(note.render());
            return Main.OK;
        }
    }

    @Command(name = "prove", mixinStandardHelpOptions = true,
            description = {"Prove that an entry (--entry N) or the entry of a decision (--decision ID) is in the log.",
                    "Its inclusion proof (RFC 9162) against the latest signed checkpoint is checked here with the log key and printed as JSON "
                            + "that Go's sumdb/tlog checks too (src/test/go/tlogverify reads it as is): verifierKey, checkpoint, "
                            + "inclusion[{index, entry (base64), proof}], plus entryText and verified.",
                    "Exit 0 verified, 3 not verified, 2 bad input (no such entry or decision)."})
    static final class Prove extends SourceCommand {
        @Option(names = "--entry", description = "the entry's index, from 0")
        Long entry;

        @Option(names = "--decision", description = "a decision id (the answer's decisionId)")
        String decision;

        @Override
        int run(AuditSource src, NoteKey key, PrintWriter out, PrintWriter err) {
            if ((entry == null) == (decision == null)) {
                throw new BadInputException("", "--entry", "give --entry N or --decision ID (one of them)");
            }
            SignedNote note = src.checkpoint();
            Checkpoint cp = checked(note, key);
            long index = entry != null ? entry : src.decision(decision);
            if (index < 0 || index >= cp.size()) {
                throw new BadInputException("", "--entry", index + " is not an entry of the signed tree: it has " + cp.size() + " entries, 0 to " + (cp.size() - 1));
            }
            byte[] e = src.entry(index, decision != null ? "--decision" : "--entry");
            List<byte[]> proof = src.inclusion(index, cp.size());
            boolean ok = Merkle.verifyInclusion(Merkle.leafHash(e), index, cp.size(), proof, cp.root());
            ObjectNode o = WorldDocuments.mapper().createObjectNode();
            o.put("verifierKey", key.verifierText());
            o.put("checkpoint", note.render());
            ObjectNode inc = o.putArray("inclusion").addObject();
            inc.put("index", index);
            inc.put("entry", B64.encodeToString(e));
            hashes(inc, "proof", proof);
            o.put("entryText", new String(e, StandardCharsets.UTF_8));
            o.put("leafHash", B64.encodeToString(Merkle.leafHash(e)));
            o.put("treeSize", cp.size());
            o.put("rootHash", B64.encodeToString(cp.root()));
            o.put("verified", ok);
            out.println(o.toPrettyString());
            if (!ok) {
                throw new Failed("the inclusion proof of entry " + index + " does not lead to the root of the signed tree of size " + cp.size());
            }
            err.println("verified: entry " + index + " is in the tree of size " + cp.size() + " signed by " + key.name());
            return Main.OK;
        }
    }

    @Command(name = "consistency", mixinStandardHelpOptions = true,
            description = {"Prove that the tree of size --to extends the tree of size --from (RFC 9162 consistency proof), checked here.",
                    "Both roots are checked against the checkpoints the log signed for those sizes when it kept them (always for the latest). "
                            + "Prints JSON that Go's sumdb/tlog checks too: verifierKey, checkpoint (of --to), consistency[{from, fromRoot, proof}].",
                    "Exit 0 verified, 3 not verified, 2 bad input."})
    static final class Consistency extends SourceCommand {
        @Option(names = "--from", required = true, description = "the older tree size, 1 or more")
        long from;

        @Option(names = "--to", description = "the newer tree size (default: the latest signed checkpoint's)")
        Long to;

        @Override
        int run(AuditSource src, NoteKey key, PrintWriter out, PrintWriter err) {
            SignedNote latest = src.checkpoint();
            Checkpoint latestCp = checked(latest, key);
            long n = to == null ? latestCp.size() : to;
            if (from < 1) {
                throw new BadInputException("", "--from", "must be 1 or more: every tree extends the empty one");
            }
            if (n > latestCp.size()) {
                throw new BadInputException("", "--to", n + " is beyond the log: its latest signed checkpoint has " + latestCp.size() + " entries");
            }
            if (from > n) {
                throw new BadInputException("", "--from", from + " is greater than --to " + n + ": give --from <= --to");
            }
            SignedNote toNote = n == latestCp.size() ? latest : src.checkpoint(n).orElse(null);
            SignedNote fromNote = src.checkpoint(from).orElse(null);
            Checkpoint toCp = toNote == null ? null : checked(toNote, key);
            Checkpoint fromCp = fromNote == null ? null : checked(fromNote, key);
            if (toCp == null) {
                err.println("note: the log kept no signed checkpoint of size " + n + ": its root below is the one the log computes, not a signed one");
            }
            if (fromCp == null) {
                err.println("note: the log kept no signed checkpoint of size " + from + ": compare fromRoot with the checkpoint you hold");
            }
            List<byte[]> proof = src.consistency(from, n);
            byte[] fromRoot = fromCp != null ? fromCp.root() : rootOf(src, from);
            byte[] toRoot = toCp != null ? toCp.root() : rootOf(src, n);
            boolean ok = Merkle.verifyConsistency(from, n, fromRoot, toRoot, proof);
            ObjectNode o = WorldDocuments.mapper().createObjectNode();
            o.put("verifierKey", key.verifierText());
            if (toNote != null) {
                o.put("checkpoint", toNote.render());
            } else {
                o.putNull("checkpoint");
            }
            ObjectNode c = o.putArray("consistency").addObject();
            c.put("from", from);
            c.put("fromRoot", B64.encodeToString(fromRoot));
            hashes(c, "proof", proof);
            o.put("to", n);
            o.put("toRoot", B64.encodeToString(toRoot));
            o.put("fromSigned", fromCp != null);
            o.put("toSigned", toCp != null);
            o.put("verified", ok);
            out.println(o.toPrettyString());
            if (!ok) {
                throw new Failed("the consistency proof from size " + from + " to " + n + " does not verify: the log was rewritten between them");
            }
            err.println("verified: the tree of size " + n + " extends the tree of size " + from);
            return Main.OK;
        }

        /** An unsigned root: from the store directly, or, from a server, as its consistency answer states it. */
        private static byte[] rootOf(AuditSource src, long size) {
            if (src instanceof AuditSource.Local l) {
                return l.log().root(size);
            }
            return ((AuditSource.Remote) src).root(size);
        }
    }

    @Command(name = "witness", mixinStandardHelpOptions = true,
            description = {"Witness the log: check its new checkpoint and cosign it (run by each core member; docs/audit.md).",
                    "Fetches the checkpoint (--server URL, or --checkpoint FILE), checks the log's signature with the pinned key and the origin, "
                            + "and that the new tree extends the last one this witness saw (a consistency proof: from the server, or --proof FILE "
                            + "as 'pillar audit consistency' prints it). Only then it signs with the witness key, submits the cosigned note to "
                            + "the server (POST /api/v1/audit/cosignatures) or writes it to --out, and keeps the checkpoint in --state as the "
                            + "last one seen.",
                    "It refuses a smaller tree, another tree of the same size, an inconsistent tree, a bad signature or another origin: "
                            + "exit 3, nothing signed, the state unchanged."})
    static final class WitnessCmd implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--key", required = true, description = "the witness's signer key file (pillar audit witness-key makes one)")
        Path keyFile;

        @Option(names = "--state", required = true, description = "the witness's own directory: the pinned log key and the last checkpoint seen")
        Path state;

        @Option(names = "--log-key", description = "the log's verifier key, got out of band: required on the first run, then pinned in --state")
        String logKey;

        @Option(names = "--server", description = "the log's server URL (GET the checkpoint and proof, POST the cosignature)")
        URI server;

        @Option(names = "--token-file", description = "with --server: a file holding a bearer token of the member's delegate (else $PILLAR_TOKEN)")
        Path tokenFile;

        @Option(names = "--checkpoint", description = "instead of --server: a file holding the log's signed checkpoint")
        Path checkpointFile;

        @Option(names = "--proof", description = "with --checkpoint: the consistency proof from the last checkpoint seen (JSON of 'pillar audit consistency' or the API)")
        Path proofFile;

        @Option(names = "--out", description = "write the cosigned checkpoint to this file (with --checkpoint the default is standard output)")
        Path outFile;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if ((server == null) == (checkpointFile == null)) {
                throw new BadInputException("", "--server", "give --server URL or --checkpoint FILE (one of them)");
            }
            NoteKey witnessKey;
            try {
                witnessKey = NoteKey.signer(Files.readString(keyFile));
            } catch (IOException e) {
                throw new BadInputException("", "--key", "cannot read " + keyFile + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new BadInputException("", "--key", keyFile + " is not a signer key (" + e.getMessage() + "): make one with pillar audit witness-key");
            }
            WitnessState st = new WitnessState(state);
            NoteKey pinned;
            SignedNote lastNote;
            try {
                pinned = st.logKey();
                lastNote = st.last();
            } catch (IllegalArgumentException e) {
                throw new BadInputException("", "--state", state + " does not hold a witness's state: " + e.getMessage());
            }
            NoteKey given = null;
            if (logKey != null) {
                try {
                    given = NoteKey.verifier(logKey);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("", "--log-key", e.getMessage());
                }
            }
            if (pinned == null && given == null) {
                throw new BadInputException("", "--log-key", "the first run needs the log's verifier key, got out of band from the operator "
                        + "(GET /api/v1/audit/key shows what the server says it is); it is then kept in " + st.logKeyFile());
            }
            if (pinned != null && given != null && !pinned.verifierText().equals(given.verifierText())) {
                err.println("REFUSED: --log-key " + given.name() + " is not the key pinned in " + st.logKeyFile() + " (" + pinned.verifierText()
                        + "): a witness follows one log; use another --state for another log");
                return FAILED;
            }
            NoteKey key = pinned != null ? pinned : given;
            Checkpoint last = lastNote == null ? null : Checkpoint.parse(lastNote.text());

            AuditSource src = null;
            try {
                SignedNote next;
                Witness.Proofs proofs;
                if (server != null) {
                    AuditSource.Options o = new AuditSource.Options();
                    o.server = server;
                    o.tokenFile = tokenFile;
                    src = o.open(spec);
                    next = src.checkpoint();
                    proofs = src::consistency;
                } else {
                    try {
                        next = SignedNote.parse(Files.readString(checkpointFile));
                    } catch (IOException | IllegalArgumentException e) {
                        throw new BadInputException("", "--checkpoint", checkpointFile + " is not a signed checkpoint: " + e.getMessage());
                    }
                    proofs = (from, to) -> proofFromFile(from, to);
                }
                Checkpoint cp;
                try {
                    cp = Witness.check(key, last, next, proofs);
                } catch (Witness.Refused r) {
                    err.println("REFUSED: " + r.getMessage());
                    err.println("nothing was signed; the state in " + state + " is unchanged (last seen: "
                            + (last == null ? "none" : "tree size " + last.size()) + ")");
                    return FAILED;
                }
                SignedNote logSigned = new SignedNote(next.text(), next.signatures().stream().filter(l -> l.name().equals(key.name())).toList());
                SignedNote cosigned = Witness.cosign(logSigned, witnessKey);
                String text = cosigned.render();
                if (outFile != null) {
                    Files.writeString(outFile, text);
                } else if (src == null) {
                    out.print(text);
                }
                if (src != null && outFile == null) {
                    try {
                        src.submitCosignature(text);
                    } catch (IllegalStateException e) {
                        err.println("error: " + e.getMessage() + "; the state in " + state + " is unchanged: run again");
                        return Main.INTERNAL;
                    }
                }
                if (pinned == null) {
                    st.pin(key);
                }
                st.saw(logSigned);
                err.println("cosigned: " + key.name() + " tree size " + cp.size() + (last == null ? " (first checkpoint seen: nothing to be consistent with)"
                        : cp.size() == last.size() ? " (the same as last seen)" : " (consistent with size " + last.size() + ")")
                        + (outFile != null ? ", written to " + outFile : src != null ? ", submitted to " + server : ""));
                return Main.OK;
            } finally {
                if (src != null) {
                    src.close();
                }
            }
        }

        private List<byte[]> proofFromFile(long from, long to) {
            if (proofFile == null) {
                throw new IllegalArgumentException("the tree grew from " + from + " to " + to + ": give --proof FILE with the consistency proof "
                        + "(pillar audit consistency --from " + from + " --to " + to + ")");
            }
            JsonNode n;
            try {
                n = WorldDocuments.mapper().readTree(Files.readString(proofFile));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(proofFile + " is not JSON: " + e.getMessage());
            }
            JsonNode c = n.has("consistency") ? n.get("consistency").get(0) : n; // pillar audit consistency, or the API's answer
            long f = c == null || c.get("from") == null ? -1 : c.get("from").asLong();
            long t = n.has("to") ? n.get("to").asLong() : -1;
            if (f != from || t != to) {
                throw new IllegalArgumentException(proofFile + " proves size " + t + " extends " + f + ", not " + to + " extends " + from);
            }
            List<byte[]> out = new ArrayList<>();
            c.get("proof").forEach(h -> out.add(Base64.getDecoder().decode(h.asString())));
            return out;
        }
    }

    @Command(name = "witness-key", mixinStandardHelpOptions = true,
            description = {"Make a witness key: writes the signer key to --out (owner only; never overwritten) and prints the verifier key.",
                    "The member authorises it with its own enrolled key: with --member M --sign-with M.jwk (the member's key file) the",
                    "registration body is printed too, {\"member\",\"key\",\"jws\"}, which the secretariat or the member's delegate posts to",
                    "POST /api/v1/audit/witnesses. A registration without the member's signature is refused."})
    static final class WitnessKey implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--name", required = true, description = "the key's name, e.g. gbr.example/pillar-witness (no spaces or '+')")
        String name;

        @Option(names = "--out", required = true, description = "the file for the signer key")
        Path out;

        @Option(names = "--member", description = "the core member whose witness this is, e.g. GBR (with --sign-with)")
        String member;

        @Option(names = "--sign-with", description = "the member's key file (pillar governance keygen): signs the registration")
        Path signWith;

        @Override
        public Integer call() throws IOException {
            if (Files.exists(out)) {
                throw new BadInputException("", "--out", out + " exists: a witness key is never overwritten; choose another file");
            }
            NoteKey k;
            try {
                k = NoteKey.generate(name);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("", "--name", e.getMessage());
            }
            if ((member == null) != (signWith == null)) {
                throw new BadInputException("", member == null ? "--member" : "--sign-with", "give --member and --sign-with together");
            }
            dev.pillar.crypto.Ed25519Keys.SigningKey memberKey = signWith == null ? null : GovernanceCommand.readKey(signWith);
            dev.pillar.core.model.Country m = member == null ? null : GovernanceCommand.country("--member", member);
            KeyFiles.writePrivate(out, k.signerText() + "\n");
            spec.commandLine().getOut().println(k.verifierText());
            if (memberKey != null) {
                String jws = dev.pillar.codec.governance.GovernanceCodec.sign(new dev.pillar.core.governance.Statement.WitnessKey(m, k.verifierText()), memberKey);
                spec.commandLine().getOut().println(dev.pillar.codec.world.WorldDocuments.mapper().createObjectNode().put("member", m.code())
                        .put("key", k.verifierText()).put("jws", jws));
            }
            return Main.OK;
        }
    }

    @Command(name = "witness-revoke", mixinStandardHelpOptions = true,
            description = {"Sign the revocation of a core member's witness key with the member's key file, and print the body for",
                    "POST /api/v1/audit/witnesses/revocations (the secretariat or the member's delegate sends it). From then on the",
                    "key's cosignatures count for no checkpoint."})
    static final class WitnessRevoke implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--member", required = true, description = "the core member whose witness key it is, e.g. GBR")
        String member;

        @Option(names = "--key", required = true, description = "the witness's verifier key as registered (name+keyid+base64)")
        String key;

        @Option(names = "--sign-with", required = true, description = "the member's key file (pillar governance keygen)")
        Path signWith;

        @Override
        public Integer call() throws IOException {
            try {
                NoteKey.verifier(key);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("", "--key", e.getMessage());
            }
            dev.pillar.core.model.Country m = GovernanceCommand.country("--member", member);
            String jws = dev.pillar.codec.governance.GovernanceCodec.sign(new dev.pillar.core.governance.Statement.WitnessRevoke(m, key.strip()),
                    GovernanceCommand.readKey(signWith));
            spec.commandLine().getOut().println(dev.pillar.codec.world.WorldDocuments.mapper().createObjectNode().put("member", m.code())
                    .put("key", key.strip()).put("jws", jws));
            return Main.OK;
        }
    }
}
