package dev.pillar.app;

import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.ScreeningStore;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.screening.EntryLines;
import dev.pillar.codec.screening.ListFile;
import dev.pillar.codec.screening.ListReaders;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.screening.Hit;
import dev.pillar.core.screening.ListEntry;
import dev.pillar.core.screening.ListVersion;
import dev.pillar.core.screening.Party;
import dev.pillar.core.screening.PartyType;
import dev.pillar.core.screening.Screener;
import dev.pillar.core.screening.Screening;
import dev.pillar.core.screening.Verdict;
import dev.pillar.core.world.World;
import dev.pillar.crypto.CanonicalJson;
import dev.pillar.screening.NameNormaliser;
import dev.pillar.screening.ScreeningIndex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Restricted-party screening over the stored lists: importing a list version (then re-screening every party of the
 * world, which opens screening cases for new hits), screening one name by hand, officers' verdicts on matches, and the
 * {@link #screener()} that decisions ask. The version of each list in force on a date is the latest one published on
 * or before it; older versions stay stored, so a decision as of a past date uses the lists of that date. Indexes of
 * list versions are built once and kept; screening results are cached per party, date and list versions, and
 * verdicts are applied on top, so a new verdict takes effect at once.
 */
public final class ScreeningService {
    /** How many list versions' indexes are kept in memory besides the latest of each list. */
    static final int KEPT_INDEXES = 6;
    private static final int CACHE_LIMIT = 200_000;

    /** What an import stored and found. */
    public record Imported(ListVersion version, String format, int partiesScreened, int casesOpened, long millis) {}

    private final ScreeningStore store;
    private final java.util.function.Supplier<World> worlds;
    private final PillarClock clock;
    private final double threshold;
    private final NameNormaliser normaliser = NameNormaliser.standard();
    private final Map<Long, ScreeningIndex> indexes = new ConcurrentHashMap<>();
    private final Map<String, List<Hit>> cache = new ConcurrentHashMap<>();
    private volatile List<ListVersion> versions;
    private volatile Map<String, List<Verdict>> verdicts;
    private final Screener screener = this::screen;

    public ScreeningService(ScreeningStore store, java.util.function.Supplier<World> worlds, PillarClock clock, double threshold) {
        this.store = store;
        this.worlds = worlds;
        this.clock = clock;
        this.threshold = threshold;
        reload();
    }

    /** The screener decisions ask (it always sees the lists and verdicts as stored now). */
    public Screener screener() {
        return screener;
    }

    /** Today by the application's clock. */
    public LocalDate today() {
        return clock.today();
    }

    public double threshold() {
        return threshold;
    }

    /** Every list version stored, oldest first. */
    public List<ListVersion> versions() {
        return versions;
    }

    public List<Verdict> verdicts() {
        return store.verdicts();
    }

    private void reload() {
        versions = List.copyOf(store.listVersions());
        Map<String, List<Verdict>> byParty = new HashMap<>();
        for (Verdict v : store.verdicts()) {
            byParty.computeIfAbsent(v.partyId(), k -> new ArrayList<>()).add(v);
        }
        verdicts = byParty;
        cache.clear();
    }

    /** The version of each list in force on {@code day}: the latest published on or before it. */
    public List<ListVersion> inForce(LocalDate day) {
        Map<String, ListVersion> latest = new LinkedHashMap<>();
        for (ListVersion v : versions) {
            if (!v.published().isAfter(day)) {
                ListVersion prev = latest.get(v.list());
                if (prev == null || v.published().isAfter(prev.published()) || (v.published().equals(prev.published()) && v.version() > prev.version())) {
                    latest.put(v.list(), v);
                }
            }
        }
        return List.copyOf(latest.values());
    }

    private Screening screen(Party party, LocalDate day) {
        List<ListVersion> lists = inForce(day);
        if (lists.isEmpty()) {
            return new Screening(party, List.of(), List.of());
        }
        StringBuilder key = new StringBuilder(party.key()).append('@').append(day);
        for (ListVersion v : lists) {
            key.append(',').append(v.version());
        }
        List<Hit> hits = cache.get(key.toString());
        if (hits == null) {
            hits = new ArrayList<>();
            for (ListVersion v : lists) {
                hits.addAll(index(v).screen(party, day, threshold));
            }
            hits = List.copyOf(hits);
            if (cache.size() > CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(key.toString(), hits);
        }
        return new Screening(party, lists, withVerdicts(party.id(), hits));
    }

    private List<Hit> withVerdicts(String partyId, List<Hit> hits) {
        List<Verdict> mine = partyId == null ? null : verdicts.get(partyId);
        if (mine == null || hits.isEmpty()) {
            return hits;
        }
        List<Hit> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            Verdict latest = null;
            for (Verdict v : mine) {
                if (v.holdsFor(partyId, h.entry()) && (latest == null || v.id() > latest.id())) {
                    latest = v;
                }
            }
            out.add(latest == null ? h : h.withVerdict(latest));
        }
        return out;
    }

    /** The index of a version, built from its stored entries the first time it is needed. */
    ScreeningIndex index(ListVersion v) {
        ScreeningIndex i = indexes.get(v.version());
        if (i != null) {
            return i;
        }
        synchronized (indexes) {
            i = indexes.get(v.version());
            if (i == null) {
                String body = store.listBody(v.version()).orElseThrow(() -> new IllegalStateException("list version " + v.version() + " has no stored entries"));
                i = new ScreeningIndex(v, EntryLines.decode(body), normaliser);
                indexes.put(v.version(), i);
                evict();
            }
            return i;
        }
    }

    private void evict() {
        if (indexes.size() <= KEPT_INDEXES) {
            return;
        }
        Set<Long> latest = new TreeSet<>();
        inForce(LocalDate.MAX).forEach(v -> latest.add(v.version()));
        indexes.keySet().stream().filter(k -> !latest.contains(k)).sorted().limit(indexes.size() - KEPT_INDEXES)
                .toList().forEach(indexes::remove);
    }

    /**
     * Imports a list file as a new version of {@code list} published on {@code published} (null: the date the file
     * states, else today), then re-screens every person and organisation of the world against it; new hits open
     * screening cases. Compliance officers only. A refused file changes nothing.
     */
    public Imported importList(Principal who, String list, byte[] file, LocalDate published, Progress progress) {
        Access.require(who, Role.COMPLIANCE_OFFICER);
        long start = System.nanoTime();
        ListFile read;
        try {
            read = ListReaders.read(list, file);
        } catch (BadInputException e) {
            throw Refusal.invalid(e.field().isEmpty() ? "file" : e.field(), (e.location().isEmpty() ? "" : e.location() + ": ") + e.problem());
        }
        if (read.entries().isEmpty()) {
            throw Refusal.invalid("file", "the file holds no entries: a list version must have at least one");
        }
        LocalDate day = published != null ? published : read.published() != null ? read.published() : clock.today();
        ListVersion v = store.addListVersion(list, day, CanonicalJson.sha256(file), read.entries().size(), EntryLines.encode(read.entries()), who.subject());
        indexes.put(v.version(), new ScreeningIndex(v, read.entries(), normaliser));
        reload();
        int[] counts = rescreen(v, progress);
        return new Imported(v, read.format(), counts[0], counts[1], (System.nanoTime() - start) / 1_000_000);
    }

    /** Told how far continuous screening has come: parties screened so far, of how many. */
    @FunctionalInterface
    public interface Progress {
        void screened(int done, int total);
    }

    /**
     * Re-screens every person and organisation of the world against one version, on every core; returns parties
     * screened and cases opened.
     */
    int[] rescreen(ListVersion v, Progress progress) {
        World world = worlds.get();
        ScreeningIndex index = index(v);
        LocalDate day = v.published().isAfter(clock.today()) ? v.published() : clock.today();
        List<ScreeningStore.NewAlert> alerts = new ArrayList<>();
        List<Party> parties = parties(world);
        List<List<Hit>> found = index.screenAll(parties, day, threshold, 1000, progress == null ? null : n -> progress.screened(n, parties.size()));
        for (int i = 0; i < parties.size(); i++) {
            Party p = parties.get(i);
            for (Hit h : withVerdicts(p.id(), found.get(i))) {
                if (!h.cleared() && !(h.verdict() != null && h.verdict().sameParty())) {
                    alerts.add(new ScreeningStore.NewAlert(p.id(), p.role(), p.name(), h.entry().ref(), h.entryName(), v.version(), h.score(), h.exact()));
                }
            }
        }
        int opened = store.openAlerts(alerts, clock.clock().instant());
        return new int[] {parties.size(), opened};
    }

    /** Every person (as an individual) and organisation (as an entity) of the world, as screening parties. */
    static List<Party> parties(World world) {
        List<Party> out = new ArrayList<>(world.people().size() + world.organisations().size());
        for (Organisation o : world.organisations()) {
            out.add(new Party("organisation", o.label(), PartyType.ENTITY, o.name() == null ? o.label() : o.name(), List.of(), Set.of(o.country().code()), null));
        }
        for (Person p : world.people()) {
            Set<String> countries = new TreeSet<>();
            p.citizenships().forEach(c -> countries.add(c.code()));
            p.residencies().forEach(c -> countries.add(c.code()));
            countries.add(p.location().code());
            out.add(new Party("recipient", p.label(), PartyType.INDIVIDUAL, p.name(), List.of(), countries, null));
        }
        out.sort(Comparator.comparing(Party::id));
        return out;
    }

    /**
     * Screens one name by hand against the lists in force on {@code day} (every hit at or above the threshold, with
     * its list, entry, matched names and score). Compliance officers and the secretariat.
     */
    public Screening check(Principal who, String name, PartyType type, String country, String birthDate, LocalDate day) {
        Access.require(who, Role.COMPLIANCE_OFFICER, Role.SECRETARIAT, Role.ADMIN);
        if (name == null || name.isBlank()) {
            throw Refusal.invalid("name", "give the name to screen");
        }
        Set<String> countries = Set.of();
        if (country != null && !country.isBlank()) {
            if (!Country.isKnown(country)) {
                throw Refusal.invalid("country", "'" + country + "' is not an ISO 3166-1 alpha-3 code (e.g. RUS, CHN, AUS)");
            }
            countries = Set.of(country);
        }
        if (birthDate != null && !birthDate.isBlank() && !birthDate.matches("\\d{4}(-\\d{2}-\\d{2})?")) {
            throw Refusal.invalid("birthDate", "'" + birthDate + "' is not a date (YYYY-MM-DD) or a year (YYYY)");
        }
        Party party = new Party("name", null, type == null ? PartyType.INDIVIDUAL : type, name.strip(), List.of(), countries,
                birthDate == null || birthDate.isBlank() ? null : birthDate);
        List<ListVersion> lists = inForce(day);
        List<Hit> hits = new ArrayList<>();
        for (ListVersion v : lists) {
            hits.addAll(index(v).screen(party, day, threshold));
        }
        hits.sort((a, b) -> Double.compare(b.score(), a.score()));
        return new Screening(party, lists, hits);
    }

    /**
     * Records an officer's verdict on a match of a party of the world to a list entry, and closes its screening cases.
     * The entry is looked up in the latest version that holds it, whose content the verdict is bound to. Compliance
     * officers only.
     */
    public Verdict verdict(Principal who, String partyId, String entryRef, boolean sameParty, String evidence, String note) {
        Access.require(who, Role.COMPLIANCE_OFFICER);
        World world = worlds.get();
        if (partyId == null || (world.person(partyId) == null && world.organisation(partyId) == null)) {
            throw Refusal.invalid("party", "'" + partyId + "' is neither a person nor an organisation of the world");
        }
        if (evidence == null || evidence.isBlank()) {
            throw Refusal.invalid("evidence", "say where the evidence is kept (a file or case reference), e.g. CASE-17/passport-check.pdf");
        }
        ListEntry entry = findEntry(entryRef);
        if (entry == null) {
            throw Refusal.invalid("entry", "'" + entryRef + "' is not an entry of any stored list version (list/source/id, as a hit names it)");
        }
        Verdict v = store.addVerdict(new Verdict(0, partyId, entry.ref(), entry.digest(), sameParty, evidence.strip(),
                note == null || note.isBlank() ? null : note.strip(), who.subject(), clock.clock().instant()));
        reload();
        return v;
    }

    private ListEntry findEntry(String ref) {
        if (ref == null) {
            return null;
        }
        List<ListVersion> newestFirst = new ArrayList<>(versions);
        newestFirst.sort(Comparator.comparingLong(ListVersion::version).reversed());
        for (ListVersion v : newestFirst) {
            if (!ref.startsWith(v.list() + "/")) {
                continue;
            }
            for (ListEntry e : index(v).entries()) {
                if (e.ref().equals(ref)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** Screening cases, newest first ({@code state} open, closed or null for all). */
    public List<ScreeningStore.Alert> alerts(String state, int limit) {
        return store.alerts(state, limit);
    }

    public long openAlerts() {
        return store.openAlertCount();
    }
}
