package dev.pillar.http.console;

import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.decision.Layer;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Person;
import dev.pillar.core.world.World;
import dev.pillar.http.console.Views.DecisionView;
import dev.pillar.http.console.Views.ObligationView;
import dev.pillar.http.console.Views.ReasonView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Builds the console's view of a decision from its JSON v1 response and request, so that a decision just asked and one
 * read back from the store look the same.
 */
final class Decisions {
    private Decisions() {}

    static JsonNode parse(String json) {
        return WorldDocuments.mapper().readTree(json);
    }

    static DecisionView view(JsonNode response, JsonNode request, World world, String askedBy, Instant askedAt) {
        List<ReasonView> reasons = new ArrayList<>();
        for (JsonNode r : response.path("reasons")) {
            Map<String, String> facts = new LinkedHashMap<>();
            r.path("facts").properties().forEach(e -> facts.put(e.getKey(), e.getValue().asString("")));
            reasons.add(new ReasonView(r.path("layer").asString(""), layerTitle(r.path("layer").asString("")), r.path("outcome").asString(""),
                    r.path("ruleId").asString(""), r.path("citation").asString(""), r.path("message").asString(""), facts,
                    strings(r.path("toPermit"))));
        }
        List<ObligationView> obligations = new ArrayList<>();
        for (JsonNode o : response.path("obligations")) {
            obligations.add(new ObligationView(o.path("id").asString(""), o.path("text").asString(""), o.path("citation").asString("")));
        }
        return new DecisionView(response.path("decisionId").asString(""), response.path("outcome").asString(""), strings(response.path("basis")),
                reasons, obligations, strings(response.path("toPermit")), response.path("asOf").asString(""),
                response.path("worldVersion").asString(""), itemLabel(request.path("item"), world), recipientLabel(request.path("recipient"), world),
                askedBy, Fmt.instant(askedAt), null, null);
    }

    private static String layerTitle(String id) {
        for (Layer l : Layer.values()) {
            if (l.id().equals(id)) {
                return l.title();
            }
        }
        return id;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asString(""));
        }
        return out;
    }

    /** One line about the item of a request: its id, title and marking, or the labels it was described with. */
    static String itemLabel(JsonNode item, World world) {
        if (item.isString()) {
            Item it = world == null ? null : world.item(item.asString());
            if (it == null) {
                return item.asString();
            }
            StringBuilder b = new StringBuilder(it.id()).append(" — ").append(it.title()).append(" — ").append(Fmt.banner(world, it))
                    .append(" · ").append(Fmt.control(it.control()));
            if (it.project() != null) {
                b.append(" · project ").append(it.project());
            }
            return b.toString();
        }
        StringBuilder b = new StringBuilder("described by hand: ").append(item.path("classification").asString("?"));
        if (item.path("noforn").asBoolean(false)) {
            b.append("//NOFORN");
        } else if (item.path("releasableTo").size() > 0) {
            b.append("//REL TO ").append(String.join(", ", strings(item.path("releasableTo"))));
        }
        b.append(" · originator ").append(item.path("originator").asString("?")).append(" · ").append(item.path("control").asString("?"));
        if (item.has("project")) {
            b.append(" · project ").append(item.path("project").asString(""));
        }
        if (item.path("technologies").size() > 0) {
            b.append(" · tags ").append(String.join(", ", strings(item.path("technologies"))));
        }
        return b.toString();
    }

    /** The recipient of a request in a few words: the person id, or the citizenships and location described by hand. */
    static String recipientShort(JsonNode recipient) {
        if (recipient.isString()) {
            return recipient.asString();
        }
        return "described by hand: citizen of " + String.join(", ", strings(recipient.path("citizenships"))) + ", in "
                + recipient.path("location").asString("?");
    }

    /** One line about the recipient of a request: id and name, or the labels they were described with. */
    static String recipientLabel(JsonNode recipient, World world) {
        if (recipient.isString()) {
            Person p = world == null ? null : world.person(recipient.asString());
            if (p == null) {
                return recipient.asString();
            }
            StringBuilder b = new StringBuilder(p.id()).append(" — ").append(p.name()).append(" — citizen of ")
                    .append(String.join(", ", p.citizenships().stream().map(c -> c.code()).sorted().toList()))
                    .append(", in ").append(p.location()).append(", at ").append(p.organisation().label());
            if (p.clearance() != null) {
                b.append(", cleared ").append(p.clearance().level());
            }
            return b.toString();
        }
        StringBuilder b = new StringBuilder("described by hand: citizen of ").append(String.join(", ", strings(recipient.path("citizenships"))))
                .append(", in ").append(recipient.path("location").asString("?"));
        JsonNode org = recipient.path("organisation");
        b.append(", at ").append(org.isString() ? org.asString() : "an organisation described inline");
        if (recipient.has("clearance") && recipient.path("clearance").isString()) {
            b.append(", cleared ").append(recipient.path("clearance").asString());
        }
        return b.toString();
    }
}
