package dev.pillar.codec.label;

import dev.pillar.codec.BadInputException;
import dev.pillar.codec.label.Xml.Element;
import dev.pillar.core.label.Clearance;
import dev.pillar.core.label.Label;
import dev.pillar.core.label.PolicyRegistry;
import dev.pillar.core.label.SecurityPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a conformance suite in the format of the XML-SPIF suite's {@code tests.xml}: each {@code <sequence>} loads its
 * {@code <policy spif=...>} files (a policy may be expected to fail with an {@code exception}), then runs its
 * {@code <test>} rows: label validity, label marking (in the row's {@code xml:lang}), translation into an equivalent
 * policy ({@code encrypt}) and its marking, clearance marking and the access control decision ({@code acdf-result}),
 * or an expected exception. Files are resolved beside the suite file.
 *
 * <p>Each row that reads a label also checks that the label survives a round trip through both XML syntaxes (and the
 * clearance likewise). Rows whose label is an ASN.1 BER file ({@code .ber}) are reported as not run: Pillar reads XML
 * labels only.
 */
public final class ConformanceSuite {
    /** The outcome of one row. */
    public enum Status { PASSED, FAILED, NOT_RUN }

    /** One row of the suite: its number (from 1, in file order), what it checks, and the outcome with its detail. */
    public record Row(int number, int line, String description, Status status, String detail) {}

    /** The rows of a run. */
    public record Report(List<Row> rows) {
        public long count(Status s) {
            return rows.stream().filter(r -> r.status() == s).count();
        }

        /** {@code N passed, M failed} (and how many were not run, when any). */
        public String summary() {
            long notRun = count(Status.NOT_RUN);
            return count(Status.PASSED) + " passed, " + count(Status.FAILED) + " failed"
                    + (notRun == 0 ? "" : ", " + notRun + " not run (ASN.1 BER labels are not supported)");
        }
    }

    private final Path dir;
    private final List<Row> rows = new ArrayList<>();

    private ConformanceSuite(Path dir) {
        this.dir = dir;
    }

    /** Runs the suite in {@code file}; a missing or malformed suite file is a {@link BadInputException}. */
    public static Report run(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file.toString(), "", "does not exist: give the path of a suite file such as tests.xml");
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "", "cannot be read: " + e.getMessage());
        }
        Element root = Xml.parse(bytes, file.toString()).root();
        if (!root.name.equals("tests")) {
            throw new BadInputException(file.toString(), "line " + root.line, "Not a suite: the root element is <" + root.qname + ">, expected <tests>");
        }
        Path parent = file.toAbsolutePath().normalize().getParent(); // as named, e.g. ../shared/...: files beside it are compared normalized
        ConformanceSuite suite = new ConformanceSuite(parent);
        for (Element seq : root.children("sequence")) {
            suite.sequence(seq);
        }
        return new Report(List.copyOf(suite.rows));
    }

    private byte[] read(String name) {
        Path p = dir.resolve(name).normalize();
        if (!p.startsWith(dir)) {
            throw new BadInputException(name, "", "is outside the suite's folder: name files beside tests.xml");
        }
        return PolicyFiles.read(p);
    }

    private void sequence(Element seq) {
        List<SecurityPolicy> loaded = new ArrayList<>();
        boolean broken = false;
        for (Element p : seq.children("policy")) {
            String spif = p.attr("spif");
            String expected = p.attr("exception");
            int n = rows.size() + 1;
            try {
                SecurityPolicy policy = SpifReader.read(read(spif), spif).policy();
                loaded.add(policy);
                if (expected != null) {
                    rows.add(new Row(n, p.line, "policy " + spif + " is refused", Status.FAILED, "loaded, but the suite expects: " + expected));
                }
            } catch (RuntimeException e) {
                if (expected != null && String.valueOf(e.getMessage()).contains(expected)) {
                    rows.add(new Row(n, p.line, "policy " + spif + " is refused", Status.PASSED, e.getMessage()));
                } else {
                    broken = true;
                    rows.add(new Row(n, p.line, "policy " + spif + " loads", Status.FAILED, message(e)));
                }
            }
        }
        PolicyRegistry policies = new PolicyRegistry(loaded);
        for (Element t : seq.children("test")) {
            test(t, policies, broken);
        }
    }

    private static String message(RuntimeException e) {
        return e instanceof BadInputException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void test(Element t, PolicyRegistry policies, boolean broken) {
        int n = rows.size() + 1;
        String labelFile = t.attr("label");
        String lang = t.ownLang() == null ? "" : t.ownLang();
        String description = describe(t);
        if (labelFile != null && labelFile.endsWith(".ber")) {
            rows.add(new Row(n, t.line, description, Status.NOT_RUN, "needs an ASN.1 BER label"));
            return;
        }
        if (broken) {
            rows.add(new Row(n, t.line, description, Status.FAILED, "a policy of this sequence did not load"));
            return;
        }
        String expected = t.attr("exception");
        List<String> failures = new ArrayList<>();
        try {
            Label label = LabelXml.readLabel(read(labelFile), labelFile, policies);
            roundTrip(label, policies, failures);
            SecurityPolicy policy = label.policy();
            if (t.attr("valid") != null) {
                SecurityPolicy.Validity v = policy.validate(label);
                boolean want = Boolean.parseBoolean(t.attr("valid"));
                if (v.valid() != want) {
                    failures.add("valid: expected " + want + ", got " + v.valid() + (v.valid() ? "" : " " + v.problems()));
                }
            }
            if (t.attr("label-marking") != null) {
                check(failures, "label-marking", t.attr("label-marking"), policy.marking(label, lang));
            }
            if (t.attr("encrypt") != null) {
                label = policies.translate(label, t.attr("encrypt"));
                roundTrip(label, policies, failures);
                if (t.attr("encrypt-marking") != null) {
                    check(failures, "encrypt-marking", t.attr("encrypt-marking"), label.policy().marking(label, lang));
                }
            }
            if (t.attr("clearance") != null) {
                Clearance clearance = LabelXml.readClearance(read(t.attr("clearance")), t.attr("clearance"), policies);
                for (LabelXml.Syntax s : LabelXml.Syntax.values()) {
                    Clearance copy = LabelXml.readClearance(LabelXml.bytes(LabelXml.write(clearance, s)), "round trip", policies);
                    if (!copy.equals(clearance)) {
                        failures.add("clearance round trip through " + s.cliName() + " syntax changed it: " + copy);
                    }
                }
                if (t.attr("clearance-marking") != null) {
                    check(failures, "clearance-marking", t.attr("clearance-marking"), clearance.policy().marking(clearance, lang));
                }
                if (t.attr("acdf-result") != null) {
                    boolean want = t.attr("acdf-result").strip().equals("1");
                    SecurityPolicy.Access access = clearance.policy().access(label, clearance);
                    if (access.granted() != want) {
                        failures.add("acdf-result: expected " + (want ? 1 : 0) + ", got " + (access.granted() ? 1 : 0) + " " + access.reasons());
                    }
                }
            }
            if (expected != null) {
                failures.add("expected the exception '" + expected + "', but nothing failed");
            }
        } catch (RuntimeException e) {
            if (expected == null || !String.valueOf(e.getMessage()).contains(expected)) {
                failures.add(message(e));
            }
        }
        rows.add(new Row(n, t.line, description, failures.isEmpty() ? Status.PASSED : Status.FAILED, String.join("; ", failures)));
    }

    private static void roundTrip(Label label, PolicyRegistry policies, List<String> failures) {
        for (LabelXml.Syntax s : LabelXml.Syntax.values()) {
            Label copy = LabelXml.readLabel(LabelXml.bytes(LabelXml.write(label, s)), "round trip", policies);
            if (!copy.equals(label)) {
                failures.add("label round trip through " + s.cliName() + " syntax changed it: " + copy);
            }
        }
    }

    private static void check(List<String> failures, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            failures.add(what + ": expected \"" + expected + "\", got \"" + actual + "\"");
        }
    }

    private static String describe(Element t) {
        StringBuilder b = new StringBuilder(t.attr("label") == null ? "(no label)" : t.attr("label"));
        for (String a : List.of("valid", "label-marking", "encrypt", "encrypt-marking", "clearance", "clearance-marking", "acdf-result", "exception")) {
            if (t.attr(a) != null) {
                b.append(' ').append(a).append("=\"").append(t.attr(a)).append('"');
            }
        }
        if (t.ownLang() != null) {
            b.append(" xml:lang=\"").append(t.ownLang()).append('"');
        }
        return b.toString();
    }
}
