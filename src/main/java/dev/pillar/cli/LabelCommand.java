package dev.pillar.cli;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.label.ConformanceSuite;
import dev.pillar.codec.label.LabelXml;
import dev.pillar.codec.label.PolicyFiles;
import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.label.Clearance;
import dev.pillar.core.label.Label;
import dev.pillar.core.label.MarkingCode;
import dev.pillar.core.label.PolicyRegistry;
import dev.pillar.core.label.SecurityPolicy;
import dev.pillar.core.model.InvalidValueException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pillar label}: security labels and clearances under Open XML SPIF policies. */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Security labels and clearances under Open XML SPIF security policies: validate a label, render its display",
                "marking, decide access for a clearance, translate it into an equivalent policy, or run a conformance suite.",
                "Labels and clearances are read in the simple XML syntax of the XML-SPIF suite or as STANAG 4774 XML."},
        subcommands = {LabelCommand.Validate.class, LabelCommand.Mark.class, LabelCommand.Acdf.class, LabelCommand.Translate.class,
                LabelCommand.CheckSuite.class})
final class LabelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The policies a command works with: SPIF files given with --spif, else the national SPIFs of a world. */
    static final class Policies {
        @Option(names = "--spif", paramLabel = "FILE", description = "an Open XML SPIF file (repeat for several policies); default: the world's national SPIFs")
        List<Path> spifs = new ArrayList<>();

        @Option(names = "--world", defaultValue = "aukus", description = "world whose national SPIFs are used when no --spif is given (default: ${DEFAULT-VALUE})")
        String world;

        PolicyRegistry load(PrintWriter err) {
            if (spifs.isEmpty()) {
                return new PolicyRegistry(WorldLoader.load(world).rules().policies().stream().map(p -> p.policy()).toList());
            }
            PolicyFiles.Loaded loaded = PolicyFiles.load(spifs);
            loaded.warnings().forEach(w -> err.println("warning: " + w));
            return loaded.registry();
        }
    }

    /** Runs a label operation; a value it refuses (a label under another policy, no equivalence) is bad input. */
    static <T> T operation(Supplier<T> f) {
        try {
            return f.get();
        } catch (InvalidValueException e) {
            throw new BadInputException("", e.field(), e.problem());
        }
    }

    static Label label(Path file, PolicyRegistry policies) {
        return LabelXml.readLabel(PolicyFiles.read(file), file.toString(), policies);
    }

    static Clearance clearance(Path file, PolicyRegistry policies) {
        return LabelXml.readClearance(PolicyFiles.read(file), file.toString(), policies);
    }

    static LabelXml.Syntax syntax(String name) {
        LabelXml.Syntax s = LabelXml.Syntax.named(name);
        if (s == null) {
            throw new BadInputException("", "--syntax", "'" + name + "' is not a syntax: use simple or 4774");
        }
        return s;
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check a label against its policy: excluded classifications and categories, required categories, single",
                    "selection, obsolete entries. Prints VALID or INVALID with every reason. Exit 0 if valid, 2 if not."},
            footer = {"", "Example:", "  pillar label validate --spif food-policy.xml food-label-bacon.xml"})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Policies policies;
        @Parameters(index = "0", paramLabel = "LABEL", description = "label file (simple XML or STANAG 4774)")
        Path label;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PolicyRegistry reg = policies.load(spec.commandLine().getErr());
            Label l = label(label, reg);
            SecurityPolicy.Validity v = l.policy().validate(l);
            out.println((v.valid() ? "VALID" : "INVALID") + " under policy " + l.policy());
            v.problems().forEach(p -> out.println("  - " + p));
            return v.valid() ? Main.OK : Main.BAD_INPUT;
        }
    }

    @Command(name = "mark", mixinStandardHelpOptions = true,
            description = {"Print the display marking of a label (or, with --clearance, of a clearance) in a language, as its policy's",
                    "marking data and qualifiers say."},
            footer = {"", "Examples:", "  pillar label mark --spif nato-4774-policy.xml --lang fr nato-4774-17-1.xml",
                    "  pillar label mark --spif food-policy.xml --clearance food-clearance-all-okay.xml"})
    static final class Mark implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Policies policies;
        @Parameters(index = "0", arity = "0..1", paramLabel = "LABEL", description = "label file (simple XML or STANAG 4774)")
        Path label;
        @Option(names = "--clearance", paramLabel = "FILE", description = "render this clearance instead of a label")
        Path clearance;
        @Option(names = "--lang", defaultValue = "", description = "language tag, e.g. fr or en-GB (default: the policy's default marking)")
        String lang;
        @Option(names = "--location", defaultValue = "pageBottom", description = "pageBottom, pageTop, documentStart or documentEnd (default: ${DEFAULT-VALUE})")
        String location;

        @Override
        public Integer call() {
            PolicyRegistry reg = policies.load(spec.commandLine().getErr());
            if ((label == null) == (clearance == null)) {
                throw new BadInputException("", "LABEL", "give either a label file or --clearance FILE");
            }
            MarkingCode loc = MarkingCode.location(location);
            if (loc == null) {
                throw new BadInputException("", "--location", "'" + location + "' is not a location: use pageBottom, pageTop, documentStart or documentEnd");
            }
            if (clearance != null) {
                Clearance c = clearance(clearance, reg);
                spec.commandLine().getOut().println(c.policy().marking(c, lang));
            } else {
                Label l = label(label, reg);
                spec.commandLine().getOut().println(l.policy().marking(l, lang, loc));
            }
            return Main.OK;
        }
    }

    @Command(name = "acdf", mixinStandardHelpOptions = true,
            description = {"The access control decision: may a holder of this clearance read data with this label? The clearance must",
                    "hold the label's classification, every restrictive category and at least one category of each permissive tag,",
                    "and the label must be valid. A label under another policy is first translated into the clearance's policy.",
                    "Prints GRANTED or DENIED with the reasons. Exit 0 when decided (whatever the outcome), 2 for bad input."},
            footer = {"", "Example:", "  pillar label acdf --spif food-policy.xml --clearance food-clearance-all-okay.xml food-label-milk-chocolate.xml"})
    static final class Acdf implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Policies policies;
        @Parameters(index = "0", paramLabel = "LABEL", description = "label file (simple XML or STANAG 4774)")
        Path label;
        @Option(names = "--clearance", paramLabel = "FILE", required = true, description = "clearance file (simple XML or 4774-style)")
        Path clearance;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PolicyRegistry reg = policies.load(spec.commandLine().getErr());
            Label l = label(label, reg);
            Clearance c = clearance(clearance, reg);
            if (l.policy() != c.policy()) {
                Label source = l;
                Label translated = operation(() -> reg.translate(source, c.policy().id()));
                out.println("label translated from " + l.policy() + " into " + c.policy() + ": " + c.policy().marking(translated, ""));
                l = translated;
            }
            SecurityPolicy.Access a = c.policy().access(l, c);
            out.println((a.granted() ? "GRANTED" : "DENIED") + ": clearance " + c.policy().marking(c, "") + " for label " + l.policy().marking(l, ""));
            a.reasons().forEach(r -> out.println("  - " + r));
            return Main.OK;
        }
    }

    @Command(name = "translate", mixinStandardHelpOptions = true,
            description = {"Translate a label into an equivalent policy through the equivalences its SPIF declares, and render it there.",
                    "Prints the marking, the validity under the target policy and the translated label (--format xml: the label only)."},
            footer = {"", "Example:", "  pillar label translate --spif tlp-plus.xml --spif tlp.xml --to 1.2.826.0.1.6726289.0.2 tlpx-amber-eu.xml"})
    static final class Translate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Policies policies;
        @Parameters(index = "0", paramLabel = "LABEL", description = "label file (simple XML or STANAG 4774)")
        Path label;
        @Option(names = "--to", paramLabel = "OID", required = true, description = "OID of the target policy (its SPIF must be given with --spif)")
        String to;
        @Option(names = "--syntax", defaultValue = "simple", description = "syntax of the translated label: simple or 4774 (default: ${DEFAULT-VALUE})")
        String syntax;
        @Option(names = "--lang", defaultValue = "", description = "language of the marking")
        String lang;
        @Option(names = "--format", defaultValue = "text", description = "text (marking, validity and label) or xml (label only)")
        String format;

        @Override
        public Integer call() {
            if (!format.equals("text") && !format.equals("xml")) {
                throw new BadInputException("", "--format", "'" + format + "' is not a format: use text or xml");
            }
            LabelXml.Syntax s = syntax(syntax);
            PolicyRegistry reg = policies.load(spec.commandLine().getErr());
            Label l = label(label, reg);
            Label t = operation(() -> reg.translate(l, to));
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("text")) {
                SecurityPolicy.Validity v = t.policy().validate(t);
                out.println("from:    " + l.policy() + "  " + l.policy().marking(l, lang));
                out.println("to:      " + t.policy() + "  " + t.policy().marking(t, lang));
                out.println("valid:   " + (v.valid() ? "yes" : "no " + v.problems()));
            }
            out.print(LabelXml.write(t, s));
            return Main.OK;
        }
    }

    @Command(name = "check-suite", mixinStandardHelpOptions = true,
            description = {"Run a conformance suite in the format of the XML-SPIF suite's tests.xml: policies, then rows of label, validity,",
                    "marking, clearance, decision, translation and expected exception. Prints each row and 'N passed, M failed'.",
                    "Rows that need ASN.1 BER labels are reported as not run. Exit 0 only if no row failed."},
            footer = {"", "Example:", "  pillar label check-suite ../shared/conformance/xml-spif/tests.xml"})
    static final class CheckSuite implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "FILE", description = "the suite file (tests.xml); its files are read beside it")
        Path file;
        @Option(names = "--quiet", description = "print only failed rows and the summary")
        boolean quiet;

        @Override
        public Integer call() {
            ConformanceSuite.Report report = ConformanceSuite.run(file);
            PrintWriter out = spec.commandLine().getOut();
            for (ConformanceSuite.Row r : report.rows()) {
                if (quiet && r.status() != ConformanceSuite.Status.FAILED) {
                    continue;
                }
                String tag = switch (r.status()) {
                    case PASSED -> "pass   ";
                    case FAILED -> "FAIL   ";
                    case NOT_RUN -> "not run";
                };
                out.printf("%s #%-3d line %-4d %s%n", tag, r.number(), r.line(), r.description());
                if (r.status() != ConformanceSuite.Status.PASSED && !r.detail().isEmpty()) {
                    out.println("              " + r.detail());
                }
            }
            out.println(report.summary());
            return report.count(ConformanceSuite.Status.FAILED) == 0 && report.count(ConformanceSuite.Status.PASSED) > 0 ? Main.OK : Main.INTERNAL;
        }
    }
}
