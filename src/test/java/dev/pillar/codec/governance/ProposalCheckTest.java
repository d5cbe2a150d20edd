package dev.pillar.codec.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.model.Partnership;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every problem of a proposal's fields at once, and none for a proposal the codec accepts. */
class ProposalCheckTest {
    static final Partnership AUKUS = WorldLoader.load("aukus").partnership();
    static final Instant NOW = Instant.parse("2025-02-01T09:00:00Z");

    static JsonNode json(String text) {
        return WorldDocuments.mapper().readTree(text);
    }

    @Test
    void aProposalTheCodecAcceptsHasNoProblem() {
        JsonNode body = json("""
                {"candidate":"KOR","action":"admit","projects":["MAS-1","UNDERSEA-2"],"effective":"2025-03-01","deadline":"2025-02-28",
                 "sources":[{"title":"Core members' minutes (fictional)","date":"2025-02-01"}]}""");
        assertThat(ProposalCheck.problems(body, AUKUS, NOW)).isEmpty();
        assertThat(GovernanceCodec.newProposal(body, "P-1", "sec", NOW).projects()).containsExactly("MAS-1", "UNDERSEA-2");
    }

    @Test
    void everyFieldIsCheckedOnItsOwn() {
        var problems = ProposalCheck.problems(json("""
                {"candidate":"USA","action":"join","projects":["MAS-1"],"effective":"2025-02-30","deadline":"2025-01-31T00:00:00Z",
                 "sources":[{"title":"minutes","date":"1 Feb"}]}"""), AUKUS, NOW);
        assertThat(problems).extracting(ProposalCheck.Problem::field).containsExactly("candidate", "action", "effective", "deadline", "sources[0].date");
        assertThat(problems.get(0).problem()).startsWith("USA is not a candidate of the partnership: choose one of [JPN, KOR, CAN, NZL]");
        assertThat(problems.get(1).problem()).contains("is not an action");
        assertThat(problems.get(3).problem()).startsWith("must be after now (2025-02-01T09:00:00Z)");
        assertThat(ProposalCheck.problems(json("""
                {"candidate":"KOR","action":"consensus","projects":["MAS-1"],"effective":"2025-03-01","deadline":"2025-02-28",
                 "sources":[{"title":"minutes","date":"2025-02-01"}]}"""), AUKUS, NOW))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("projects");
                    assertThat(p.problem()).isEqualTo("only admit and suspend name projects: leave it empty for consensus");
                });
        assertThat(ProposalCheck.problems(json("{}"), AUKUS, NOW)).extracting(ProposalCheck.Problem::field)
                .containsExactly("candidate", "action", "effective", "deadline", "sources[0].title", "sources[0].date");
    }
}
