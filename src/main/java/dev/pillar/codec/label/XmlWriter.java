package dev.pillar.codec.label;

/** Writes small XML documents, indented by two spaces; attribute pairs whose value is null are left out. */
final class XmlWriter {
    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private int depth;

    void open(String name, String... attrs) {
        indent();
        start(name, attrs);
        out.append(">\n");
        depth++;
    }

    void close(String name) {
        depth--;
        indent();
        out.append("</").append(name).append(">\n");
    }

    void leaf(String name, String text, String... attrs) {
        indent();
        start(name, attrs);
        out.append('>').append(escape(text, false)).append("</").append(name).append(">\n");
    }

    void empty(String name, String... attrs) {
        indent();
        start(name, attrs);
        out.append("/>\n");
    }

    private void start(String name, String... attrs) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                out.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1], true)).append('"');
            }
        }
    }

    private void indent() {
        out.append("  ".repeat(depth));
    }

    static String escape(String s, boolean attribute) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
