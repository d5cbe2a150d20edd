package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.app.audit.Checkpoint;
import dev.pillar.app.audit.NoteKey;
import dev.pillar.app.audit.SignedNote;
import dev.pillar.boot.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Witnesses against a running server, as the core members run them: keys registered through the API, {@code pillar
 * audit witness --server} for AUS, GBR and USA, and the checkpoint they all cosigned shown as such; what the server
 * refuses to keep; and {@code pillar audit checkpoint|prove|consistency --server}, checking what the server answers.
 */
class AuditWitnessApiTest {
    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static ApiServer app;
    static String admin;
    static NoteKey logKey;
    /** The core members' keys, enrolled by the key ceremony: a member signs each registration of its witness keys. */
    static Map<String, dev.pillar.crypto.Ed25519Keys.SigningKey> memberKeys = new TreeMap<>();

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
        admin = app.token("admin");
        logKey = NoteKey.verifier(app.get("/api/v1/audit/key", admin).body());
        dev.pillar.app.KeyCeremony.enrolFresh(app.server.governance()).forEach((m, k) -> memberKeys.put(m.code(), k));
    }

    /** {@code member}'s signature of its witness key {@code key}, with {@code signer}'s key. */
    static String signed(String member, String key, String signer) {
        return dev.pillar.codec.governance.GovernanceCodec.sign(new dev.pillar.core.governance.Statement.WitnessKey(
                dev.pillar.core.model.Country.of(member), key), memberKeys.get(signer));
    }

    @AfterAll
    static void stop() {
        app.closeCheckingContract();
    }

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Path tokenFile(String role) throws Exception {
        Path f = work.resolve(role + ".token");
        Files.writeString(f, app.token(role));
        return f;
    }

    static ApiServer.Response register(String role, String member, String key) {
        return app.post("/api/v1/audit/witnesses", app.token(role), ApiServer.json("member", member, "key", key, "jws",
                memberKeys.containsKey(member) ? signed(member, key, member) : "x.y.z"));
    }

    static ApiServer.Response cosign(String role, String note) {
        return app.send(app.request("/api/v1/audit/cosignatures", app.token(role)).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(note)));
    }

    static long latestSize() {
        return Checkpoint.parse(SignedNote.parse(app.get("/api/v1/audit/checkpoint", admin).body()).text()).size();
    }

    @Test
    void theCoreMembersWitnessTheLogAndACheckpointTheyAllCosignedIsShownAsSuch() throws Exception {
        Map<String, NoteKey> witnessKeys = new TreeMap<>();
        Map<String, Path> keyFiles = new TreeMap<>();
        for (String member : List.of("AUS", "GBR", "USA")) {
            Path f = work.resolve(member + ".key");
            Run made = cli("audit", "witness-key", "--name", member.toLowerCase() + ".example/pillar-witness", "--out", f.toString());
            assertThat(made.exit()).as(made.err()).isZero();
            witnessKeys.put(member, NoteKey.verifier(made.out().strip()));
            keyFiles.put(member, f);
        }
        // who may register which key
        ApiServer.Response other = register("delegate", "USA", witnessKeys.get("USA").verifierText());
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("field").asString()).isEqualTo("member");
        ApiServer.Response notCore = register("secretariat", "KOR", witnessKeys.get("USA").verifierText());
        assertThat(notCore.status()).isEqualTo(400);
        assertThat(notCore.json().get("detail").asString()).contains("not a core member");
        // the secretariat (or an admin-made account) cannot make a member's witness: the member signs it with its own key
        ApiServer.Response unsigned = app.post("/api/v1/audit/witnesses", app.token("secretariat"),
                ApiServer.json("member", "USA", "key", witnessKeys.get("USA").verifierText()));
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(unsigned.json().get("field").asString()).isEqualTo("jws");
        ApiServer.Response byAnother = app.post("/api/v1/audit/witnesses", app.token("secretariat"),
                ApiServer.json("member", "USA", "key", witnessKeys.get("USA").verifierText(), "jws", signed("USA", witnessKeys.get("USA").verifierText(), "GBR")));
        assertThat(byAnother.status()).as("signed with another member's key").isEqualTo(400);
        assertThat(byAnother.json().get("detail").asString()).contains("not a key of USA");
        ApiServer.Response badKey = register("secretariat", "USA", "usa.example/witness+00000000+AQ==");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().get("field").asString()).isEqualTo("key");
        assertThat(register("delegate", "GBR", witnessKeys.get("GBR").verifierText()).status()).isEqualTo(201);
        long partlyRegistered = latestSize();
        assertThat(register("secretariat", "AUS", witnessKeys.get("AUS").verifierText()).status()).isEqualTo(201);
        assertThat(register("secretariat", "USA", witnessKeys.get("USA").verifierText()).status()).isEqualTo(201);
        assertThat(register("secretariat", "USA", witnessKeys.get("USA").verifierText()).status()).as("registered once").isEqualTo(409);
        JsonNode listed = app.get("/api/v1/audit/witnesses", app.token("engineer")).json();
        assertThat(listed.get("witnesses")).hasSize(3);
        assertThat(listed.get("coreMembers").toString()).isEqualTo("[\"AUS\",\"GBR\",\"USA\"]");
        // the registration is in the log
        JsonNode last = ApiServer.JSON.readTree(app.get("/api/v1/audit/entries/" + (latestSize() - 1), admin).json().get("entry").asString());
        assertThat(last.get("type").asString()).isEqualTo("witness");
        assertThat(last.get("member").asString()).isEqualTo("USA");

        // GBR cosigns alone first: not all core members
        Map<String, Path> states = new TreeMap<>();
        witnessKeys.keySet().forEach(m -> states.put(m, work.resolve("state-" + m)));
        Run gbr = witness("GBR", keyFiles, states, "delegate", "--log-key", logKey.verifierText());
        assertThat(gbr.exit()).as(gbr.err()).isZero();
        long size = latestSize();
        JsonNode one = app.get("/api/v1/audit/checkpoints?limit=1", admin).json().get("checkpoints").get(0);
        assertThat(one.get("treeSize").asLong()).isEqualTo(size);
        assertThat(one.get("cosignedBy").toString()).isEqualTo("[\"GBR\"]");
        assertThat(one.get("missing").toString()).isEqualTo("[\"AUS\",\"USA\"]");
        assertThat(one.get("cosignedByAllCoreMembers").asBoolean()).isFalse();

        for (String m : List.of("AUS", "USA")) {
            Run r = witness(m, keyFiles, states, "secretariat", "--log-key", logKey.verifierText());
            assertThat(r.exit()).as(r.err()).isZero();
        }
        JsonNode all = app.get("/api/v1/audit/checkpoints?limit=1", admin).json().get("checkpoints").get(0);
        assertThat(all.get("treeSize").asLong()).isEqualTo(size);
        assertThat(all.get("cosignedBy").toString()).isEqualTo("[\"AUS\",\"GBR\",\"USA\"]");
        assertThat(all.get("cosignedByAllCoreMembers").asBoolean()).isTrue();
        SignedNote cosigned = SignedNote.parse(app.get("/api/v1/audit/checkpoints/" + size, app.token("engineer")).body());
        assertThat(cosigned.verifiedBy(logKey)).isTrue();
        witnessKeys.values().forEach(k -> assertThat(cosigned.verifiedBy(k)).as(k.name()).isTrue());
        assertThat(cosigned.signatures()).hasSize(4);
        // an earlier checkpoint no witness saw shows who is missing
        JsonNode earlier = app.get("/api/v1/audit/checkpoints?before=" + (partlyRegistered + 1) + "&limit=1", admin).json().get("checkpoints").get(0);
        assertThat(earlier.get("cosignedByAllCoreMembers").asBoolean()).isFalse();
        assertThat(earlier.get("missing").toString()).isEqualTo("[\"AUS\",\"GBR\",\"USA\"]");

        // the log grows; GBR's witness checks the consistency proof from what it saw and cosigns again
        assertThat(app.post("/api/v1/decisions", admin, ApiBehaviourTest.GBR_DECISION).status()).isEqualTo(201);
        Run again = witness("GBR", keyFiles, states, "delegate");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("consistent with size " + size);
        assertThat(Files.readString(states.get("GBR").resolve("checkpoint"))).contains("\n" + latestSize() + "\n");

        // a witness pinned to another log refuses this one: nothing signed, nothing sent, its state unchanged
        String before = Files.readString(states.get("AUS").resolve("checkpoint"));
        NoteKey otherLog = NoteKey.generate(logKey.name());
        Path otherState = work.resolve("state-other");
        Run wrong = cli("audit", "witness", "--key", keyFiles.get("AUS").toString(), "--state", otherState.toString(), "--server", app.base,
                "--token-file", tokenFile("secretariat").toString(), "--log-key", otherLog.verifierText());
        assertThat(wrong.exit()).isEqualTo(3);
        assertThat(wrong.err()).contains("REFUSED").contains("not signed by the log's key");
        assertThat(otherState.resolve("checkpoint")).doesNotExist();
        assertThat(Files.readString(states.get("AUS").resolve("checkpoint"))).isEqualTo(before);

        // issue "trust no single role", finding 2: a witness key can be revoked, only by the member's own signature
        String usaKey = witnessKeys.get("USA").verifierText();
        String byGbr = dev.pillar.codec.governance.GovernanceCodec.sign(new dev.pillar.core.governance.Statement.WitnessRevoke(
                dev.pillar.core.model.Country.of("USA"), usaKey), memberKeys.get("GBR"));
        ApiServer.Response forged = app.post("/api/v1/audit/witnesses/revocations", app.token("secretariat"),
                ApiServer.json("member", "USA", "key", usaKey, "jws", byGbr));
        assertThat(forged.status()).as(forged.body()).isEqualTo(400);
        assertThat(forged.json().get("field").asString()).isEqualTo("jws");
        assertThat(app.post("/api/v1/audit/witnesses/revocations", admin, ApiServer.json("member", "USA", "key", usaKey, "jws", byGbr)).status())
                .as("the admin takes no part").isEqualTo(403);
        // the member signs it on the command line with its key file
        Path usaMemberKey = work.resolve("usa-member.jwk");
        Files.writeString(usaMemberKey, dev.pillar.crypto.Ed25519Keys.privateJwk(memberKeys.get("USA")).toString());
        Run signedRevocation = cli("audit", "witness-revoke", "--member", "USA", "--key", usaKey, "--sign-with", usaMemberKey.toString());
        assertThat(signedRevocation.exit()).as(signedRevocation.err()).isZero();
        ApiServer.Response revoked = app.post("/api/v1/audit/witnesses/revocations", app.token("secretariat"), signedRevocation.out().strip());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("revokedBy").asString()).isEqualTo("sec");
        assertThat(app.post("/api/v1/audit/witnesses/revocations", app.token("secretariat"), signedRevocation.out().strip()).status())
                .as("revoked once").isEqualTo(409);
        JsonNode entry = ApiServer.JSON.readTree(app.get("/api/v1/audit/entries/" + (latestSize() - 1), admin).json().get("entry").asString());
        assertThat(entry.get("type").asString()).isEqualTo("witness-revoked");
        // from then on its cosignatures count for no checkpoint, the one all three cosigned included
        JsonNode now = app.get("/api/v1/audit/checkpoints?before=" + (size + 1) + "&limit=1", admin).json().get("checkpoints").get(0);
        assertThat(now.get("treeSize").asLong()).isEqualTo(size);
        assertThat(now.get("cosignedByAllCoreMembers").asBoolean()).isFalse();
        assertThat(now.get("missing").toString()).isEqualTo("[\"USA\"]");
        assertThat(app.get("/api/v1/audit/witnesses", admin).json().get("witnesses").findValuesAsString("revokedAt")).hasSize(1);
    }

    private static Run witness(String member, Map<String, Path> keyFiles, Map<String, Path> states, String role, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("audit", "witness", "--key", keyFiles.get(member).toString(), "--state", states.get(member).toString(),
                "--server", app.base, "--token-file", tokenFile(role).toString()));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    @Test
    void theServerKeepsOnlyValidCosignaturesOfItsOwnCheckpoints() {
        NoteKey w = NoteKey.generate("gbr.example/second-witness");
        assertThat(register("delegate", "GBR", w.verifierText()).status()).isEqualTo(201);
        SignedNote cp = SignedNote.parse(app.get("/api/v1/audit/checkpoint", admin).body());
        long size = Checkpoint.parse(cp.text()).size();

        ApiServer.Response unregistered = cosign("delegate", cp.cosign(NoteKey.generate("nobody.example/witness")).render());
        assertThat(unregistered.status()).isEqualTo(400);
        assertThat(unregistered.json().get("field").asString()).isEqualTo("note");
        assertThat(unregistered.json().get("detail").asString()).contains("no valid signature by a registered witness key");

        String otherText = cp.text().replace("\n" + size + "\n", "\n" + size + "\n").replaceFirst("\n[A-Za-z0-9+/=]+\n$", "\n" + "A".repeat(43) + "=\n");
        ApiServer.Response changed = cosign("delegate", SignedNote.sign(otherText, w).render());
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.json().get("detail").asString()).contains("is not the checkpoint the log signed");

        ApiServer.Response never = cosign("delegate", SignedNote.sign(new Checkpoint(logKey.name(), 999_999, new byte[32]).text(), w).render());
        assertThat(never.status()).isEqualTo(404);
        ApiServer.Response notANote = cosign("delegate", "hello");
        assertThat(notANote.status()).isEqualTo(400);

        // a forged line under a registered key's name is not kept
        String forged = cp.render() + "\u2014 gbr.example/second-witness " + java.util.Base64.getEncoder().encodeToString(new byte[68]) + "\n";
        assertThat(cosign("delegate", forged).status()).isEqualTo(400);
        JsonNode kept = app.get("/api/v1/audit/checkpoints?before=" + (size + 1) + "&limit=1", admin).json().get("checkpoints").get(0);
        assertThat(kept.get("cosignatures")).isEmpty();

        ApiServer.Response ok = app.post("/api/v1/audit/cosignatures", app.token("delegate"), ApiServer.json("note", cp.cosign(w).render()));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("cosignedBy").toString()).contains("GBR");
        assertThat(SignedNote.parse(ok.json().get("note").asString()).verifiedBy(NoteKey.verifier(w.verifierText()))).isTrue();
    }

    @Test
    void proveConsistencyAndCheckpointAgainstTheServerCheckWhatItAnswers() throws Exception {
        String token = tokenFile("admin").toString();
        String decisionId = app.post("/api/v1/decisions", admin, ApiBehaviourTest.GBR_DECISION).json().get("decisionId").asString();
        long index = app.get("/api/v1/audit/decisions/" + decisionId, admin).json().get("index").asLong();
        assertThat(app.get("/api/v1/audit/decisions/" + decisionId, app.token("engineer")).status()).isEqualTo(403);
        assertThat(app.get("/api/v1/audit/decisions/no-such-decision", admin).status()).isEqualTo(404);

        Run prove = cli("audit", "prove", "--decision", decisionId, "--server", app.base, "--token-file", token, "--log-key", logKey.verifierText());
        assertThat(prove.exit()).as(prove.err()).isZero();
        JsonNode p = ApiServer.JSON.readTree(prove.out());
        assertThat(p.get("verified").asBoolean()).isTrue();
        assertThat(p.get("inclusion").get(0).get("index").asLong()).isEqualTo(index);
        assertThat(p.get("entryText").asString()).contains(decisionId);
        assertThat(SignedNote.parse(p.get("checkpoint").asString()).verifiedBy(logKey)).isTrue();

        Run byEntry = cli("audit", "prove", "--entry", "0", "--server", app.base, "--token-file", token);
        assertThat(byEntry.exit()).as(byEntry.err()).isZero();
        assertThat(byEntry.err()).contains("pin the key you got out of band with --log-key");

        Run beyond = cli("audit", "prove", "--entry", "99999999", "--server", app.base, "--token-file", token);
        assertThat(beyond.exit()).isEqualTo(2);
        assertThat(beyond.err()).contains("--entry").contains("99999999");
        Run unknown = cli("audit", "prove", "--decision", "no-such-decision", "--server", app.base, "--token-file", token);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--decision").contains("no-such-decision");
        Run wrongKey = cli("audit", "prove", "--entry", "0", "--server", app.base, "--token-file", token, "--log-key",
                NoteKey.generate(logKey.name()).verifierText());
        assertThat(wrongKey.exit()).isEqualTo(3);
        assertThat(wrongKey.err()).contains("not signed by the log key");

        Run cons = cli("audit", "consistency", "--from", "3", "--server", app.base, "--token-file", token, "--log-key", logKey.verifierText());
        assertThat(cons.exit()).as(cons.err()).isZero();
        JsonNode c = ApiServer.JSON.readTree(cons.out());
        assertThat(c.get("verified").asBoolean()).isTrue();
        assertThat(c.get("toSigned").asBoolean()).isTrue();
        Run backwards = cli("audit", "consistency", "--from", "9", "--to", "4", "--server", app.base, "--token-file", token);
        assertThat(backwards.exit()).isEqualTo(2);
        assertThat(backwards.err()).contains("--from").contains("greater than --to");
        Run past = cli("audit", "consistency", "--from", "2", "--to", "99999999", "--server", app.base, "--token-file", token);
        assertThat(past.exit()).isEqualTo(2);
        assertThat(past.err()).contains("--to").contains("beyond the log");

        Run checkpoint = cli("audit", "checkpoint", "--server", app.base, "--token-file", token, "--log-key", logKey.verifierText());
        assertThat(checkpoint.exit()).as(checkpoint.err()).isZero();
        assertThat(SignedNote.parse(checkpoint.out()).verifiedBy(logKey)).isTrue();
        Run noToken = cli("audit", "checkpoint", "--server", app.base, "--token-file", work.resolve("missing").toString());
        assertThat(noToken.exit()).isEqualTo(2);
        assertThat(noToken.err()).contains("--token-file");
    }

    @Test
    void theCommandsReadTheEmbeddedStoreOfAStoppedServer(@TempDir Path other) throws Exception {
        String decisionId;
        try (ApiServer second = new ApiServer(other)) {
            decisionId = second.post("/api/v1/decisions", second.token("admin"), ApiBehaviourTest.GBR_DECISION).json().get("decisionId").asString();
        }
        Run prove = cli("audit", "prove", "--decision", decisionId, "--data", other.toString());
        assertThat(prove.exit()).as(prove.err()).isZero();
        JsonNode p = ApiServer.JSON.readTree(prove.out());
        assertThat(p.get("verified").asBoolean()).isTrue();
        NoteKey key = NoteKey.verifier(p.get("verifierKey").asString());
        assertThat(SignedNote.parse(p.get("checkpoint").asString()).verifiedBy(key)).isTrue();
        long size = p.get("treeSize").asLong();

        Run beyond = cli("audit", "prove", "--entry", String.valueOf(size + 5), "--data", other.toString());
        assertThat(beyond.exit()).isEqualTo(2);
        assertThat(beyond.err()).contains("--entry").contains("0 to " + (size - 1));
        Run unknown = cli("audit", "prove", "--decision", "nope", "--data", other.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--decision").contains("'nope'");
        Run both = cli("audit", "prove", "--data", other.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--entry N or --decision ID");

        Run cons = cli("audit", "consistency", "--from", "2", "--to", String.valueOf(size), "--data", other.toString());
        assertThat(cons.exit()).as(cons.err()).isZero();
        assertThat(ApiServer.JSON.readTree(cons.out()).get("verified").asBoolean()).isTrue();
        Run backwards = cli("audit", "consistency", "--from", String.valueOf(size), "--to", "2", "--data", other.toString());
        assertThat(backwards.exit()).isEqualTo(2);
        assertThat(backwards.err()).contains("--from");
        Run zero = cli("audit", "consistency", "--from", "0", "--data", other.toString());
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--from").contains("1 or more");

        Run cp = cli("audit", "checkpoint", "--data", other.toString());
        assertThat(cp.exit()).as(cp.err()).isZero();
        assertThat(Checkpoint.parse(SignedNote.parse(cp.out()).text()).size()).isEqualTo(size);
        Run noStore = cli("audit", "checkpoint", "--data", other.resolve("nothing-here").toString());
        assertThat(noStore.exit()).isEqualTo(2);
        assertThat(noStore.err()).contains("--data").contains("no audit-key");
    }
}
