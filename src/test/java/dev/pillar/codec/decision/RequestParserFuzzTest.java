package dev.pillar.codec.decision;

import static org.assertj.core.api.Assertions.assertThat;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.world.World;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Fuzzes the JSON v1 request parser against the built-in world: any input either parses or is refused with a
 * {@link BadInputException}; a parsed request is always decided, explained and rendered without an exception.
 *
 * <p>A normal test run replays the seeds in {@code RequestParserFuzzTestInputs/parseRequest/}; {@code JAZZER_FUZZ=1
 * ./test -Dtest=RequestParserFuzzTest} fuzzes (for {@code JAZZER_MAX_DURATION}, 5 minutes by default), keeping its
 * corpus in {@code .cifuzz-corpus/} and writing any crash into the seed directory: move it out until the bug is fixed.
 */
class RequestParserFuzzTest {
    private static final World WORLD = WorldLoader.load("aukus");
    private static final DecisionEngine ENGINE = DecisionEngine.standard(WORLD);
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    @FuzzTest
    @DictionaryEntries({"\"asOf\":", "\"item\":", "\"recipient\":", "\"transferor\":", "\"valueUsd\":", "\"originator\":",
        "\"classification\":", "\"releasableTo\":", "\"noforn\":true", "\"control\":", "\"technologies\":", "\"area\":",
        "\"project\":", "\"citizenships\":", "\"residencies\":", "\"location\":", "\"organisation\":", "\"clearance\":",
        "\"country\":", "\"kind\":", "\"ddtc\":true", "\"authorizedUser\":true", "\"projects\":", "\"from\":", "\"until\":",
        "\"level\":", "ITAR:XI(d)", "EAR:3E001", "EAR:EAR99", "GBR:ML22", "AUS:ML22", "USA:SECRET", "GBR:OFFICIAL", "AUKS", "FVEY",
        "anti-tamper", "MAS-1", "SSN-1", "UNDERSEA-1", "2024-09-01", "2025-12-30", "government"})
    void parseRequest(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        DecisionRequest request;
        try {
            request = RequestCodec.parse(text, WORLD, TODAY);
        } catch (BadInputException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.location()).isNotNull();
            assertThat(e.field()).isNotNull();
            return;
        }
        assertThat(request).isNotNull();
        Decision d = ENGINE.decide(request);
        assertThat(d).isNotNull();
        assertThat(d.outcome()).isNotNull();
        for (Reason r : d.reasons()) {
            // A request that parsed has every reference resolved: no layer may fail on it.
            assertThat(r.ruleId()).as("%s: %s %s", text, r.message(), r.facts()).isNotEqualTo("internal.error");
            assertThat(r.message()).isNotBlank();
        }
        assertThat(DecisionText.render(request, d)).isNotBlank();
        assertThat(RequestCodec.toJsonText(d)).contains(d.outcome().name());
    }
}
