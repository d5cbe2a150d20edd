package dev.pillar.codec.screening;

import dev.pillar.core.screening.Hit;
import dev.pillar.core.screening.ListVersion;
import dev.pillar.core.screening.Screening;
import java.time.LocalDate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A screening as JSON (the CLI's {@code --format json} and the API's answer): the lists searched and every hit. */
public final class ScreeningJson {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ScreeningJson() {}

    public static String screening(Screening s, LocalDate day, double threshold) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", s.party().name());
        o.put("type", s.party().type().id());
        o.put("asOf", day.toString());
        o.put("threshold", threshold);
        ArrayNode lists = o.putArray("lists");
        for (ListVersion v : s.versions()) {
            lists.add(version(v));
        }
        ArrayNode hits = o.putArray("hits");
        for (Hit h : s.hits()) {
            hits.add(hit(h));
        }
        return JSON.writeValueAsString(o);
    }

    public static ObjectNode version(ListVersion v) {
        ObjectNode x = JSON.createObjectNode();
        x.put("version", v.version());
        x.put("list", v.list());
        x.put("published", v.published().toString());
        x.put("entries", v.entries());
        x.put("importedAt", v.importedAt().toString());
        x.put("importedBy", v.importedBy());
        x.put("fileSha256", v.fileDigest());
        return x;
    }

    public static ObjectNode hit(Hit h) {
        ObjectNode x = JSON.createObjectNode();
        x.put("list", h.entry().list());
        x.put("listVersion", h.version().version());
        x.put("source", h.entry().source());
        x.put("entry", h.entry().id());
        x.put("entryRef", h.entry().ref());
        x.put("entryName", h.entryName());
        x.put("matchedName", h.partyName());
        x.put("score", Math.round(h.score() * 1000) / 1000.0);
        x.put("exact", h.exact());
        if (h.entry().type() != null) {
            x.put("entryType", h.entry().type().id());
        }
        ArrayNode names = x.putArray("entryNames");
        h.entry().names().forEach(names::add);
        ArrayNode countries = x.putArray("countries");
        h.entry().countries().stream().sorted().forEach(countries::add);
        ArrayNode programs = x.putArray("programs");
        h.entry().programs().forEach(programs::add);
        if (h.verdict() != null) {
            ObjectNode v = x.putObject("verdict");
            v.put("id", h.verdict().id());
            v.put("sameParty", h.verdict().sameParty());
            v.put("evidence", h.verdict().evidence());
            v.put("decidedBy", h.verdict().decidedBy());
        }
        return x;
    }
}
