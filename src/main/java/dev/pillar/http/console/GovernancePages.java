package dev.pillar.http.console;

import dev.pillar.app.GovernanceService;
import dev.pillar.app.Refusal;
import dev.pillar.app.WorldService;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.governance.GovernanceCodec;
import dev.pillar.codec.governance.ProposalCheck;
import dev.pillar.codec.world.WorldDocuments;
import dev.pillar.core.governance.Action;
import dev.pillar.core.governance.CastVote;
import dev.pillar.core.governance.Choice;
import dev.pillar.core.governance.Governance;
import dev.pillar.core.governance.Proposal;
import dev.pillar.core.governance.Status;
import dev.pillar.core.governance.Vote;
import dev.pillar.core.model.Candidate;
import dev.pillar.core.model.Country;
import dev.pillar.core.model.Partnership;
import dev.pillar.core.model.Stage;
import dev.pillar.http.console.Views.FieldError;
import dev.pillar.http.console.Views.GovernanceView;
import dev.pillar.http.console.Views.Option;
import dev.pillar.http.console.Views.ProposalForm;
import dev.pillar.http.console.Views.ProposalRow;
import dev.pillar.http.console.Views.ProposalView;
import dev.pillar.http.console.Views.SourceView;
import dev.pillar.http.console.Views.TimelineView;
import dev.pillar.http.console.Views.VoteRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's governance pages: {@code /governance} (proposals, the record's verification, the new-proposal form for
 * the secretariat and delegates), {@code /governance/proposals/{id}} (content, digest, votes, outcome, the bundle, and
 * the vote form for a delegate: the exact payload to sign and a field for the JWS made by {@code pillar governance vote
 * --sign-only}; the delegate's private key never reaches the server) and {@code /candidates/{country}} (the timeline).
 */
final class GovernancePages {
    private final Console console;
    private final GovernanceService governance;

    GovernancePages(Console console, GovernanceService governance) {
        this.console = console;
        this.governance = governance;
    }

    void routes(RoutesConfig r) {
        r.get("/governance", console.page(this::list));
        r.post("/governance/proposals", console.page(this::propose));
        r.get("/governance/proposals/{id}", console.page(this::proposal));
        r.post("/governance/proposals/{id}/votes", console.page(this::vote));
        r.get("/governance/proposals/{id}/bundle.json", console.page(this::bundle));
        r.get("/candidates/{country}", console.page(this::timeline));
    }

    private WorldService worlds() {
        return governance.worlds();
    }

    static ProposalRow row(Governance g, Governance.Entry e, Instant now) {
        Proposal p = e.proposal();
        return new ProposalRow(p.id(), e.status(now).name(), p.candidate().code(), p.action().label(), String.join(", ", p.projects()),
                p.effective().toString(), p.deadline().toString(), e.votes().size() + " of " + g.voters(p).size());
    }

    // ---- the list and the new-proposal form --------------------------------------------------------------------------

    private void list(Context ctx, Sessions.Session s) {
        show(ctx, s, new ProposalForm("", "consensus", "", "", "", "", "", "", "", ""), List.of());
    }

    private void show(Context ctx, Sessions.Session s, ProposalForm form, List<FieldError> errors) {
        Governance g = governance.governance();
        Instant now = governance.now();
        List<ProposalRow> rows = g.entries().stream().map(e -> row(g, e, now)).toList().reversed();
        WorldService.GovernanceRecord record = worlds().current().governance();
        List<String> findings = record.verification().stream().map(Object::toString).toList();
        List<Option> candidates = g.partnership().candidates().stream()
                .map(c -> new Option(c.country().code(), c.country().code(), c.country().code().equals(form.candidate()))).toList();
        List<Option> actions = Arrays.stream(Action.values())
                .map(a -> new Option(a.label(), a.label() + " (to stage " + a.stage() + ")", a.label().equals(form.action()))).toList();
        boolean may = s.principal().is(Role.SECRETARIAT, Role.DELEGATE);
        console.render(ctx, "governance.jte", console.page(s, "Governance", "governance"), "view",
                new GovernanceView(rows, record.stored().size(), findings, may, candidates, actions, form, errors));
    }

    private static String form(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v.strip();
    }

    private void propose(Context ctx, Sessions.Session s) {
        ProposalForm form = new ProposalForm(form(ctx, "candidate"), form(ctx, "action"), form(ctx, "projects"), form(ctx, "effective"),
                form(ctx, "deadline"), form(ctx, "sourceTitle"), form(ctx, "sourceCitation"), form(ctx, "sourceDate"), form(ctx, "sourceUrl"),
                form(ctx, "note"));
        Principal p = s.principal();
        if (!p.is(Role.SECRETARIAT, Role.DELEGATE)) {
            console.forbidden(ctx, s, "Only the secretariat and delegates make proposals.");
            return;
        }
        ObjectNode body = WorldDocuments.mapper().createObjectNode();
        put(body, "candidate", form.candidate());
        put(body, "action", form.action());
        if (!form.projects().isEmpty()) {
            ArrayNode projects = body.putArray("projects");
            for (String id : form.projects().split("[,\\s]+")) {
                if (!id.isBlank()) {
                    projects.add(id.strip());
                }
            }
        }
        put(body, "effective", form.effective());
        put(body, "deadline", form.deadline());
        if (!form.sourceTitle().isEmpty() || !form.sourceDate().isEmpty()) {
            ObjectNode src = body.putArray("sources").addObject();
            put(src, "title", form.sourceTitle());
            put(src, "citation", form.sourceCitation());
            put(src, "date", form.sourceDate());
            put(src, "url", form.sourceUrl());
        }
        put(body, "note", form.note());
        // every problem of the fields at once; the governance core still checks the proposal against the record
        List<FieldError> problems = ProposalCheck.problems(body, governance.governance().partnership(), governance.now()).stream()
                .map(x -> fieldError(x.field(), x.problem())).toList();
        if (!problems.isEmpty()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            show(ctx, s, form, problems);
            return;
        }
        try {
            Governance.Entry e = governance.propose(body, p.subject());
            ctx.redirect("/governance/proposals/" + e.proposal().id() + "?proposed", HttpStatus.SEE_OTHER);
        } catch (BadInputException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            show(ctx, s, form, List.of(fieldError(e.field(), e.problem())));
        } catch (Refusal e) {
            ctx.status(e.kind() == Refusal.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT);
            show(ctx, s, form, List.of(fieldError(e.field(), e.getMessage())));
        }
    }

    private static final Map<String, String> LABELS = Map.of("candidate", "Candidate", "action", "Action", "projects", "Projects",
            "effective", "Effective from", "deadline", "Voting deadline", "sourceTitle", "Source: statement or minutes",
            "sourceCitation", "Source: reference", "sourceDate", "Source: date", "sourceUrl", "Source: address", "note", "Note");

    /** A problem at {@code path} (the API's name of the field) as the new-proposal form shows it. */
    private static FieldError fieldError(String path, String message) {
        String field = formField(path);
        return new FieldError(field, LABELS.getOrDefault(field, field.isEmpty() ? "Proposal" : field), path == null ? "" : path, message);
    }

    private static void put(ObjectNode o, String name, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(name, value);
        }
    }

    /** The form field an error's path belongs to ({@code sources[0].date} is the source date field). */
    private static String formField(String path) {
        if (path == null) {
            return "";
        }
        if (path.startsWith("sources")) {
            String rest = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : "title";
            return "source" + Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
        }
        return path.startsWith("projects") ? "projects" : path;
    }

    // ---- one proposal and the vote form ----------------------------------------------------------------------------------

    private void proposal(Context ctx, Sessions.Session s) {
        Governance.Entry e = governance.governance().entry(ctx.pathParam("id"));
        if (e == null) {
            console.notFound(ctx, s, "There is no proposal with this id.");
            return;
        }
        String notice = ctx.queryParam("proposed") != null ? "Proposal recorded. Each core member's delegate now signs and submits a vote."
                : ctx.queryParam("voted") != null ? "Vote recorded." : null;
        showProposal(ctx, s, e, "", null, notice);
    }

    private void showProposal(Context ctx, Sessions.Session s, Governance.Entry e, String jws, String error, String notice) {
        Governance g = governance.governance();
        Instant now = governance.now();
        Proposal p = e.proposal();
        Principal who = s.principal();
        List<SourceView> sources = p.sources().stream().map(x -> new SourceView(x.title(), x.citation(), Fmt.date(x.date()), Dashboard.safeUrl(x.url())))
                .toList();
        List<VoteRow> votes = new ArrayList<>();
        for (CastVote c : e.votes()) {
            votes.add(new VoteRow(c.vote().member().code(), c.vote().choice().name(), c.vote().reason() == null ? "" : c.vote().reason(),
                    c.vote().time().toString(), c.kid(), c.castBy(), c.recordedAt().toString()));
        }
        List<String> voters = g.voters(p).stream().map(Country::code).toList();
        List<String> pending = voters.stream().filter(m -> e.votes().stream().noneMatch(c -> c.vote().member().code().equals(m))).toList();
        Status status = e.status(now);
        String outcome = e.outcome() == null ? (status == Status.LAPSED ? "lapsed at the deadline without every approval: no effect" : "")
                : e.outcome().result().name().toLowerCase(Locale.ROOT) + " at " + e.outcome().decidedAt() + " (approvals "
                        + e.outcome().approvals() + (e.outcome().objections().isEmpty() ? "" : ", objections " + e.outcome().objections()) + ")";
        String member = who.role() == Role.DELEGATE ? who.country() : null;
        boolean mayVote = member != null && status == Status.OPEN && pending.contains(member);
        String payload = null;
        String command = null;
        if (mayVote) {
            payload = GovernanceCodec.payloadText(new Vote(p.id(), e.digest(), Country.of(member), Choice.APPROVE, null, now));
            command = "./pillar governance vote --proposal " + p.id() + " --member " + member + " --choice approve --key " + member
                    + ".jwk --sign-only --digest " + e.digest();
        }
        console.render(ctx, "proposal.jte", console.page(s, p.id(), "governance"), "view", new ProposalView(p.id(), status.name(),
                p.candidate().code(), p.action().label(), p.action().stage(), String.join(", ", p.projects()), p.effective().toString(),
                p.deadline().toString(), sources, p.note(), p.proposedBy(), p.proposedAt().toString(), e.digest(), voters, votes, pending,
                outcome, mayVote, member, payload, command, jws, error, notice, KeyPages.kidsOf(g, member)));
    }

    private void vote(Context ctx, Sessions.Session s) {
        Governance.Entry e = governance.governance().entry(ctx.pathParam("id"));
        if (e == null) {
            console.notFound(ctx, s, "There is no proposal with this id.");
            return;
        }
        Principal p = s.principal();
        if (p.role() != Role.DELEGATE) {
            console.forbidden(ctx, s, "Only a member's delegate votes.");
            return;
        }
        String jws = form(ctx, "jws");
        try {
            if (jws.isEmpty()) {
                throw Refusal.invalid("jws", "paste the signed vote (the compact JWS printed by pillar governance vote --sign-only)");
            }
            governance.vote(e.proposal().id(), jws, Country.of(p.country()), p.subject());
            ctx.redirect("/governance/proposals/" + e.proposal().id() + "?voted", HttpStatus.SEE_OTHER);
        } catch (Refusal r) {
            ctx.status(r.kind() == Refusal.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT);
            showProposal(ctx, s, governance.governance().entry(e.proposal().id()), jws, (r.field() == null ? "" : r.field() + ": ") + r.getMessage(), null);
        }
    }

    private void bundle(Context ctx, Sessions.Session s) {
        try {
            ObjectNode b = governance.bundle(ctx.pathParam("id"));
            ctx.header("Content-Disposition", "attachment; filename=\"" + ctx.pathParam("id") + "-bundle.json\"")
                    .contentType("application/json").result(b.toPrettyString());
        } catch (Refusal r) {
            console.notFound(ctx, s, "There is no proposal with this id.");
        }
    }

    // ---- a candidate's timeline ----------------------------------------------------------------------------------------

    private void timeline(Context ctx, Sessions.Session s) {
        Governance g = governance.governance();
        Partnership partnership = worlds().current().world().partnership();
        Candidate c;
        try {
            c = partnership.candidate(Country.of(ctx.pathParam("country").toUpperCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            c = null;
        }
        if (c == null) {
            console.notFound(ctx, s, "There is no candidate with this country code.");
            return;
        }
        Map<String, Stage> stages = new HashMap<>();
        partnership.stages().forEach(st -> stages.put(st.id(), st));
        Instant instant = governance.now();
        LocalDate today = instant.atOffset(ZoneOffset.UTC).toLocalDate();
        Candidate.StageEntry now = c.stageOn(today);
        List<ProposalRow> proposals = new ArrayList<>();
        for (Governance.Entry e : g.entries()) {
            if (e.proposal().candidate().equals(c.country())) {
                proposals.add(row(g, e, instant));
            }
        }
        List<Views.StageStep> steps = Dashboard.timeline(c, stages, today, g, instant);
        console.render(ctx, "candidate.jte", console.page(s, c.country().code() + " timeline", "governance"), "view",
                new TimelineView(c.country().code(), now == null ? "not yet considered" : Dashboard.stageName(stages, now.stage()),
                        now == null ? "" : now.stage(), now == null ? "" : now.date().toString(), steps, proposals.reversed()));
    }
}
