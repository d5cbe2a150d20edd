package dev.pillar.codec.impact;

import dev.pillar.codec.world.WorldLoader;
import dev.pillar.core.decision.Outcome;
import dev.pillar.core.impact.Finding;
import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.model.ExportControl;
import dev.pillar.core.model.Person;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON form of impact results (documented in docs/impact.md and the OpenAPI description of POST /api/v1/impact). */
public final class ImpactJson {
    private ImpactJson() {}

    /** {@code {"results": [...]}} with one report per scenario, listing {@code limit} changed pairs from {@code offset}. */
    public static ObjectNode render(List<ImpactResult> results, long offset, int limit) {
        ObjectNode out = WorldLoader.json().createObjectNode();
        out.put("disclaimer", ImpactText.DISCLAIMER);
        ArrayNode list = out.putArray("results");
        for (ImpactResult r : results) {
            list.add(render(r, offset, limit));
        }
        return out;
    }

    public static ObjectNode render(ImpactResult r, long offset, int limit) {
        ObjectNode o = WorldLoader.json().createObjectNode();
        ObjectNode s = o.putObject("scenario");
        s.put("id", r.scenario().id());
        s.put("title", r.scenario().title());
        s.put("description", r.scenario().description());
        s.put("changes", r.scenario().changes().size());
        o.put("asOf", r.asOf().toString());
        o.put("worldBefore", r.before().version());
        o.put("worldAfter", r.after().version());
        ArrayNode people = o.putArray("recipients");
        for (ImpactResult.RecipientRow row : r.byRecipient()) {
            Person p = row.person();
            ObjectNode x = people.addObject();
            x.put("id", p.id());
            x.put("organisation", p.organisation().id());
            ArrayNode cit = x.putArray("citizenships");
            p.nationalities().forEach(c -> cit.add(c.code()));
            x.set("counts", counts(row.counts()));
        }
        o.put("items", r.items());
        o.set("total", counts(r.total()));
        ObjectNode matrix = o.putObject("matrix");
        for (Outcome b : Outcome.values()) {
            ObjectNode line = matrix.putObject(b.name());
            for (Outcome a : Outcome.values()) {
                line.put(a.name(), r.count(b, a));
            }
        }
        ObjectNode groups = o.putObject("groups");
        for (ImpactResult.Dimension d : ImpactResult.Dimension.values()) {
            ArrayNode g = groups.putArray(d.name().toLowerCase(Locale.ROOT));
            for (ImpactResult.Group group : r.groups(d)) {
                ObjectNode x = g.addObject();
                x.put("value", group.value());
                x.setAll(counts(group.counts()));
            }
        }
        ArrayNode blockers = o.putArray("blockers");
        for (ImpactResult.BlockerRow row : r.blockers()) {
            ObjectNode x = blockers.addObject();
            x.put("layer", row.blocker().layer().id());
            x.put("outcome", row.blocker().outcome().name());
            x.put("ruleId", row.blocker().ruleId());
            x.put("citation", row.blocker().citation());
            x.put("itemsAfter", row.itemsAfter());
            x.put("pairsAfter", row.pairsAfter());
            x.put("itemsBefore", row.itemsBefore());
            x.put("pairsBefore", row.pairsBefore());
            x.put("example", row.example());
        }
        ArrayNode licences = o.putArray("licences");
        for (ImpactResult.LicenceRow row : r.licences()) {
            ObjectNode x = licences.addObject();
            Finding.LicenceNeed n = row.licence();
            x.put("regime", n.regime());
            x.put("party", n.organisation());
            x.put("covers", n.entry());
            x.put("destinations", n.destinations());
            x.put("classified", n.classified());
            x.put("items", row.items());
            x.put("pairs", row.pairs());
        }
        ObjectNode ch = o.putObject("changes");
        ch.put("total", r.total().changedPairs());
        ch.put("offset", offset);
        ch.put("limit", limit);
        ArrayNode rows = ch.putArray("rows");
        for (ImpactResult.ChangedRow row : r.changes(offset, limit)) {
            ObjectNode x = rows.addObject();
            x.put("item", row.item().id());
            x.put("title", row.item().title());
            x.put("area", row.area());
            x.put("project", row.item().project());
            x.put("classification", row.item().classification().toString());
            x.put("control", ExportControl.format(row.item().control()));
            x.put("recipient", row.recipient().id());
            x.put("before", row.before().outcome().name());
            x.put("after", row.after().outcome().name());
            x.put("whyBefore", ImpactText.why(row.before()));
            x.put("whyAfter", ImpactText.why(row.after()));
        }
        ImpactResult.Stats st = r.stats();
        ObjectNode stats = o.putObject("evaluation");
        stats.put("itemClasses", st.classes());
        stats.put("recipientClasses", st.recipientClasses());
        stats.put("decisions", st.decisions());
        stats.put("evaluatedClasses", st.evaluatedClasses());
        stats.put("evaluatedItems", st.evaluatedItems());
        stats.put("incremental", st.incremental());
        stats.put("oneByOne", st.oneByOne());
        return o;
    }

    private static ObjectNode counts(ImpactResult.Counts c) {
        ObjectNode o = WorldLoader.json().createObjectNode();
        o.put("items", c.items());
        o.put("changedItems", c.changedItems());
        o.put("pairs", c.pairs());
        o.put("changedPairs", c.changedPairs());
        ObjectNode b = o.putObject("before");
        ObjectNode a = o.putObject("after");
        for (Outcome x : Outcome.values()) {
            b.put(x.name(), c.before(x));
            a.put(x.name(), c.after(x));
        }
        return o;
    }
}
