package dev.pillar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.crypto.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pillar governance} as a delegate and the secretariat use it: keys made by keygen, a proposal, votes signed with
 * key files, show, verify and export; refusals exit 2 and record nothing. The exported bundle is then checked by an
 * independent implementation: npm's {@code jose} under Node (src/test/node, installed by ./test), which also checks
 * Pillar's RFC 8785 numbers against ECMAScript's own.
 */
public class GovernanceCliTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();

    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void dirs() {
        data = tmp.resolve("data");
    }

    CliTest.Run cli(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--data");
        a.add(data.toString());
        return CliTest.run(a.toArray(String[]::new));
    }

    static String day(int plusDays) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(plusDays).toString();
    }

    /**
     * Keys for the three members, enrolled by the first-key ceremony (keygen --enrol, two co-signatures each, the
     * secretariat's confirmation); a proposal to admit CAN (at formal discussions in the built-in world) to MAS-1 (P-1).
     */
    void proposeWithKeys() {
        List<String> members = List.of("AUS", "GBR", "USA");
        for (String m : members) {
            CliTest.Run r = cli("governance", "keygen", "--member", m, "--out", tmp.resolve(m + ".jwk").toString(), "--enrol");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("requested enrolment K-" + (members.indexOf(m) + 1) + " of " + m, "needs");
        }
        for (int i = 0; i < members.size(); i++) {
            String id = "K-" + (i + 1);
            for (String other : members) {
                if (!other.equals(members.get(i))) {
                    CliTest.Run c = cli("governance", "cosign", "--enrolment", id, "--member", other, "--key", tmp.resolve(other + ".jwk").toString());
                    assertThat(c.code()).as(c.err()).isZero();
                }
            }
            CliTest.Run own = cli("governance", "cosign", "--enrolment", id, "--member", members.get(i), "--key", tmp.resolve(members.get(i) + ".jwk").toString());
            assertThat(own.code()).as("a member cannot co-sign its own first key").isEqualTo(2);
            assertThat(own.err()).contains("only with a key already registered");
            CliTest.Run confirmed = cli("governance", "confirm", "--enrolment", id);
            assertThat(confirmed.code()).as(confirmed.err()).isZero();
            assertThat(confirmed.out()).contains("enrolment " + id + " of " + members.get(i), "ENROLLED");
        }
        CliTest.Run p = cli("governance", "propose", "--candidate", "CAN", "--action", "admit", "--project", "MAS-1",
                "--effective", day(4), "--deadline", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString(),
                "--source-title", "Core members' minutes (fictional)", "--source-date", day(0), "--by", "secretariat");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("recorded proposal P-1: admit CAN [MAS-1]", "votes due from AUS, GBR, USA");
    }

    CliTest.Run vote(String member, String keyOf, String... extra) {
        List<String> a = new ArrayList<>(List.of("governance", "vote", "--proposal", "P-1", "--member", member,
                "--key", tmp.resolve(keyOf + ".jwk").toString()));
        if (!List.of(extra).contains("--choice")) {
            a.addAll(List.of("--choice", "approve"));
        }
        a.addAll(List.of(extra));
        return cli(a.toArray(String[]::new));
    }

    @Test
    void aProposalVotedByEveryMemberIsAdoptedVerifiedAndExported() throws Exception {
        proposeWithKeys();
        assertThat(vote("AUS", "AUS").out()).contains("recorded AUS's vote APPROVE on P-1");

        CliTest.Run wrongKey = vote("GBR", "USA");
        assertThat(wrongKey.code()).isEqualTo(2);
        assertThat(wrongKey.err()).contains("error: jws: key", "is USA's, not GBR's");

        CliTest.Run noKey = vote("GBR", "NOBODY");
        assertThat(noKey.code()).isEqualTo(2);
        assertThat(noKey.err()).contains("no such key file");

        assertThat(vote("GBR", "GBR").code()).isZero();
        // a second, different vote of the same member (the same vote signed within the same second is a replay instead)
        CliTest.Run twice = vote("GBR", "GBR", "--choice", "object", "--reason", "second thoughts");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("each member votes once");

        CliTest.Run open = cli("governance", "show", "P-1");
        assertThat(open.out()).contains("P-1  OPEN", "AUS APPROVE", "GBR APPROVE", "USA has not voted", "source   Core members' minutes (fictional)");

        // a delegate who keeps the key off the server signs only; the JWS is then recorded as it stands
        CliTest.Run signed = vote("USA", "USA", "--sign-only");
        assertThat(signed.code()).isZero();
        String jws = signed.out().strip();
        assertThat(jws.split("\\.")).hasSize(3);
        assertThat(cli("governance", "show", "P-1").out()).as("signing records nothing").contains("USA has not voted");

        CliTest.Run last = vote("USA", "USA");
        assertThat(last.out()).contains("P-1 is adopted (approvals [AUS, GBR, USA])");
        assertThat(cli("governance", "show").out()).contains("P-1  ADOPTED  admit CAN [MAS-1] from " + day(4));

        CliTest.Run verify = cli("governance", "verify");
        assertThat(verify.code()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("17 acts: 1 proposals, 3 votes, 1 outcomes, 12 key ceremony acts (3 keys enrolled)", "verified");

        Path bundle = tmp.resolve("bundle.json");
        assertThat(cli("governance", "export", "P-1", "--out", bundle.toString()).code()).isZero();
        JsonNode b = JSON.readTree(bundle.toFile());
        assertThat(b.get("votes")).hasSize(3);
        assertThat(b.at("/outcome/result").asString()).isEqualTo("ADOPTED");

        // an independent JOSE implementation verifies the bundle on its own
        Node ok = node("verify-bundle.mjs", bundle, "--members", "AUS,GBR,USA");
        assertThat(ok.code()).as(ok.out()).isZero();
        JsonNode summary = JSON.readTree(ok.out());
        assertThat(summary.get("ok").asBoolean()).isTrue();
        assertThat(summary.get("result").asString()).isEqualTo("ADOPTED");
        assertThat(summary.get("digest").asString()).isEqualTo(b.get("proposalDigest").asString());

        // ... and refuses it once anything is changed
        ObjectNode swapped = (ObjectNode) b.deepCopy();
        ArrayNode votes = (ArrayNode) swapped.get("votes");
        String[] a = votes.get(0).get("jws").asString().split("\\.");
        String[] c = votes.get(1).get("jws").asString().split("\\.");
        ((ObjectNode) votes.get(0)).put("jws", a[0] + "." + a[1] + "." + c[2]);
        assertThat(nodeOn(swapped, "verify-bundle.mjs").out()).contains("\"ok\":false", "does not verify");
        ObjectNode widened = (ObjectNode) b.deepCopy();
        ((ArrayNode) widened.at("/proposal/projects")).add("AI-2");
        assertThat(nodeOn(widened, "verify-bundle.mjs").out()).contains("\"ok\":false", "digest");
        ObjectNode claimed = (ObjectNode) b.deepCopy();
        ((ArrayNode) claimed.get("votes")).remove(2);
        assertThat(nodeOn(claimed, "verify-bundle.mjs").out()).contains("\"ok\":false", "claims ADOPTED, the signed votes give UNDECIDED");
        // issue "trust no single role", finding 7: a vote removed together with its member from the unsigned voters list
        ObjectNode shrunk = (ObjectNode) claimed.deepCopy();
        ((ArrayNode) shrunk.get("voters")).remove(2);
        assertThat(nodeOn(shrunk, "verify-bundle.mjs").out()).contains("\"ok\":false", "but the core members are AUS,GBR,USA");
        // the members come from the verifier, never from the bundle alone
        assertThat(nodeOn(b, "verify-bundle.mjs", "--no-members").out()).contains("\"ok\":false", "give --members");
        assertThat(nodeOn(b, "verify-bundle.mjs", "--members", "AUS,GBR").out()).contains("\"ok\":false", "but the core members are AUS,GBR");
    }

    @Test
    void refusedProposalsExitTwoAndRecordNothing() {
        CliTest.Run nonCandidate = cli("governance", "propose", "--candidate", "FRA", "--action", "consensus", "--effective", day(4),
                "--deadline", day(2), "--source-title", "t", "--source-date", day(0));
        assertThat(nonCandidate.code()).isEqualTo(2);
        assertThat(nonCandidate.err()).contains("error: candidate: FRA is not a candidate");
        CliTest.Run pillarOne = cli("governance", "propose", "--candidate", "CAN", "--action", "admit", "--project", "SSN-1", "--effective", day(4),
                "--deadline", day(2), "--source-title", "t", "--source-date", day(0));
        assertThat(pillarOne.code()).isEqualTo(2);
        assertThat(pillarOne.err()).contains("error: projects[0]: SSN-1 is a Pillar I project");
        CliTest.Run noSource = cli("governance", "propose", "--candidate", "KOR", "--action", "consensus", "--effective", day(4), "--deadline", day(2));
        assertThat(noSource.code()).isEqualTo(2);
        assertThat(noSource.err()).contains("sources");
        CliTest.Run lateEffect = cli("governance", "propose", "--candidate", "KOR", "--action", "consensus", "--effective", day(2),
                "--deadline", day(2), "--source-title", "t", "--source-date", day(0));
        assertThat(lateEffect.code()).isEqualTo(2);
        assertThat(lateEffect.err()).contains("effective", "after the day of the voting deadline");
        assertThat(cli("governance", "show").out()).contains("no proposals recorded");
        assertThat(cli("governance", "verify").code()).isZero();
    }

    @Test
    void numbersAreCanonicalisedAsEcmaScriptWritesThem() throws Exception {
        Random random = new Random(8785);
        ArrayNode cases = JSON.createArrayNode();
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.1, 1e21, 1e-7, 123456789012345680000.0, 5e-324, Double.MAX_VALUE));
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                values.add(d);
            }
            values.add((random.nextInt(2_000_000) - 1_000_000) / Math.pow(10, random.nextInt(12)));
        }
        for (double d : values) {
            cases.addArray().add(HexFormat.of().toHexDigits(Double.doubleToRawLongBits(d))).add(CanonicalJson.number(d));
        }
        Path file = tmp.resolve("numbers.json");
        Files.writeString(file, cases.toString());
        Node r = node("canonical-numbers.mjs", file);
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(JSON.readTree(r.out()).get("checked").asInt()).isEqualTo(values.size());
    }

    // ---- Node -----------------------------------------------------------------------------------------------------

    public record Node(int code, String out) {}

    Node nodeOn(JsonNode json, String script, String... args) throws Exception {
        Path f = Files.createTempFile(tmp, "bundle", ".json");
        Files.writeString(f, json.toString());
        Node r = node(script, f, args.length == 0 ? new String[] {"--members", "AUS,GBR,USA"} : args);
        assertThat(r.code()).as(r.out()).isEqualTo(1);
        return r;
    }

    /** Runs a script of src/test/node; fails (never skips) when Node or the locked jose package is missing. */
    public static Node node(String script, Path arg, String... more) throws IOException, InterruptedException {
        assertThat(NODE_DIR.resolve("node_modules/jose/package.json"))
                .as("npm's jose is not installed in %s: run ./test (it runs npm ci there), or: (cd src/test/node && npm ci)", NODE_DIR)
                .exists();
        Process p;
        try {
            List<String> command = new java.util.ArrayList<>(List.of("node", NODE_DIR.resolve(script).toString(), arg.toString()));
            command.addAll(List.of(more));
            p = new ProcessBuilder(command).directory(NODE_DIR.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("Node.js is needed for the JOSE interoperability check and was not found on PATH: install Node.js 20+ "
                    + "(Debian: apt-get install nodejs npm; .ci/run does this)", e);
        }
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            throw new AssertionError("node " + script + " did not finish in 120 s");
        }
        return new Node(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }
}
