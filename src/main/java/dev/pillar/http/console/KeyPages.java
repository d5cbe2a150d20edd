package dev.pillar.http.console;

import dev.pillar.app.GovernanceService;
import dev.pillar.app.Refusal;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.governance.KeyCosign;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.MemberKey;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Pillar;
import dev.pillar.core.model.Project;
import dev.pillar.core.world.World;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The key ceremony and nominations in the console: {@code /governance/keys} (a delegate makes a signing key in the
 * browser, whose private half stays there, and co-signs other members' requests; the secretariat confirms) and
 * {@code /governance/nominations} (the secretariat nominates an organisation to a project). Every step is recorded
 * through the governance service, as over the API.
 */
final class KeyPages {
    private final Console console;
    private final GovernanceService governance;

    KeyPages(Console console, GovernanceService governance) {
        this.console = console;
        this.governance = governance;
    }

    void routes(RoutesConfig r) {
        r.get("/governance/keys", console.page(this::keys));
        r.post("/governance/keys", console.page(this::request));
        r.post("/governance/keys/{id}/cosign", console.page(this::cosign));
        r.post("/governance/keys/{id}/confirm", console.page(this::confirm));
        r.get("/governance/nominations", console.page(this::nominations));
        r.post("/governance/nominations", console.page(this::nominate));
    }

    private static String form(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v.strip();
    }

    private static String message(RuntimeException e) {
        return switch (e) {
            case Refusal r -> (r.field() == null || r.field().isEmpty() ? "" : r.field() + ": ") + r.getMessage();
            case BadInputException b -> (b.field().isEmpty() ? "" : b.field() + ": ") + b.problem();
            default -> throw e;
        };
    }

    private static HttpStatus status(RuntimeException e) {
        return e instanceof Refusal r && r.kind() == Refusal.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT;
    }

    // ---- keys ------------------------------------------------------------------------------------------------------

    private void keys(Context ctx, Sessions.Session s) {
        String notice = ctx.queryParam("requested") != null ? "Key requested: the private key stays in this browser. It counts once the ceremony is complete."
                : ctx.queryParam("cosigned") != null ? "Co-signature recorded." : ctx.queryParam("confirmed") != null ? "Confirmation recorded." : null;
        showKeys(ctx, s, notice, null);
    }

    private void showKeys(Context ctx, Sessions.Session s, String notice, String error) {
        Governance g = governance.governance();
        Principal p = s.principal();
        String member = p.role() == Role.DELEGATE ? p.country() : null;
        List<KeyViews.KeyRow> registered = new ArrayList<>();
        for (MemberKey k : g.partnership().memberKeys()) {
            registered.add(new KeyViews.KeyRow(k.country().code(), k.kid(), k.interval().toString(), k.source() == null ? "partnership document" : k.source().cite()));
        }
        List<KeyViews.EnrolmentRow> rows = new ArrayList<>();
        for (Governance.Enrolment e : g.enrolments().reversed()) {
            String m = e.request().member().code();
            boolean cosigned = member != null && e.cosigns().stream().map(KeyCosign::member).anyMatch(c -> c.code().equals(member));
            boolean mayCosign = member != null && !e.complete() && !cosigned && (!member.equals(m) || hasKeyInForce(g, member));
            boolean mayConfirm = p.role() == Role.SECRETARIAT && !e.complete() && e.confirmation() == null;
            String statement = member == null ? "" : dev.pillar.codec.governance.GovernanceCodec.statementText(
                    new dev.pillar.core.governance.Statement.Cosign(e.request().id(), e.digest(), Country.of(member)));
            rows.add(new KeyViews.EnrolmentRow(e.request().id(), m, e.request().kid(), e.request().from().toString(), e.request().requestedBy(),
                    e.digest(), e.complete() ? "ENROLLED" : "PENDING", e.complete() ? "" : e.needs(),
                    String.join(", ", e.cosigns().stream().map(c -> c.member().code()).toList()),
                    e.confirmation() == null ? "" : e.confirmation().confirmedBy(), mayCosign, mayConfirm, statement));
        }
        console.render(ctx, "keys.jte", console.page(s, "Member keys", "governance"), "view",
                new KeyViews.KeysView(member, kidsOf(g, member), registered, rows, notice, error));
    }

    private static boolean hasKeyInForce(Governance g, String member) {
        return g.partnership().memberKeys().stream().anyMatch(k -> k.country().code().equals(member));
    }

    /** The key ids registered for or asked for by {@code member}: the browser signs with the one of these it holds. */
    static String kidsOf(Governance g, String member) {
        if (member == null) {
            return "";
        }
        List<String> kids = new ArrayList<>();
        g.partnership().memberKeys().stream().filter(k -> k.country().code().equals(member)).forEach(k -> kids.add(k.kid()));
        g.enrolments().stream().filter(e -> e.request().member().code().equals(member)).forEach(e -> kids.add(e.request().kid()));
        return String.join(" ", kids.stream().distinct().toList());
    }

    private void request(Context ctx, Sessions.Session s) {
        Principal p = s.principal();
        if (p.role() != Role.DELEGATE) {
            console.forbidden(ctx, s, "Only a member's delegate enrols the member's keys.");
            return;
        }
        ObjectNode body = WorldDocuments.mapper().createObjectNode().put("member", p.country());
        try {
            String pasted = form(ctx, "request");
            if (!pasted.isEmpty()) {
                var given = WorldDocuments.mapper().readTree(pasted);
                if (!given.isObject()) {
                    throw Refusal.invalid("request", "paste the enrolment request JSON printed by pillar governance keygen");
                }
                given.properties().forEach(e -> body.set(e.getKey(), e.getValue()));
            } else {
                for (String f : List.of("x", "kid", "proof")) {
                    if (form(ctx, f).isEmpty()) {
                        throw Refusal.invalid(f, "is missing: make the key with the button (it needs JavaScript), or paste the request of pillar governance keygen");
                    }
                    body.put(f, form(ctx, f));
                }
            }
            governance.requestKey(body, Country.of(p.country()), p.subject());
            ctx.redirect("/governance/keys?requested", HttpStatus.SEE_OTHER);
        } catch (tools.jackson.core.JacksonException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            showKeys(ctx, s, null, "request: is not JSON: " + e.getOriginalMessage());
        } catch (Refusal | BadInputException e) {
            ctx.status(status(e));
            showKeys(ctx, s, null, message(e));
        }
    }

    private void cosign(Context ctx, Sessions.Session s) {
        Principal p = s.principal();
        if (p.role() != Role.DELEGATE) {
            console.forbidden(ctx, s, "Only a member's delegate co-signs a key.");
            return;
        }
        try {
            if (form(ctx, "jws").isEmpty() || form(ctx, "kid").isEmpty()) {
                throw Refusal.invalid("jws", "is missing: the co-signature is made in this browser with your member's key (it needs JavaScript)");
            }
            Country member = Country.of(p.country());
            governance.cosignKey(ctx.pathParam("id"), member, form(ctx, "kid"), form(ctx, "jws"), member, p.subject());
            ctx.redirect("/governance/keys?cosigned", HttpStatus.SEE_OTHER);
        } catch (Refusal | BadInputException e) {
            ctx.status(status(e));
            showKeys(ctx, s, null, message(e));
        }
    }

    private void confirm(Context ctx, Sessions.Session s) {
        Principal p = s.principal();
        if (p.role() != Role.SECRETARIAT) {
            console.forbidden(ctx, s, "Only the secretariat confirms a key enrolment.");
            return;
        }
        try {
            governance.confirmKey(ctx.pathParam("id"), form(ctx, "digest"), p.subject());
            ctx.redirect("/governance/keys?confirmed", HttpStatus.SEE_OTHER);
        } catch (Refusal | BadInputException e) {
            ctx.status(status(e));
            showKeys(ctx, s, null, message(e));
        }
    }

    // ---- nominations -----------------------------------------------------------------------------------------------

    private void nominations(Context ctx, Sessions.Session s) {
        showNominations(ctx, s, new KeyViews.NominationForm("", "", "", "", "", "", ""),
                ctx.queryParam("nominated") != null ? "Nomination recorded: decisions from its first day see it." : null, List.of());
    }

    private void showNominations(Context ctx, Sessions.Session s, KeyViews.NominationForm form, String notice, List<String> errors) {
        Governance g = governance.governance();
        World world = governance.worlds().current().world();
        List<KeyViews.NominationRow> rows = g.nominations().reversed().stream().map(n -> new KeyViews.NominationRow(n.nomination().id(),
                n.nomination().organisation(), n.nomination().project(), n.nomination().interval().toString(), n.nomination().nominatedBy(),
                n.nomination().nominatedAt().toString(), n.digest())).toList();
        Map<String, String> orgs = new TreeMap<>();
        for (Organisation o : world.organisations()) {
            orgs.put(o.id(), o.id() + " (" + o.country().code() + ")");
        }
        List<String> projects = world.partnership().projects().stream().filter(pr -> pr.pillar() == Pillar.II).map(Project::id).toList();
        console.render(ctx, "nominations.jte", console.page(s, "Nominations", "governance"), "view", new KeyViews.NominationsView(rows,
                s.principal().role() == Role.SECRETARIAT, orgs, projects, form, notice, errors));
    }

    private void nominate(Context ctx, Sessions.Session s) {
        Principal p = s.principal();
        if (p.role() != Role.SECRETARIAT) {
            console.forbidden(ctx, s, "Only the secretariat nominates organisations.");
            return;
        }
        KeyViews.NominationForm form = new KeyViews.NominationForm(form(ctx, "organisation"), form(ctx, "project"), form(ctx, "from"),
                form(ctx, "until"), form(ctx, "sourceTitle"), form(ctx, "sourceDate"), form(ctx, "sourceCitation"));
        List<String> errors = new ArrayList<>();
        for (String[] required : new String[][] {{"organisation", form.organisation()}, {"project", form.project()}, {"from", form.from()},
                {"sourceTitle", form.sourceTitle()}, {"sourceDate", form.sourceDate()}}) {
            if (required[1].isEmpty()) {
                errors.add(required[0] + ": is required");
            }
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            showNominations(ctx, s, form, null, errors);
            return;
        }
        ObjectNode body = WorldDocuments.mapper().createObjectNode().put("organisation", form.organisation()).put("project", form.project())
                .put("from", form.from());
        if (!form.until().isEmpty()) {
            body.put("until", form.until());
        }
        ObjectNode src = body.putArray("sources").addObject().put("title", form.sourceTitle()).put("date", form.sourceDate());
        if (!form.sourceCitation().isEmpty()) {
            src.put("citation", form.sourceCitation());
        }
        try {
            governance.nominate(body, p.subject());
            ctx.redirect("/governance/nominations?nominated", HttpStatus.SEE_OTHER);
        } catch (Refusal | BadInputException e) {
            ctx.status(status(e));
            showNominations(ctx, s, form, null, List.of(message(e)));
        }
    }
}
