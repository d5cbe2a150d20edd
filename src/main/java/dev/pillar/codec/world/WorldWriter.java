package dev.pillar.codec.world;

import dev.pillar.codec.BadInputException;
import dev.pillar.core.model.Clearance;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Interval;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Person;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.MinimalPrettyPrinter;

/**
 * Writes a world directory from a base world and a catalogue, as {@code pillar world generate} does: the base world's
 * {@code world}, {@code rules}, {@code organisations} and {@code licences} files are copied byte for byte (keeping their
 * extension), with the SPIF files the rules name (e.g. {@code spif/usa.xml}), and {@code items.json} and {@code people.json} are written in the format {@link WorldLoader} reads. The
 * JSON is streamed, one entry per line, so a catalogue of a million items needs no tree in memory. Set-valued fields
 * are written sorted, so the same catalogue always gives the same bytes (and so the same world version).
 */
public final class WorldWriter {
    /** The files copied unchanged from the base world. */
    public static final List<String> COPIED = List.of("world", "rules", "organisations", "licences");

    /** What was written: the directory and the number of items and people. */
    public record Summary(Path directory, List<Path> files, long items, long people) {}

    private WorldWriter() {}

    /**
     * Writes the world directory {@code dir} (created if missing). Any existing file of a logical world part
     * ({@code world.yaml}, {@code items.json}, ...; see {@link WorldLoader#FILES}) in {@code dir} is replaced; other
     * files are left alone. The base files are read before anything is written.
     */
    public static Summary write(WorldSource base, Collection<Item> items, Collection<Person> people, Path dir) {
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (String name : COPIED) {
            WorldSource.File f = base.read(name);
            if (f != null) {
                names.add(name + extension(f.name()));
                contents.add(f.content());
                if (name.equals("rules")) {
                    for (String spif : WorldLoader.spifFiles(WorldLoader.tree(f)).values()) {
                        byte[] content = base.readRelative(WorldSource.checkRelative(spif));
                        if (content == null) {
                            throw new BadInputException(f.name(), "classification.policies", "no file '" + spif + "' in " + base.describe());
                        }
                        names.add(spif);
                        contents.add(content);
                    }
                }
            }
        }
        try {
            Files.createDirectories(dir);
            for (String name : WorldLoader.FILES) {
                for (String ext : WorldSource.EXTENSIONS) {
                    Files.deleteIfExists(dir.resolve(name + ext));
                }
            }
            List<Path> written = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Path target = dir.resolve(names.get(i));
                Files.createDirectories(target.getParent());
                Files.write(target, contents.get(i));
                written.add(target);
            }
            Path itemsFile = dir.resolve("items.json");
            long nItems = writeJson(itemsFile, "items", items, WorldWriter::item);
            written.add(itemsFile);
            Path peopleFile = dir.resolve("people.json");
            long nPeople = writeJson(peopleFile, "people", people, WorldWriter::person);
            written.add(peopleFile);
            return new Summary(dir, List.copyOf(written), nItems, nPeople);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write world directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String extension(String fileName) {
        for (String ext : WorldSource.EXTENSIONS) {
            if (fileName.endsWith(ext)) {
                return ext;
            }
        }
        throw new IllegalStateException("world file without a known extension: " + fileName);
    }

    private interface EntryWriter<T> {
        void write(JsonGenerator g, T value);
    }

    private static <T> long writeJson(Path file, String key, Collection<T> values, EntryWriter<T> entry) throws IOException {
        long n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator g = WorldLoader.json().writer().with(new OnePerLine()).createGenerator(out)) {
            g.writeStartObject();
            g.writeName(key);
            g.writeStartArray();
            for (T v : values) {
                entry.write(g, v);
                n++;
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (JacksonException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
        return n;
    }

    /** An item as {@code Parsers.item} reads it. */
    static void item(JsonGenerator g, Item it) {
        g.writeStartObject();
        g.writeStringProperty("id", it.id());
        g.writeStringProperty("title", it.title());
        g.writeStringProperty("originator", it.originator().code());
        g.writeStringProperty("classification", it.classification().toString());
        if (it.releasability().noforn()) {
            g.writeBooleanProperty("noforn", true);
        }
        if (!it.releasability().relTo().isEmpty()) {
            strings(g, "releasableTo", it.releasability().relTo());
        }
        g.writeStringProperty("control", ExportControl.format(it.control()));
        if (!it.technologies().isEmpty()) {
            strings(g, "technologies", new TreeSet<>(it.technologies()));
        }
        if (it.area() != null) {
            g.writeStringProperty("area", it.area());
        }
        if (it.project() != null) {
            g.writeStringProperty("project", it.project());
        }
        g.writeNumberProperty("valueUsd", it.valueUsd());
        g.writeEndObject();
    }

    /** A person as {@code Parsers.person} reads it for a world file: the organisation by id, a dated clearance. */
    static void person(JsonGenerator g, Person p) {
        if (p.organisation().id() == null) {
            throw new IllegalArgumentException("person " + p.label() + ": the organisation has no id; a world file names it by id");
        }
        g.writeStartObject();
        g.writeStringProperty("id", p.id());
        g.writeStringProperty("name", p.name());
        countries(g, "citizenships", p.citizenships());
        if (!p.formerCitizenships().isEmpty()) {
            countries(g, "formerCitizenships", p.formerCitizenships());
        }
        if (!p.residencies().isEmpty()) {
            countries(g, "residencies", p.residencies());
        }
        g.writeStringProperty("location", p.location().code());
        g.writeStringProperty("organisation", p.organisation().id());
        Clearance c = p.clearance();
        if (c != null) {
            g.writeName("clearance");
            g.writeStartObject();
            g.writeStringProperty("level", c.level().toString());
            Interval i = c.interval();
            if (!i.from().equals(LocalDate.MIN)) {
                g.writeStringProperty("from", i.from().toString());
            }
            if (i.until() != null) {
                g.writeStringProperty("until", i.until().toString());
            }
            g.writeEndObject();
        }
        if (p.fictional()) {
            g.writeBooleanProperty("fictional", true);
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, Collection<String> values) {
        g.writeName(name);
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void countries(JsonGenerator g, String name, Collection<Country> values) {
        strings(g, name, values.stream().map(Country::code).sorted().toList());
    }

    /** Compact JSON with each element of the top-level list on its own line. */
    private static final class OnePerLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        private static boolean topList(JsonGenerator g) {
            return g.streamWriteContext().inArray() && g.streamWriteContext().getNestingDepth() == 2;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) {
            if (topList(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) {
            g.writeRaw(topList(g) ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) {
            if (topList(g) && nrOfValues > 0) {
                g.writeRaw('\n');
            }
            g.writeRaw(']');
        }
    }
}
