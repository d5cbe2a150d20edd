package dev.pillar.cli;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.impact.ImpactCsv;
import dev.pillar.codec.impact.ImpactHtml;
import dev.pillar.codec.impact.ImpactJson;
import dev.pillar.codec.impact.ImpactText;
import dev.pillar.codec.impact.ScenarioReader;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.impact.ImpactAnalysis;
import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.impact.Scenario;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.world.World;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/** {@code pillar impact}: what a hypothetical change to the partnership does to the release of the whole catalogue. */
@Command(name = "impact", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate scenarios (hypothetical changes: admit a country to projects or areas, exemption-equivalent treatment, Excluded Technology List entries, a licence, a REL TO change) over the whole catalogue against a population of recipients, before and after: the outcome matrix, counts by recipient, area, project, classification and control regime, the blocking reasons that remain, the licences that would unlock the most items, and the pairs whose outcome changes.",
                "",
                "Every answer comes from the decision engine, asked in the base world and in the hypothetical world. Several scenarios are shown side by side. See docs/impact.md for the scenario format.",
                "",
                "Exit 0 when evaluated, 2 for bad input (the message names the file, field and fix), 1 for an internal error.",
                ""},
        footer = {"", "Examples:",
                "  pillar impact korea                          # built-in: Korea joins the quantum and AI projects",
                "  pillar impact korea korea-with-sharing       # two built-in scenarios side by side",
                "  pillar impact my-scenario.yaml --world /tmp/aukus-1m --format csv --out changes.csv",
                "  pillar impact korea --format html --out korea-impact.html"})
final class ImpactCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "scenario file (.yaml or .json) or built-in scenario name: " + "korea, korea-with-sharing")
    List<String> scenarios;

    @Option(names = "--world", paramLabel = "aukus|DIR", defaultValue = "aukus", description = "world directory, or 'aukus' for the built-in world (default: ${DEFAULT-VALUE})")
    String world;

    @Option(names = "--as-of", paramLabel = "DATE", description = "evaluate on this day (YYYY-MM-DD) instead of the scenario's asOf")
    String asOf;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json, csv (the pairs that change) or html (a self-contained report) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    String out;

    @Option(names = "--changes", paramLabel = "N", defaultValue = "20", description = "how many pairs that change to list in text, json and html (default: ${DEFAULT-VALUE}); csv lists all")
    String changes;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "list the pairs that change from this one (0 = first)")
    String offset;

    @Option(names = "--one-by-one", description = "ask the engine for every item and recipient one by one (the reference path; slower)")
    boolean oneByOne;

    @Override
    public Integer call() {
        if (!List.of("text", "json", "csv", "html").contains(format)) {
            throw new BadInputException("", "--format", "'" + format + "' is not a format: use text, json, csv or html");
        }
        int nChanges = (int) GenerateCommand.whole("--changes", changes, 0, 100_000);
        long from = GenerateCommand.whole("--offset", offset, 0, Long.MAX_VALUE);
        LocalDate day = null;
        if (asOf != null) {
            try {
                day = LocalDate.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new BadInputException("", "--as-of", "'" + asOf + "' is not a date: use YYYY-MM-DD, e.g. 2025-01-01");
            }
        }
        List<Scenario> list = new ArrayList<>();
        for (String s : scenarios) {
            Scenario sc = ScenarioReader.read(s);
            if (day != null) {
                sc = new Scenario(sc.id(), sc.title(), sc.description(), day, sc.recipients(), sc.changes(), sc.source());
            }
            list.add(sc);
        }
        World base = WorldLoader.load(world);
        ImpactAnalysis analysis = ImpactAnalysis.of(base, oneByOne ? ImpactAnalysis.Mode.ONE_BY_ONE : ImpactAnalysis.Mode.LABEL_CLASSES);
        List<ImpactResult> results = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            results.add(evaluate(analysis, list.get(i), scenarios.get(i), Main.backend(spec).clock().today()));
        }
        write(w -> {
            switch (format) {
                case "json" -> w.write(ImpactJson.render(results, from, nChanges).toPrettyString());
                case "csv" -> ImpactCsv.write(results, w);
                case "html" -> w.write(ImpactHtml.document(results, from, nChanges));
                default -> {
                    if (results.size() > 1) {
                        w.write(ImpactText.compare(results));
                        w.write("\n");
                    }
                    for (int i = 0; i < results.size(); i++) {
                        if (i > 0 || results.size() > 1) {
                            w.write("=".repeat(100) + "\n");
                        }
                        w.write(ImpactText.render(results.get(i), from, nChanges));
                    }
                }
            }
        });
        return Main.OK;
    }

    static ImpactResult evaluate(ImpactAnalysis analysis, Scenario scenario, String location, LocalDate today) {
        try {
            return analysis.run(scenario, today);
        } catch (InvalidValueException e) {
            throw new BadInputException(ScenarioReader.BUILT_IN.contains(location) ? "built-in:" + location + ".yaml" : location, e.field(), e.problem());
        }
    }

    private interface Body {
        void write(Writer w) throws IOException;
    }

    private void write(Body body) {
        try {
            if (out == null) {
                PrintWriter w = spec.commandLine().getOut();
                body.write(w);
                w.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
                    body.write(w);
                }
                spec.commandLine().getOut().println("wrote " + Path.of(out).toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
