package dev.pillar.cli;

import dev.pillar.codec.decision.DecisionText;
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.impact.ImpactText;
import dev.pillar.codec.impact.ScenarioReader;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.impact.ImpactAnalysis;
import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code pillar demo}: the Korea story on the built-in AUKUS world, decision by decision, with explanations. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Load the built-in AUKUS world and print, with explanations, the decisions of the Korea story:",
                "who may receive which technical data as the partnership opens Pillar II, and why; then the summary of",
                "the built-in impact scenarios: what Korea's admission to the quantum and AI projects would change."})
final class DemoCommand implements Callable<Integer> {
    static final String SCRIPT = "/demo/korea-story.yaml";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        World world = WorldLoader.load("aukus");
        DecisionEngine engine = DecisionEngine.standard(world);
        JsonNode script;
        try (InputStream in = DemoCommand.class.getResourceAsStream(SCRIPT)) {
            script = new YAMLMapper().readTree(in);
        }
        out.println("Pillar demo: " + script.get("title").asString());
        out.println("World " + world.version() + " (" + world.name() + ")");
        out.println("Rule packs are illustrative encodings of public rules, not legal advice.");
        List<String[]> summary = new ArrayList<>();
        int n = 0;
        for (JsonNode scene : script.get("scenes")) {
            n++;
            out.println();
            out.println("=".repeat(100));
            out.println(n + ". " + scene.get("title").asString());
            out.println("   " + scene.get("story").asString().strip().replace("\n", "\n   "));
            out.println("-".repeat(100));
            DecisionRequest request = RequestCodec.parse(scene.get("request"), world, Main.backend(spec).clock().today());
            Decision d = engine.decide(request);
            out.print(DecisionText.render(request, d));
            summary.add(new String[] {Integer.toString(n), d.asOf().toString(), d.outcome().name(), String.join("; ", d.basis()), scene.get("title").asString()});
        }
        out.println();
        out.println("=".repeat(100));
        out.println("Summary");
        for (String[] row : summary) {
            out.printf("  %2s  %s  %-16s %-40s %s%n", row[0], row[1], row[2], row[3].length() > 40 ? row[3].substring(0, 37) + "..." : row[3], row[4]);
        }
        out.println();
        out.println("=".repeat(100));
        out.println("Before the vote: what if Korea joined? (impact analysis over the whole catalogue; pillar impact korea)");
        out.println(ImpactText.DISCLAIMER);
        out.println("-".repeat(100));
        ImpactAnalysis analysis = ImpactAnalysis.of(world);
        List<ImpactResult> results = new ArrayList<>();
        for (String name : ScenarioReader.BUILT_IN) {
            results.add(analysis.run(ScenarioReader.builtIn(name), Main.backend(spec).clock().today()));
        }
        out.print(ImpactText.summary(results.getFirst()));
        out.println();
        out.print(ImpactText.compare(results));
        out.println("Full reports: pillar impact korea korea-with-sharing (add --format html --out report.html for the members)");
        return Main.OK;
    }
}
