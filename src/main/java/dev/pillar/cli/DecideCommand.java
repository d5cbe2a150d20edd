package dev.pillar.cli;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.decision.DecisionText;
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.world.World;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code pillar decide}: one decision from a JSON request (file or stdin) or from flags. */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = {"Decide whether an item may be released to a recipient, with every layer's reason and citation.",
                "Give a JSON v1 request as FILE (or - for stdin), or name the item and recipient by id with flags.",
                "Exit 0 when decided (whatever the outcome), 2 for bad input (the message names the field), 1 for an internal error."},
        footer = {"", "Examples:",
                "  pillar decide --item A-UNDERSEA-001 --recipient p-gbr-engineer --as-of 2024-10-01",
                "  pillar decide request.json --format json",
                "  echo '{\"item\":\"A-UNDERSEA-001\",\"recipient\":\"p-kor-engineer\"}' | pillar decide -"})
final class DecideCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "JSON v1 request file, or - for standard input")
    String requestFile;

    @Option(names = "--world", defaultValue = "aukus", description = "world directory, or 'aukus' for the built-in world (default: ${DEFAULT-VALUE})")
    String world;

    @Option(names = "--item", description = "item id from the world (instead of a request file)")
    String item;

    @Option(names = "--recipient", description = "person id from the world (instead of a request file)")
    String recipient;

    @Option(names = "--transferor", description = "organisation id of the transferor (optional)")
    String transferor;

    @Option(names = "--value-usd", description = "value of the transfer in US dollars (overrides the item's)")
    Long valueUsd;

    @Option(names = "--as-of", paramLabel = "DATE", description = "decide as of this date (YYYY-MM-DD); default: the request's asOf, else today")
    String asOf;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--verbose", description = "also print the facts each layer used (text format)")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("text") && !format.equals("json")) {
            throw new BadInputException("", "--format", "'" + format + "' is not a format: use text or json");
        }
        LocalDate day = asOf == null ? null : date(asOf);
        World w = WorldLoader.load(world);
        ObjectNode json = requestJson();
        if (day != null) {
            json.put("asOf", day.toString());
        }
        DecisionRequest request = RequestCodec.parse(json, w, Main.backend(spec).clock().today());
        Decision decision = DecisionEngine.standard(w).decide(request);
        if (format.equals("json")) {
            spec.commandLine().getOut().println(RequestCodec.toJsonText(decision));
        } else {
            spec.commandLine().getOut().print(DecisionText.render(request, decision));
            if (verbose) {
                spec.commandLine().getOut().print(DecisionText.facts(decision));
            }
        }
        return Main.OK;
    }

    static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new BadInputException("", "--as-of", "'" + s + "' is not a date: use YYYY-MM-DD, e.g. 2024-10-01");
        }
    }

    private ObjectNode requestJson() throws IOException {
        if (requestFile != null) {
            if (item != null || recipient != null) {
                throw new BadInputException("", "--item", "give either a request FILE or --item/--recipient, not both");
            }
            String text;
            if (requestFile.equals("-")) {
                text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            } else {
                Path p = Path.of(requestFile);
                if (!Files.isRegularFile(p)) {
                    throw new BadInputException(requestFile, "", "no such request file");
                }
                text = Files.readString(p);
            }
            return RequestCodec.readObject(text);
        }
        if (item == null || recipient == null) {
            throw new BadInputException("", item == null ? "--item" : "--recipient", "is required: name the item and the recipient by id, or give a request FILE (see --help)");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("item", item);
        o.put("recipient", recipient);
        if (transferor != null) {
            o.put("transferor", transferor);
        }
        if (valueUsd != null) {
            o.put("valueUsd", valueUsd);
        }
        return o;
    }
}
