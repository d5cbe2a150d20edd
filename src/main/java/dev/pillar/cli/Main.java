package dev.pillar.cli;

import dev.pillar.app.Refusal;
import dev.pillar.codec.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the {@code pillar} command. */
@Command(name = "pillar", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Pillar decides whether controlled technical data may be released to a person, on a date, and why.",
                "Rule packs are illustrative encodings of public rules, not legal advice."},
        subcommands = {DemoCommand.class, DecideCommand.class, ImpactCommand.class, WorldCommand.class, RulesCommand.class, LabelCommand.class, ServeCommand.class,
                GovernanceCommand.class, AuditCommand.class, ScreeningCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Backend backend;

    private Main(Backend backend) {
        this.backend = backend;
    }

    /** The backend of the command line that {@code spec} belongs to. */
    static Backend backend(CommandLine.Model.CommandSpec spec) {
        return ((Main) spec.root().userObject()).backend;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the CLI with the given streams and backend (the composition root's) and returns the exit code: 0 done,
     * 2 bad input (the message names the field and the fix), 1 internal error; some commands add their own.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Backend backend) {
        CommandLine cl = new CommandLine(new Main(backend));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? BAD_INPUT : exitCode(t));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Refusal r = Refusal.of(ex);
            if (r != null) {
                commandLine.getErr().println("error: " + (ex instanceof BadInputException || r.field() == null || r.field().isEmpty()
                        ? r.getMessage() : r.field() + ": " + r.getMessage()));
                return r.kind().exitCode();
            }
            commandLine.getErr().println("internal error: " + ex + " (please report it)");
            return INTERNAL;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The exit code of a refusal (2 for input the caller can fix), or 1 for an internal error. */
    static int exitCode(Throwable t) {
        Refusal r = Refusal.of(t);
        return r == null ? INTERNAL : r.kind().exitCode();
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
