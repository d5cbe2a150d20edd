package dev.pillar.codec.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.pillar.codec.BadInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hardened XML reader: what it refuses (DTDs, entities, oversized or deep input) and what it keeps (namespaces, lines). */
class XmlTest {
    private static Xml.Document parse(String s) {
        return Xml.parse(s.getBytes(StandardCharsets.UTF_8), "test.xml");
    }

    @Test
    void externalEntitiesAndDtdsAreRefusedBeforeAnythingIsFetched() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE label [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<label>&x;</label>";
        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("test.xml: line 2")
                .hasMessageContaining("document type declaration")
                .hasMessageContaining("remove the declaration");
        String remoteDtd = "<!DOCTYPE SPIF SYSTEM \"http://127.0.0.1:9/spif.dtd\"><SPIF/>";
        assertThatThrownBy(() -> parse(remoteDtd)).hasMessageContaining("DTDs, entity definitions and external entities are disabled");
    }

    @Test
    void undefinedEntitiesAreRefusedAndPredefinedOnesExpanded() {
        assertThatThrownBy(() -> parse("<a>&lol9;</a>")).hasMessageContaining("unknown entity '&lol9;'");
        Xml.Document d = parse("<a t=\"&quot;x&quot; &#65;&#x42;\">&lt;b&gt; &amp; <![CDATA[<raw>]]></a>");
        assertThat(d.root().attr("t")).isEqualTo("\"x\" AB");
        assertThat(d.root().text()).isEqualTo("<b> & <raw>");
        assertThatThrownBy(() -> parse("<a>&#0;</a>")).hasMessageContaining("not allow");
    }

    @Test
    void sizeDepthAndCountsAreBounded() {
        String deep = "<a>".repeat(70) + "</a>".repeat(70);
        assertThatThrownBy(() -> parse(deep)).hasMessageContaining("nested more than 64 deep");
        byte[] big = ("<a>" + "x".repeat(100) + "</a>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Xml.parse(big, "big.xml", new Xml.Limits(50, 64, 100, 8))).hasMessageContaining("more than the limit of 50");
        assertThatThrownBy(() -> Xml.parse("<a><b/><b/><b/></a>".getBytes(StandardCharsets.UTF_8), "t", new Xml.Limits(1000, 64, 3, 8)))
                .hasMessageContaining("more than 3 elements");
        StringBuilder attrs = new StringBuilder("<a");
        for (int i = 0; i < 70; i++) {
            attrs.append(" a").append(i).append("='1'");
        }
        assertThatThrownBy(() -> parse(attrs + "/>")).hasMessageContaining("more than 64 attributes");
    }

    @Test
    void namespacesAreResolvedAndLanguagesInherited() {
        Xml.Document d = parse("<s:SPIF xmlns:s=\"urn:x\" xml:lang=\"fr\"><s:a/><b xmlns=\"urn:y\" xml:lang=\"en\"/></s:SPIF>");
        assertThat(d.root().ns).isEqualTo("urn:x");
        assertThat(d.root().name).isEqualTo("SPIF");
        assertThat(d.root().children.get(0).lang).isEqualTo("fr");
        assertThat(d.root().children.get(1).ns).isEqualTo("urn:y");
        assertThat(d.root().children.get(1).lang).isEqualTo("en");
        assertThatThrownBy(() -> parse("<p:a/>")).hasMessageContaining("prefix 'p'").hasMessageContaining("not declared");
    }

    @Test
    void malformedDocumentsNameTheLineAndTheFix() {
        assertThatThrownBy(() -> parse("<a>\n<b>\n</a>")).hasMessageContaining("line 1").hasMessageContaining("never closed");
        assertThatThrownBy(() -> parse("<a x='1' x='2'/>")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> parse("<a/><b/>")).hasMessageContaining("one root element");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("No data to parse");
        assertThatThrownBy(() -> Xml.parse(new byte[] {'<', 'a', '>', (byte) 0xC3, '<', '/', 'a', '>'}, "t")).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> parse("<?xml version='1.0' encoding='ISO-8859-1'?><a/>")).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> parse("<a b=c/>")).hasMessageContaining("must be quoted");
    }

    @Test
    void aMisspeltEndTagClosesTheOpenElementWithAWarning() {
        Xml.Document d = parse("<a>\n  <set>\n    <tag/>\n  </sett>\n  <set/>\n</a>");
        assertThat(d.root().children("set")).hasSize(2);
        assertThat(d.root().children("set").get(0).children("tag")).hasSize(1);
        assertThat(d.warnings()).singleElement().asString()
                .contains("line 4", "</sett>", "<set> (line 2)", "correct the end tag to </set>");
    }
}
