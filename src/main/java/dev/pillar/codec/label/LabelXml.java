package dev.pillar.codec.label;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.label.Xml.Element;
import dev.pillar.core.label.Clearance;
import dev.pillar.core.label.Label;
import dev.pillar.core.label.PolicyRegistry;
import dev.pillar.core.label.SecurityPolicy.Category;
import dev.pillar.core.label.SecurityPolicy.Classification;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.label.TagType;
import dev.pillar.core.model.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads and writes labels and clearances in two XML syntaxes:
 * <ul>
 * <li>{@link Syntax#SIMPLE}: the syntax of the XML-SPIF conformance suite (namespace
 * {@value #SIMPLE_NS}): the policy by OID, the classification by LACV, each category as a {@code tag} with its tag
 * set OID, type and LACV;</li>
 * <li>{@link Syntax#STANAG_4774}: a STANAG 4774 confidentiality metadata label (namespace {@value #NATO_NS}): the
 * policy by name and {@code urn:oid:} URI, the classification by name, categories grouped by tag set with their
 * names as {@code GenericValue}s. STANAG 4774 has no clearance; a clearance is written with the same elements under
 * a Pillar root element ({@value #CLEARANCE_NS}).</li>
 * </ul>
 * Reading needs the policies ({@link PolicyRegistry}) because both syntaxes refer to the policy's parts. Every error
 * is a {@link BadInputException} naming the element and the fix. Writing then reading gives an equal label or
 * clearance in either syntax.
 */
public final class LabelXml {
    public static final String SIMPLE_NS = "http://surevine.com/xmlns/spiffy";
    public static final String NATO_NS = "urn:nato:stanag:4774:confidentialitymetadatalabel:1:0";
    public static final String CLEARANCE_NS = "urn:dev-pillar:clearance:stanag4774-style:1";
    /** Pillar's element in the simple syntax that keeps a STANAG 4774 label's metadata. */
    static final String PILLAR_NS = "urn:dev-pillar:label-metadata:1";

    /** The XML syntax of a label or clearance. */
    public enum Syntax {
        SIMPLE("simple"), STANAG_4774("4774");

        private final String cliName;

        Syntax(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        /** The syntax named {@code name} ({@code simple} or {@code 4774}), or null. */
        public static Syntax named(String name) {
            for (Syntax s : values()) {
                if (s.cliName.equalsIgnoreCase(name)) {
                    return s;
                }
            }
            return null;
        }
    }

    private LabelXml() {}

    // ---- reading ------------------------------------------------------------------------------------------------------

    /** Reads a label in either syntax (told apart by the root element's namespace). */
    public static Label readLabel(byte[] bytes, String source, PolicyRegistry policies) {
        Element root = Xml.parse(bytes, source).root();
        return within(source, () -> {
            if (root.ns.equals(SIMPLE_NS) && root.name.equals("label")) {
                return simpleLabel(root, policies);
            }
            if (root.ns.equals(NATO_NS) && root.name.toLowerCase(Locale.ROOT).endsWith("confidentialitylabel")) {
                return natoLabel(root, policies);
            }
            throw new InvalidValueException("line " + root.line, "Not a label: the root element is <" + root.qname + "> in namespace '"
                    + root.ns + "'; expected <label xmlns=\"" + SIMPLE_NS + "\"> or a STANAG 4774 <originatorConfidentialityLabel xmlns=\""
                    + NATO_NS + "\">");
        });
    }

    /** Reads a clearance in either syntax. */
    public static Clearance readClearance(byte[] bytes, String source, PolicyRegistry policies) {
        Element root = Xml.parse(bytes, source).root();
        return within(source, () -> {
            if (root.ns.equals(SIMPLE_NS) && root.name.equals("clearance")) {
                return simpleClearance(root, policies);
            }
            if (root.ns.equals(CLEARANCE_NS) && root.name.equals("Clearance")) {
                return natoClearance(root, policies);
            }
            throw new InvalidValueException("line " + root.line, "Not a clearance: the root element is <" + root.qname + "> in namespace '"
                    + root.ns + "'; expected <clearance xmlns=\"" + SIMPLE_NS + "\"> or <Clearance xmlns=\"" + CLEARANCE_NS + "\">");
        });
    }

    private static <T> T within(String source, Supplier<T> f) {
        try {
            return f.get();
        } catch (InvalidValueException e) {
            throw new BadInputException(source, e.field(), e.problem());
        }
    }

    private static String at(Element e) {
        return "<" + e.qname + "> (line " + e.line + ")";
    }

    private static List<Element> kids(Element e, String ns, String name) {
        List<Element> out = new ArrayList<>();
        for (Element c : e.children) {
            if (c.ns.equals(ns) && c.name.equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    private static Element one(Element e, String ns, String name, boolean required) {
        List<Element> k = kids(e, ns, name);
        if (k.size() > 1) {
            throw new InvalidValueException(at(k.get(1)), "<" + name + "> appears more than once in " + at(e) + ": keep one");
        }
        if (k.isEmpty() && required) {
            throw new InvalidValueException(at(e), "has no <" + name + ">: add it");
        }
        return k.isEmpty() ? null : k.get(0);
    }

    private static String attr(Element e, String name) {
        String v = e.attr(name);
        if (v == null || v.isBlank()) {
            throw new InvalidValueException(at(e), "needs the attribute " + name + "=\"...\"");
        }
        return v.strip();
    }

    private static long lacv(Element e) {
        String v = attr(e, "lacv");
        if (v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException(at(e) + "/@lacv", "'" + v + "' is not a whole number");
        }
        return Long.parseLong(v);
    }

    private static SecurityPolicy policyById(Element e, PolicyRegistry policies) {
        String id = attr(e, "id");
        SecurityPolicy p = policies.byId(id);
        if (p == null) {
            throw new InvalidValueException(at(e) + "/@id", "Unknown policy id: " + id + " (load its SPIF; known: " + policies.describe() + ")");
        }
        return p;
    }

    private static Classification classByLacv(SecurityPolicy p, Element e) {
        long lacv = lacv(e);
        Classification c = p.classification(lacv);
        if (c == null) {
            throw new InvalidValueException(at(e) + "/@lacv", "policy " + p + " has no classification with lacv " + lacv + ": use one of "
                    + p.classifications().stream().map(x -> x.lacv() + " (" + x.name() + ")").toList());
        }
        return c;
    }

    private static Category tagByLacv(SecurityPolicy p, Element t) {
        String typeName = attr(t, "type");
        TagType type = TagType.ofLabelName(typeName);
        if (type == null) {
            throw new InvalidValueException(at(t) + "/@type", "tag type '" + typeName + "' is not restrictive, permissive, enumeratedRestrictive, "
                    + "enumeratedPermissive or informative");
        }
        String id = attr(t, "id");
        SecurityPolicy.TagSet ts = p.tagSet(id);
        if (ts == null) {
            throw new InvalidValueException(at(t) + "/@id", "Unknown tag set id: " + id + " in policy " + p + ": use one of "
                    + p.tagSets().stream().map(SecurityPolicy.TagSet::id).toList());
        }
        long lacv = lacv(t);
        Category c = ts.category(type, lacv);
        if (c == null) {
            throw new InvalidValueException(at(t), "tag set " + ts + " has no " + typeName + " category with lacv " + lacv);
        }
        return c;
    }

    private static Label simpleLabel(Element root, PolicyRegistry policies) {
        SecurityPolicy p = policyById(one(root, SIMPLE_NS, "policy", true), policies);
        Classification cls = classByLacv(p, one(root, SIMPLE_NS, "classification", true));
        Set<Category> cats = new LinkedHashSet<>();
        for (Element t : kids(root, SIMPLE_NS, "tag")) {
            cats.add(tagByLacv(p, t));
        }
        Label.Metadata md = Label.Metadata.NONE;
        Element m = one(root, PILLAR_NS, "metadata", false);
        if (m != null) {
            md = new Label.Metadata(m.attr("privacyMark"), m.attr("creationDateTime"), m.attr("originatorId"), m.attr("originatorIdType"),
                    m.attr("reviewDateTime"));
        }
        return Label.of(p, cls, cats, md);
    }

    private static Clearance simpleClearance(Element root, PolicyRegistry policies) {
        SecurityPolicy p = policyById(one(root, SIMPLE_NS, "policy", true), policies);
        Set<Classification> classes = new LinkedHashSet<>();
        for (Element c : kids(root, SIMPLE_NS, "classification")) {
            classes.add(classByLacv(p, c));
        }
        Set<Category> cats = new LinkedHashSet<>();
        for (Element t : kids(root, SIMPLE_NS, "tag")) {
            Category c = tagByLacv(p, t);
            if (c.type().informative()) {
                throw new InvalidValueException(at(t), "the informative category " + c + " carries no privilege: remove it from the clearance");
            }
            cats.add(c);
        }
        return Clearance.of(p, classes, cats);
    }

    private static SecurityPolicy natoPolicy(Element pi, PolicyRegistry policies) {
        String uri = pi.attr("URI") != null ? pi.attr("URI") : pi.attr("URL");
        String name = pi.text().strip();
        if (uri != null && uri.strip().startsWith("urn:oid:")) {
            String id = uri.strip().substring("urn:oid:".length());
            SecurityPolicy p = policies.byId(id);
            if (p == null) {
                throw new InvalidValueException(at(pi), "Unknown policy id: " + id + " (load its SPIF; known: " + policies.describe() + ")");
            }
            return p;
        }
        if (name.isEmpty()) {
            throw new InvalidValueException(at(pi), "names no policy: write the policy name, with URI=\"urn:oid:...\"");
        }
        SecurityPolicy p;
        try {
            p = policies.byName(name);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(at(pi), e.problem());
        }
        if (p == null) {
            throw new InvalidValueException(at(pi), "Unknown policy '" + name + "' (load its SPIF; known: " + policies.describe() + ")");
        }
        return p;
    }

    private static Classification natoClass(SecurityPolicy p, Element e) {
        String name = e.text().strip();
        Classification c = p.classificationNamedIgnoreCase(name);
        if (c == null) {
            throw new InvalidValueException(at(e), "policy " + p + " has no classification '" + name + "': use one of "
                    + p.classifications().stream().map(Classification::name).toList());
        }
        return c;
    }

    private static List<Category> natoCategories(SecurityPolicy p, Element ci) {
        List<Category> out = new ArrayList<>();
        for (Element cat : kids(ci, NATO_NS, "Category")) {
            String tagName = attr(cat, "TagName");
            String type = attr(cat, "Type");
            if (!type.equals("PERMISSIVE") && !type.equals("RESTRICTIVE") && !type.equals("INFORMATIVE")) {
                throw new InvalidValueException(at(cat) + "/@Type", "Type '" + type + "' is not PERMISSIVE, RESTRICTIVE or INFORMATIVE");
            }
            SecurityPolicy.TagSet ts = null;
            String uri = cat.attr("URI");
            if (uri != null && uri.strip().startsWith("urn:oid:")) {
                ts = p.tagSet(uri.strip().substring("urn:oid:".length()));
            }
            SecurityPolicy.Tag onlyTag = null;
            if (ts == null) {
                ts = p.tagSetNamed(tagName);
            }
            if (ts == null) {
                for (SecurityPolicy.TagSet s : p.tagSets()) {
                    for (SecurityPolicy.Tag t : s.tags()) {
                        if (t.name().equals(tagName) && t.type().stanag4774().equals(type) && onlyTag == null) {
                            onlyTag = t;
                            ts = s;
                        }
                    }
                }
            }
            if (ts == null) {
                throw new InvalidValueException(at(cat) + "/@TagName", "policy " + p + " has no tag set named '" + tagName + "': use one of "
                        + p.tagSets().stream().map(SecurityPolicy.TagSet::name).toList());
            }
            List<Element> values = kids(cat, NATO_NS, "GenericValue");
            if (values.isEmpty()) {
                throw new InvalidValueException(at(cat), "has no <GenericValue>: name at least one category");
            }
            for (Element v : values) {
                String name = v.text().strip();
                List<Category> found = new ArrayList<>();
                for (Category c : ts.categoriesNamed(name)) {
                    if (c.type().stanag4774().equals(type) && (onlyTag == null || c.tag() == onlyTag)) {
                        found.add(c);
                    }
                }
                if (found.isEmpty()) {
                    throw new InvalidValueException(at(v), "tag set " + ts + " has no " + type.toLowerCase(Locale.ROOT) + " category named '" + name + "'");
                }
                if (found.size() > 1) {
                    throw new InvalidValueException(at(v), "tag set " + ts + " has several " + type.toLowerCase(Locale.ROOT) + " categories named '"
                            + name + "': use the simple syntax, which names categories by lacv");
                }
                out.add(found.get(0));
            }
        }
        return out;
    }

    private static Label natoLabel(Element root, PolicyRegistry policies) {
        Element ci = one(root, NATO_NS, "ConfidentialityInformation", true);
        SecurityPolicy p = natoPolicy(one(ci, NATO_NS, "PolicyIdentifier", true), policies);
        Classification cls = natoClass(p, one(ci, NATO_NS, "Classification", true));
        List<Category> cats = natoCategories(p, ci);
        Element pm = one(ci, NATO_NS, "PrivacyMark", false);
        Element orig = one(root, NATO_NS, "OriginatorID", false);
        Element created = one(root, NATO_NS, "CreationDateTime", false);
        Label.Metadata md = new Label.Metadata(pm == null ? null : pm.text().strip(), created == null ? null : created.text().strip(),
                orig == null ? null : orig.text().strip(), orig == null ? null : orig.attr("IDType"), root.attr("ReviewDateTime"));
        return Label.of(p, cls, cats, md);
    }

    private static Clearance natoClearance(Element root, PolicyRegistry policies) {
        SecurityPolicy p = natoPolicy(one(root, NATO_NS, "PolicyIdentifier", true), policies);
        Set<Classification> classes = new LinkedHashSet<>();
        for (Element c : kids(root, NATO_NS, "Classification")) {
            classes.add(natoClass(p, c));
        }
        return Clearance.of(p, classes, natoCategories(p, root));
    }

    // ---- writing ------------------------------------------------------------------------------------------------------

    /** The label as an XML document in {@code syntax}. */
    public static String write(Label label, Syntax syntax) {
        return syntax == Syntax.SIMPLE ? simple(label) : nato(label);
    }

    /** The clearance as an XML document in {@code syntax}. */
    public static String write(Clearance clearance, Syntax syntax) {
        return syntax == Syntax.SIMPLE ? simple(clearance) : nato(clearance);
    }

    public static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static String simple(Label l) {
        XmlWriter w = new XmlWriter();
        w.open("label", "xmlns", SIMPLE_NS);
        w.leaf("policy", l.policy().name(), "id", l.policy().id());
        w.leaf("classification", l.classification().name(), "lacv", Long.toString(l.classification().lacv()));
        for (Category c : l.categories()) {
            w.leaf("tag", c.name(), "type", c.type().labelName(), "id", c.tagSet().id(), "lacv", Long.toString(c.lacv()));
        }
        Label.Metadata m = l.metadata();
        if (!m.isEmpty()) {
            w.empty("pillar:metadata", "xmlns:pillar", PILLAR_NS, "privacyMark", m.privacyMark(), "creationDateTime", m.creationDateTime(),
                    "originatorId", m.originatorId(), "originatorIdType", m.originatorIdType(), "reviewDateTime", m.reviewDateTime());
        }
        w.close("label");
        return w.toString();
    }

    private static String simple(Clearance c) {
        XmlWriter w = new XmlWriter();
        w.open("clearance", "xmlns", SIMPLE_NS);
        w.leaf("policy", c.policy().name(), "id", c.policy().id());
        for (Classification cls : c.classifications()) {
            w.leaf("classification", cls.name(), "lacv", Long.toString(cls.lacv()));
        }
        for (Category cat : c.categories()) {
            w.leaf("tag", cat.name(), "type", cat.type().labelName(), "id", cat.tagSet().id(), "lacv", Long.toString(cat.lacv()));
        }
        w.close("clearance");
        return w.toString();
    }

    private static String nato(Label l) {
        XmlWriter w = new XmlWriter();
        Label.Metadata m = l.metadata();
        w.open("originatorConfidentialityLabel", "xmlns", NATO_NS, "ReviewDateTime", m.reviewDateTime());
        w.open("ConfidentialityInformation");
        w.leaf("PolicyIdentifier", l.policy().name(), "URI", "urn:oid:" + l.policy().id());
        w.leaf("Classification", l.classification().name());
        if (m.privacyMark() != null) {
            w.leaf("PrivacyMark", m.privacyMark());
        }
        natoCategories(w, l.categories());
        w.close("ConfidentialityInformation");
        if (m.originatorId() != null) {
            w.leaf("OriginatorID", m.originatorId(), "IDType", m.originatorIdType());
        }
        if (m.creationDateTime() != null) {
            w.leaf("CreationDateTime", m.creationDateTime());
        }
        w.close("originatorConfidentialityLabel");
        return w.toString();
    }

    private static String nato(Clearance c) {
        XmlWriter w = new XmlWriter();
        w.open("Clearance", "xmlns", CLEARANCE_NS, "xmlns:slab", NATO_NS);
        w.leaf("slab:PolicyIdentifier", c.policy().name(), "URI", "urn:oid:" + c.policy().id());
        for (Classification cls : c.classifications()) {
            w.leaf("slab:Classification", cls.name());
        }
        natoCategories(w, c.categories(), "slab:");
        w.close("Clearance");
        return w.toString();
    }

    private static void natoCategories(XmlWriter w, List<Category> cats) {
        natoCategories(w, cats, "");
    }

    /** Categories grouped by tag set and 4774 type, in the policy's order; names must be unique within each group. */
    private static void natoCategories(XmlWriter w, List<Category> cats, String prefix) {
        Map<String, List<Category>> groups = new LinkedHashMap<>();
        for (Category c : cats) {
            groups.computeIfAbsent(c.tagSet().id() + "|" + c.type().stanag4774(), k -> new ArrayList<>()).add(c);
        }
        for (List<Category> group : groups.values()) {
            Category first = group.get(0);
            for (Category c : group) {
                long same = first.tagSet().categoriesNamed(c.name()).stream().filter(x -> x.type().stanag4774().equals(c.type().stanag4774())).count();
                if (same > 1) {
                    throw new InvalidValueException("label.categories", "category " + c + " cannot be written in STANAG 4774: its tag set has "
                            + same + " " + c.type().stanag4774().toLowerCase(Locale.ROOT) + " categories of that name; use the simple syntax");
                }
            }
            w.open(prefix + "Category", "TagName", first.tagSet().name(), "Type", first.type().stanag4774(), "URI", "urn:oid:" + first.tagSet().id());
            for (Category c : group) {
                w.leaf(prefix + "GenericValue", c.name());
            }
            w.close(prefix + "Category");
        }
    }
}
