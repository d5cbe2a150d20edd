package dev.pillar.codec.cases;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.Node;
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionEngine;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.decision.Reason;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.rules.Obligation;
import dev.pillar.core.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads rule-case files and checks their cases against a world. A file ({@code .yaml}, {@code .yml} or {@code .json})
 * holds {@code cases}, a list of {@code {id, cites, description, request, expect}}: {@code request} is a v1 decision
 * request (see docs/request-format.md) and {@code expect} holds the {@code outcome} and optionally {@code ruleIds} (each
 * reported by some reason), {@code citations} (each contained in the citation of some reason), {@code notCitations}
 * (contained in no reason's citation: the boundary of a dated entry, the day before it or after it ends), {@code basis} (each in
 * the decision's basis) and {@code obligations} (obligation ids); or, for a request the world must refuse, {@code error}
 * ({@code {field, contains}}: the field named and a part of the message). {@code cites} names the paragraph the case tests.
 */
public final class RuleCases {
    private RuleCases() {}

    /** What a case expects of the decision. */
    public record Expectation(Outcome outcome, List<String> ruleIds, List<String> citations, List<String> basis, List<String> obligations,
                              String errorField, String errorContains, List<String> notCitations) {
        /** True if the case expects the request to be refused as bad input (e.g. a control that is no valid USML entry). */
        public boolean refusal() {
            return errorField != null;
        }
    }

    /** One case: where it is written, its id, the paragraph it tests, the request (as written) and what it expects. */
    public record Case(String file, String id, String cites, String description, JsonNode request, Expectation expect) {
        public String label() {
            return file + ": " + id;
        }
    }

    /** A case's decision (null when the request was refused) and every way it differs from the expectation (empty when it passed). */
    public record Result(Case testCase, Decision decision, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /** The cases of every case file in {@code path} (a file, or a directory read recursively, in name order). */
    public static List<Case> load(Path path) {
        if (!Files.exists(path)) {
            throw new BadInputException(path.toString(), "", "no such file or directory");
        }
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(Files::isRegularFile).filter(RuleCases::caseFile).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (files.isEmpty()) {
                throw new BadInputException(path.toString(), "", "holds no case files (.yaml, .yml or .json)");
            }
        } else {
            files = List.of(path);
        }
        List<Case> all = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path f : files) {
            String name = Files.isDirectory(path) ? path.relativize(f).toString() : f.getFileName().toString();
            for (Case c : read(name, f)) {
                if (!ids.add(c.id())) {
                    throw new BadInputException(name, c.id(), "duplicate case id: every case id is unique across the files");
                }
                all.add(c);
            }
        }
        return all;
    }

    private static boolean caseFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    /** The cases of one file; {@code name} is how errors name it. */
    public static List<Case> read(String name, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException(name, "", "cannot be read: " + e.getMessage());
        }
        return parse(name, text, name.toLowerCase(Locale.ROOT).endsWith(".json"));
    }

    /** The cases of a file's text. */
    public static List<Case> parse(String name, String text, boolean json) {
        JsonNode tree;
        try {
            tree = (json ? WorldLoader.json() : WorldLoader.yaml()).readTree(text);
        } catch (JacksonException e) {
            throw new BadInputException(name, "", "is not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new BadInputException(name, "", "must hold an object with a list 'cases'");
        }
        try {
            Node root = new Node(tree, "").fields("cases", "note");
            List<Case> cases = root.each("cases", c -> {
                c.fields("id", "cites", "description", "request", "expect");
                Node e = c.object("expect").fields("outcome", "ruleIds", "citations", "notCitations", "basis", "obligations", "error");
                if (e.has("error") == e.has("outcome")) {
                    throw new InvalidValueException(e.path(), "expects either an outcome or an error ({field, contains}), not both or neither");
                }
                if (e.has("error")) {
                    Node err = e.object("error").fields("field", "contains");
                    return new Case(name, c.text("id"), c.text("cites"), c.text("description", ""), c.object("request").raw(),
                            new Expectation(null, List.of(), List.of(), List.of(), List.of(), err.text("field"), err.text("contains"), List.of()));
                }
                Outcome outcome = e.parse("outcome", s -> {
                    try {
                        return Outcome.valueOf(s.strip().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException x) {
                        throw new InvalidValueException("outcome", "'" + s + "' is not one of PERMIT, LICENSE_REQUIRED, REVIEW, DENY");
                    }
                });
                Expectation expect = new Expectation(outcome, e.texts("ruleIds"), e.texts("citations"), e.texts("basis"), e.texts("obligations"), null, null,
                        e.texts("notCitations"));
                JsonNode request = c.object("request").raw();
                return new Case(name, c.text("id"), c.text("cites"), c.text("description", ""), request, expect);
            });
            if (cases.isEmpty()) {
                throw new InvalidValueException("cases", "is empty: write at least one case");
            }
            return cases;
        } catch (InvalidValueException e) {
            throw new BadInputException(name, e.field(), e.problem());
        }
    }

    /**
     * Decides the case's request with {@code engine} (deciding against {@code world}; {@code today} for a request
     * without {@code asOf}) and compares. A request the world refuses is bad input, reported naming the case.
     */
    public static Result run(Case c, World world, DecisionEngine engine, LocalDate today) {
        Expectation x = c.expect();
        DecisionRequest request;
        try {
            request = RequestCodec.parse(c.request(), world, today);
        } catch (BadInputException e) {
            if (!x.refusal()) {
                throw new BadInputException(c.label(), "request" + (e.field().isEmpty() ? "" : "." + e.field()), e.problem());
            }
            List<String> problems = new ArrayList<>();
            if (!e.field().equals(x.errorField())) {
                problems.add("refused naming field '" + e.field() + "', expected '" + x.errorField() + "'");
            }
            if (!e.problem().contains(x.errorContains())) {
                problems.add("refused with '" + e.problem() + "', expected a message containing '" + x.errorContains() + "'");
            }
            return new Result(c, null, List.copyOf(problems));
        }
        Decision d = engine.decide(request);
        List<String> problems = new ArrayList<>();
        if (x.refusal()) {
            problems.add("decided " + d.outcome() + ", expected the request to be refused naming '" + x.errorField() + "'");
            return new Result(c, d, List.copyOf(problems));
        }
        if (d.outcome() != x.outcome()) {
            problems.add("outcome " + d.outcome() + ", expected " + x.outcome());
        }
        List<String> ruleIds = d.reasons().stream().map(Reason::ruleId).toList();
        for (String id : x.ruleIds()) {
            if (!ruleIds.contains(id)) {
                problems.add("no reason has rule id " + id + " (rule ids: " + String.join(", ", ruleIds) + ")");
            }
        }
        List<String> citations = d.reasons().stream().map(Reason::citation).toList();
        for (String cite : x.citations()) {
            if (citations.stream().noneMatch(s -> s.contains(cite))) {
                problems.add("no reason cites " + cite + " (citations: " + String.join(" | ", citations) + ")");
            }
        }
        for (String cite : x.notCitations()) {
            if (citations.stream().anyMatch(s -> s.contains(cite))) {
                problems.add("a reason cites " + cite + ", which the case says does not apply (citations: " + String.join(" | ", citations) + ")");
            }
        }
        for (String b : x.basis()) {
            if (!d.basis().contains(b)) {
                problems.add("basis lacks " + b + " (basis: " + String.join(" | ", d.basis()) + ")");
            }
        }
        List<String> obligations = d.obligations().stream().map(Obligation::id).toList();
        for (String o : x.obligations()) {
            if (!obligations.contains(o)) {
                problems.add("no obligation " + o + " (obligations: " + String.join(", ", obligations) + ")");
            }
        }
        return new Result(c, d, List.copyOf(problems));
    }
}
