package dev.pillar.codec.label;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.label.Xml.Element;
import dev.pillar.core.label.Marking;
import dev.pillar.core.label.MarkingCode;
import dev.pillar.core.label.Markings;
import dev.pillar.core.label.PolicyDefinition.CategoryDef;
import dev.pillar.core.label.PolicyDefinition.CategoryEquivalentDef;
import dev.pillar.core.label.PolicyDefinition.CategoryRefDef;
import dev.pillar.core.label.PolicyDefinition.ClassEquivalentDef;
import dev.pillar.core.label.PolicyDefinition.ClassificationDef;
import dev.pillar.core.label.PolicyDefinition.EquivalentPolicyDef;
import dev.pillar.core.label.PolicyDefinition.Named;
import dev.pillar.core.label.PolicyDefinition.Operation;
import dev.pillar.core.label.PolicyDefinition.RequirementDef;
import dev.pillar.core.label.PolicyDefinition.TagDef;
import dev.pillar.core.label.PolicyDefinition.TagSetDef;
import dev.pillar.core.label.PolicyDefinition;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.label.TagType;
import dev.pillar.core.model.InvalidValueException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Open XML SPIF (schema 2.0/2.1, with or without the {@code http://www.xmlspif.org/spif} namespace) into a
 * compiled {@link SecurityPolicy}. A broken SPIF is refused with a {@link BadInputException} whose field is the element
 * (path and line) and whose message gives the reason and the fix; parts of the SPIF that Pillar does not use are
 * reported as warnings.
 */
public final class SpifReader {
    static final String SPIF_NS = "http://www.xmlspif.org/spif";

    /** A compiled policy and the warnings met while reading it. */
    public record Result(SecurityPolicy policy, List<String> warnings) {}

    private final String source;
    private final List<String> warnings = new ArrayList<>();

    private SpifReader(String source) {
        this.source = source;
    }

    /** Reads the SPIF in {@code bytes}; {@code source} names it in messages (e.g. the file name). */
    public static Result read(byte[] bytes, String source) {
        Xml.Document doc = Xml.parse(bytes, source);
        SpifReader r = new SpifReader(source);
        r.warnings.addAll(doc.warnings());
        PolicyDefinition def = r.policy(doc.root());
        try {
            return new Result(SecurityPolicy.compile(def), List.copyOf(r.warnings));
        } catch (InvalidValueException e) {
            throw new BadInputException(source, e.field(), e.problem());
        }
    }

    private BadInputException error(String at, String problem) {
        return new BadInputException(source, at, problem);
    }

    private static String at(String path, Element e) {
        return path + " (line " + e.line + ")";
    }

    private static boolean spif(Element e) {
        return e.ns.isEmpty() || e.ns.equals(SPIF_NS);
    }

    /** SPIF children named {@code name}. */
    private static List<Element> kids(Element e, String name) {
        List<Element> out = new ArrayList<>();
        for (Element c : e.children) {
            if (spif(c) && c.name.equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    private static Element kid(Element e, String name) {
        List<Element> k = kids(e, name);
        return k.isEmpty() ? null : k.get(0);
    }

    /** Warns about SPIF children of {@code e} that are not in {@code known}. */
    private void onlyKnown(Element e, Set<String> known) {
        for (Element c : e.children) {
            if (spif(c) && !known.contains(c.name)) {
                warnings.add("line " + c.line + ": <" + c.qname + "> inside <" + e.qname + "> is not used by Pillar; ignored");
            }
        }
    }

    private String required(Element e, String attr, String path) {
        String v = e.attr(attr);
        if (v == null || v.isBlank()) {
            throw error(at(path, e), "<" + e.qname + "> needs the attribute " + attr + "=\"...\"");
        }
        return v.strip();
    }

    private long lacv(Element e, String path) {
        return number(required(e, "lacv", path), at(path, e) + "/@lacv", "lacv");
    }

    private long number(String text, String at, String what) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) {
            throw error(at, what + " '" + text + "' is not a whole number (Pillar reads LACVs as numbers, e.g. lacv=\"3\")");
        }
        return Long.parseLong(t);
    }

    private boolean bool(Element e, String attr, String path) {
        String v = e.attr(attr);
        if (v == null) {
            return false;
        }
        return switch (v.strip()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw error(at(path, e) + "/@" + attr, "'" + v + "' is not a boolean: write true or false");
        };
    }

    // ---- structure ----------------------------------------------------------------------------------------------------

    private PolicyDefinition policy(Element root) {
        if (!root.name.equals("SPIF") || !spif(root)) {
            throw error("line " + root.line, "Not a SPIF: the root element is <" + root.qname + ">, expected <SPIF> (namespace " + SPIF_NS + " or none)");
        }
        String path = "/SPIF";
        onlyKnown(root, Set.of("securityPolicyId", "defaultSecurityPolicyId", "equivalentPolicies", "securityClassifications",
                "securityCategoryTagSets", "markingQualifier", "markingData", "extensions", "privilegeId", "rbacId", "keyIdentifier"));
        Element idEl = kid(root, "securityPolicyId");
        if (idEl == null) {
            throw error(at(path, root), "the SPIF has no <securityPolicyId name=\"...\" id=\"...\"/>: add it");
        }
        String id = required(idEl, "id", path + "/securityPolicyId");
        String name = required(idEl, "name", path + "/securityPolicyId");
        List<EquivalentPolicyDef> equivalents = new ArrayList<>();
        Element eqs = kid(root, "equivalentPolicies");
        if (eqs != null) {
            for (Element e : kids(eqs, "equivalentPolicy")) {
                String p = path + "/equivalentPolicies/equivalentPolicy[@name='" + e.attr("name") + "']";
                onlyKnown(e, Set.of("requiredCategory"));
                equivalents.add(new EquivalentPolicyDef(required(e, "name", p), required(e, "id", p), requirements(e, p), at(p, e)));
            }
        }
        Element classes = kid(root, "securityClassifications");
        if (classes == null) {
            throw error(at(path, root), "the SPIF has no <securityClassifications>: add its classifications");
        }
        List<ClassificationDef> cls = new ArrayList<>();
        for (Element c : kids(classes, "securityClassification")) {
            cls.add(classification(c, path + "/securityClassifications/securityClassification[@name='" + c.attr("name") + "']"));
        }
        List<TagSetDef> tagSets = new ArrayList<>();
        Element sets = kid(root, "securityCategoryTagSets");
        if (sets != null) {
            onlyKnown(sets, Set.of("securityCategoryTagSet"));
            for (Element ts : kids(sets, "securityCategoryTagSet")) {
                tagSets.add(tagSet(ts, path + "/securityCategoryTagSets/securityCategoryTagSet[@name='" + ts.attr("name") + "']"));
            }
        }
        return new PolicyDefinition(id, name, cls, tagSets, markings(root, path), equivalents, at(path, root));
    }

    private ClassificationDef classification(Element c, String path) {
        onlyKnown(c, Set.of("markingData", "markingQualifier", "requiredCategory", "equivalentClassification"));
        String name = required(c, "name", path);
        long lacv = lacv(c, path);
        String h = required(c, "hierarchy", path);
        int hierarchy = (int) Math.min(Integer.MAX_VALUE, number(h, at(path, c) + "/@hierarchy", "hierarchy"));
        List<ClassEquivalentDef> eq = new ArrayList<>();
        for (Element e : kids(c, "equivalentClassification")) {
            String p = path + "/equivalentClassification[@policyRef='" + e.attr("policyRef") + "']";
            onlyKnown(e, Set.of("requiredCategory"));
            String applied = required(e, "applied", p);
            eq.add(new ClassEquivalentDef(required(e, "policyRef", p), lacv(e, p), encrypt(applied, e, p), decrypt(applied, e, p),
                    requirements(e, p), at(p, e)));
        }
        return new ClassificationDef(name, lacv, hierarchy, bool(c, "obsolete", path), c.attr("color"), markings(c, path),
                requirements(c, path), eq, at(path, c));
    }

    private boolean encrypt(String applied, Element e, String path) {
        checkApplied(applied, e, path);
        return applied.equals("encrypt") || applied.equals("both");
    }

    private boolean decrypt(String applied, Element e, String path) {
        checkApplied(applied, e, path);
        return applied.equals("decrypt") || applied.equals("both");
    }

    private void checkApplied(String applied, Element e, String path) {
        if (!applied.equals("encrypt") && !applied.equals("decrypt") && !applied.equals("both")) {
            throw error(at(path, e) + "/@applied", "applied='" + applied + "' is not encrypt, decrypt or both");
        }
    }

    private TagSetDef tagSet(Element ts, String path) {
        onlyKnown(ts, Set.of("securityCategoryTag", "markingData", "markingQualifier"));
        String id = required(ts, "id", path);
        String name = required(ts, "name", path);
        List<TagDef> tags = new ArrayList<>();
        for (Element t : kids(ts, "securityCategoryTag")) {
            tags.add(tag(t, path + "/securityCategoryTag[@name='" + t.attr("name") + "']"));
        }
        return new TagSetDef(id, name, markings(ts, path), tags, at(path, ts));
    }

    private TagDef tag(Element t, String path) {
        onlyKnown(t, Set.of("tagCategory", "markingData", "markingQualifier", "excludedClass"));
        String name = required(t, "name", path);
        TagType type = tagType(t, path);
        List<CategoryDef> cats = new ArrayList<>();
        List<Element> tagExclusions = kids(t, "excludedClass");
        for (Element c : kids(t, "tagCategory")) {
            cats.add(category(c, path + "/tagCategory[@name='" + c.attr("name") + "']", tagExclusions, path));
        }
        return new TagDef(name, type, bool(t, "singleSelection", path), markings(t, path), cats, at(path, t));
    }

    private TagType tagType(Element e, String path) {
        String t = required(e, "tagType", path);
        return switch (t) {
            case "permissive" -> TagType.PERMISSIVE;
            case "restrictive" -> TagType.RESTRICTIVE;
            case "tagType7", "informative" -> TagType.INFORMATIVE;
            case "enumerated" -> {
                String en = e.attr("enumType");
                if ("permissive".equals(en)) {
                    yield TagType.ENUMERATED_PERMISSIVE;
                }
                if ("restrictive".equals(en)) {
                    yield TagType.ENUMERATED_RESTRICTIVE;
                }
                throw error(at(path, e) + "/@enumType", "an enumerated tag needs enumType=\"permissive\" or enumType=\"restrictive\"");
            }
            default -> throw error(at(path, e) + "/@tagType", "tagType '" + t + "' is not permissive, restrictive, enumerated or tagType7");
        };
    }

    private CategoryDef category(Element c, String path, List<Element> tagExclusions, String tagPath) {
        onlyKnown(c, Set.of("markingData", "markingQualifier", "excludedClass", "excludedCategory", "requiredCategory",
                "equivalentSecCategoryTag"));
        String name = required(c, "name", path);
        long lacv = lacv(c, path);
        List<Named> excludedClasses = new ArrayList<>();
        for (Element x : tagExclusions) {
            excludedClasses.add(new Named(x.text().strip(), at(tagPath + "/excludedClass", x)));
        }
        for (Element x : kids(c, "excludedClass")) {
            String cls = x.text().strip();
            if (cls.isEmpty()) {
                throw error(at(path + "/excludedClass", x), "Empty excludedClass element: write the name of a classification inside it");
            }
            excludedClasses.add(new Named(cls, at(path + "/excludedClass", x)));
        }
        List<CategoryRefDef> excludedCategories = new ArrayList<>();
        for (Element x : kids(c, "excludedCategory")) {
            excludedCategories.add(categoryRef(x, path + "/excludedCategory"));
        }
        List<CategoryEquivalentDef> eq = new ArrayList<>();
        for (Element e : kids(c, "equivalentSecCategoryTag")) {
            String p = path + "/equivalentSecCategoryTag[@policyRef='" + e.attr("policyRef") + "']";
            String applied = required(e, "applied", p);
            boolean discard = e.attr("action") != null;
            if (discard && !"discard".equals(e.attr("action"))) {
                throw error(at(p, e) + "/@action", "action='" + e.attr("action") + "' is not discard");
            }
            String lv = e.attr("lacv");
            Long l = discard && (lv == null || lv.isBlank()) ? null : Long.valueOf(lacv(e, p));
            eq.add(new CategoryEquivalentDef(required(e, "policyRef", p), discard ? e.attr("tagSetId") : required(e, "tagSetId", p),
                    tagType(e, p), l, encrypt(applied, e, p), decrypt(applied, e, p), discard, at(p, e)));
        }
        return new CategoryDef(name, lacv, bool(c, "obsolete", path), markings(c, path), excludedClasses, excludedCategories,
                requirements(c, path), eq, at(path, c));
    }

    private CategoryRefDef categoryRef(Element e, String path) {
        String ts = required(e, "tagSetRef", path);
        TagType type = tagType(e, path);
        String lv = e.attr("lacv");
        boolean all = bool(e, "all", path);
        Long l = all || lv == null ? null : Long.valueOf(lacv(e, path));
        return new CategoryRefDef(ts, type, l, at(path, e));
    }

    private List<RequirementDef> requirements(Element holder, String path) {
        List<RequirementDef> out = new ArrayList<>();
        for (Element r : kids(holder, "requiredCategory")) {
            String p = path + "/requiredCategory";
            onlyKnown(r, Set.of("categoryGroup"));
            String op = r.attr("operation");
            Operation o = op == null ? null : Operation.ofSpifName(op.strip());
            if (o == null) {
                throw error(at(p, r) + "/@operation", "requiredCategory needs operation=\"onlyOne\", \"oneOrMore\" or \"all\""
                        + (op == null ? "" : ", not '" + op + "'"));
            }
            List<CategoryRefDef> members = new ArrayList<>();
            for (Element g : kids(r, "categoryGroup")) {
                members.add(categoryRef(g, p + "/categoryGroup"));
            }
            out.add(new RequirementDef(o, members, at(p, r)));
        }
        return out;
    }

    // ---- markings -----------------------------------------------------------------------------------------------------

    /**
     * The marking data of {@code holder} per language: the qualifiers of a language (prefix, suffix, separator; a
     * language's missing ones taken from the untagged qualifiers) and the markingData phrases of that language.
     */
    private Markings markings(Element holder, String path) {
        List<Element> qualifiers = new ArrayList<>();
        for (Element mq : kids(holder, "markingQualifier")) {
            onlyKnown(mq, Set.of("qualifier"));
            qualifiers.addAll(kids(mq, "qualifier"));
        }
        List<Element> data = kids(holder, "markingData");
        if (qualifiers.isEmpty() && data.isEmpty()) {
            return Markings.NONE;
        }
        Set<String> langs = new LinkedHashSet<>();
        for (Element q : qualifiers) {
            langs.add(q.lang);
        }
        for (Element d : data) {
            langs.add(d.lang);
        }
        Map<String, Marking> byLang = new LinkedHashMap<>();
        for (String lang : langs) {
            String[] own = qualifiers(qualifiers, lang, path);
            if (!lang.isEmpty()) {
                String[] fallback = qualifiers(qualifiers, "", path);
                for (int i = 0; i < 3; i++) {
                    if (own[i] == null) {
                        own[i] = fallback[i];
                    }
                }
            }
            List<Marking.Phrase> phrases = new ArrayList<>();
            for (Element d : data) {
                if (d.lang.equals(lang)) {
                    phrases.add(phrase(d, path + "/markingData"));
                }
            }
            byLang.put(lang, new Marking(lang, own[0], own[1], own[2], phrases));
        }
        return new Markings(byLang);
    }

    /** The prefix, suffix and separator of language {@code lang} (null where not given). */
    private String[] qualifiers(List<Element> qualifiers, String lang, String path) {
        String[] out = new String[3];
        for (Element q : qualifiers) {
            if (!q.lang.equals(lang)) {
                continue;
            }
            String text = q.attr("markingQualifier");
            String code = q.attr("qualifierCode");
            if (text == null || code == null) {
                warnings.add("line " + q.line + ": a qualifier without markingQualifier or qualifierCode is ignored");
                continue;
            }
            switch (code.strip()) {
                case "prefix" -> out[0] = text;
                case "suffix" -> out[1] = text;
                case "separator" -> out[2] = text;
                default -> throw error(at(path + "/markingQualifier/qualifier", q) + "/@qualifierCode",
                        "qualifierCode '" + code + "' is not prefix, suffix or separator");
            }
        }
        return out;
    }

    private Marking.Phrase phrase(Element d, String path) {
        onlyKnown(d, Set.of("code"));
        Set<MarkingCode> codes = EnumSet.noneOf(MarkingCode.class);
        for (Element c : kids(d, "code")) {
            String name = c.text().strip();
            Set<MarkingCode> named = MarkingCode.ofSpifName(name);
            if (named == null) {
                throw error(at(path + "/code", c), "Unknown marking code '" + name + "': use pageTop, pageBottom, pageTopBottom, "
                        + "documentStart, documentEnd, noNameDisplay, noMarkingDisplay, suppressClassName or replacePolicy");
            }
            codes.addAll(named);
        }
        return new Marking.Phrase(codes, d.attr("phrase"));
    }
}
