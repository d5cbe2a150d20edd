package dev.pillar.cli;

import dev.pillar.codec.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code pillar} command. */
@Command(name = "pillar", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Pillar decides whether controlled technical data may be released to a person, on a date, and why.",
                "Rule packs are illustrative encodings of public rules, not legal advice."},
        subcommands = {DemoCommand.class, DecideCommand.class, ImpactCommand.class, WorldCommand.class, LabelCommand.class, ServeCommand.class,
                GovernanceCommand.class, AuditCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests in-process). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(t -> t instanceof BadInputException || t instanceof CommandLine.ParameterException ? BAD_INPUT : INTERNAL);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInputException bad) {
                commandLine.getErr().println("error: " + bad.getMessage());
                return BAD_INPUT;
            }
            commandLine.getErr().println("internal error: " + ex + " (please report it)");
            return INTERNAL;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"pillar " + (v == null ? "development build" : v)};
        }
    }
}
