package dev.pillar.app.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillar.codec.JsonText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * Typed audit entries give exactly the bytes the store wrote before they were typed: the golden file holds the entries
 * of {@link AuditEntryCases} as the old string-building code rendered them (old logs must keep verifying).
 */
class AuditEntryTest {
    static List<byte[]> golden() throws IOException {
        try (InputStream in = AuditEntryTest.class.getResourceAsStream("/audit/golden-entries.jsonl")) {
            byte[] all = in.readAllBytes();
            List<byte[]> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    out.add(java.util.Arrays.copyOfRange(all, start, i));
                    start = i + 1;
                }
            }
            return out;
        }
    }

    @Test
    void typedEntriesEncodeToTheBytesTheOldCodeWrote() throws IOException {
        List<byte[]> golden = golden();
        List<AuditEntry> typed = AuditEntryCases.typed();
        assertThat(typed).hasSameSizeAs(golden);
        for (int i = 0; i < golden.size(); i++) {
            assertThat(new String(typed.get(i).encode(), StandardCharsets.UTF_8)).as("entry %d", i)
                    .isEqualTo(new String(golden.get(i), StandardCharsets.UTF_8));
            assertThat(typed.get(i).encode()).as("entry %d", i).isEqualTo(golden.get(i));
        }
    }

    @Test
    void parseGivesTheTypedEntryAndItsBytesBack() throws IOException {
        List<byte[]> golden = golden();
        List<AuditEntry> typed = AuditEntryCases.typed();
        for (int i = 0; i < golden.size(); i++) {
            AuditEntry parsed = AuditEntry.parse(golden.get(i));
            assertThat(parsed).as("entry %d", i).isEqualTo(typed.get(i));
            assertThat(parsed.encode()).as("entry %d", i).isEqualTo(golden.get(i));
            assertThat(parsed.type()).isEqualTo(new String(golden.get(i), StandardCharsets.UTF_8).replaceAll(".*\"type\":\"(\\w+)\".*", "$1"));
        }
        assertThat(typed).extracting(AuditEntry::type).containsOnly("decision", "document", "rules", "governance", "witness", "user");
    }

    @Test
    void aDecisionEntryRecordsTheBasisOfTheRecordNotOfTheAnswerText() {
        StoredDecision d = AuditEntryCases.decisions().get(2);
        AuditEntry.Decision e = AuditEntry.Decision.of(d);
        assertThat(e.basis()).isEqualTo(d.basis()).hasSize(3);
        assertThat(e.decisionId()).isEqualTo(d.id());
        assertThat(e.time()).isEqualTo(d.createdAt());
    }

    @Test
    void theBasisIsEscapedAsJacksonRendersAnswersSaveForTheHexCaseOfRareControlCharacters() {
        // The console renders its answers with Jackson, and the old code copied their basis array as rendered. Jackson
        // writes the \\u escape of a control character without a short form in upper-case hex, JsonText (the API's
        // answers) in lower case: a basis holding one (none does) is now written the API's way whichever view answered.
        for (String s : AuditEntryCases.STRINGS) {
            String jackson = JsonMapper.builder().build().writeValueAsString(StringNode.valueOf(s));
            String ours = JsonText.string(new StringBuilder(), s).toString();
            if (s.chars().anyMatch(c -> c < 0x20 && "\n\r\t\b\f".indexOf(c) < 0)) {
                assertThat(ours).as(s).isEqualToIgnoringCase(jackson).isNotEqualTo(jackson);
            } else {
                assertThat(ours).as(s).isEqualTo(jackson);
            }
        }
    }

    @Test
    void parseRefusesWhatIsNotAnEntry() {
        for (String bad : List.of("", "[]", "not json", "{\"type\":\"other\",\"time\":\"2024-01-01T00:00:00Z\"}", "{\"time\":\"2024-01-01T00:00:00Z\"}",
                "{\"type\":\"rules\",\"time\":\"yesterday\",\"version\":1}", "{\"type\":\"rules\",\"time\":\"2024-01-01T00:00:00Z\",\"version\":\"1\"}",
                "{\"type\":\"decision\",\"time\":\"2024-01-01T00:00:00Z\",\"asOf\":\"2024-01-01\",\"basis\":\"x\"}",
                "{\"type\":\"document\",\"time\":\"2024-01-01T00:00:00Z\",\"kind\":\"nothing\",\"version\":1}")) {
            assertThatThrownBy(() -> AuditEntry.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
