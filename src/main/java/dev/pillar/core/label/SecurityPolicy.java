package dev.pillar.core.label;

import dev.pillar.core.label.PolicyDefinition.CategoryDef;
import dev.pillar.core.label.PolicyDefinition.CategoryRefDef;
import dev.pillar.core.label.PolicyDefinition.ClassificationDef;
import dev.pillar.core.label.PolicyDefinition.EquivalentPolicyDef;
import dev.pillar.core.label.PolicyDefinition.Named;
import dev.pillar.core.label.PolicyDefinition.Operation;
import dev.pillar.core.label.PolicyDefinition.RequirementDef;
import dev.pillar.core.label.PolicyDefinition.TagDef;
import dev.pillar.core.label.PolicyDefinition.TagSetDef;
import dev.pillar.core.model.InvalidValueException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A security policy compiled from its {@link PolicyDefinition} (an Open XML SPIF): classifications in hierarchy order,
 * tag sets, tags and categories, with every reference resolved and every category numbered in document order, so that
 * category sets are bit sets. It answers the four label operations: {@link #validate validity}, {@link #marking
 * display marking}, the {@link #permits access control decision} and, with a {@link PolicyRegistry}, translation.
 * Instances are immutable and safe to share.
 */
public final class SecurityPolicy {
    private static final Pattern OID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final String id;
    private final String name;
    private final Markings markings;
    private final List<Classification> classifications;
    private final Map<Long, Classification> classByLacv = new HashMap<>();
    private final Map<String, Classification> classByName = new HashMap<>();
    private final List<TagSet> tagSets = new ArrayList<>();
    private final Map<String, TagSet> tagSetById = new HashMap<>();
    private final Map<String, TagSet> tagSetByName = new HashMap<>();
    private final List<Category> categories = new ArrayList<>();
    private final Map<String, EquivalentPolicyDef> equivalentByName = new LinkedHashMap<>();
    private final long[] restrictive;
    private final PolicyDefinition definition;

    /** A classification of the policy; {@code rank} is its position from lowest to highest. */
    public static final class Classification {
        private final ClassificationDef def;
        private final int rank;
        private Requirement[] required;

        private Classification(ClassificationDef def, int rank) {
            this.def = def;
            this.rank = rank;
        }

        public String name() { return def.name(); }
        public long lacv() { return def.lacv(); }
        public int hierarchy() { return def.hierarchy(); }
        public int rank() { return rank; }
        public boolean obsolete() { return def.obsolete(); }
        /** The colour the policy gives it ({@code color} attribute), or null. */
        public String colour() { return def.colour(); }
        public Markings markings() { return def.markings(); }
        public List<PolicyDefinition.ClassEquivalentDef> equivalents() { return def.equivalents(); }

        @Override
        public String toString() {
            return def.name() + " (lacv " + def.lacv() + ")";
        }
    }

    /** A tag set: its OID, name and tags. */
    public static final class TagSet {
        private final TagSetDef def;
        private final List<Tag> tags = new ArrayList<>();
        private final Map<Long, Category>[] byLacv;
        private final Map<String, List<Category>> byName = new HashMap<>();

        @SuppressWarnings("unchecked")
        private TagSet(TagSetDef def) {
            this.def = def;
            this.byLacv = new Map[TagType.values().length];
            for (int i = 0; i < byLacv.length; i++) {
                byLacv[i] = new HashMap<>();
            }
        }

        public String id() { return def.id(); }
        public String name() { return def.name(); }
        public List<Tag> tags() { return List.copyOf(tags); }

        /** The category of type {@code type} with {@code lacv}, or null. */
        public Category category(TagType type, long lacv) {
            return byLacv[type.ordinal()].get(lacv);
        }

        /** The categories named {@code name} (any tag), in document order. */
        public List<Category> categoriesNamed(String name) {
            return byName.getOrDefault(name, List.of());
        }

        @Override
        public String toString() {
            return "'" + def.name() + "' (" + def.id() + ")";
        }
    }

    /** A tag: its type, its categories as a mask, and its marking qualifiers. */
    public static final class Tag {
        private final TagDef def;
        private final TagSet tagSet;
        private final long[] mask;
        private final List<Category> categories = new ArrayList<>();

        private Tag(TagDef def, TagSet tagSet, long[] mask) {
            this.def = def;
            this.tagSet = tagSet;
            this.mask = mask;
        }

        public String name() { return def.name(); }
        public TagType type() { return def.type(); }
        public TagSet tagSet() { return tagSet; }
        public boolean singleSelection() { return def.singleSelection(); }
        public Markings markings() { return def.markings(); }
        public List<Category> categories() { return List.copyOf(categories); }
    }

    /** A category; {@code ordinal} is its position in the policy (document order), the bit that stands for it. */
    public static final class Category {
        private final CategoryDef def;
        private final Tag tag;
        private final int ordinal;
        private long[] excludedClasses;
        private Matcher[] excluded;
        private Requirement[] required;

        private Category(CategoryDef def, Tag tag, int ordinal) {
            this.def = def;
            this.tag = tag;
            this.ordinal = ordinal;
        }

        public String name() { return def.name(); }
        public long lacv() { return def.lacv(); }
        public int ordinal() { return ordinal; }
        public Tag tag() { return tag; }
        public TagSet tagSet() { return tag.tagSet; }
        public TagType type() { return tag.type(); }
        public boolean obsolete() { return def.obsolete(); }
        public Markings markings() { return def.markings(); }
        public List<PolicyDefinition.CategoryEquivalentDef> equivalents() { return def.equivalents(); }

        @Override
        public String toString() {
            return "'" + def.name() + "' (" + tag.tagSet.name() + ", " + tag.type().labelName() + " " + def.lacv() + ")";
        }
    }

    /** A resolved category reference: the categories it matches and how to say so. */
    record Matcher(long[] mask, String description) {}

    /** A resolved requiredCategory group. */
    record Requirement(Operation operation, Matcher[] members) {
        boolean matches(long[] cats) {
            int found = 0;
            for (Matcher m : members) {
                if (Bits.intersects(cats, m.mask())) {
                    found++;
                }
            }
            return switch (operation) {
                case ONLY_ONE -> found == 1;
                case ONE_OR_MORE -> found >= 1;
                case ALL -> found == members.length && found > 0;
            };
        }

        String describe() {
            List<String> names = new ArrayList<>();
            for (Matcher m : members) {
                names.add(m.description());
            }
            String what = switch (operation) {
                case ONLY_ONE -> "exactly one of";
                case ONE_OR_MORE -> "one or more of";
                case ALL -> "all of";
            };
            return what + " [" + String.join("; ", names) + "]";
        }
    }

    private SecurityPolicy(PolicyDefinition def) {
        this.definition = def;
        this.id = checkOid(def.id(), def.at() + "/securityPolicyId/@id");
        if (def.name() == null || def.name().isBlank()) {
            throw new InvalidValueException(def.at() + "/securityPolicyId/@name", "the policy needs a name");
        }
        this.name = def.name();
        this.markings = def.markings();
        for (EquivalentPolicyDef e : def.equivalentPolicies()) {
            checkOid(e.id(), e.at() + "/@id");
            if (equivalentByName.put(e.name(), e) != null) {
                throw new InvalidValueException(e.at() + "/@name", "Duplicate equivalent policy name '" + e.name() + "': give each a distinct name");
            }
        }
        if (def.classifications().isEmpty()) {
            throw new InvalidValueException(def.at() + "/securityClassifications", "the policy has no classification: add at least one securityClassification");
        }
        List<ClassificationDef> ordered = new ArrayList<>(def.classifications());
        ordered.sort(Comparator.comparingInt(ClassificationDef::hierarchy));
        List<Classification> classes = new ArrayList<>();
        for (ClassificationDef c : ordered) {
            Classification cls = new Classification(c, classes.size());
            Classification clash = classByLacv.put(c.lacv(), cls);
            if (clash != null) {
                throw new InvalidValueException(c.at() + "/@lacv", "Duplicate classification lacv " + c.lacv() + " (also '" + clash.name()
                        + "'): give each classification its own lacv");
            }
            clash = classByName.put(c.name(), cls);
            if (clash != null) {
                throw new InvalidValueException(c.at() + "/@name", "Duplicate classification name '" + c.name() + "': give each classification its own name");
            }
            for (PolicyDefinition.ClassEquivalentDef e : c.equivalents()) {
                requireEquivalentPolicy(e.policyRef(), e.at());
            }
            classes.add(cls);
        }
        this.classifications = List.copyOf(classes);

        // Tag sets, tags and categories, numbered in document order.
        int n = 0;
        for (TagSetDef tsd : def.tagSets()) {
            for (TagDef td : tsd.tags()) {
                n += td.categories().size();
            }
        }
        this.restrictive = Bits.of(n);
        for (TagSetDef tsd : def.tagSets()) {
            checkOid(tsd.id(), tsd.at() + "/@id");
            TagSet ts = new TagSet(tsd);
            if (tagSetById.put(tsd.id(), ts) != null) {
                throw new InvalidValueException(tsd.at() + "/@id", "Duplicate tag set id " + tsd.id() + ": give each tag set its own OID");
            }
            if (tagSetByName.put(tsd.name(), ts) != null) {
                throw new InvalidValueException(tsd.at() + "/@name", "Duplicate tag set name '" + tsd.name() + "': give each tag set its own name");
            }
            tagSets.add(ts);
            for (TagDef td : tsd.tags()) {
                Tag tag = new Tag(td, ts, Bits.of(n));
                ts.tags.add(tag);
                for (CategoryDef cd : td.categories()) {
                    Category cat = new Category(cd, tag, categories.size());
                    Category clash = ts.byLacv[td.type().ordinal()].put(cd.lacv(), cat);
                    if (clash != null) {
                        throw new InvalidValueException(cd.at() + "/@lacv", "Duplicate category: " + td.type().labelName() + " lacv " + cd.lacv()
                                + " is already '" + clash.name() + "' in tag set '" + tsd.name() + "'; give each category its own lacv");
                    }
                    ts.byName.computeIfAbsent(cd.name(), k -> new ArrayList<>()).add(cat);
                    categories.add(cat);
                    tag.categories.add(cat);
                    Bits.set(tag.mask, cat.ordinal);
                    if (td.type().restrictive()) {
                        Bits.set(restrictive, cat.ordinal);
                    }
                    for (PolicyDefinition.CategoryEquivalentDef e : cd.equivalents()) {
                        requireEquivalentPolicy(e.policyRef(), e.at());
                    }
                }
            }
        }

        for (Classification c : classifications) {
            c.required = requirements(c.def.required());
        }
        for (Category c : categories) {
            c.excludedClasses = Bits.of(classifications.size());
            Set<String> seen = new HashSet<>();
            for (Named ex : c.def.excludedClasses()) {
                Classification cls = classByName.get(ex.name());
                if (cls == null) {
                    throw new InvalidValueException(ex.at(), "Unknown classification '" + ex.name() + "' in excludedClass of category '"
                            + c.name() + "': use one of " + classNames());
                }
                if (!seen.add(ex.name())) {
                    throw new InvalidValueException(ex.at(), "Duplicate excluded classification in category '" + c.name() + "': '"
                            + ex.name() + "' is listed twice; remove the repeated excludedClass");
                }
                Bits.set(c.excludedClasses, cls.rank);
            }
            List<Matcher> excluded = new ArrayList<>();
            for (CategoryRefDef ref : c.def.excludedCategories()) {
                excluded.add(matcher(ref));
            }
            c.excluded = excluded.toArray(new Matcher[0]);
            c.required = requirements(c.def.required());
        }
    }

    /** Checks and compiles {@code def}; throws {@link InvalidValueException} naming the element at fault and the fix. */
    public static SecurityPolicy compile(PolicyDefinition def) {
        return new SecurityPolicy(def);
    }

    private static String checkOid(String oid, String at) {
        if (oid == null || !OID.matcher(oid).matches()) {
            throw new InvalidValueException(at, "'" + oid + "' is not an object identifier: write dotted numbers, e.g. 1.3.26.1.3.1");
        }
        return oid;
    }

    private void requireEquivalentPolicy(String ref, String at) {
        if (!equivalentByName.containsKey(ref)) {
            throw new InvalidValueException(at + "/@policyRef", "PolicyRef '" + ref + "' not found: name one of the equivalentPolicies "
                    + equivalentByName.keySet() + " or declare it there");
        }
    }

    private List<String> classNames() {
        return classifications.stream().map(Classification::name).toList();
    }

    private Requirement[] requirements(List<RequirementDef> defs) {
        Requirement[] out = new Requirement[defs.size()];
        for (int i = 0; i < out.length; i++) {
            RequirementDef r = defs.get(i);
            if (r.members().isEmpty()) {
                throw new InvalidValueException(r.at(), "requiredCategory has no categoryGroup: name the categories it requires");
            }
            Matcher[] members = new Matcher[r.members().size()];
            for (int j = 0; j < members.length; j++) {
                members[j] = matcher(r.members().get(j));
            }
            out[i] = new Requirement(r.operation(), members);
        }
        return out;
    }

    private Matcher matcher(CategoryRefDef ref) {
        TagSet ts = tagSetByName.get(ref.tagSetRef());
        if (ts == null) {
            throw new InvalidValueException(ref.at() + "/@tagSetRef", "Unknown tag set '" + ref.tagSetRef() + "': use one of " + tagSetByName.keySet());
        }
        long[] mask = Bits.of(categories.size());
        if (ref.lacv() != null) {
            Category c = ts.category(ref.type(), ref.lacv());
            if (c == null) {
                throw new InvalidValueException(ref.at() + "/@lacv", "tag set '" + ts.name() + "' has no " + ref.type().labelName()
                        + " category with lacv " + ref.lacv());
            }
            Bits.set(mask, c.ordinal);
            return new Matcher(mask, c.toString());
        }
        boolean any = false;
        for (Tag t : ts.tags) {
            if (t.type() == ref.type()) {
                for (Category c : t.categories) {
                    Bits.set(mask, c.ordinal);
                    any = true;
                }
            }
        }
        if (!any) {
            throw new InvalidValueException(ref.at() + "/@tagType", "tag set '" + ts.name() + "' has no " + ref.type().labelName() + " tag");
        }
        return new Matcher(mask, "any " + ref.type().labelName() + " category of '" + ts.name() + "'");
    }

    // ---- lookups ------------------------------------------------------------------------------------------------------

    public String id() { return id; }
    public String name() { return name; }
    public Markings markings() { return markings; }
    /** The definition this policy was compiled from. */
    public PolicyDefinition definition() { return definition; }
    /** Classifications from lowest to highest (by hierarchy). */
    public List<Classification> classifications() { return classifications; }
    public List<TagSet> tagSets() { return List.copyOf(tagSets); }
    /** Every category in document order (the order markings use). */
    public List<Category> categories() { return List.copyOf(categories); }

    public Classification classification(long lacv) { return classByLacv.get(lacv); }
    public Classification classificationNamed(String name) { return classByName.get(name); }

    /** The classification named {@code name} ignoring case (for STANAG 4774 labels), or null. */
    public Classification classificationNamedIgnoreCase(String name) {
        Classification exact = classByName.get(name);
        if (exact != null) {
            return exact;
        }
        for (Classification c : classifications) {
            if (c.name().toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    public TagSet tagSet(String oid) { return tagSetById.get(oid); }
    public TagSet tagSetNamed(String name) { return tagSetByName.get(name); }
    public Category category(int ordinal) { return categories.get(ordinal); }
    int categoryCount() { return categories.size(); }
    /** The OID of the equivalent policy this policy calls {@code name}, or null. */
    public String equivalentPolicyId(String name) {
        EquivalentPolicyDef e = equivalentByName.get(name);
        return e == null ? null : e.id();
    }

    /** The equivalent policy declaration for the policy with OID {@code id}, or null. */
    public EquivalentPolicyDef equivalentPolicy(String id) {
        for (EquivalentPolicyDef e : equivalentByName.values()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }

    public List<EquivalentPolicyDef> equivalentPolicies() { return List.copyOf(equivalentByName.values()); }

    @Override
    public String toString() {
        return "'" + name + "' (" + id + ")";
    }

    // ---- validity -----------------------------------------------------------------------------------------------------

    /** Whether {@code label} is valid under this policy, with every reason it is not. */
    public Validity validate(Label label) {
        requireOwn(label.policy(), "label");
        List<String> problems = new ArrayList<>();
        Classification cls = label.classification();
        long[] cats = label.bits();
        if (cls.obsolete()) {
            problems.add("classification '" + cls.name() + "' is obsolete: no new label may use it");
        }
        for (Requirement r : cls.required) {
            if (!r.matches(cats)) {
                problems.add("classification '" + cls.name() + "' requires " + r.describe());
            }
        }
        for (Category c : label.categories()) {
            if (c.obsolete()) {
                problems.add("category " + c + " is obsolete: no new label may use it");
            }
            if (Bits.get(c.excludedClasses, cls.rank)) {
                problems.add("category " + c + " cannot be used with classification '" + cls.name() + "' (excludedClass)");
            }
            for (Matcher m : c.excluded) {
                if (Bits.intersects(cats, m.mask())) {
                    problems.add("category " + c + " excludes " + m.description() + ", and the label has " + names(label, m.mask()));
                }
            }
            for (Requirement r : c.required) {
                if (!r.matches(cats)) {
                    problems.add("category " + c + " requires " + r.describe());
                }
            }
        }
        for (TagSet ts : tagSets) {
            for (Tag t : ts.tags) {
                if (t.singleSelection() && Bits.count(cats, t.mask) > 1) {
                    problems.add("tag '" + t.name() + "' of tag set '" + ts.name() + "' allows one category, and the label has " + names(label, t.mask));
                }
            }
        }
        return new Validity(problems);
    }

    /** The names of the label's categories that are in {@code mask}, quoted, in document order. */
    private static String names(Label label, long[] mask) {
        List<String> out = new ArrayList<>();
        for (Category c : label.categories()) {
            if (Bits.get(mask, c.ordinal)) {
                out.add("'" + c.name() + "'");
            }
        }
        return String.join(", ", out);
    }

    /** Validity of a label: valid when there is no problem. */
    public record Validity(List<String> problems) {
        public Validity {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private void requireOwn(SecurityPolicy other, String what) {
        if (other != this) {
            throw new InvalidValueException(what + ".policy", "the " + what + " is under policy " + other + ", not " + this
                    + ": translate it first or use its own policy");
        }
    }

    // ---- access control decision --------------------------------------------------------------------------------------

    /**
     * The access control decision on compiled sets: the clearance holds the label's classification, every restrictive
     * category of the label, and at least one category of each permissive tag the label uses. It does not check the
     * label's validity (see {@link #access}).
     */
    public boolean permits(Label label, Clearance clearance) {
        if (label.policy() != this || clearance.policy() != this) {
            requireOwn(label.policy(), "label");
            requireOwn(clearance.policy(), "clearance");
        }
        if (!Bits.get(clearance.classBits(), label.classification().rank)) {
            return false;
        }
        long[] l = label.bits();
        long[] c = clearance.bits();
        long[] r = restrictive;
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & r[i] & ~c[i]) != 0) {
                return false;
            }
        }
        for (Tag t : label.permissiveTags()) {
            long[] m = t.mask;
            boolean held = false;
            for (int i = 0; i < l.length; i++) {
                if ((l[i] & m[i] & c[i]) != 0) {
                    held = true;
                    break;
                }
            }
            if (!held) {
                return false;
            }
        }
        return true;
    }

    /**
     * The access control decision with its reasons. Access is granted only to a valid label: an invalid label is refused
     * whatever the clearance holds.
     */
    public Access access(Label label, Clearance clearance) {
        requireOwn(label.policy(), "label");
        requireOwn(clearance.policy(), "clearance");
        List<String> reasons = new ArrayList<>();
        Validity v = validate(label);
        for (String p : v.problems()) {
            reasons.add("the label is not valid: " + p);
        }
        Classification cls = label.classification();
        if (!Bits.get(clearance.classBits(), cls.rank)) {
            reasons.add("the clearance does not hold the classification '" + cls.name() + "'");
        }
        for (Category c : label.categories()) {
            if (c.type().restrictive() && !Bits.get(clearance.bits(), c.ordinal)) {
                reasons.add("the clearance does not hold the restrictive category " + c);
            }
        }
        for (Tag t : label.permissiveTags()) {
            if (!Bits.intersects(and(label.bits(), t.mask), clearance.bits())) {
                reasons.add("the clearance holds none of the label's permissive categories of tag '" + t.name() + "' (" + names(label, t.mask) + ")");
            }
        }
        boolean granted = reasons.isEmpty();
        if (granted != (v.valid() && permits(label, clearance))) {
            throw new IllegalStateException("access explanation disagrees with the decision");
        }
        return new Access(granted, reasons);
    }

    private static long[] and(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] & b[i];
        }
        return out;
    }

    /** An access control decision: granted or not, and every reason it was refused. */
    public record Access(boolean granted, List<String> reasons) {
        public Access {
            reasons = List.copyOf(reasons);
        }
    }

    // ---- display marking ----------------------------------------------------------------------------------------------

    /** The display marking of {@code label} in language {@code lang} (empty for the default) at the page bottom. */
    public String marking(Label label, String lang) {
        return marking(label, lang, MarkingCode.PAGE_BOTTOM);
    }

    /** The display marking of {@code label} in {@code lang} at {@code location} (one of {@link MarkingCode#LOCATIONS}). */
    public String marking(Label label, String lang, MarkingCode location) {
        requireOwn(label.policy(), "label");
        Marking policyMarking = markings.forLanguage(lang);
        Classification cls = label.classification();
        Marking classMarking = cls.markings().forLanguage(lang);
        List<Category> cats = label.categories();
        boolean suppressClass = false;
        for (Category c : cats) {
            Marking m = c.markings().forLanguage(lang);
            if (m != null && m.has(location, MarkingCode.SUPPRESS_CLASS_NAME)) {
                suppressClass = true;
                break;
            }
        }
        String sep = policyMarking == null || policyMarking.separator().isEmpty() ? " " : policyMarking.separator();
        StringBuilder out = new StringBuilder();
        if (policyMarking != null && policyMarking.has(location, MarkingCode.REPLACE_POLICY)) {
            out.append(policyMarking.policyText(location, name));
        } else if (classMarking != null && classMarking.has(location, MarkingCode.REPLACE_POLICY)) {
            out.append(classMarking.policyText(location, cls.name()));
        } else {
            String replaced = null;
            for (Category c : cats) {
                Marking m = c.markings().forLanguage(lang);
                if (m != null && m.has(location, MarkingCode.REPLACE_POLICY)) {
                    replaced = m.policyText(location, c.name());
                    break;
                }
            }
            out.append(replaced != null ? replaced : name);
        }
        if (!suppressClass) {
            if (!out.isEmpty()) {
                out.append(sep);
            }
            out.append(classMarking != null ? classMarking.text(location, cls.name())
                    : policyMarking != null ? policyMarking.text(location, cls.name()) : cls.name());
        }
        categoryMarkings(out, cats, lang, location, sep);
        return policyMarking == null ? out.toString() : policyMarking.prefix() + out + policyMarking.suffix();
    }

    /**
     * The display marking of a clearance: the policy prefix, its classifications in hierarchy order between braces
     * joined by {@code |}, its categories as in a label, and the policy suffix.
     */
    public String marking(Clearance clearance, String lang) {
        requireOwn(clearance.policy(), "clearance");
        Marking policyMarking = markings.forLanguage(lang);
        String sep = policyMarking == null || policyMarking.separator().isEmpty() ? " " : policyMarking.separator();
        StringBuilder out = new StringBuilder("{");
        List<String> held = new ArrayList<>();
        for (Classification c : clearance.classifications()) {
            held.add(c.name());
        }
        out.append(String.join("|", held)).append('}');
        categoryMarkings(out, clearance.categories(), lang, MarkingCode.PAGE_BOTTOM, sep);
        return policyMarking == null ? out.toString() : policyMarking.prefix() + out + policyMarking.suffix();
    }

    private static void categoryMarkings(StringBuilder out, List<Category> cats, String lang, MarkingCode location, String sep) {
        Tag current = null;
        String tagSep = "/";
        String tagSuffix = "";
        for (Category c : cats) {
            Marking m = c.markings().forLanguage(lang);
            Marking tagMarking = c.tag().markings().forLanguage(lang);
            if (m == null) {
                m = tagMarking;
            }
            String phrase = m == null ? c.name() : m.text(location, c.name());
            if (phrase.isEmpty()) {
                continue;
            }
            if (c.tag() != current) {
                current = c.tag();
                out.append(tagSuffix);
                if (!out.isEmpty()) {
                    out.append(sep);
                }
                if (tagMarking != null) {
                    tagSuffix = tagMarking.suffix();
                    tagSep = tagMarking.separator().isEmpty() ? "/" : tagMarking.separator();
                    out.append(tagMarking.prefix());
                } else {
                    tagSuffix = "";
                    tagSep = "/";
                }
            } else {
                out.append(tagSep);
            }
            out.append(phrase);
        }
        out.append(tagSuffix);
    }
}
