package dev.pillar.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** RFC 8785 canonical JSON against the RFC's own examples (sections 3.2.2, 3.2.3 and Appendix B). */
class CanonicalJsonTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Appendix B: IEEE 754 doubles (hex) and their canonical text. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2"})
    void appendixBNumbers(String hex, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
        assertThat(CanonicalJson.number(d)).isEqualTo(expected);
    }

    @Test
    void nanAndInfinityHaveNoCanonicalForm() {
        for (String hex : new String[] {"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"}) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
            assertThatThrownBy(() -> CanonicalJson.number(d)).isInstanceOf(CanonicalJson.NotCanonicalisable.class);
        }
    }

    /** Section 3.2.2: the example of value serialisation. */
    @Test
    void section322Example() {
        JsonNode in = JSON.readTree("""
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""");
        assertThat(CanonicalJson.text(in)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    /** Section 3.2.3: properties sorted by UTF-16 code units, with the UTF-8 bytes the RFC gives. */
    @Test
    void section323Sorting() {
        JsonNode in = JSON.readTree("""
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""");
        String text = CanonicalJson.text(in);
        assertThat(text).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\","
                + "\"€\":\"Euro Sign\",\"\uD83D\uDE00\":\"Emoji: Grinning Face\",\"\uFB33\":\"Hebrew Letter Dalet With Dagesh\"}");
        // the property names as UTF-8, in order, as the RFC lists them
        String hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
        int at = 0;
        for (String name : new String[] {"5c72", "31", "c280", "c3b6", "e282ac", "f09f9880", "efac b3".replace(" ", "")}) {
            int i = hex.indexOf("22" + name + "22", at);
            assertThat(i).as(name).isGreaterThan(at - 1);
            at = i;
        }
        assertThat(CanonicalJson.bytes(in)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void controlCharactersUseLowerCaseEscapesAndOtherTextIsLiteral() {
        String s = "\u0000\u001f\u007f\u2028<>&'é";
        assertThat(CanonicalJson.text(JsonNodeFactory.instance.stringNode(s))).isEqualTo("\"\\u0000\\u001f\u007f\u2028<>&'é\"");
    }

    @Test
    void nestingAndWhitespaceDoNotChangeTheCanonicalForm() {
        JsonNode a = JSON.readTree("{ \"b\" : [ 1 , 2.0 , {\"z\":1,\"y\":[]} ], \"a\" : { } }");
        JsonNode b = JSON.readTree("{\"a\":{},\"b\":[1,2,{\"y\":[],\"z\":1.0}]}");
        assertThat(CanonicalJson.text(a)).isEqualTo("{\"a\":{},\"b\":[1,2,{\"y\":[],\"z\":1}]}").isEqualTo(CanonicalJson.text(b));
        assertThat(CanonicalJson.sha256(a)).isEqualTo(CanonicalJson.sha256(b)).hasSize(64);
    }

    @Test
    void aLoneSurrogateIsRefusedNamingWhereItIs() {
        JsonNode in = JsonNodeFactory.instance.objectNode().set("note", JsonNodeFactory.instance.arrayNode().add("a\uD800b"));
        assertThatThrownBy(() -> CanonicalJson.text(in)).isInstanceOf(CanonicalJson.NotCanonicalisable.class)
                .hasMessageContaining("note[0]").hasMessageContaining("lone surrogate");
    }
}
