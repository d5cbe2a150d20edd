package dev.pillar.app;

import dev.pillar.app.port.Principal;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.governance.Proposal;
import dev.pillar.core.impact.Change;
import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.impact.Recipients;
import dev.pillar.core.impact.Scenario;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Source;
import dev.pillar.core.world.World;
import java.util.List;
import java.util.Set;

/**
 * What adopting a proposal would change: the proposal itself translated into an impact {@link Scenario} (no scenario
 * is written by hand) and evaluated by the impact engine on the current world, over the whole catalogue.
 *
 * <p>An admission becomes {@link Change.Admit}: the candidate and every organisation of its country take part in the
 * named projects from the effective day, evaluated on that day for the people holding the candidate's citizenship
 * (everyone, when nobody of the world holds it). The impact model has no change that ends a participation, so a
 * suspension or withdrawal is not evaluated: {@link Report#notEvaluated} says so. Nor is a stage step (consensus,
 * formal discussions), which changes no participation and so no decision's outcome.
 */
public final class ProposalImpact {
    private final WorldService worlds;

    public ProposalImpact(WorldService worlds) {
        this.worlds = worlds;
    }

    /**
     * The impact of adopting a proposal: the scenario it stands for and the result, or (both null) why it was not
     * evaluated.
     */
    public record Report(Proposal proposal, Scenario scenario, ImpactResult result, String notEvaluated) {
        public boolean evaluated() {
            return result != null;
        }
    }

    /**
     * The impact of adopting proposal {@code proposalId}, for {@code who} (who may run impact analyses, see
     * {@link Access#runImpact}); NOT_FOUND for an unknown proposal.
     */
    public Report of(Principal who, String proposalId) {
        Access.runImpact(who);
        WorldService.Snapshot snap = worlds.current();
        Governance.Entry e = snap.governance().governance().entry(proposalId);
        if (e == null) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "there is no proposal '" + proposalId + "'", "proposal");
        }
        Proposal p = e.proposal();
        Scenario scenario = scenario(p, snap.world());
        if (scenario == null) {
            return new Report(p, null, null, notEvaluated(p));
        }
        try {
            return new Report(p, scenario, worlds.impact(snap).run(scenario, worlds.clock().today()), null);
        } catch (InvalidValueException x) {
            // the world no longer fits the proposal (e.g. a project was removed since it was made)
            throw new Refusal(Refusal.Kind.CONFLICT, "adopting " + p.id() + " cannot be evaluated on the current world: " + x.field() + ": "
                    + x.problem(), "proposal");
        }
    }

    /**
     * The scenario that adopting {@code p} stands for in {@code world}, or null when the impact model cannot express
     * the proposal's effect (see {@link #notEvaluated}).
     */
    public static Scenario scenario(Proposal p, World world) {
        return switch (p.action()) {
            case ADMIT -> {
                Source act = new Source("Proposal " + p.id() + " if adopted: " + p.sources().getFirst().title(),
                        "governance proposal " + p.id() + " (not adopted: hypothetical)", p.sources().getFirst().date(), null);
                Change admit = new Change.Admit(p.candidate(), p.projects(), List.of(), Interval.from(p.effective()),
                        Change.Organisations.ALL, act);
                yield new Scenario("proposal-" + p.id(), "Adopting " + p.id() + ": " + p.candidate() + " partner in "
                        + String.join(", ", p.projects()) + " from " + p.effective(), p.note(), p.effective(),
                        recipients(p.candidate(), world), List.of(admit), act);
            }
            case CONSENSUS, FORMAL_DISCUSSIONS, SUSPEND, WITHDRAW -> null;
        };
    }

    /** Why adopting {@code p} is not evaluated, or null when it is. */
    public static String notEvaluated(Proposal p) {
        return switch (p.action()) {
            case ADMIT -> null;
            case CONSENSUS, FORMAL_DISCUSSIONS -> "Adopting " + p.id() + " moves " + p.candidate() + " to stage " + p.action().stage()
                    + " and changes no participation, so no decision's outcome changes: there is nothing to evaluate.";
            case SUSPEND, WITHDRAW -> "Impact is computed for admissions only: the impact model has no change that ends a participation, "
                    + "so what adopting " + p.id() + " (" + p.action().label() + " " + p.candidate() + ") would change is not evaluated.";
        };
    }

    /** The people holding {@code country}'s citizenship, or everyone when nobody of the world does. */
    private static Recipients recipients(Country country, World world) {
        boolean any = world.people().stream().anyMatch(person -> person.citizenships().contains(country));
        return any ? new Recipients(List.of(), Set.of(country), Set.of(), Set.of(), Set.of(), Set.of()) : Recipients.ALL;
    }
}
