package dev.pillar.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pillar's checkpoints, inclusion proofs and consistency proofs, checked by an independent implementation: Go's
 * golang.org/x/mod/sumdb/note and sumdb/tlog (Debian packages golang-go and golang-golang-x-mod-dev, which ./test
 * and .ci/run install). The Go program is src/test/go/tlogverify.
 */
class GoInteropTest {
    private static final Path GOPATH = Path.of("/usr/share/gocode");
    private static final Path PROGRAM = Path.of("src/test/go/tlogverify/main.go").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    @BeforeAll
    static void goIsThere() {
        assertThat(GOPATH.resolve("src/golang.org/x/mod/sumdb/tlog")).as("Go's x/mod sources: apt-get install golang-go golang-golang-x-mod-dev "
                + "(./test installs them when run as root)").isDirectory();
    }

    private record Result(int exit, String output) {}

    private static Result runGo(String input, Path work) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("go", "run", PROGRAM.toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GO111MODULE", "off");
        env.put("GOPATH", GOPATH.toString());
        env.put("GOCACHE", work.resolve("go-cache").toString());
        env.put("GOFLAGS", "");
        env.put("GOTOOLCHAIN", "local");
        env.put("GOPROXY", "off"); // never fetch anything
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static ArrayNode hashes(List<byte[]> proof) {
        ArrayNode a = JSON.createArrayNode();
        proof.forEach(h -> a.add(B64.encodeToString(h)));
        return a;
    }

    @Test
    @Timeout(300)
    void goVerifiesPillarsCheckpointInclusionAndConsistencyProofsAndRejectsTamperedOnes(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        int size = 1_337;
        TreeHashes tree = new TreeHashes();
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] e = ("{\"type\":\"decision\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            entries.add(e);
            tree.appendLeafHash(Merkle.leafHash(e));
        }
        NoteKey key = NoteKey.generate("pillar.example/audit");
        Checkpoint cp = new Checkpoint("pillar.example/audit", size, Merkle.root(tree, size));
        String note = SignedNote.sign(cp.text(), key).render();

        ObjectNode in = JSON.createObjectNode();
        in.put("verifierKey", key.verifierText());
        in.put("checkpoint", note);
        ArrayNode inc = in.putArray("inclusion");
        for (int i : new int[] {0, 1, 2, 511, 512, 1_024, 1_335, 1_336}) {
            ObjectNode o = inc.addObject();
            o.put("index", i);
            o.put("entry", B64.encodeToString(entries.get(i)));
            o.set("proof", hashes(Merkle.inclusionProof(tree, i, size)));
        }
        ArrayNode con = in.putArray("consistency");
        for (int m : new int[] {1, 2, 3, 7, 8, 512, 1_000, 1_336, 1_337}) {
            ObjectNode o = con.addObject();
            o.put("from", m);
            o.put("fromRoot", B64.encodeToString(Merkle.root(tree, m)));
            o.set("proof", hashes(Merkle.consistencyProof(tree, m, size)));
        }
        Result ok = runGo(in.toString(), work);
        assertThat(ok.output()).contains("18 passed, 0 failed");
        assertThat(ok.exit()).isZero();

        // the same checks must fail in Go when Pillar's answers are wrong: a changed entry, a changed proof, a forged root
        ((ObjectNode) inc.get(3)).put("entry", B64.encodeToString("forged".getBytes(StandardCharsets.UTF_8)));
        ArrayNode proof = (ArrayNode) con.get(5).get("proof");
        byte[] h = Base64.getDecoder().decode(proof.get(0).asString());
        h[0] ^= 1;
        proof.set(0, B64.encodeToString(h));
        Result bad = runGo(in.toString(), work);
        assertThat(bad.output()).contains("inclusion of entry 511 in tree 1337: FAIL", "consistency of tree 512 with tree 1337: FAIL", "16 passed, 2 failed");
        assertThat(bad.exit()).isEqualTo(1);

        in.put("checkpoint", note.replace("\n" + size + "\n", "\n" + (size + 1) + "\n"));
        Result forged = runGo(in.toString(), work);
        assertThat(forged.output()).contains("checkpoint signature: FAIL");
        assertThat(forged.exit()).isEqualTo(1);
        Files.deleteIfExists(work.resolve("unused"));
    }

    @Test
    @Timeout(300)
    void goVerifiesACheckpointCosignedByTheWitnessesAndRejectsAMissingOrForgedCosignature(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        TreeHashes tree = new TreeHashes();
        for (int i = 0; i < 100; i++) {
            tree.appendLeafHash(Merkle.leafHash(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        NoteKey log = NoteKey.generate("pillar.example/audit");
        SignedNote signed = SignedNote.sign(new Checkpoint(log.name(), 100, Merkle.root(tree, 100)).text(), log);
        List<NoteKey> witnesses = List.of(NoteKey.generate("aus.example/witness"), NoteKey.generate("gbr.example/witness"),
                NoteKey.generate("usa.example/witness"));
        SignedNote cosigned = signed;
        for (NoteKey w : witnesses) {
            Witness.check(log, null, cosigned, (a, b) -> List.of()); // each witness checks the log's signature first
            cosigned = Witness.cosign(cosigned, w);
        }
        ObjectNode in = JSON.createObjectNode();
        in.put("verifierKey", log.verifierText());
        in.put("checkpoint", cosigned.render());
        ArrayNode keys = in.putArray("witnessKeys");
        witnesses.forEach(w -> keys.add(w.verifierText()));
        Result ok = runGo(in.toString(), work);
        assertThat(ok.output()).contains("4 passed, 0 failed");
        assertThat(ok.exit()).isZero();

        // one witness did not cosign
        in.put("checkpoint", signed.cosign(witnesses.get(0)).cosign(witnesses.get(1)).render());
        Result missing = runGo(in.toString(), work);
        assertThat(missing.output()).contains("cosignature by usa.example/witness: FAIL: missing");
        assertThat(missing.exit()).isEqualTo(1);

        // a cosignature changed after signing: Go refuses the whole note
        String text = cosigned.render();
        int at = text.indexOf("\u2014 gbr.example/witness ") + "\u2014 gbr.example/witness ".length();
        byte[] sig = Base64.getDecoder().decode(text.substring(at, text.indexOf('\n', at)));
        sig[10] ^= 1;
        in.put("checkpoint", text.substring(0, at) + B64.encodeToString(sig) + text.substring(text.indexOf('\n', at)));
        Result forged = runGo(in.toString(), work);
        assertThat(forged.output()).contains("checkpoint signature: FAIL");
        assertThat(forged.exit()).isEqualTo(1);
    }

    @Test
    @Timeout(300)
    void whatPillarAuditProveAndConsistencyPrintIsCheckedByGoAsIs(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        Path data = work.resolve("data");
        dev.pillar.boot.Pillar.start(dev.pillar.http.ServerConfig.defaults(0, data), new java.io.PrintWriter(java.io.Writer.nullWriter())).stop();
        for (String[] args : List.of(new String[] {"audit", "prove", "--entry", "3", "--data", data.toString()},
                new String[] {"audit", "consistency", "--from", "2", "--data", data.toString()})) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            assertThat(dev.pillar.boot.Main.run(args, new java.io.PrintWriter(out), new java.io.PrintWriter(err))).as(err.toString()).isZero();
            Result go = runGo(out.toString(), work);
            assertThat(go.output()).as(String.join(" ", args)).contains("2 passed, 0 failed");
            assertThat(go.exit()).isZero();
        }
    }
}
