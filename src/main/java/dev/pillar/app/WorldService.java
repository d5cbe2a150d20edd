package dev.pillar.app;

import dev.pillar.app.port.Doc;
import dev.pillar.app.port.DocFields;
import dev.pillar.app.port.DocumentStore;
import dev.pillar.app.port.GovernanceStore;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Page;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Query;
import dev.pillar.app.port.RuleVersion;
import dev.pillar.app.port.StoreException;
import dev.pillar.app.port.StoredAct;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.governance.Act;
import dev.pillar.core.governance.Finding;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.impact.ImpactAnalysis;
import dev.pillar.core.impact.RulesDiff;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.rules.RulePack;
import java.time.LocalDate;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.screening.Screener;
import dev.pillar.core.world.World;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Holds the world snapshot that decisions use and applies changes. A change is first applied to a copy of the
 * documents and compiled: if the resulting world is invalid the change is refused and nothing is stored. Otherwise it
 * is stored (with its version check) and the new snapshot replaces the old one in a single reference swap, so a
 * decision sees either the old world or the new one, never a mixture.
 */
public final class WorldService {
    /**
     * A compiled world, its engine, the store revision it reflects, the documents it was compiled from and the
     * governance record replayed over the partnership document (its adopted acts are in the world's partnership).
     */
    public record Snapshot(World world, DecisionEngine engine, long revision, Map<Kind, Map<String, JsonNode>> docs,
                           RuleVersion rules, GovernanceRecord governance) {}

    /**
     * The governance record: the acts as stored (their numbers), the replay over the partnership document, and what
     * verification found, numbered as stored (acts that cannot even be read are findings too, and are left out).
     */
    public record GovernanceRecord(List<StoredAct> stored, List<Act> acts, Governance governance, List<Finding> findings) {
        /** Everything verification finds: the acts' findings and participation in force that no act or cited stage backs. */
        public List<Finding> verification() {
            List<Finding> all = new ArrayList<>(findings);
            all.addAll(governance.participationFindings());
            return all;
        }
    }

    private final DocumentStore store;
    private final GovernanceStore governanceStore;
    private final PillarClock clock;
    private final ReentrantLock writes = new ReentrantLock();
    private volatile Snapshot current;
    /** The impact analysis of the current snapshot's world (it keeps the item classes between scenarios). */
    private volatile ImpactAnalysis impact;

    private final Screener screener;

    /** Compiles the world the store holds; decisions of its engine are timed by {@code clock} and screen against no list. */
    public <S extends DocumentStore & GovernanceStore> WorldService(S store, PillarClock clock) {
        this(store, clock, Screener.NONE);
    }

    /** Compiles the world the store holds; decisions of its engine are timed by {@code clock} and screen parties with {@code screener}. */
    public <S extends DocumentStore & GovernanceStore> WorldService(S store, PillarClock clock, Screener screener) {
        this.store = store;
        this.governanceStore = store;
        this.clock = clock;
        this.screener = screener;
        refresh();
    }

    /** The clock of the application: "today" for decisions without a date, the time of every record. */
    public PillarClock clock() {
        return clock;
    }

    public Snapshot current() {
        return current;
    }

    /** The impact analysis over the world of {@code snapshot}, made once per snapshot. */
    public ImpactAnalysis impact(Snapshot snapshot) {
        ImpactAnalysis a = impact;
        if (a == null || a.base() != snapshot.world()) {
            a = ImpactAnalysis.of(snapshot.world());
            impact = a;
        }
        return a;
    }

    /** The partnership document as stored (its body and version). */
    public Doc partnershipDocument() {
        return store.all(Kind.PARTNERSHIP).getFirst();
    }

    /** A stored document of {@code kind}. */
    public Optional<Doc> document(Kind kind, String id) {
        return store.get(kind, id);
    }

    /** A page of the stored documents of {@code kind} that match {@code query}. */
    public Page<Doc> documents(Kind kind, Query query) {
        return store.list(kind, query);
    }

    /** Every rule data version, oldest first. */
    public List<RuleVersion> ruleVersions() {
        return store.ruleVersions();
    }

    /** One rule data version. */
    public Optional<RuleVersion> ruleVersion(long version) {
        return store.ruleVersion(version);
    }

    /**
     * The rule data of stored version {@code version}; refused naming {@code field} (e.g. {@code --from}) when the
     * store has no such version.
     */
    public RulePack rules(long version, String field) {
        RuleVersion v = store.ruleVersion(version).orElseThrow(() -> Refusal.invalid(field, "no rule data version " + version
                + ": use one of " + store.ruleVersions().stream().map(RuleVersion::version).toList()));
        return rules(parse(v.body()), field);
    }

    /** Rule data from a body (a candidate version), checked as {@link #addRules} checks it; refused naming {@code field}. */
    public static RulePack rules(JsonNode body, String field) {
        try {
            return WorldDocuments.rules(body);
        } catch (BadInputException e) {
            throw Refusal.invalid(e.field().isEmpty() ? field : field + ": " + e.field(), e.problem());
        }
    }

    /**
     * What would change between two rule data versions over the current world's catalogue and people, on {@code days}
     * (empty: today and the days the entries that differ start or end); see {@link RulesDiff}.
     */
    public RulesDiff.Result diffRules(RulePack from, String fromLabel, String fromField, RulePack to, String toLabel, String toField,
                                      List<LocalDate> days) {
        return diffRules(current().world(), from, fromLabel, fromField, to, toLabel, toField, days, clock.today());
    }

    /** As {@link #diffRules(RulePack, String, String, RulePack, String, String, List)} over {@code world}; a misfit is refused naming the field. */
    public static RulesDiff.Result diffRules(World world, RulePack from, String fromLabel, String fromField, RulePack to, String toLabel,
                                             String toField, List<LocalDate> days, LocalDate today) {
        try {
            return RulesDiff.run(world, from, fromLabel, to, toLabel, days, today);
        } catch (InvalidValueException e) {
            throw Refusal.invalid(e.field().equals("from") ? fromField : e.field().equals("to") ? toField : e.field(), e.problem());
        }
    }

    /** Recompiles the world from the store. */
    public void refresh() {
        writes.lock();
        try {
            long revision = store.revision();
            Map<Kind, Map<String, JsonNode>> docs = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                Map<String, JsonNode> m = new TreeMap<>();
                for (Doc d : store.all(k)) {
                    m.put(d.id(), parse(d.body()));
                }
                docs.put(k, m);
            }
            RuleVersion rules = store.latestRules().orElseThrow(() -> new IllegalStateException("the store holds no rule data"));
            current = compile(docs, rules, revision, governanceStore.acts());
        } finally {
            writes.unlock();
        }
    }

    private Snapshot compile(Map<Kind, Map<String, JsonNode>> docs, RuleVersion rules, long revision, List<StoredAct> stored) {
        Map<String, JsonNode> partnership = docs.get(Kind.PARTNERSHIP);
        if (partnership.size() != 1) {
            throw new IllegalStateException("the store must hold exactly one partnership document, it holds " + partnership.size());
        }
        JsonNode p = partnership.values().iterator().next();
        String id = p.path("id").asString("world");
        List<Act> acts = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        List<Finding> unreadable = new ArrayList<>();
        for (StoredAct a : stored) {
            try {
                if (!a.digest().equals(GovernanceCodec.form(GovernanceCodec.act(a.body())).digest())) {
                    throw new BadInputException("", "", "the stored body is not the canonical form of the act it holds, or its digest differs");
                }
                acts.add(GovernanceCodec.act(a.body()));
                seqs.add(a.seq());
            } catch (RuntimeException e) { // a body altered in the database: a finding, never a failed start
                unreadable.add(new Finding(a.seq(), a.proposalId(), a.kind() + " " + a.proposalId(), "cannot be read: " + e.getMessage()));
            }
        }
        Governance[] replayed = new Governance[1];
        World world = WorldDocuments.compile(id + "@r" + revision, p, parse(rules.body()), docs.get(Kind.ORGANISATION),
                docs.get(Kind.PERSON), docs.get(Kind.ITEM), docs.get(Kind.LICENCE), (seeded, orgs) -> {
                    replayed[0] = Governance.replay(seeded, orgs, acts, GovernanceCodec.SIGNATURES);
                    return new WorldDocuments.Derived(replayed[0].partnership(), replayed[0].organisations());
                });
        world = WorldDocuments.withDeterminations(world, docs.get(Kind.DETERMINATION));
        List<Finding> findings = new ArrayList<>(unreadable);
        for (Finding f : replayed[0].findings()) {
            long seq = f.seq() >= 1 && f.seq() <= seqs.size() ? seqs.get((int) f.seq() - 1) : f.seq();
            findings.add(new Finding(seq, f.proposalId(), f.act(), f.problem()));
        }
        findings.sort(Comparator.comparingLong(Finding::seq));
        GovernanceRecord record = new GovernanceRecord(List.copyOf(stored), List.copyOf(acts), replayed[0], List.copyOf(findings));
        return new Snapshot(world, DecisionEngine.standard(world, clock.clock(), screener), revision, freeze(docs), rules, record);
    }

    private static Map<Kind, Map<String, JsonNode>> freeze(Map<Kind, Map<String, JsonNode>> docs) {
        Map<Kind, Map<String, JsonNode>> out = new EnumMap<>(Kind.class);
        docs.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(v)));
        return Collections.unmodifiableMap(out);
    }

    /** The id a document of {@code kind} declares in its body. */
    public static String idOf(Kind kind, JsonNode body) {
        String field = kind == Kind.LICENCE ? "number" : "id";
        JsonNode id = body.get(field);
        if (id == null || !id.isString() || id.asString().isBlank()) {
            throw Refusal.invalid(field, "is required: the " + kind.key() + "'s id");
        }
        return id.asString();
    }

    public Doc create(Kind kind, JsonNode body, Principal actor) {
        return change(kind, idOf(kind, body), body, null, false, actor);
    }

    public Doc update(Kind kind, String id, JsonNode body, long expectedVersion, Principal actor) {
        if (!id.equals(idOf(kind, body))) {
            throw Refusal.invalid(kind == Kind.LICENCE ? "number" : "id", "'" + idOf(kind, body) + "' differs from the id in the path ('" + id + "')");
        }
        return change(kind, id, body, expectedVersion, false, actor);
    }

    public void delete(Kind kind, String id, long expectedVersion, Principal actor) {
        change(kind, id, null, expectedVersion, true, actor);
    }

    private Doc change(Kind kind, String id, JsonNode body, Long expectedVersion, boolean delete, Principal actor) {
        if (kind == Kind.DETERMINATION && body != null) {
            body = recordedBy(body, actor);
        }
        writes.lock();
        try {
            Snapshot before = current;
            Map<Kind, Map<String, JsonNode>> docs = copy(before.docs());
            Map<String, JsonNode> ofKind = docs.get(kind);
            if (expectedVersion != null && !ofKind.containsKey(id)) {
                throw new StoreException(StoreException.Reason.NOT_FOUND, kind.key() + " '" + id + "' does not exist");
            }
            if (delete) {
                ofKind.remove(id);
            } else {
                ofKind.put(id, body);
            }
            Snapshot candidate;
            try {
                candidate = compile(docs, before.rules(), before.revision() + 1, before.governance().stored());
            } catch (BadInputException e) {
                throw invalid(kind, id, e, List.copyOf(ofKind.keySet()));
            }
            if (kind == Kind.PARTNERSHIP) {
                guardGovernance(before, candidate);
            } else if (kind == Kind.ORGANISATION) {
                guardNominations(before, candidate, id);
            }
            Doc stored = null;
            String text = body == null ? null : body.toString();
            if (delete) {
                store.delete(kind, id, expectedVersion, actor.subject());
            } else if (expectedVersion == null) {
                stored = store.create(kind, id, text, fields(kind, candidate.world(), id), actor.subject());
            } else {
                stored = store.update(kind, id, text, fields(kind, candidate.world(), id), expectedVersion, actor.subject());
            }
            install(candidate, before.revision() + 1);
            return stored;
        } finally {
            writes.unlock();
        }
    }

    /** Adds a rule data version after checking that the world compiles with it. */
    public RuleVersion addRules(JsonNode body, String note, Principal actor) {
        writes.lock();
        try {
            Snapshot before = current;
            try {
                WorldDocuments.rules(body);
                compile(copy(before.docs()), new RuleVersion(0, body.toString(), note, null, actor.subject()), before.revision() + 1,
                        before.governance().stored());
            } catch (BadInputException e) {
                throw new Refusal(Refusal.Kind.INVALID, "Invalid rule data", e.getMessage(), e.field());
            }
            RuleVersion v = store.addRuleVersion(body.toString(), note, actor.subject());
            install(compile(copy(before.docs()), v, before.revision() + 1, before.governance().stored()), before.revision() + 1);
            return v;
        } finally {
            writes.unlock();
        }
    }

    /**
     * A change of the partnership document must keep the governance record meaningful: candidates' history entries are
     * never edited or removed (history is append-only; add an entry instead), and no recorded act may stop verifying
     * (e.g. by removing or shortening a key that signed a vote).
     */
    private static void guardGovernance(Snapshot before, Snapshot after) {
        var old = before.governance().governance().seeded();
        var now = after.governance().governance().seeded();
        for (var c : old.candidates()) {
            var n = now.candidate(c.country());
            for (var e : c.history()) {
                if (n == null || !n.history().contains(e)) {
                    throw Refusal.conflict("candidate " + c.country() + ": the " + e.stage() + " entry of " + e.date()
                            + " was changed or removed: a candidate's history is append-only, and it grows only by governance acts", "partnership.candidates");
                }
            }
            if (n.history().size() != c.history().size()) {
                throw Refusal.conflict("candidate " + c.country() + ": a stage entry was added by editing the partnership: a candidate moves only by a "
                        + "governance act adopted by consensus (POST /api/v1/governance/proposals)", "partnership.candidates");
            }
        }
        for (var c : now.candidates()) {
            if (old.candidate(c.country()) == null && c.history().stream().anyMatch(e -> !e.stage().equals("considered"))) {
                throw Refusal.conflict("new candidate " + c.country() + ": a country enters the path as 'considered' (citing the statement); "
                        + "every later stage is a governance act", "partnership.candidates");
            }
        }
        if (!old.memberKeys().equals(now.memberKeys())) {
            throw Refusal.conflict("member keys change only by the key ceremony (POST /api/v1/governance/keys: the member's own key, or the "
                    + "secretariat and two other members), never by editing the partnership", "partnership.memberKeys");
        }
        var oldProjects = old.projectsById();
        for (var pr : now.projects()) {
            var was = oldProjects.get(pr.id());
            if (was != null && !was.participants().equals(pr.participants())) {
                throw Refusal.conflict("project " + pr.id() + ": participation changes only by governance acts (admission, suspension, withdrawal "
                        + "adopted by consensus), never by editing the partnership", "partnership.projects");
            }
            if (was == null) {
                for (var q : pr.participants()) {
                    if (!now.isCoreMember(q.country(), q.interval().from())) {
                        throw Refusal.conflict("new project " + pr.id() + ": " + q.country() + " is not a core member on " + q.interval().from()
                                + "; a partner joins a project only by a governance act", "partnership.projects");
                    }
                }
            }
        }
        for (var id : oldProjects.keySet()) {
            if (!now.projectsById().containsKey(id)) {
                throw Refusal.conflict("project " + id + " was removed: projects are kept, with their participation history", "partnership.projects");
            }
        }
        for (Finding f : after.governance().findings()) {
            if (!before.governance().findings().contains(f)) {
                throw Refusal.conflict("the change would leave a recorded governance act unverifiable: " + f
                        + "; keep member keys that signed votes (rotate by adding a key)", "partnership.memberKeys");
            }
        }
    }

    /**
     * The projects of an organisation of a country that is not a core member change only by the secretariat's
     * nominations (governance acts), so an edit of its document may not add, change or remove a project role.
     */
    private void guardNominations(Snapshot before, Snapshot after, String id) {
        Organisation was = before.world().organisation(id);
        Organisation now = after.world().organisation(id);
        Organisation org = now != null ? now : was;
        if (org == null || after.world().partnership().isCoreMember(org.country(), clock.today())) {
            return;
        }
        List<Organisation.ProjectRole> oldRoles = was == null || was.projects() == null ? List.of() : was.projects();
        List<Organisation.ProjectRole> newRoles = now == null || now.projects() == null ? List.of() : now.projects();
        if (!oldRoles.equals(newRoles)) {
            throw Refusal.conflict(org.label() + " is an organisation of " + org.country() + ", not a core member: it takes part in projects only "
                    + "by the secretariat's nomination (POST /api/v1/governance/nominations), never by editing its document", "projects");
        }
    }

    /**
     * Runs {@code f} holding the write lock, so that what it reads from {@link #current()} is still current when it
     * records (governance checks a vote against the record, then appends it).
     */
    public <T> T exclusive(Supplier<T> f) {
        writes.lock();
        try {
            return f.get();
        } finally {
            writes.unlock();
        }
    }

    /**
     * Records governance acts: the single place where an act is appended. The acts are checked by the caller (see
     * {@link GovernanceService}) under {@link #exclusive}; here they are stored in their canonical form and the world
     * is compiled again so that decisions follow them at once.
     */
    public List<StoredAct> recordActs(List<Act> acts, String actor) {
        return exclusive(() -> {
            Snapshot before = current;
            List<GovernanceStore.NewAct> forms = new ArrayList<>();
            for (Act a : acts) {
                GovernanceCodec.ActForm f = GovernanceCodec.form(a);
                String slot = switch (a) {
                    case Act.Proposed p -> "proposal";
                    case Act.Voted v -> "vote:" + v.cast().vote().member().code();
                    case Act.Decided d -> "outcome";
                    case Act.Nominated n -> "nomination";
                    case Act.KeyRequested k -> "request";
                    case Act.KeyCosigned c -> "cosign:" + c.cosign().member().code();
                    case Act.KeyConfirmed c -> "confirm";
                };
                forms.add(new GovernanceStore.NewAct(f.kind(), f.proposalId(), slot, f.body(), f.digest()));
            }
            List<StoredAct> stored = governanceStore.appendActs(forms, actor);
            List<StoredAct> all = new ArrayList<>(before.governance().stored());
            all.addAll(stored);
            install(compile(copy(before.docs()), before.rules(), before.revision() + 1, all), before.revision() + 1);
            return stored;
        });
    }

    private void install(Snapshot candidate, long expectedRevision) {
        if (store.revision() == expectedRevision) {
            current = candidate;
        } else {
            refresh(); // another writer shares the store: compile what it holds now
        }
    }

    private static final Pattern WORLD_PATH = Pattern.compile("([a-z]+)\\[(\\d+)\\](?:\\.(.*))?");

    /**
     * A change that leaves an invalid world: 400 naming the field when the fault is in the changed document itself
     * (also when the world-wide check found it, e.g. an unknown project), 409 when it breaks another document.
     */
    private static Refusal invalid(Kind kind, String id, BadInputException e, List<String> idsOfKind) {
        String own = kind.collection() + "/" + id;
        if (e.location().equals(own) || e.location().isEmpty()) {
            return Refusal.invalid(e.field(), e.problem());
        }
        var m = WORLD_PATH.matcher(e.field());
        if (e.location().equals("world") && m.matches() && m.group(1).equals(kind.file())) {
            int index = Integer.parseInt(m.group(2));
            if (index < idsOfKind.size() && idsOfKind.get(index).equals(id)) {
                return Refusal.invalid(m.group(3) == null ? "" : m.group(3), e.problem());
            }
        }
        // the change breaks another document (e.g. deleting an organisation that people still name)
        return Refusal.conflict("the change would leave " + e.getMessage(), e.field());
    }

    private static Map<Kind, Map<String, JsonNode>> copy(Map<Kind, Map<String, JsonNode>> docs) {
        Map<Kind, Map<String, JsonNode>> out = new EnumMap<>(Kind.class);
        docs.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
        return out;
    }

    /** A determination records who made it: the signed-in officer, never someone named in the body. */
    private static JsonNode recordedBy(JsonNode body, Principal actor) {
        if (!(body instanceof tools.jackson.databind.node.ObjectNode o)) {
            throw Refusal.invalid("", "a determination must be a JSON object");
        }
        JsonNode named = o.get("recordedBy");
        if (named != null && !(named.isString() && named.asString().equals(actor.subject()))) {
            throw Refusal.invalid("recordedBy", "is the signed-in officer (" + actor.subject() + "): leave it out or give your own name");
        }
        tools.jackson.databind.node.ObjectNode copy = o.deepCopy();
        copy.put("recordedBy", actor.subject());
        return copy;
    }

    /** The searchable columns of a document, taken from its parsed value in the compiled world. */
    static DocFields fields(Kind kind, World world, String id) {
        return switch (kind) {
            case ITEM -> {
                Item it = world.item(id);
                String area = it.area() != null ? it.area() : it.project() == null ? null : world.project(it.project()).area();
                yield new DocFields(area, it.project(), it.classification().toString(), ExportControl.format(it.control()), it.originator().code());
            }
            case ORGANISATION -> {
                Organisation o = world.organisation(id);
                yield new DocFields(null, null, null, null, o.country().code());
            }
            case PERSON -> {
                Person p = world.person(id);
                yield new DocFields(null, null, null, null, p.organisation().country().code());
            }
            default -> DocFields.NONE;
        };
    }

    private static JsonNode parse(String json) {
        return WorldDocuments.mapper().readTree(json);
    }

    /** The documents of the built-in world, for seeding an empty store. */
    public static List<DocumentStore.NewDoc> builtInDocuments() {
        List<DocumentStore.NewDoc> out = new ArrayList<>();
        World world = WorldLoader.load("aukus");
        JsonNode w = WorldDocuments.builtInFile("world");
        out.add(new DocumentStore.NewDoc(Kind.PARTNERSHIP, w.get("id").asString(), w.toString(), DocFields.NONE));
        for (Kind k : List.of(Kind.ORGANISATION, Kind.PERSON, Kind.ITEM, Kind.LICENCE)) {
            JsonNode file = WorldDocuments.builtInFile(k.file());
            for (JsonNode doc : file.get(k.file())) {
                String id = idOf(k, doc);
                out.add(new DocumentStore.NewDoc(k, id, doc.toString(), fields(k, world, id)));
            }
        }
        return out;
    }

    /** The built-in world's rules document. */
    public static String builtInRules() {
        return WorldDocuments.builtInFile("rules").toString();
    }

}
