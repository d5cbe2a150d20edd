package dev.pillar.cli;

import dev.pillar.app.Services;
import dev.pillar.app.WorldService;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.cases.RuleCases;
import dev.pillar.codec.impact.RulesDiffReport;
import dev.pillar.core.impact.RulesDiff;
import dev.pillar.core.rules.RulePack;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.world.World;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pillar rules}: what the people who keep the rule data use to check it. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Check rule data against cases written from the regulation texts, and see what a new rule data version would change.",
        subcommands = {RulesCommand.Test.class, RulesCommand.Diff.class})
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

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Every decision over the catalogue and people of a world whose outcome or basis would change between two rule data versions,",
                    "grouped by reason (the answer before and after), with the entries of the rule data that differ and the days evaluated.",
                    "Versions are rule data versions stored in the data directory (--data, as for 'pillar serve'), or rules files (--from-file, --to-file;",
                    "the world is then --world, unless a version is also given). The days are --as-of, or today and every day on which an entry",
                    "that differs starts or ends.",
                    "Exit 0 when the diff is computed (changes or not; with --fail-on-change, 1 if anything differs), 2 for bad input."},
            footer = {"", "Examples:", "  pillar rules diff --from 1 --to 2 --data ./data",
                    "  pillar rules diff --to-file candidate-rules.yaml --data ./data          # the current version against a candidate",
                    "  pillar rules diff --from-file src/main/resources/worlds/aukus/rules.yaml --to-file my-rules.yaml --format json",
                    "  pillar rules diff --from 3 --to 4 --as-of 2025-12-30 --fail-on-change"})
    static final class Diff implements Callable<Integer> {
        static final int CHANGED = 1;

        @Spec
        CommandSpec spec;

        @Option(names = "--from", paramLabel = "VERSION", description = "stored rule data version to compare from (default with a store: the current one)")
        Long from;

        @Option(names = "--to", paramLabel = "VERSION", description = "stored rule data version to compare to")
        Long to;

        @Option(names = "--from-file", paramLabel = "FILE", description = "rules file (YAML or JSON) to compare from")
        Path fromFile;

        @Option(names = "--to-file", paramLabel = "FILE", description = "rules file (YAML or JSON) to compare to, e.g. a candidate version")
        Path toFile;

        @Option(names = "--world", paramLabel = "WORLD", defaultValue = "aukus", description = "world for files only: directory, or 'aukus' (default)")
        String world;

        @Option(names = "--as-of", paramLabel = "DATE", split = ",", description = "days to evaluate (YYYY-MM-DD, repeatable or comma-separated)")
        List<String> asOf = new ArrayList<>();

        @Option(names = "--format", defaultValue = "text", description = "text (default) or json")
        String format;

        @Option(names = "--limit", defaultValue = "20", description = "decisions listed per group (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--fail-on-change", description = "exit 1 when a decision or an entry differs")
        boolean failOnChange;

        @picocli.CommandLine.Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            if (from != null && fromFile != null) {
                throw new BadInputException("", "--from", "give --from or --from-file, not both");
            }
            if (to != null && toFile != null) {
                throw new BadInputException("", "--to", "give --to or --to-file, not both");
            }
            if (to == null && toFile == null) {
                throw new BadInputException("", "--to", "give the version to compare to: --to VERSION (stored) or --to-file FILE");
            }
            if (!format.equals("text") && !format.equals("json")) {
                throw new BadInputException("", "--format", "'" + format + "' is not a format: use text or json");
            }
            if (limit < 0) {
                throw new BadInputException("", "--limit", "must not be negative");
            }
            List<LocalDate> days = new ArrayList<>();
            for (String d : asOf) {
                try {
                    days.add(LocalDate.parse(d.strip()));
                } catch (DateTimeParseException e) {
                    throw new BadInputException("", "--as-of", "'" + d + "' is not a date: use YYYY-MM-DD, e.g. 2025-12-30");
                }
            }
            RulesDiff.Result result;
            if (from == null && fromFile != null && to == null) {
                World w = WorldLoader.load(world);
                result = WorldService.diffRules(w, file(fromFile, "--from-file"), fromFile.toString(), "--from-file", file(toFile, "--to-file"),
                        toFile.toString(), "--to-file", days, Main.backend(spec).clock().today());
            } else {
                try (Services s = store.open(spec)) {
                    WorldService worlds = s.worlds();
                    long current = worlds.current().rules().version();
                    RulePack a = fromFile != null ? file(fromFile, "--from-file") : worlds.rules(from == null ? current : from, "--from");
                    String aLabel = fromFile != null ? fromFile.toString() : "v" + (from == null ? current : from);
                    RulePack b = toFile != null ? file(toFile, "--to-file") : worlds.rules(to, "--to");
                    String bLabel = toFile != null ? toFile.toString() : "v" + to;
                    result = worlds.diffRules(a, aLabel, "--from", b, bLabel, "--to", days);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(format.equals("json") ? RulesDiffReport.json(result, limit).toPrettyString() + "\n" : RulesDiffReport.text(result, limit));
            return failOnChange && result.changed() ? CHANGED : Main.OK;
        }

        private static RulePack file(Path f, String field) {
            try {
                return WorldService.rules(WorldLoader.rulesFile(f), field);
            } catch (BadInputException e) {
                throw new BadInputException("", field, f + (e.field().isEmpty() ? "" : ": " + e.field()) + ": " + e.problem());
            }
        }
    }
}
