package dev.pillar.codec.label;

import dev.pillar.codec.BadInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small XML reader made for untrusted security-policy and label files. It reads UTF-8 (with or without a byte-order
 * mark) into a tree of {@link Element}s with namespaces resolved and line numbers kept.
 *
 * <p>It is hardened by what it leaves out: a document type declaration ({@code <!DOCTYPE ...>}) is refused, so there
 * are no entity definitions, no external entities and nothing is ever fetched; only the five predefined entities and
 * character references are expanded. Input size, element depth, element count and attributes per element are bounded
 * ({@link Limits}). Every failure is a {@link BadInputException} naming the line and the fix.
 *
 * <p>One malformation is tolerated, with a warning: an end tag whose name differs from the element it closes (the
 * public XML-SPIF conformance suite has a misspelt end tag). The structure is the nesting, so the end tag is read as
 * the end of the open element; the warning says so.
 */
final class Xml {
    static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    /** Bounds on what a document may hold. */
    record Limits(int maxBytes, int maxDepth, int maxElements, int maxAttributes) {
        static final Limits DEFAULT = new Limits(4 * 1024 * 1024, 64, 200_000, 64);
    }

    /** One attribute: its namespace (empty for none), local name and value. */
    record Attribute(String ns, String name, String value) {}

    /** An element: namespace URI ("" for none), local name, qualified name as written, line, attributes, children. */
    static final class Element {
        final String ns;
        final String name;
        final String qname;
        final int line;
        final String lang;
        final List<Attribute> attributes;
        final List<Element> children = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        Element(String ns, String name, String qname, int line, String lang, List<Attribute> attributes) {
            this.ns = ns;
            this.name = name;
            this.qname = qname;
            this.line = line;
            this.lang = lang;
            this.attributes = attributes;
        }

        /** The value of the un-namespaced attribute {@code name}, or null. */
        String attr(String name) {
            for (Attribute a : attributes) {
                if (a.ns().isEmpty() && a.name().equals(name)) {
                    return a.value();
                }
            }
            return null;
        }

        /** The {@code xml:lang} written on this element itself (not inherited), or null. */
        String ownLang() {
            for (Attribute a : attributes) {
                if (a.ns().equals(XML_NS) && a.name().equals("lang")) {
                    return a.value();
                }
            }
            return null;
        }

        /** The element's own text (text and CDATA directly inside it), not stripped. */
        String text() {
            return text.toString();
        }

        /** Children with local name {@code name}, in document order. */
        List<Element> children(String name) {
            List<Element> out = new ArrayList<>();
            for (Element c : children) {
                if (c.name.equals(name)) {
                    out.add(c);
                }
            }
            return out;
        }

        /** The first child with local name {@code name}, or null. */
        Element child(String name) {
            for (Element c : children) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "<" + qname + "> (line " + line + ")";
        }
    }

    /** A parsed document: its root element and the warnings (tolerated malformations). */
    record Document(Element root, List<String> warnings) {}

    private final String source;
    private final String s;
    private final Limits limits;
    private final int[] lineStarts;
    private final List<String> warnings = new ArrayList<>();
    private int pos;
    private int elements;

    private Xml(String source, String text, Limits limits) {
        this.source = source;
        this.s = text;
        this.limits = limits;
        this.lineStarts = lineStarts(text);
    }

    /** Parses {@code bytes} (named {@code source} in messages) within the default limits. */
    static Document parse(byte[] bytes, String source) {
        return parse(bytes, source, Limits.DEFAULT);
    }

    static Document parse(byte[] bytes, String source, Limits limits) {
        if (bytes == null || bytes.length == 0) {
            throw new BadInputException(source, "", "No data to parse: the file is empty; give an XML document");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new BadInputException(source, "", "is " + bytes.length + " bytes, more than the limit of " + limits.maxBytes()
                    + ": security policies and labels are far smaller; check that this is the right file");
        }
        String text = decode(bytes, source);
        Xml x = new Xml(source, text, limits);
        Element root = x.document();
        return new Document(root, List.copyOf(x.warnings));
    }

    private static String decode(byte[] bytes, String source) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF || (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE)) {
            throw new BadInputException(source, "", "is UTF-16; Pillar reads XML in UTF-8: convert the file (e.g. iconv -f UTF-16 -t UTF-8)");
        }
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, bytes.length - start));
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(source, "", "is not valid UTF-8: save it as UTF-8");
        }
    }

    private static int[] lineStarts(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        int[] starts = new int[n];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    private int line(int at) {
        int i = Arrays.binarySearch(lineStarts, at);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private BadInputException error(int at, String problem) {
        return new BadInputException(source, "line " + line(at), problem);
    }

    // ---- document ---------------------------------------------------------------------------------------------------

    private Element document() {
        if (s.startsWith("<?xml")) {
            declaration();
        }
        misc();
        if (pos >= s.length()) {
            throw error(pos, "No data to parse: the document has no root element");
        }
        if (s.charAt(pos) != '<') {
            throw error(pos, "text before the root element: an XML document starts with '<'");
        }
        Map<String, String> scope = new HashMap<>();
        scope.put("xml", XML_NS);
        Element root = element(1, scope, "");
        misc();
        if (pos < s.length()) {
            throw error(pos, "content after the end of the root element " + root + ": a document has one root element");
        }
        return root;
    }

    private void declaration() {
        int end = s.indexOf("?>", pos);
        if (end < 0) {
            throw error(pos, "the XML declaration '<?xml ...' is not closed with '?>'");
        }
        String decl = s.substring(pos, end);
        int enc = decl.indexOf("encoding");
        if (enc >= 0) {
            int q = enc + "encoding".length();
            while (q < decl.length() && (decl.charAt(q) == ' ' || decl.charAt(q) == '=')) {
                q++;
            }
            if (q < decl.length() && (decl.charAt(q) == '"' || decl.charAt(q) == '\'')) {
                int close = decl.indexOf(decl.charAt(q), q + 1);
                String name = close < 0 ? "" : decl.substring(q + 1, close).toUpperCase(Locale.ROOT);
                if (!name.equals("UTF-8") && !name.equals("UTF8") && !name.equals("US-ASCII") && !name.equals("ASCII")) {
                    throw error(pos, "declares encoding '" + name + "'; Pillar reads XML in UTF-8: convert the file and declare encoding=\"UTF-8\"");
                }
            }
        }
        pos = end + 2;
    }

    /** Whitespace, comments and processing instructions outside the root element; a DOCTYPE is refused. */
    private void misc() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (s.startsWith("<!--", pos)) {
                comment();
            } else if (s.startsWith("<!DOCTYPE", pos) || s.startsWith("<!doctype", pos)) {
                throw error(pos, "a document type declaration (<!DOCTYPE ...>) is not accepted: DTDs, entity definitions and external "
                        + "entities are disabled; remove the declaration");
            } else if (s.startsWith("<?", pos)) {
                processingInstruction();
            } else {
                return;
            }
        }
    }

    private void comment() {
        int end = s.indexOf("-->", pos + 4);
        if (end < 0) {
            throw error(pos, "a comment '<!--' is never closed with '-->'");
        }
        pos = end + 3;
    }

    private void processingInstruction() {
        int end = s.indexOf("?>", pos + 2);
        if (end < 0) {
            throw error(pos, "a processing instruction '<?' is never closed with '?>'");
        }
        pos = end + 2;
    }

    // ---- elements ---------------------------------------------------------------------------------------------------

    private Element element(int depth, Map<String, String> parentScope, String parentLang) {
        int start = pos;
        if (depth > limits.maxDepth()) {
            throw error(start, "elements are nested more than " + limits.maxDepth() + " deep");
        }
        if (++elements > limits.maxElements()) {
            throw error(start, "the document has more than " + limits.maxElements() + " elements");
        }
        pos++; // '<'
        String qname = name();
        List<String[]> raw = new ArrayList<>();
        boolean empty;
        while (true) {
            boolean space = skipSpace();
            if (pos >= s.length()) {
                throw error(start, "the start tag <" + qname + " is never closed with '>'");
            }
            char c = s.charAt(pos);
            if (c == '>') {
                pos++;
                empty = false;
                break;
            }
            if (c == '/' && s.startsWith("/>", pos)) {
                pos += 2;
                empty = true;
                break;
            }
            if (!space) {
                throw error(pos, "expected whitespace, '>' or '/>' in the start tag <" + qname + ">");
            }
            int attrAt = pos;
            String an = name();
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != '=') {
                throw error(attrAt, "attribute '" + an + "' of <" + qname + "> has no value: write " + an + "=\"...\"");
            }
            pos++;
            skipSpace();
            String value = attributeValue(an);
            for (String[] a : raw) {
                if (a[0].equals(an)) {
                    throw error(attrAt, "attribute '" + an + "' appears twice on <" + qname + ">: keep one");
                }
            }
            raw.add(new String[] {an, value});
            if (raw.size() > limits.maxAttributes()) {
                throw error(attrAt, "<" + qname + "> has more than " + limits.maxAttributes() + " attributes");
            }
        }
        Map<String, String> scope = parentScope;
        for (String[] a : raw) {
            if (a[0].equals("xmlns") || a[0].startsWith("xmlns:")) {
                if (scope == parentScope) {
                    scope = new HashMap<>(parentScope);
                }
                String prefix = a[0].equals("xmlns") ? "" : a[0].substring(6);
                if (prefix.equals("xml") || prefix.equals("xmlns")) {
                    throw error(start, "the prefix '" + prefix + "' cannot be declared");
                }
                if (!prefix.isEmpty() && a[1].isEmpty()) {
                    throw error(start, "the namespace prefix '" + prefix + "' is declared with an empty URI");
                }
                scope.put(prefix, a[1]);
            }
        }
        List<Attribute> attributes = new ArrayList<>();
        String lang = parentLang;
        for (String[] a : raw) {
            if (a[0].equals("xmlns") || a[0].startsWith("xmlns:")) {
                continue;
            }
            int colon = a[0].indexOf(':');
            String ns = colon < 0 ? "" : namespace(scope, a[0].substring(0, colon), start, a[0]);
            String local = colon < 0 ? a[0] : a[0].substring(colon + 1);
            for (Attribute other : attributes) {
                if (other.ns().equals(ns) && other.name().equals(local)) {
                    throw error(start, "attribute '" + local + "' appears twice on <" + qname + "> (under different prefixes)");
                }
            }
            attributes.add(new Attribute(ns, local, a[1]));
            if (ns.equals(XML_NS) && local.equals("lang")) {
                lang = a[1].strip();
            }
        }
        int colon = qname.indexOf(':');
        String ns = namespace(scope, colon < 0 ? "" : qname.substring(0, colon), start, qname);
        Element e = new Element(ns, colon < 0 ? qname : qname.substring(colon + 1), qname, line(start), lang, List.copyOf(attributes));
        if (!empty) {
            content(e, depth, scope);
        }
        return e;
    }

    private String namespace(Map<String, String> scope, String prefix, int at, String qname) {
        String ns = scope.get(prefix);
        if (ns == null) {
            if (prefix.isEmpty()) {
                return "";
            }
            throw error(at, "the namespace prefix '" + prefix + "' of '" + qname + "' is not declared: add xmlns:" + prefix + "=\"...\"");
        }
        return ns;
    }

    private void content(Element e, int depth, Map<String, String> scope) {
        while (true) {
            if (pos >= s.length()) {
                throw error(pos, "the element " + e + " is never closed: add </" + e.qname + ">");
            }
            char c = s.charAt(pos);
            if (c != '<') {
                text(e.text);
                continue;
            }
            if (s.startsWith("</", pos)) {
                int at = pos;
                pos += 2;
                String end = name();
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != '>') {
                    throw error(at, "the end tag </" + end + " is not closed with '>'");
                }
                pos++;
                if (!end.equals(e.qname)) {
                    warnings.add("line " + line(at) + ": end tag </" + end + "> does not match the open element " + e
                            + "; read as its end (correct the end tag to </" + e.qname + ">)");
                }
                return;
            }
            if (s.startsWith("<!--", pos)) {
                comment();
            } else if (s.startsWith("<![CDATA[", pos)) {
                int end = s.indexOf("]]>", pos + 9);
                if (end < 0) {
                    throw error(pos, "a CDATA section is never closed with ']]>'");
                }
                checkChars(pos + 9, end);
                e.text.append(s, pos + 9, end);
                pos = end + 3;
            } else if (s.startsWith("<?", pos)) {
                processingInstruction();
            } else if (s.startsWith("<!", pos)) {
                throw error(pos, "declarations ('<!...') are not accepted inside elements: DTDs and entities are disabled");
            } else {
                e.children.add(element(depth + 1, scope, e.lang));
            }
        }
    }

    private void text(StringBuilder out) {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '<') {
                return;
            }
            if (c == '&') {
                out.append(reference());
            } else {
                checkChar(c, pos);
                out.append(c);
                pos++;
            }
        }
    }

    private String attributeValue(String attr) {
        if (pos >= s.length() || (s.charAt(pos) != '"' && s.charAt(pos) != '\'')) {
            throw error(pos, "the value of attribute '" + attr + "' must be quoted");
        }
        char quote = s.charAt(pos++);
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error(pos, "the value of attribute '" + attr + "' is never closed with " + quote);
            }
            char c = s.charAt(pos);
            if (c == quote) {
                pos++;
                return b.toString();
            }
            if (c == '<') {
                throw error(pos, "'<' is not allowed in the value of attribute '" + attr + "': write &lt;");
            }
            if (c == '&') {
                b.append(reference());
            } else {
                checkChar(c, pos);
                b.append(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
                pos++;
            }
        }
    }

    private String reference() {
        int at = pos;
        int end = s.indexOf(';', pos);
        if (end < 0 || end - pos > 12) {
            throw error(at, "'&' starts no entity reference: write &amp; for a literal '&'");
        }
        String ref = s.substring(pos + 1, end);
        pos = end + 1;
        switch (ref) {
            case "lt": return "<";
            case "gt": return ">";
            case "amp": return "&";
            case "quot": return "\"";
            case "apos": return "'";
            default:
        }
        if (ref.startsWith("#")) {
            int cp;
            try {
                cp = ref.startsWith("#x") ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
            } catch (NumberFormatException e) {
                throw error(at, "'&" + ref + ";' is not a character reference: use &#NNN; or &#xHHH;");
            }
            if (!allowed(cp)) {
                throw error(at, "'&" + ref + ";' names a character that XML does not allow");
            }
            return new String(Character.toChars(cp));
        }
        throw error(at, "unknown entity '&" + ref + ";': only &lt; &gt; &amp; &quot; &apos; and character references are "
                + "accepted (entity definitions are disabled); write the character itself");
    }

    private static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    private void checkChar(char c, int at) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
            throw error(at, String.format("character U+%04X is not allowed in XML: remove it", (int) c));
        }
    }

    private void checkChars(int from, int to) {
        for (int i = from; i < to; i++) {
            checkChar(s.charAt(i), i);
        }
    }

    private boolean skipSpace() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
            pos++;
        }
        return pos > start;
    }

    private String name() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            boolean ok = pos == start ? Character.isLetter(c) || c == '_' || c == ':'
                    : Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '-' || c == '.' || c == '\u00B7';
            if (!ok) {
                break;
            }
            pos++;
            if (pos - start > 256) {
                throw error(start, "a name is longer than 256 characters");
            }
        }
        if (pos == start) {
            throw error(start, pos < s.length() ? "expected a name, found '" + s.charAt(pos) + "'" : "expected a name, found the end of the document");
        }
        String n = s.substring(start, pos);
        if (n.startsWith(":") || n.endsWith(":") || n.indexOf(':') != n.lastIndexOf(':')) {
            throw error(start, "'" + n + "' is not a valid qualified name (prefix:local)");
        }
        return n;
    }
}
