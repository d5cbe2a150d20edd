package dev.pillar.codec.screening;

import dev.pillar.core.screening.ListEntry;
import dev.pillar.core.screening.PartyType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A list version's entries as Pillar stores them: one JSON object a line, fields in a fixed order. */
public final class EntryLines {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private EntryLines() {}

    public static String encode(List<ListEntry> entries) {
        StringBuilder b = new StringBuilder(entries.size() * 200);
        for (ListEntry e : entries) {
            ObjectNode o = JSON.createObjectNode();
            o.put("list", e.list());
            o.put("source", e.source());
            o.put("id", e.id());
            if (e.type() != null) {
                o.put("type", e.type().id());
            }
            array(o, "names", e.names());
            array(o, "countries", new TreeSet<>(e.countries()));
            array(o, "birthDates", e.birthDates());
            array(o, "ids", e.ids());
            array(o, "programs", e.programs());
            if (e.start() != null) {
                o.put("start", e.start().toString());
            }
            if (e.end() != null) {
                o.put("end", e.end().toString());
            }
            if (!e.remarks().isEmpty()) {
                o.put("remarks", e.remarks());
            }
            b.append(JSON.writeValueAsString(o)).append('\n');
        }
        return b.toString();
    }

    public static List<ListEntry> decode(String lines) {
        List<ListEntry> out = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode o = JSON.readTree(line);
            out.add(new ListEntry(o.get("list").asString(), o.get("source").asString(), o.get("id").asString(),
                    o.has("type") ? PartyType.parse(o.get("type").asString()) : null, texts(o, "names"), Set.copyOf(texts(o, "countries")),
                    texts(o, "birthDates"), texts(o, "ids"), texts(o, "programs"), o.has("start") ? LocalDate.parse(o.get("start").asString()) : null,
                    o.has("end") ? LocalDate.parse(o.get("end").asString()) : null, o.has("remarks") ? o.get("remarks").asString() : ""));
        }
        return out;
    }

    private static void array(ObjectNode o, String field, Iterable<String> values) {
        ArrayNode a = o.putArray(field);
        values.forEach(a::add);
    }

    private static List<String> texts(JsonNode o, String field) {
        List<String> out = new ArrayList<>();
        JsonNode a = o.get(field);
        if (a != null) {
            a.forEach(x -> out.add(x.asString()));
        }
        return out;
    }
}
