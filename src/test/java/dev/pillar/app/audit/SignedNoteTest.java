package dev.pillar.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
    @Test
    void aCheckpointSignedByTheLogAndCosignedByAWitnessVerifiesWithTheirKeysOnly() {
        NoteKey log = NoteKey.generate("pillar.example/audit");
        NoteKey witness = NoteKey.generate("witness.gbr.example");
        Checkpoint cp = new Checkpoint("pillar.example/audit", 12, Merkle.leafHash("x".getBytes(StandardCharsets.UTF_8)));
        SignedNote note = SignedNote.sign(cp.text(), log).cosign(witness);

        SignedNote read = SignedNote.parse(note.render());
        assertThat(Checkpoint.parse(read.text())).isEqualTo(cp);
        assertThat(read.verifiedBy(NoteKey.verifier(log.verifierText()))).isTrue();
        assertThat(read.verifiedBy(NoteKey.verifier(witness.verifierText()))).isTrue();
        assertThat(read.verifiedBy(NoteKey.generate("pillar.example/audit"))).as("another key of the same name").isFalse();

        String changed = note.render().replaceFirst("\n12\n", "\n13\n");
        assertThat(SignedNote.parse(changed).verifiedBy(log)).as("a changed size").isFalse();
        assertThat(note.render()).startsWith(cp.text() + "\n\u2014 pillar.example/audit ");
    }

    @Test
    void keysRoundTripThroughTheirTextForms() {
        NoteKey k = NoteKey.generate("pillar.example/audit");
        NoteKey again = NoteKey.signer(k.signerText());
        assertThat(again.publicKey()).isEqualTo(k.publicKey());
        assertThat(again.verifierText()).isEqualTo(k.verifierText());
        SignedNote n = SignedNote.sign("hello\n", again);
        assertThat(n.verifiedBy(NoteKey.verifier(k.verifierText()))).isTrue();
        assertThat(k.verifierText()).matches("pillar\\.example/audit\\+[0-9a-f]{8}\\+A[Q-Za-f][A-Za-z0-9+/=]{42}");
        String tampered = k.verifierText().replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+");
        assertThatThrownBy(() -> NoteKey.verifier(tampered)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key id");
    }

    @Test
    void malformedNotesAndCheckpointsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SignedNote.parse("no blank line\n")).hasMessageContaining("blank line");
        assertThatThrownBy(() -> SignedNote.parse("text\n\n- name AAAA\n")).hasMessageContaining("em dash");
        assertThatThrownBy(() -> Checkpoint.parse("origin\n012\nAAAA\n")).hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> Checkpoint.parse("origin\n12\n")).hasMessageContaining("root hash line");
        assertThatThrownBy(() -> Checkpoint.parse("origin\n12\n!!\n")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> NoteKey.generate("has space")).hasMessageContaining("without spaces");
    }
}
