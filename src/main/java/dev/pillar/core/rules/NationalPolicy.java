package dev.pillar.core.rules;

import dev.pillar.core.label.Clearance;
import dev.pillar.core.label.Label;
import dev.pillar.core.label.SecurityPolicy.Category;
import dev.pillar.core.label.SecurityPolicy.Classification;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.model.Check;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Dated;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Releasability;
import dev.pillar.core.model.SecurityLevel;
import dev.pillar.core.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * A nation's classification scheme written as an Open XML SPIF: the scheme id it stands for (e.g. {@code USA}), the
 * compiled {@link SecurityPolicy}, which of its classifications need no clearance, and how an item's releasability
 * marking is written in it: {@code releasableTo} names the tag set whose categories are the REL TO trigraphs and
 * tetragraphs, {@code noforn} the restrictive category that stands for "no foreign nationals". Either may be null, and
 * then the releasability layer uses the world's REL TO table instead. The entry is in force over {@code interval}
 * (its equivalences apply then) and cites {@code source}. Immutable; the labels of items are kept in a bounded cache
 * (most items share a handful of markings), so that a decision does not rebuild them.
 */
public final class NationalPolicy implements Dated {
    /** At most this many item labels are kept; beyond, a label is built for each call. */
    static final int LABEL_CACHE = 4096;

    private final String scheme;
    private final SecurityPolicy policy;
    private final Set<String> withoutClearance;
    private final String releasableTo;
    private final String noforn;
    private final boolean illustrative;
    private final Interval interval;
    private final Source source;
    private final Map<LabelKey, Label> labels = new ConcurrentHashMap<>();

    private record LabelKey(SecurityLevel level, Releasability releasability) {}

    public NationalPolicy(String scheme, SecurityPolicy policy, Set<String> withoutClearance, String releasableTo,
                          String noforn, boolean illustrative, Interval interval, Source source) {
        Check.text("scheme", scheme);
        Check.present("policy", policy);
        withoutClearance = Check.set("withoutClearance", withoutClearance);
        Check.present("interval", interval);
        Check.present("source", source);
        for (String level : withoutClearance) {
            if (policy.classificationNamed(level) == null) {
                throw new InvalidValueException("withoutClearance", "'" + level + "' is not a classification of the SPIF " + policy
                        + ": use one of " + levelNames(policy));
            }
        }
        for (Classification c : policy.classifications()) {
            try {
                new SecurityLevel(scheme, c.name());
            } catch (InvalidValueException e) {
                throw new InvalidValueException("spif", "the classification '" + c.name() + "' of " + policy + " cannot be a level of scheme "
                        + scheme + " (" + e.problem() + ")");
            }
        }
        if (releasableTo != null) {
            SecurityPolicy.TagSet ts = policy.tagSetNamed(releasableTo);
            if (ts == null) {
                throw new InvalidValueException("releasableTo", "the SPIF " + policy + " has no tag set named '" + releasableTo + "': use one of "
                        + policy.tagSets().stream().map(SecurityPolicy.TagSet::name).toList());
            }
            for (SecurityPolicy.Tag t : ts.tags()) {
                if (!t.type().permissive()) {
                    throw new InvalidValueException("releasableTo", "tag '" + t.name() + "' of tag set '" + releasableTo
                            + "' is " + t.type().labelName() + ": REL TO categories must be permissive");
                }
            }
        }
        if (noforn != null && nofornCategory(policy, noforn) == null) {
            throw new InvalidValueException("noforn", "the SPIF " + policy + " has no restrictive category named '" + noforn + "'");
        }
        this.scheme = scheme;
        this.policy = policy;
        this.withoutClearance = withoutClearance;
        this.releasableTo = releasableTo;
        this.noforn = noforn;
        this.illustrative = illustrative;
        this.interval = interval;
        this.source = source;
    }

    public String scheme() { return scheme; }
    public SecurityPolicy policy() { return policy; }
    /** The SPIF's classifications that need no clearance. */
    public Set<String> withoutClearance() { return withoutClearance; }
    /** The tag set of REL TO categories, or null. */
    public String releasableTo() { return releasableTo; }
    /** The restrictive category for "no foreign nationals", or null. */
    public String noforn() { return noforn; }
    public boolean illustrative() { return illustrative; }
    @Override
    public Interval interval() { return interval; }
    public Source source() { return source; }

    private static List<String> levelNames(SecurityPolicy p) {
        return p.classifications().stream().map(Classification::name).toList();
    }

    private static Category nofornCategory(SecurityPolicy p, String name) {
        for (Category c : p.categories()) {
            if (c.name().equals(name) && c.type().restrictive()) {
                return c;
            }
        }
        return null;
    }

    /** The scheme as the decision core sees it: the SPIF's classifications from lowest to highest. */
    public ClassificationScheme asScheme() {
        List<ClassificationScheme.Level> levels = new ArrayList<>();
        for (Classification c : policy.classifications()) {
            levels.add(new ClassificationScheme.Level(c.name(), !withoutClearance.contains(c.name())));
        }
        return new ClassificationScheme(scheme, policy.name(), levels, source);
    }

    /** True when the SPIF says how REL TO and NOFORN are written, so the releasability layer decides through it. */
    public boolean decidesReleasability() {
        return releasableTo != null && noforn != null;
    }

    /**
     * The item's classification and releasability as a label of this policy; throws naming the field
     * ({@code classification}, {@code releasableTo[i]}, {@code noforn}) when the SPIF has no such category.
     */
    public Label label(SecurityLevel classification, Releasability r) {
        LabelKey key = new LabelKey(classification, r);
        Label cached = labels.get(key);
        if (cached != null) {
            return cached;
        }
        Label built = build(classification, r);
        if (labels.size() < LABEL_CACHE) {
            labels.putIfAbsent(key, built);
        }
        return built;
    }

    private Label build(SecurityLevel classification, Releasability r) {
        Classification cls = policy.classificationNamed(classification.level());
        if (cls == null || !classification.scheme().equals(scheme)) {
            throw new InvalidValueException("classification", "'" + classification + "' is not a classification of the " + scheme + " SPIF: use one of "
                    + levelNames(policy));
        }
        List<Category> cats = new ArrayList<>(r.relTo().size() + 1);
        if (decidesReleasability()) {
            SecurityPolicy.TagSet ts = policy.tagSetNamed(releasableTo);
            for (int i = 0; i < r.relTo().size(); i++) {
                Category c = first(ts.categoriesNamed(r.relTo().get(i)));
                if (c == null) {
                    throw new InvalidValueException("releasableTo[" + i + "]", "'" + r.relTo().get(i) + "' is not a category of the '" + releasableTo
                            + "' tag set of the " + scheme + " SPIF " + policy + ": add a tagCategory for it to the SPIF");
                }
                cats.add(c);
            }
            if (r.noforn()) {
                cats.add(nofornCategory(policy, noforn));
            }
        }
        return Label.of(policy, cls, cats, null);
    }

    private static Category first(List<Category> named) {
        for (Category c : named) {
            if (c.type().permissive()) {
                return c;
            }
        }
        return null;
    }

    /**
     * The releasability privileges of one nationality of a person, as a clearance of this policy for {@code label}:
     * every classification (the classification layer judges those), the label's REL TO categories that name the
     * country or a coalition that includes it on the day ({@code coalitionIncludes}), and the NOFORN category when the
     * person is a national of the item's originator.
     */
    public Clearance privileges(Label label, Country nationality, boolean originatorNational, BiPredicate<String, Country> coalitionIncludes) {
        return privileges(label, policy.classifications(), nationality, originatorNational, coalitionIncludes);
    }

    /** As {@link #privileges(Label, Country, boolean, BiPredicate)}, holding only {@code classifications} (at least one). */
    public Clearance privileges(Label label, List<Classification> classifications, Country nationality, boolean originatorNational,
                                BiPredicate<String, Country> coalitionIncludes) {
        List<Category> held = new ArrayList<>(4);
        String code = nationality.code();
        for (Category c : label.categories()) {
            if (c.type().permissive() && c.tagSet().name().equals(releasableTo)) {
                String name = c.name();
                if (name.equals(code) || name.length() != 3 && coalitionIncludes.test(name, nationality)) {
                    held.add(c);
                }
            } else if (c.type().restrictive() && c.name().equals(noforn) && originatorNational) {
                held.add(c);
            }
        }
        return Clearance.of(policy, classifications, held);
    }

    /** The SPIF's display marking of a label, e.g. {@code SECRET//REL TO USA, AUS, GBR}. */
    public String marking(Label label) {
        return policy.marking(label, "");
    }

    /** A stable id fragment for a level, e.g. {@code TOP_SECRET}. */
    static String idPart(String level) {
        return level.toUpperCase(Locale.ROOT).replace(' ', '_');
    }
}
