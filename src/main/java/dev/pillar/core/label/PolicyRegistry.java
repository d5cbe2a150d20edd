package dev.pillar.core.label;

import dev.pillar.core.label.PolicyDefinition.CategoryEquivalentDef;
import dev.pillar.core.label.PolicyDefinition.CategoryRefDef;
import dev.pillar.core.label.PolicyDefinition.ClassEquivalentDef;
import dev.pillar.core.label.PolicyDefinition.EquivalentPolicyDef;
import dev.pillar.core.label.PolicyDefinition.RequirementDef;
import dev.pillar.core.label.SecurityPolicy.Category;
import dev.pillar.core.label.SecurityPolicy.Classification;
import dev.pillar.core.model.InvalidValueException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The security policies known together, by OID and by name, and the one operation that needs more than one of them:
 * translating a label into an equivalent policy through the equivalences its own policy declares.
 */
public final class PolicyRegistry {
    private final Map<String, SecurityPolicy> byId = new LinkedHashMap<>();

    public PolicyRegistry(Collection<SecurityPolicy> policies) {
        for (SecurityPolicy p : policies) {
            SecurityPolicy clash = byId.putIfAbsent(p.id(), p);
            if (clash != null && clash != p) {
                throw new InvalidValueException("policies", "two policies have the OID " + p.id() + " (" + clash.name() + " and "
                        + p.name() + "): load one of them");
            }
        }
    }

    /** A registry with {@code policy} added (replacing none: a second policy with the same OID is refused). */
    public PolicyRegistry with(SecurityPolicy policy) {
        List<SecurityPolicy> all = new ArrayList<>(byId.values());
        all.add(policy);
        return new PolicyRegistry(all);
    }

    public Collection<SecurityPolicy> all() {
        return byId.values();
    }

    /** The policy with OID {@code id}, or null. */
    public SecurityPolicy byId(String id) {
        return byId.get(id);
    }

    /** The policy with OID {@code id}; throws naming the known policies if there is none. */
    public SecurityPolicy require(String id) {
        SecurityPolicy p = byId.get(id);
        if (p == null) {
            throw new InvalidValueException("policy", "Unknown policy id: " + id + " (known: " + describe() + ")");
        }
        return p;
    }

    /** The only policy named {@code name}, or null; throws when several share the name. */
    public SecurityPolicy byName(String name) {
        SecurityPolicy found = null;
        for (SecurityPolicy p : byId.values()) {
            if (p.name().equals(name)) {
                if (found != null) {
                    throw new InvalidValueException("policy", "several policies are named '" + name + "': identify the policy by its OID");
                }
                found = p;
            }
        }
        return found;
    }

    public String describe() {
        List<String> out = new ArrayList<>();
        for (SecurityPolicy p : byId.values()) {
            out.add(p.name() + " " + p.id());
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /**
     * Translates {@code label} into the policy with OID {@code targetId}: its classification through the
     * {@code equivalentClassification} the label's policy declares for the target (applied when encrypting), each
     * category through its {@code equivalentSecCategoryTag} (or discarded when the SPIF says so), and the categories the
     * equivalences require added. A classification or category without an equivalence is an error naming it: nothing is
     * dropped silently. The result is not validated here; validate it against the target policy.
     */
    public Label translate(Label label, String targetId) {
        SecurityPolicy source = label.policy();
        SecurityPolicy target = require(targetId);
        if (target == source) {
            return label;
        }
        EquivalentPolicyDef declared = source.equivalentPolicy(targetId);
        if (declared == null) {
            throw new InvalidValueException("target", "policy " + source + " declares no equivalent policy " + target
                    + ": add an equivalentPolicy for it to the source SPIF");
        }
        Classification cls = label.classification();
        ClassEquivalentDef ce = null;
        for (ClassEquivalentDef e : cls.equivalents()) {
            if (e.encrypt() && targetId.equals(source.equivalentPolicyId(e.policyRef()))) {
                ce = e;
                break;
            }
        }
        if (ce == null) {
            throw new InvalidValueException("label.classification", "No equivalent classification for '" + cls.name() + "' in policy "
                    + target + ": add an equivalentClassification (applied encrypt or both) to the source SPIF");
        }
        Classification newClass = target.classification(ce.lacv());
        if (newClass == null) {
            throw new InvalidValueException(ce.at() + "/@lacv", "policy " + target + " has no classification with lacv " + ce.lacv());
        }
        Set<Category> cats = new LinkedHashSet<>();
        fixup(target, ce.required(), cats);
        for (Category c : label.categories()) {
            boolean mapped = false;
            for (CategoryEquivalentDef e : c.equivalents()) {
                if (!e.encrypt() || !targetId.equals(source.equivalentPolicyId(e.policyRef()))) {
                    continue;
                }
                mapped = true;
                if (e.discard()) {
                    continue;
                }
                SecurityPolicy.TagSet ts = target.tagSet(e.tagSetId());
                Category to = ts == null || e.lacv() == null ? null : ts.category(e.type(), e.lacv());
                if (to == null) {
                    throw new InvalidValueException(e.at(), "policy " + target + " has no " + e.type().labelName() + " category " + e.lacv()
                            + " in tag set " + e.tagSetId() + " (equivalence of category " + c + ")");
                }
                cats.add(to);
            }
            if (!mapped) {
                throw new InvalidValueException("label.categories", "No equivalence for category " + c + " in policy " + target
                        + ": add an equivalentSecCategoryTag (applied encrypt or both, or action discard) to the source SPIF");
            }
        }
        fixup(target, declared.required(), cats);
        return Label.of(target, newClass, cats, label.metadata());
    }

    /** Adds the categories that {@code required} (groups naming categories of {@code target}) asks for. */
    private static void fixup(SecurityPolicy target, List<RequirementDef> required, Set<Category> cats) {
        for (RequirementDef r : required) {
            List<Category> members = new ArrayList<>();
            for (CategoryRefDef ref : r.members()) {
                SecurityPolicy.TagSet ts = target.tagSetNamed(ref.tagSetRef());
                Category c = ts == null || ref.lacv() == null ? null : ts.category(ref.type(), ref.lacv());
                if (c == null) {
                    throw new InvalidValueException(ref.at(), "an equivalence requires a category the target policy " + target
                            + " does not have (tag set '" + ref.tagSetRef() + "', " + ref.type().labelName()
                            + (ref.lacv() == null ? ", no lacv" : " " + ref.lacv()) + "): name one category by its lacv");
                }
                members.add(c);
            }
            if (r.operation() == PolicyDefinition.Operation.ALL) {
                cats.addAll(members);
            } else if (members.stream().noneMatch(cats::contains)) {
                cats.add(members.get(0));
            }
        }
    }
}
