package dev.pillar.cli;

import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.CoreMember;
import dev.pillar.core.model.Participation;
import dev.pillar.core.model.Project;
import dev.pillar.core.world.World;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pillar world}: validate, show and generate worlds. */
@Command(name = "world", mixinStandardHelpOptions = true, description = "Validate, show or generate a world.",
        subcommands = {WorldCommand.Validate.class, WorldCommand.Show.class, GenerateCommand.class})
final class WorldCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Load a world and check every file and reference; errors name the file, the path and the fix.",
                    "Exit 0 if valid, 2 if not."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "world directory, or 'aukus' for the built-in world")
        String dir;

        @Override
        public Integer call() {
            World w = WorldLoader.load(dir);
            spec.commandLine().getOut().printf("valid: world %s (%s): %d projects, %d organisations, %d people, %d items, %d licences%n",
                    w.version(), w.name(), w.partnership().projects().size(), w.organisations().size(), w.people().size(),
                    w.items().size(), w.licences().size());
            return Main.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a summary of a world: members, candidates, projects and rule data.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "aukus", description = "world directory, or 'aukus' (default)")
        String dir;

        @Override
        public Integer call() {
            World w = WorldLoader.load(dir);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("World %s: %s%n%n", w.version(), w.name());
            out.println("Core members");
            for (CoreMember m : w.partnership().coreMembers()) {
                out.printf("  %s  %s  (%s)%n", m.country(), m.interval(), m.source() == null ? "" : m.source());
            }
            out.println("\nCandidates");
            for (Candidate c : w.partnership().candidates()) {
                out.printf("  %s%n", c.country());
                for (Candidate.StageEntry e : c.history()) {
                    out.printf("    %s  %-20s %s%s%n", e.date(), e.stage(), e.source(), e.projects().isEmpty() ? "" : "  projects " + e.projects());
                }
            }
            out.println("\nProjects");
            for (Project p : w.partnership().projects()) {
                out.printf("  %-12s Pillar %-3s %-22s %s%n", p.id(), p.pillar(), p.area() == null ? "-" : p.area(), p.name());
                for (Participation q : p.participants()) {
                    out.printf("      %s %s%n", q.country(), q.interval());
                }
            }
            var r = w.rules();
            out.printf("%nRule data: %d schemes (%d as Open XML SPIFs: %s), %d equivalences, %d policy-of-denial countries, %d AUKUS exemption versions, %d ETL entries, %d ECCNs, %d Country Chart rows, %d national regimes%n",
                    r.schemes().size(), r.policies().size(), String.join(", ", r.policies().stream().map(p -> p.scheme() + " " + p.policy().name()).toList()),
                    r.equivalences().size(), r.deniedCountries().size(), r.aukusExemptions().size(),
                    r.excludedTechnology().size(), r.eccns().size(), r.countryChart().size(), r.nationalRegimes().size());
            out.printf("Catalogue: %d organisations, %d people, %d items, %d licences%n", w.organisations().size(), w.people().size(),
                    w.items().size(), w.licences().size());
            return Main.OK;
        }
    }
}
