package dev.pillar.cli;

import dev.pillar.app.ScreeningService;
import dev.pillar.app.Services;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.screening.ListReaders;
import dev.pillar.core.screening.Hit;
import dev.pillar.core.screening.ListVersion;
import dev.pillar.core.screening.PartyType;
import dev.pillar.core.screening.Screening;
import dev.pillar.codec.screening.ScreeningJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pillar screening}: restricted-party lists, imported into the store, and screening a name by hand. */
@Command(name = "screening", mixinStandardHelpOptions = true,
        description = "Import restricted-party lists (US Consolidated Screening List, UK Sanctions List, DFAT Consolidated List) into the store, list the versions, and screen a name by hand.",
        subcommands = {ScreeningCommand.Import.class, ScreeningCommand.Check.class, ScreeningCommand.Lists.class})
final class ScreeningCommand implements Runnable {
    /** The CLI acts as a compliance officer of the data directory's operator. */
    static final Principal OFFICER = new Principal("cli:screening", Role.COMPLIANCE_OFFICER, null, null);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a list file as a new version of the list, then re-screen every person and organisation of the world against it;",
                    "new hits open screening cases (shown on the console's Screening page). The file is read in its published format:",
                    "us-csl: the Consolidated Screening List JSON or CSV download; uk-sanctions: the UK Sanctions List CSV or XML;",
                    "au-dfat: the DFAT Consolidated List XLSX. A refused file (wrong format, missing column, bad value: the message names",
                    "the line and field) changes nothing. Exit 0 when imported, 2 for bad input."},
            footer = {"", "Examples:", "  pillar screening import consolidated.csv --source us-csl --published 2026-11-28 --data ./data",
                    "  pillar screening import UK-Sanctions-List.csv --source uk-sanctions    # the date is the file's Report Date",
                    "  pillar screening import UK-Sanctions-List.xml --source uk-sanctions    # the date is the file's DateGenerated"})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the list file")
        Path file;

        @Option(names = "--source", required = true, paramLabel = "LIST", description = "the list: us-csl, uk-sanctions or au-dfat")
        String source;

        @Option(names = "--published", paramLabel = "DATE", description = "publication date (YYYY-MM-DD): decisions from this date use the version (default: the date the file states, else today)")
        String published;

        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            if (!ListReaders.LISTS.contains(source)) {
                throw new BadInputException("", "--source", "'" + source + "' is not a list: use one of " + String.join(", ", ListReaders.LISTS));
            }
            LocalDate day = date("--published", published);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new BadInputException("", "FILE", "cannot read " + file + ": " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Services s = store.open(spec)) {
                long start = System.nanoTime();
                ScreeningService.Imported r = s.screening().importList(OFFICER, source, bytes, day, (n, total) -> {
                    out.printf("  re-screened %,d of %,d parties (%d%%), %,d s%n", n, total, 100L * n / total, (System.nanoTime() - start) / 1_000_000_000L);
                    out.flush();
                });
                out.printf("imported %s: %s, %,d entries (%s); re-screened %,d parties, %d screening cases opened, in %,d ms%n",
                        r.version().label(), file.getFileName(), r.version().entries(), r.format(), r.partiesScreened(), r.casesOpened(), r.millis());
            }
            return Main.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Screen one name against the list versions in force on a date: every hit with its list, entry, matched names and score.",
                    "Exit 0 when no entry matches, 1 when one does, 2 for bad input."},
            footer = {"", "Examples:", "  pillar screening check 'Viktor Antonov' --type individual --country RUS",
                    "  pillar screening check 'Northwind Avionics Ltd' --type entity --as-of 2026-03-01 --format json"})
    static final class Check implements Callable<Integer> {
        static final int HITS = 1;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "the name to screen, in any script")
        String name;

        @Option(names = "--type", defaultValue = "individual", description = "individual (default) or entity")
        String type;

        @Option(names = "--country", paramLabel = "CODE", description = "the party's country (ISO alpha-3): a list entry with other countries only scores lower")
        String country;

        @Option(names = "--birth-date", paramLabel = "DATE", description = "date (YYYY-MM-DD) or year of birth of an individual")
        String birthDate;

        @Option(names = "--as-of", paramLabel = "DATE", description = "the date whose list versions are used (default: today)")
        String asOf;

        @Option(names = "--format", defaultValue = "text", description = "text (default) or json")
        String format;

        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            PartyType t = PartyType.parse(type);
            if (t == null || (t != PartyType.INDIVIDUAL && t != PartyType.ENTITY)) {
                throw new BadInputException("", "--type", "'" + type + "' is not a party type: use individual or entity");
            }
            if (!format.equals("text") && !format.equals("json")) {
                throw new BadInputException("", "--format", "'" + format + "' is not a format: use text or json");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Services s = store.open(spec)) {
                LocalDate day = asOf == null ? s.clock().today() : date("--as-of", asOf);
                Screening r = s.screening().check(OFFICER, name, t, country, birthDate, day);
                if (format.equals("json")) {
                    out.println(ScreeningJson.screening(r, day, s.screening().threshold()));
                } else {
                    out.printf("%s screened on %s against %s (threshold %.2f)%n", name, day,
                            r.versions().isEmpty() ? "no list (none imported for that date)" : String.join(", ", r.versions().stream().map(ListVersion::label).toList()),
                            s.screening().threshold());
                    for (Hit h : r.hits()) {
                        out.printf("  %s  %-6s %s | %s | entry %s | matched '%s'%s%n", h.scoreText(), h.exact() ? "exact" : "fuzzy", h.entry().list(),
                                h.entry().source(), h.entry().id(), h.entryName(), h.entry().programs().isEmpty() ? "" : " | " + String.join(", ", h.entry().programs()));
                    }
                    out.printf("%d hit(s)%n", r.hits().size());
                }
                return r.hits().isEmpty() ? Main.OK : HITS;
            }
        }
    }

    @Command(name = "lists", mixinStandardHelpOptions = true, description = "The list versions stored, oldest first, and which is in force today.")
    static final class Lists implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Services s = store.open(spec)) {
                var today = s.screening().inForce(s.clock().today());
                for (ListVersion v : s.screening().versions()) {
                    out.printf("%s%s  %,d entries, imported %s by %s, file sha256 %s%n", v.label(), today.contains(v) ? " (in force)" : "",
                            v.entries(), v.importedAt(), v.importedBy(), v.fileDigest());
                }
                out.printf("%d list version(s)%n", s.screening().versions().size());
            }
            return Main.OK;
        }
    }

    static LocalDate date(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInputException("", field, "'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}
