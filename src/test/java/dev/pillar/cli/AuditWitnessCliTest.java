package dev.pillar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.app.audit.Checkpoint;
import dev.pillar.app.audit.Merkle;
import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.audit.SignedNote;
import dev.pillar.app.audit.TreeHashes;
import dev.pillar.boot.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pillar audit witness} with checkpoints and proofs in files: it cosigns a checkpoint that extends the last one
 * it saw, and refuses (exit 3, nothing signed, its state unchanged) a smaller tree, a fork of the same size, a tree
 * that does not extend the one seen, a bad signature, another origin and another log key.
 */
class AuditWitnessCliTest {
    static final String ORIGIN = "pillar.example/audit";
    @TempDir
    Path dir;
    NoteKey logKey;
    NoteKey witnessKey;
    Path keyFile;
    Path state;
    TreeHashes tree;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static TreeHashes tree(int size, int changed) {
        TreeHashes t = new TreeHashes();
        for (int i = 0; i < size; i++) {
            t.appendLeafHash(Merkle.leafHash(("{\"n\":" + i + (i == changed ? ",\"changed\":true" : "") + "}").getBytes(StandardCharsets.UTF_8)));
        }
        return t;
    }

    Path checkpoint(TreeHashes t, long size, NoteKey signer, String origin) throws Exception {
        Path f = dir.resolve("cp-" + size + "-" + System.nanoTime());
        Files.writeString(f, SignedNote.sign(new Checkpoint(origin, size, Merkle.root(t, size)).text(), signer).render());
        return f;
    }

    Path proof(TreeHashes t, long from, long to) throws Exception {
        StringBuilder b = new StringBuilder("{\"from\":" + from + ",\"to\":" + to + ",\"proof\":[");
        List<byte[]> p = Merkle.consistencyProof(t, from, to);
        for (int i = 0; i < p.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(Base64.getEncoder().encodeToString(p.get(i))).append('"');
        }
        Path f = dir.resolve("proof-" + from + "-" + to + "-" + System.nanoTime());
        Files.writeString(f, b.append("]}").toString());
        return f;
    }

    Run witness(Path cp, Path proof, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("audit", "witness", "--key", keyFile.toString(), "--state", state.toString(),
                "--checkpoint", cp.toString()));
        if (proof != null) {
            args.addAll(List.of("--proof", proof.toString()));
        }
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @BeforeEach
    void setUp() throws Exception {
        logKey = NoteKey.generate(ORIGIN);
        witnessKey = NoteKey.generate("gbr.example/witness");
        keyFile = dir.resolve("witness.key");
        Files.writeString(keyFile, witnessKey.signerText() + "\n");
        state = dir.resolve("state");
        tree = tree(40, -1);
        // the first run pins the log key and cosigns the checkpoint of size 10
        Run first = witness(checkpoint(tree, 10, logKey, ORIGIN), null, "--log-key", NoteKey.verifier(logKey.verifierText()).verifierText());
        assertThat(first.exit()).as(first.err()).isZero();
        SignedNote cosigned = SignedNote.parse(first.out());
        assertThat(cosigned.verifiedBy(logKey)).isTrue();
        assertThat(cosigned.verifiedBy(NoteKey.verifier(witnessKey.verifierText()))).as("cosigned by the witness key").isTrue();
        assertThat(Checkpoint.parse(Files.readString(state.resolve("checkpoint")).split("\n\n")[0] + "\n").size()).isEqualTo(10);
        assertThat(Files.readString(state.resolve("log-key")).strip()).isEqualTo(logKey.verifierText());
    }

    private String stateNow() throws Exception {
        return Files.readString(state.resolve("checkpoint")) + Files.readString(state.resolve("log-key"));
    }

    @Test
    void cosignsAGrowingLogWithAConsistencyProofAndKeepsTheNewCheckpoint() throws Exception {
        Run r = witness(checkpoint(tree, 25, logKey, ORIGIN), proof(tree, 10, 25));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("consistent with size 10");
        SignedNote note = SignedNote.parse(r.out());
        assertThat(Checkpoint.parse(note.text()).size()).isEqualTo(25);
        assertThat(note.verifiedBy(NoteKey.verifier(witnessKey.verifierText()))).isTrue();
        assertThat(stateNow()).contains("\n25\n");

        // --out writes the cosigned note to a file; the same checkpoint again is fine (nothing to be inconsistent with)
        Path out = dir.resolve("cosigned.note");
        Run again = witness(checkpoint(tree, 25, logKey, ORIGIN), null, "--out", out.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(SignedNote.parse(Files.readString(out)).verifiedBy(NoteKey.verifier(witnessKey.verifierText()))).isTrue();
    }

    private void refused(Run r, String why) throws Exception {
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("REFUSED").contains(why).contains("nothing was signed");
        assertThat(r.out()).as("nothing signed is printed").isEmpty();
    }

    @Test
    void refusesASmallerTree() throws Exception {
        String before = stateNow();
        refused(witness(checkpoint(tree, 7, logKey, ORIGIN), null), "fewer than the 10");
        assertThat(stateNow()).isEqualTo(before);
    }

    @Test
    void refusesAnotherTreeOfTheSameSize() throws Exception {
        String before = stateNow();
        refused(witness(checkpoint(tree(40, 3), 10, logKey, ORIGIN), null), "two different trees");
        assertThat(stateNow()).isEqualTo(before);
    }

    @Test
    void refusesATreeThatDoesNotExtendTheOneSeen() throws Exception {
        String before = stateNow();
        TreeHashes rewritten = tree(40, 4); // entry 4 changed after the witness saw size 10
        refused(witness(checkpoint(rewritten, 30, logKey, ORIGIN), proof(rewritten, 10, 30)), "does not verify");
        // nor is a proof for other sizes taken
        refused(witness(checkpoint(tree, 30, logKey, ORIGIN), proof(tree, 5, 30)), "not 30 extends 10");
        // nor no proof at all
        refused(witness(checkpoint(tree, 30, logKey, ORIGIN), null), "give --proof FILE");
        assertThat(stateNow()).isEqualTo(before);
    }

    @Test
    void refusesABadSignatureAndAnotherOrigin() throws Exception {
        String before = stateNow();
        NoteKey impostor = NoteKey.generate(ORIGIN); // the same name, another key
        refused(witness(checkpoint(tree, 30, impostor, ORIGIN), proof(tree, 10, 30)), "not signed by the log's key");
        String forged = Files.readString(checkpoint(tree, 30, logKey, ORIGIN)).replace("\n30\n", "\n31\n");
        Path f = dir.resolve("forged");
        Files.writeString(f, forged);
        refused(witness(f, proof(tree, 10, 31)), "not signed by the log's key");
        refused(witness(checkpoint(tree, 30, logKey, "other.example/audit"), proof(tree, 10, 30)), "origin 'other.example/audit'");
        assertThat(stateNow()).isEqualTo(before);
    }

    @Test
    void refusesAnotherLogKeyThanThePinnedOneAndExplainsTheFirstRun() throws Exception {
        String before = stateNow();
        NoteKey other = NoteKey.generate("other.example/audit");
        Run r = witness(checkpoint(tree, 30, other, "other.example/audit"), proof(tree, 10, 30), "--log-key", other.verifierText());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("not the key pinned");
        assertThat(stateNow()).isEqualTo(before);

        Run firstWithoutKey = run("audit", "witness", "--key", keyFile.toString(), "--state", dir.resolve("fresh").toString(),
                "--checkpoint", checkpoint(tree, 10, logKey, ORIGIN).toString());
        assertThat(firstWithoutKey.exit()).isEqualTo(2);
        assertThat(firstWithoutKey.err()).contains("--log-key").contains("out of band");
        assertThat(dir.resolve("fresh/checkpoint")).doesNotExist();
    }

    @Test
    void witnessKeyMakesAKeyOnceAndRefusesToOverwriteIt() throws Exception {
        Path k = dir.resolve("new.key");
        Run made = run("audit", "witness-key", "--name", "aus.example/witness", "--out", k.toString());
        assertThat(made.exit()).as(made.err()).isZero();
        NoteKey verifier = NoteKey.verifier(made.out().strip());
        assertThat(verifier.name()).isEqualTo("aus.example/witness");
        assertThat(NoteKey.signer(Files.readString(k)).verifierText()).isEqualTo(verifier.verifierText());
        Run again = run("audit", "witness-key", "--name", "aus.example/witness", "--out", k.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("--out").contains("never overwritten");
        Run badName = run("audit", "witness-key", "--name", "has space", "--out", dir.resolve("x.key").toString());
        assertThat(badName.exit()).isEqualTo(2);
        assertThat(badName.err()).contains("--name");
    }
}
