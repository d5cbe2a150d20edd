package dev.pillar.codec.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A decision request is bounded (issue "trust no single role", findings 9 and 12): no list longer than 100 entries or
 * naming a value twice, no string longer than 1,000 characters, dates with four-digit years only, and an unknown id is
 * not echoed back in full. Each refusal names the field. Before, all of these were accepted (a request could store
 * megabytes of tags, a million duplicate citizenships, the year +999999999).
 */
class RequestBoundsTest {
    static final World WORLD = WorldLoader.load("aukus");
    static final LocalDate TODAY = LocalDate.of(2025, 1, 1);

    static BadInputException refused(String json) {
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> RequestCodec.parse(json, WORLD, TODAY));
        assertThat(e).as(json.length() > 200 ? json.substring(0, 200) : json).isNotNull();
        return e;
    }

    static String inlineRecipient(String citizenships) {
        return "{\"item\":\"A-UNDERSEA-001\",\"recipient\":{\"citizenships\":" + citizenships
                + ",\"location\":\"GBR\",\"organisation\":\"GB-BRITANNIA-SONAR\"},\"asOf\":\"2025-01-01\"}";
    }

    @Test
    void aValueNamedTwiceInAListIsRefused() {
        BadInputException e = refused(inlineRecipient("[\"GBR\",\"AUS\",\"GBR\"]"));
        assertThat(e.field()).isEqualTo("recipient.citizenships[2]");
        assertThat(e.problem()).contains("'GBR' is named twice");
    }

    @Test
    void aCitizenshipCannotBeBothCurrentAndFormer() {
        BadInputException e = refused("{\"item\":\"A-UNDERSEA-001\",\"recipient\":{\"citizenships\":[\"GBR\"],\"formerCitizenships\":[\"GBR\"],"
                + "\"location\":\"GBR\",\"organisation\":\"GB-BRITANNIA-SONAR\"},\"asOf\":\"2025-01-01\"}");
        assertThat(e.field()).isEqualTo("recipient.formerCitizenships");
        assertThat(e.problem()).contains("GBR is also a current citizenship");
        // a former citizenship on its own is read, and kept apart from the current ones
        var r = RequestCodec.parse("{\"item\":\"A-UNDERSEA-001\",\"recipient\":{\"citizenships\":[\"GBR\"],\"formerCitizenships\":[\"chn\"],"
                + "\"location\":\"GBR\",\"organisation\":\"GB-BRITANNIA-SONAR\"},\"asOf\":\"2025-01-01\"}", WORLD, TODAY);
        assertThat(r.recipient().formerCitizenships()).extracting(Object::toString).containsExactly("CHN");
        assertThat(r.recipient().citizenships()).extracting(Object::toString).containsExactly("GBR");
    }

    @Test
    void listsAndStringsAreBounded() {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("\"tag-").append(i).append('"');
        }
        many.append(']');
        BadInputException tags = refused("{\"item\":{\"originator\":\"USA\",\"classification\":\"USA:UNCLASSIFIED\",\"control\":\"EAR:EAR99\",\"technologies\":"
                + many + "},\"recipient\":\"p-gbr-engineer\"}");
        assertThat(tags.field()).isEqualTo("item.technologies");
        assertThat(tags.problem()).contains("has 101 entries: at most 100");
        BadInputException text = refused("{\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\",\"transferor\":{\"name\":\"" + "x".repeat(1001)
                + "\",\"country\":\"USA\",\"kind\":\"industry\"}}");
        assertThat(text.field()).isEqualTo("transferor.name");
        assertThat(text.problem()).contains("1001 characters long: at most 1000");
    }

    @Test
    void anUnknownIdIsNotEchoedInFull() {
        BadInputException e = refused("{\"item\":\"" + "X".repeat(900) + "\",\"recipient\":\"p-gbr-engineer\"}");
        assertThat(e.field()).isEqualTo("item");
        assertThat(e.problem()).contains("unknown item", "(900 characters)").hasSizeLessThan(300);
    }

    @Test
    void datesHaveFourDigitYears() {
        for (String d : new String[] {"+999999999-12-31", "12025-01-01", "-0001-01-01"}) {
            BadInputException e = refused("{\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\",\"asOf\":\"" + d + "\"}");
            assertThat(e.field()).isEqualTo("asOf");
            assertThat(e.problem()).contains("is not a date", "four-digit year");
        }
        assertThat(RequestCodec.parse("{\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-gbr-engineer\",\"asOf\":\"2025-03-01\"}", WORLD, TODAY).asOf())
                .isEqualTo(LocalDate.of(2025, 3, 1));
    }
}
