package dev.pillar.cli;

import dev.pillar.codec.cases.RuleCases;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.world.World;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pillar rules}: what the people who keep the rule data use to check it. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Check rule data against cases written from the regulation texts.",
        subcommands = {RulesCommand.Test.class})
final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run rule cases (YAML or JSON files: a request, the expected outcome, rule ids and citations, the paragraph tested) against a world.",
                    "Prints a line per failing case (and per case with --verbose) and a summary.",
                    "Exit 0 if every case holds, 1 if any fails, 2 for bad input (a malformed case file or a request the world refuses)."},
            footer = {"", "Example:", "  pillar rules test src/test/resources/rule-cases", "  pillar rules test my-cases --world my-world"})
    static final class Test implements Callable<Integer> {
        static final int FAILURES = 1;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "a case file or a directory of case files (read recursively)")
        Path dir;

        @Option(names = "--world", paramLabel = "WORLD", defaultValue = "aukus", description = "world directory, or 'aukus' (default)")
        String world;

        @Option(names = {"-v", "--verbose"}, description = "print every case, not only the failing ones")
        boolean verbose;

        @Override
        public Integer call() {
            World w = WorldLoader.load(world);
            List<RuleCases.Case> cases = RuleCases.load(dir);
            DecisionEngine engine = DecisionEngine.standard(w, Main.backend(spec).clock().clock());
            PrintWriter out = spec.commandLine().getOut();
            List<RuleCases.Result> failed = new ArrayList<>();
            for (RuleCases.Case c : cases) {
                RuleCases.Result r = RuleCases.run(c, w, engine, Main.backend(spec).clock().today());
                if (!r.passed()) {
                    failed.add(r);
                    out.printf("FAIL  %s  [%s]%n", c.label(), c.cites());
                    r.problems().forEach(p -> out.printf("        %s%n", p));
                } else if (verbose) {
                    out.printf("ok    %s  [%s]%n", c.label(), c.cites());
                }
            }
            out.printf("%d cases against world %s: %d passed, %d failed%n", cases.size(), w.version(), cases.size() - failed.size(), failed.size());
            return failed.isEmpty() ? Main.OK : FAILURES;
        }
    }
}
