package dev.pillar.app.port;

import dev.pillar.codec.JsonText;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of the golden audit entries ({@code src/test/resources/audit/golden-entries.jsonl}, one entry a line, as
 * the store wrote them before entries were typed): every type, null values, times of every precision, and strings
 * that need escaping.
 */
public final class AuditEntryCases {
    private AuditEntryCases() {}

    public static final List<Instant> TIMES = List.of(Instant.parse("2024-10-01T12:00:00Z"), Instant.parse("2024-10-01T12:34:56.123Z"),
            Instant.parse("2024-10-01T12:34:56.123456Z"), Instant.parse("1999-12-31T23:59:59.000001Z"));

    public static final List<String> STRINGS = List.of("admin", "22 CFR 126.7(b)(2)", "quote \" and \\ backslash", "é ü — 日本",
            "line\nbreak\ttab\r\b\f", "control \u0001\u001f", "slash / <tag> &amp;", "", "emoji \uD83D\uDE00");

    public record DocChange(String action, Kind kind, String id, long version, String body, String actor, Instant time) {}

    public record RulesChange(long version, String body, String note, String actor, Instant time) {}

    public record Act(long seq, String kind, String proposalId, String digest, String actor, Instant time) {}

    public record WitnessReg(String member, String verifierKey, String actor, Instant time) {}

    public record UserChange(String action, StoredUser user, long version, Instant time) {}

    private static String s(int i) {
        return STRINGS.get(i % STRINGS.size());
    }

    private static Instant t(int i) {
        return TIMES.get(i % TIMES.size());
    }

    /** A response as Pillar renders one: an outcome and a basis array (left out when {@code basis} is null). */
    private static String response(List<String> basis) {
        StringBuilder b = new StringBuilder("{");
        JsonText.field(b, true, "outcome");
        JsonText.string(b, "PERMIT");
        if (basis != null) {
            JsonText.field(b, false, "basis").append('[');
            for (int i = 0; i < basis.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                JsonText.string(b, basis.get(i));
            }
            b.append(']');
        }
        JsonText.field(b, false, "reasons").append("[{\"basis\":\"not this one\"}]");
        return b.append('}').toString();
    }

    public static List<StoredDecision> decisions() {
        List<StoredDecision> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<String> basis = switch (i % 4) {
                case 0 -> List.of();
                case 1 -> List.of(s(i));
                case 2 -> List.of(s(i), s(i + 1), s(i + 2));
                default -> null; // an answer without a basis array
            };
            out.add(new StoredDecision("0192a3b4-c5d6-7e8f-9a0b-" + String.format("%012d", i), t(i), s(i + 3), i % 2 == 0 ? "PERMIT" : "DENY",
                    "aukus@r" + i, LocalDate.of(2024, 1, 1).plusDays(i * 37), "ITEM-" + i, "org", "MAS-1", "{\"request\":\"" + s(i) + "\"}",
                    response(basis), basis == null ? List.of() : basis));
        }
        return out;
    }

    public static List<DocChange> docs() {
        List<DocChange> out = new ArrayList<>();
        int i = 0;
        for (Kind k : List.of(Kind.PARTNERSHIP, Kind.ORGANISATION, Kind.PERSON, Kind.ITEM, Kind.LICENCE)) { // the kinds of the golden file
            for (String action : List.of("create", "update", "delete")) {
                out.add(new DocChange(action, k, s(i) + "-id", i + 1, action.equals("delete") ? null : "{\"body\":\"" + s(i) + "\"}", s(i + 1), t(i)));
                i++;
            }
        }
        return out;
    }

    public static List<RulesChange> rules() {
        return List.of(new RulesChange(1, "{}", "built-in rule data", "pillar:seed", t(0)), new RulesChange(2, "{\"x\":1}", null, s(2), t(1)),
                new RulesChange(30, s(4), s(5), s(6), t(2)));
    }

    public static List<Act> acts() {
        return List.of(new Act(1, "proposal", "p-kor", "ab".repeat(32), "gbr-admin", t(0)), new Act(2, "vote", "p-kor", "cd".repeat(32), s(3), t(1)),
                new Act(12345678901L, "outcome", s(4), "ef".repeat(32), s(5), t(3)));
    }

    public static List<WitnessReg> witnesses() {
        return List.of(new WitnessReg("GBR", "witness-gbr+1a2b3c4d+AQID", "admin", t(0)), new WitnessReg(s(3), s(4), s(5), t(2)));
    }

    public static List<UserChange> users() {
        return List.of(new UserChange("create", new StoredUser("admin", "$argon2id$secret", "ADMIN", null, null, false, 1, t(0)), 1, t(0)),
                new UserChange("update", new StoredUser(s(3), "$hash", "ENGINEER", "GBR", s(4), true, 7, t(1)), 7, t(2)),
                new UserChange("create", new StoredUser("e", "h", "OFFICER", "AUS", "org-au", false, 1, t(3)), 1, t(3)));
    }

    /** The typed entries of every case, in the golden file's order: decisions, documents, rules, acts, witnesses, users. */
    public static List<AuditEntry> typed() {
        List<AuditEntry> out = new ArrayList<>();
        decisions().forEach(d -> out.add(AuditEntry.Decision.of(d)));
        docs().forEach(d -> out.add(AuditEntry.Document.of(d.action(), d.kind(), d.id(), d.version(), d.body(), d.actor(), d.time())));
        rules().forEach(r -> out.add(AuditEntry.Rules.of(r.version(), r.body(), r.note(), r.actor(), r.time())));
        acts().forEach(a -> out.add(new AuditEntry.Governance(a.digest(), a.actor(), a.kind(), a.proposalId(), a.seq(), a.time())));
        witnesses().forEach(w -> out.add(new AuditEntry.Witness(w.actor(), w.member(), w.time(), w.verifierKey())));
        users().forEach(u -> out.add(AuditEntry.User.of(u.action(), u.user(), u.version(), u.time())));
        return out;
    }
}
