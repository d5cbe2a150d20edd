package dev.pillar.app;

import dev.pillar.app.port.LicenceLedger;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.model.Licence;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.world.World;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Licences and agreements as they run down: the value released under each capped licence (kept by the
 * {@link LicenceLedger}, mirrored here for the decision path), its state on a day (pending, in force, expired), and
 * the alerts a compliance officer acts on: expiry within the {@link Alerting#daysBefore} windows and value used at or
 * above {@link Alerting#valuePercent}.
 */
public final class LicenceService {
    /** When to alert: days before expiry (e.g. 90, 30, 7) and the share of the cap used (e.g. 80 per cent). */
    public record Alerting(List<Integer> daysBefore, int valuePercent) {
        public static final Alerting DEFAULT = new Alerting(List.of(90, 30, 7), 80);

        public Alerting {
            daysBefore = daysBefore.stream().sorted(java.util.Comparator.reverseOrder()).toList();
            if (daysBefore.stream().anyMatch(d -> d < 0) || valuePercent < 1 || valuePercent > 100) {
                throw new IllegalArgumentException("alert windows are days >= 0 and the value alert a percentage 1..100");
            }
        }
    }

    /** One alert: its kind ({@code expired}, {@code expires-in-90-days}, {@code value-80-percent}) and what it says. */
    public record Alert(String kind, String message) {}

    /**
     * A licence as it stands on {@code day}: {@code state} is pending (not yet valid), in-force or expired; the days
     * until its last day (null if open-ended); its cap, the value used and left (null cap: uncapped), and its alerts.
     */
    public record Status(Licence licence, LocalDate day, String state, Long daysToExpiry, Long capUsd, long usedUsd, Long remainingUsd,
                         Integer percentUsed, long releases, List<Alert> alerts) {}

    private final LicenceLedger ledger;
    private final WorldService worlds;
    private final Alerting alerting;
    private final Map<String, LicenceLedger.Usage> used = new ConcurrentHashMap<>();

    public LicenceService(LicenceLedger ledger, WorldService worlds, Alerting alerting) {
        this.ledger = ledger;
        this.worlds = worlds;
        this.alerting = alerting;
        refresh();
    }

    /** Reads the values used from the ledger again (after a release was refused: another writer drew meanwhile). */
    void refresh() {
        // usage rows are never deleted, so nothing is dropped: a read that missed a concurrent first release keeps it
        ledger.licenceUsage().forEach(this::released);
    }

    /** The values already released under the capped licences of {@code org} (empty for most organisations). */
    Map<String, Long> usedFor(World world, Organisation org) {
        if (used.isEmpty() || org == null) {
            return Map.of();
        }
        Map<String, Long> out = null;
        for (Licence l : world.licencesOf(org.id())) {
            LicenceLedger.Usage u = l.valueCapUsd() == null ? null : used.get(l.number());
            if (u != null && u.usedUsd() > 0) {
                if (out == null) {
                    out = new HashMap<>();
                }
                out.put(l.number(), u.usedUsd());
            }
        }
        return out == null ? Map.of() : out;
    }

    /** The capped licence a PERMIT rests on (its basis names it), or null: that release draws on its cap. */
    static Licence drawnBy(World world, DecisionRequest request, Decision d) {
        if (d.outcome() != Outcome.PERMIT) {
            return null;
        }
        List<Licence> of = world.licencesOf(request.recipient().organisation().id());
        if (of.isEmpty()) {
            return null;
        }
        List<String> basis = d.basis();
        for (Licence l : of) {
            if (l.valueCapUsd() != null && basis.contains(l.type() + " " + l.number())) {
                return l;
            }
        }
        return null;
    }

    /**
     * Records a licence's usage as the ledger answered it (after a release, or read again). Usage only grows, one
     * release at a time, so of two answers the one with more releases is the later: an answer read before a
     * concurrent release never replaces the usage after it (the count was off by one when a refresh and a release
     * crossed).
     */
    void released(String number, LicenceLedger.Usage usage) {
        used.merge(number, usage, (a, b) -> b.releases() > a.releases() || (b.releases() == a.releases() && b.usedUsd() > a.usedUsd()) ? b : a);
    }

    private LicenceLedger.Usage usage(String number) {
        return used.getOrDefault(number, new LicenceLedger.Usage(0, 0));
    }

    /** A licence's status on {@code day}. */
    public Status status(Licence l, LocalDate day) {
        LocalDate from = l.interval().from();
        LocalDate until = l.interval().until();
        String state = from != null && day.isBefore(from) ? "pending" : until != null && day.isAfter(until) ? "expired" : "in-force";
        Long days = until == null ? null : ChronoUnit.DAYS.between(day, until);
        LicenceLedger.Usage usage = usage(l.number());
        long u = usage.usedUsd();
        Long cap = l.valueCapUsd();
        Long remaining = cap == null ? null : Math.max(0, cap - u);
        Integer percent = cap == null ? null : cap == 0 ? 100 : (int) Math.min(100, (u * 100) / cap);
        List<Alert> alerts = new ArrayList<>();
        if (state.equals("expired")) {
            alerts.add(new Alert("expired", l.type() + " " + l.number() + " expired on " + until + ": it authorises nothing after that day"));
        } else if (days != null) {
            Integer window = null;
            for (int w : alerting.daysBefore()) {
                if (days <= w) {
                    window = w; // the smallest window it is in (they are in descending order)
                }
            }
            if (window != null) {
                alerts.add(new Alert("expires-in-" + window + "-days", l.type() + " " + l.number() + " expires on " + until + ", in " + days
                        + (days == 1 ? " day" : " days") + ": renew or amend it before then"));
            }
        }
        if (percent != null && percent >= alerting.valuePercent()) {
            alerts.add(new Alert("value-" + alerting.valuePercent() + "-percent", l.type() + " " + l.number() + " has used " + u + " of its "
                    + cap + " USD (" + percent + "%): " + remaining + " USD left"));
        }
        return new Status(l, day, state, days, cap, u, remaining, percent, usage.releases(), List.copyOf(alerts));
    }

    /** Every licence's status today, in number order (every role sees the licences, as their documents). */
    public List<Status> statuses() {
        World w = worlds.current().world();
        LocalDate today = worlds.clock().today();
        return w.licences().stream().sorted(java.util.Comparator.comparing(Licence::number)).map(l -> status(l, today)).toList();
    }

    /** A licence's status today; 404 if there is no such licence. */
    public Status status(String number) {
        Licence l = licence(number);
        return status(l, worlds.clock().today());
    }

    /** The releases under a licence, newest first: every role but engineer (a release names its recipient). */
    public List<LicenceLedger.Release> releases(Principal who, String number, int limit) {
        Access.require(who, Role.ADMIN, Role.SECRETARIAT, Role.COMPLIANCE_OFFICER, Role.DELEGATE);
        licence(number);
        return ledger.releases(number, limit);
    }

    private Licence licence(String number) {
        return worlds.current().world().licences().stream().filter(l -> l.number().equals(number)).findFirst()
                .orElseThrow(() -> Refusal.notFound("no licence with this number"));
    }
}
