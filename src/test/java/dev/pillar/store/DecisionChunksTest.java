package dev.pillar.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.app.port.StoredDecision;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** Decision chunks keep the basis (format 2) and still read the chunks written before it was kept (format 1). */
class DecisionChunksTest {
    @Test
    void aChunkKeepsEachDecisionsBasis() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<StoredDecision> ds = List.of(StoreContractTest.decision(1, at), StoreContractTest.decision(3, at), StoreContractTest.decision(5, at));
        List<DecisionChunks.Chunk> chunks = DecisionChunks.encode(ds);
        assertThat(chunks).hasSize(1);
        assertThat(DecisionChunks.decode(chunks.getFirst().body())).containsExactlyElementsOf(ds);
    }

    @Test
    void aChunkOfFormatOneReadsWithAnEmptyBasis() throws IOException {
        Instant at = Instant.parse("2024-10-01T12:34:56.123456Z");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(1);
            out.writeInt(1);
            string(out, "0192a3b4-c5d6-7e8f-9a0b-000000000001");
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
            for (String s : new String[] {"admin", "PERMIT", "aukus@r1"}) {
                string(out, s);
            }
            out.writeLong(LocalDate.of(2024, 10, 1).toEpochDay());
            for (String s : new String[] {"A-1", null, "MAS-1", "{}", "{\"basis\":[\"x\"]}"}) {
                string(out, s);
            }
        }
        assertThat(DecisionChunks.decode(bytes.toByteArray())).containsExactly(new StoredDecision("0192a3b4-c5d6-7e8f-9a0b-000000000001", at,
                "admin", "PERMIT", "aukus@r1", LocalDate.of(2024, 10, 1), "A-1", null, "MAS-1", "{}", "{\"basis\":[\"x\"]}", List.of()));
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
