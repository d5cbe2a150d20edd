package dev.pillar.http.console;

import dev.pillar.app.Access;
import dev.pillar.app.DecisionService;
import dev.pillar.app.GovernanceService;
import dev.pillar.app.ProposalImpact;
import dev.pillar.app.Refusal;
import dev.pillar.app.Services;
import dev.pillar.app.WorldService;
import dev.pillar.app.port.Doc;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.Page;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Query;
import dev.pillar.app.port.Role;
import dev.pillar.app.port.StoredDecision;
import dev.pillar.codec.BadInputException;
import dev.pillar.codec.decision.RequestCodec;
import dev.pillar.codec.impact.ImpactHtml;
import dev.pillar.codec.impact.ScenarioReader;
import dev.pillar.codec.label.LabelXml;
import dev.pillar.core.decision.Decision;
import dev.pillar.core.decision.DecisionRequest;
import dev.pillar.core.impact.ImpactResult;
import dev.pillar.core.impact.Scenario;
import dev.pillar.core.label.PolicyRegistry;
import dev.pillar.core.model.InvalidValueException;
import dev.pillar.core.model.Item;
import dev.pillar.core.model.Organisation;
import dev.pillar.core.model.Person;
import dev.pillar.core.world.LabelReaders;
import dev.pillar.core.world.World;
import dev.pillar.http.ImpactDownloads;
import dev.pillar.http.console.Views.*;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web console: server-rendered pages (JTE templates in src/main/jte, precompiled) for people, beside the JSON API.
 * Sign-in is a password form that starts a server-side {@link Sessions session}; every POST form carries the
 * session's CSRF token (the sign-in form a double-submit token that this server signed, {@link Sessions#loginToken}). Pages: dashboard {@code /}, decision explorer
 * {@code /explorer}, catalogue {@code /catalogue} and {@code /items/{id}}, {@code /decisions/{id}},
 * {@code /organisations}, {@code /people} (not for engineers), {@code /licences}, {@code /labels} (a pasted security
 * label: its marking and who may read it), {@code /impact} and {@code /governance/proposals/{id}/impact} (what adopting a
 * proposal would change; not for engineers), and governance ({@link GovernancePages}: {@code /governance}, proposals
 * with the vote form, candidates' timelines). See docs/console.md.
 */
public final class Console {
    public static final String SESSION_COOKIE = "pillar_session";
    public static final String LOGIN_COOKIE = "pillar_login";
    /** Above this many choices a select becomes a text field for the id. */
    static final int MAX_OPTIONS = 500;
    static final int PAGE_SIZE = 50;
    static final int ITEM_DECISIONS = 50;

    private final WorldService worlds;
    private final DecisionService decider;
    private final ProposalImpact proposalImpact;
    private final GovernanceService governance;
    private final GovernancePages governancePages;
    private final KeyPages keyPages;
    private final AuditPages auditPages;
    private final SignIn signIn;
    private final dev.pillar.app.CaseService cases;
    private final dev.pillar.app.LicenceService licences;
    private final dev.pillar.app.ScreeningService screening;
    private final List<java.util.function.Consumer<RoutesConfig>> operations;
    private final boolean secureCookies;
    private final MeterRegistry metrics;
    private final Sessions sessions;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final byte[] css = resource("/static/pillar.css");
    private final byte[] impactCss = resource(ImpactHtml.CSS_RESOURCE);
    private final byte[] htmx = resource("/META-INF/resources/webjars/htmx.org/2.0.10/dist/htmx.min.js");
    private final byte[] keysJs = resource("/static/keys.js");

    /**
     * The console over the application's services; {@code secureCookies} marks the session cookies Secure (off only
     * for plain-HTTP development).
     */
    public Console(Services services, SignIn signIn, boolean secureCookies, MeterRegistry metrics, Sessions sessions) {
        this.worlds = services.worlds();
        this.decider = services.decisions();
        this.proposalImpact = services.proposalImpact();
        this.governance = services.governance();
        this.governancePages = new GovernancePages(this, services.governance());
        this.keyPages = new KeyPages(this, services.governance());
        this.auditPages = new AuditPages(this, services.audit());
        this.cases = services.cases();
        this.licences = services.licences();
        this.screening = services.screening();
        this.operations = List.of(new CasePages(this, services.cases(), services.worlds())::routes, new LicencePages(this, services.licences())::routes,
                new ScreeningPages(this, services.screening())::routes,
                new RecordPages(this, services.decisions())::routes, new UserPages(this, services.accounts(), sessions)::routes);
        this.signIn = signIn;
        this.secureCookies = secureCookies;
        this.metrics = metrics;
        this.sessions = sessions;
    }

    /** Registers the console's routes. */
    public void routes(RoutesConfig r) {
        r.get("/assets/pillar.css", ctx -> asset(ctx, css, "text/css; charset=utf-8"));
        r.get("/assets/htmx.min.js", ctx -> asset(ctx, htmx, "text/javascript; charset=utf-8"));
        r.get("/assets/keys.js", ctx -> asset(ctx, keysJs, "text/javascript; charset=utf-8"));
        r.get("/assets/impact.css", ctx -> asset(ctx, impactCss, "text/css; charset=utf-8"));
        r.get("/login", this::loginPage);
        r.post("/login", this::login);
        r.post("/logout", page(this::logout));
        r.get("/", page(this::dashboard));
        r.get("/explorer", page(this::explorer));
        r.post("/explorer", page(this::decide));
        r.get("/catalogue", page(this::catalogue));
        r.get("/items/<id>", page(this::item));
        operations.forEach(o -> o.accept(r)); // cases, licences, decision records, accounts
        r.get("/decisions/{id}", page(this::decision));
        r.get("/organisations", page(this::organisations));
        r.get("/people", page(this::people));
        r.get("/labels", page(this::labels));
        r.post("/labels", page(this::checkLabel));
        governancePages.routes(r);
        keyPages.routes(r);
        if (auditPages != null) {
            auditPages.routes(r);
        }
        r.get("/impact", page(this::impact));
        r.post("/impact", page(this::impact));
        r.get("/governance/proposals/{id}/impact", page(this::proposalImpact));
        new RulePages(this, worlds).routes(r);
    }

    // ---- sessions, CSRF, rendering -------------------------------------------------------------------------------------

    @FunctionalInterface
    interface PageHandler {
        void handle(Context ctx, Sessions.Session session) throws Exception;
    }

    /** A page for signed-in users: GETs without a session go to sign-in, POSTs need the session's CSRF token. */
    Handler page(PageHandler h) {
        return ctx -> {
            ctx.header("Cache-Control", "no-store");
            Sessions.Session s = sessions.find(ctx.cookie(SESSION_COOKIE));
            if (s == null) {
                String next = ctx.method() == HandlerType.GET ? ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()) : "/";
                String to = "/login" + (next.equals("/") ? "" : "?next=" + enc(next));
                if (ctx.header("HX-Request") != null) {
                    ctx.header("HX-Redirect", to).status(HttpStatus.OK).result("");
                } else {
                    ctx.redirect(to, HttpStatus.SEE_OTHER);
                }
                return;
            }
            if (ctx.method() == HandlerType.POST && !s.csrfMatches(ctx.formParam("csrf"))) {
                forbidden(ctx, s, "This form was not sent from a page of this session (missing or wrong CSRF token). Reload the page and try again.");
                return;
            }
            h.handle(ctx, s);
        };
    }

    private void render(Context ctx, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(out.toString());
    }

    void render(Context ctx, String template, PageView page, String key, Object model) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", page);
        params.put(key, model);
        render(ctx, template, params);
    }

    PageView page(Sessions.Session s, String title, String active) {
        Principal p = s.principal();
        String scope = switch (p.role()) {
            case DELEGATE -> "of " + p.country();
            case ENGINEER -> "at " + p.organisation();
            default -> null;
        };
        return new PageView(title, active, p.subject(), p.role().claim().replace('-', ' '), scope, s.csrf(),
                p.role() != Role.ENGINEER, worlds.current().world().version());
    }

    void forbidden(Context ctx, Sessions.Session s, String message) {
        ctx.status(HttpStatus.FORBIDDEN);
        render(ctx, "error.jte", page(s, "Not allowed", ""), "message", message);
    }

    void notFound(Context ctx, Sessions.Session s, String message) {
        ctx.status(HttpStatus.NOT_FOUND);
        render(ctx, "error.jte", page(s, "Not found", ""), "message", message);
    }

    private Cookie cookie(String name, String value, int maxAge) {
        return new Cookie(name, value, "/", maxAge, secureCookies, true, null, SameSite.STRICT);
    }

    private static void asset(Context ctx, byte[] body, String type) {
        ctx.header("Cache-Control", "public, max-age=3600").contentType(type).result(body);
    }

    private static byte[] resource(String path) {
        try (InputStream in = Console.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null for an empty form value, else the value. */
    static String blank(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /** Puts a refusal of bad input under its field ("" for the form) in {@code errors}; any other refusal is thrown on. */
    static void fieldError(Refusal r, Map<String, String> errors) {
        if (r.kind() != Refusal.Kind.INVALID) {
            throw r;
        }
        errors.put(r.field() == null ? "" : r.field(), r.getMessage());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- sign-in ---------------------------------------------------------------------------------------------------------

    private void loginPage(Context ctx) {
        if (sessions.find(ctx.cookie(SESSION_COOKIE)) != null) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
            return;
        }
        showLogin(ctx, safeNext(ctx.queryParam("next")), "", ctx.queryParam("signedOut") != null ? "You have signed out."
                : ctx.queryParam("passwordChanged") != null ? "Your password was changed: sign in with the new one." : null, null);
    }

    private void showLogin(Context ctx, String next, String username, String notice, String error) {
        String token = sessions.loginToken();
        ctx.cookie(cookie(LOGIN_COOKIE, token, (int) Sessions.LOGIN_FORM.toSeconds()));
        Map<String, Object> params = new HashMap<>();
        params.put("page", new PageView("Sign in", "login", null, null, null, token, false, null));
        params.put("next", next);
        params.put("username", username);
        params.put("notice", notice);
        params.put("error", error);
        render(ctx, "login.jte", params);
    }

    /**
     * True unless the browser says the sign-in form was sent from another origin: {@code Sec-Fetch-Site} other than
     * same-origin (or none, typed by the user), or, from a browser too old to send it, an {@code Origin} whose host and
     * port are not this server's. A cookie and form token planted together (login CSRF) is posted from the attacker's page, so it is
     * refused here whatever the token; clients that send neither header (scripts, not browsers) are not CSRF victims.
     */
    static boolean sameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null) {
            // every current browser sends it; Origin is "null" on this page's own POSTs (Referrer-Policy: no-referrer)
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        try {
            String authority = java.net.URI.create(origin).getRawAuthority();
            java.net.URI origin2 = java.net.URI.create(origin);
            String host = ctx.req().getServerName();
            int port = ctx.req().getServerPort();
            int originPort = origin2.getPort() >= 0 ? origin2.getPort() : "https".equalsIgnoreCase(origin2.getScheme()) ? 443 : 80;
            return authority != null && origin2.getHost() != null && origin2.getHost().equalsIgnoreCase(host) && originPort == port;
        } catch (IllegalArgumentException e) {
            return false; // "null" (an opaque origin) or garbage
        }
    }

    private void login(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (!sameOrigin(ctx) || !sessions.loginTokenValid(ctx.cookie(LOGIN_COOKIE), ctx.formParam("csrf"))) {
            ctx.status(HttpStatus.FORBIDDEN).contentType("text/html; charset=utf-8");
            showLogin(ctx, "/", "", null, "The sign-in form had expired or was not sent from this site. Please sign in again.");
            ctx.status(HttpStatus.FORBIDDEN);
            return;
        }
        String username = ctx.formParam("username");
        String password = ctx.formParam("password");
        String next = safeNext(ctx.formParam("next"));
        Principal p;
        try {
            p = username == null || username.length() > 200 || password == null || password.length() > 1000 ? null
                    : signIn.signIn(username.strip(), password, ctx.ip());
        } catch (dev.pillar.app.Refusal r) {
            ctx.status(r.status());
            if (r.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(r.retryAfterSeconds()));
            }
            showLogin(ctx, next, username == null ? "" : username.strip(), null, "Sign-in refused: " + r.getMessage() + ".");
            ctx.status(r.status());
            return;
        }
        if (p == null) {
            showLogin(ctx, next, username == null ? "" : username.strip(), null, "Unknown user or wrong password.");
            return;
        }
        sessions.end(ctx.cookie(SESSION_COOKIE));
        Sessions.Created created = sessions.create(p);
        ctx.cookie(cookie(SESSION_COOKIE, created.id(), -1));
        ctx.cookie(cookie(LOGIN_COOKIE, "", 0));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    /** Only a path of this site (not {@code //host} or a scheme) may be the place to go after sign-in. */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 1000 || !next.startsWith("/") || next.startsWith("//")
                || next.contains("\\") || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }

    private void logout(Context ctx, Sessions.Session s) {
        sessions.end(ctx.cookie(SESSION_COOKIE));
        ctx.cookie(cookie(SESSION_COOKIE, "", 0));
        ctx.redirect("/login?signedOut", HttpStatus.SEE_OTHER);
    }

    // ---- dashboard -----------------------------------------------------------------------------------------------------------

    private void dashboard(Context ctx, Sessions.Session s) {
        WorldService.Snapshot snap = worlds.current();
        Map<String, Object> params = new HashMap<>();
        params.put("page", page(s, "Dashboard", "dashboard"));
        params.put("view", Dashboard.of(snap.world(), worlds.clock().today(), snap.governance().governance(), worlds.clock().nowToSecond()));
        boolean engineer = s.principal().role() == Role.ENGINEER;
        Map<String, Long> open = engineer ? Map.of() : cases.openCounts();
        long alerts = licences.statuses().stream().filter(x -> !x.alerts().isEmpty()).count();
        long screeningCases = engineer ? 0 : screening.openAlerts();
        boolean screened = !screening.inForce(worlds.clock().today()).isEmpty();
        params.put("ops", new Views.OperationsSummary(!engineer, open.getOrDefault("REVIEW", 0L), open.getOrDefault("LICENSE_REQUIRED", 0L), alerts,
                screeningCases, screened));
        render(ctx, "dashboard.jte", params);
    }

    // ---- decision explorer ---------------------------------------------------------------------------------------------

    private void explorer(Context ctx, Sessions.Session s) {
        ExplorerForm form;
        try {
            form = ExplorerForm.read(ctx::queryParam);
        } catch (ExplorerForm.FormException e) {
            form = ExplorerForm.empty("");
        }
        if (form.asOf().isEmpty()) {
            form = form.on(worlds.clock().today().toString());
        }
        render(ctx, "explorer.jte", page(s, "Decision explorer", "explorer"), "view",
                explorerView(s.principal(), worlds.current().world(), form, null, null, null));
    }

    private void decide(Context ctx, Sessions.Session s) {
        Principal p = s.principal();
        WorldService.Snapshot snap = worlds.current();
        World world = snap.world();
        ExplorerForm form = ExplorerForm.empty(worlds.clock().today().toString());
        DecisionView result = null;
        String error = null;
        String errorField = null;
        try {
            form = ExplorerForm.read(ctx::formParam);
            ObjectNode body = form.toRequest();
            if (!form.item().isEmpty() && world.item(form.item()) != null && !Access.sees(p, world, world.item(form.item()).project(), worlds.clock().today())) {
                // an engineer may not learn of items outside their organisation's projects
                throw new ExplorerForm.FormException("item", "unknown item '" + form.item() + "'");
            }
            if (!form.asOf().isEmpty()) {
                try {
                    LocalDate.parse(form.asOf());
                } catch (DateTimeParseException e) {
                    throw new ExplorerForm.FormException("asOf", "'" + form.asOf() + "' is not a date: use YYYY-MM-DD");
                }
            }
            DecisionService.Decided d = decider.decide(p, body);
            ObjectNode response = (ObjectNode) Decisions.parse(d.answer());
            metrics.counter("pillar_decisions", "outcome", d.decision().outcome().name()).increment();
            Instant now = d.recordedAt();
            result = Decisions.view(response, body, world, p.subject(), now);
            if (d.caseId() != null) {
                result = result.withCase(d.caseId(), "open");
            }
        } catch (ExplorerForm.FormException e) {
            errorField = e.field();
            error = (e.field().isEmpty() ? "" : label(e.field()) + ": ") + e.getMessage();
        } catch (Refusal e) {
            if (e.kind() != Refusal.Kind.INVALID) {
                throw e;
            }
            String field = e.field() == null ? "" : e.field();
            errorField = formField(field);
            error = (field.isEmpty() ? "" : label(errorField) + ": ") + e.getMessage();
        }
        ExplorerView view = explorerView(p, world, form, result, error, errorField);
        if (ctx.header("HX-Request") != null) {
            Map<String, Object> params = new HashMap<>();
            params.put("view", view);
            render(ctx, "partials/result.jte", params);
        } else {
            if (error != null) {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            }
            render(ctx, "explorer.jte", page(s, "Decision explorer", "explorer"), "view", view);
        }
    }

    /** The form field a request path such as {@code item.releasableTo[1]} or {@code recipient.organisation} belongs to. */
    static String formField(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        String f = path.replaceAll("\\[\\d+]", "");
        if (f.equals("item") || f.equals("recipient") || f.equals("asOf")) {
            return f;
        }
        int dot = f.indexOf('.');
        String rest = dot < 0 ? f : f.substring(dot + 1);
        int next = rest.indexOf('.');
        return next < 0 ? rest : rest.substring(0, next);
    }

    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("item", "Item"), Map.entry("originator", "Originator"),
            Map.entry("classification", "Classification"), Map.entry("releasableTo", "REL TO"), Map.entry("noforn", "NOFORN"),
            Map.entry("control", "Export control"), Map.entry("technologies", "Technology tags"), Map.entry("project", "Project"),
            Map.entry("recipient", "Recipient"), Map.entry("citizenships", "Citizenships"), Map.entry("formerCitizenships", "Citizenships held before"), Map.entry("location", "Location"),
            Map.entry("organisation", "Organisation"), Map.entry("clearance", "Clearance"), Map.entry("asOf", "Date"));

    static String label(String field) {
        return LABELS.getOrDefault(field, field);
    }

    private ExplorerView explorerView(Principal p, World world, ExplorerForm form, DecisionView result, String error, String errorField) {
        Set<String> visible = Access.visibleProjects(p, world, worlds.clock().today());
        List<Option> items = new ArrayList<>();
        int count = 0;
        for (Item it : world.items()) {
            if (visible == null || (it.project() != null && visible.contains(it.project()))) { // as GET /api/v1/items lists them
                if (++count > MAX_OPTIONS) {
                    items = null;
                    break;
                }
                items.add(new Option(it.id(), it.id() + " — " + it.title(), it.id().equals(form.item())));
            }
        }
        List<Option> people = new ArrayList<>();
        count = 0;
        for (Person person : world.people()) {
            if (!Access.seesPerson(p, world, person, worlds.clock().today())) {
                continue;
            }
            if (++count > MAX_OPTIONS) {
                people = null;
                break;
            }
            people.add(new Option(person.id(), person.id() + " — " + person.name() + " (" + person.organisation().id() + ")",
                    person.id().equals(form.recipient())));
        }
        List<Option> organisations = new ArrayList<>();
        for (Organisation o : world.organisations()) {
            organisations.add(new Option(o.id(), o.id() + " (" + o.country() + ")", o.id().equals(form.organisation())));
        }
        if (organisations.size() > MAX_OPTIONS) {
            organisations = null;
        }
        List<Option> projects = world.partnership().projects().stream()
                .filter(pr -> visible == null || visible.contains(pr.id()))
                .map(pr -> new Option(pr.id(), pr.id() + " — " + pr.name(), pr.id().equals(form.project()))).toList();
        return new ExplorerView(form, items, people, organisations, projects, levels(world), p.role() != Role.ENGINEER,
                result, error, errorField);
    }

    static List<String> levels(World world) {
        List<String> out = new ArrayList<>();
        for (String scheme : world.rules().security().schemes().stream().sorted().toList()) {
            for (String level : world.rules().security().levels(scheme)) {
                out.add(scheme + ":" + level);
            }
        }
        return out;
    }

    private void decision(Context ctx, Sessions.Session s) {
        Principal p = s.principal();
        StoredDecision d = decider.find(p, ctx.pathParam("id")).orElse(null);
        if (d == null) {
            notFound(ctx, s, "There is no decision with this id.");
            return;
        }
        DecisionView found = Decisions.view(Decisions.parse(d.response()), Decisions.parse(d.request()), worlds.current().world(),
                d.actor(), d.createdAt());
        DecisionView view = decider.caseOf(d.id()).map(c -> found.withCase("C-" + c.id(), c.state()
                + (c.open() ? "" : " (" + c.resolution() + (c.reference() == null ? "" : ": " + c.reference()) + ")"))).orElse(found);
        render(ctx, "decision.jte", page(s, "Decision " + d.id(), ""), "view", view);
    }

    // ---- catalogue and items --------------------------------------------------------------------------------------------

    private void catalogue(Context ctx, Sessions.Session s) {
        Principal p = s.principal();
        World world = worlds.current().world();
        Set<String> visible = Access.visibleProjects(p, world, worlds.clock().today());
        String area = param(ctx, "area");
        String project = param(ctx, "project");
        String classification = param(ctx, "classification");
        String control = param(ctx, "control");
        int offset = 0;
        try {
            offset = Math.max(0, Integer.parseInt(ctx.queryParam("offset") == null ? "0" : ctx.queryParam("offset")));
        } catch (NumberFormatException e) {
            offset = 0;
        }
        Query q = new Query(area, project, classification == null ? null : classification.toUpperCase(Locale.ROOT), control, null,
                visible, offset, PAGE_SIZE);
        Page<Doc> pageOfDocs = worlds.documents(Kind.ITEM, q);
        List<ItemRow> rows = new ArrayList<>();
        for (Doc d : pageOfDocs.items()) {
            Item it = world.item(d.id());
            if (it != null) {
                rows.add(new ItemRow(it.id(), it.title(), it.classification().toString(), Fmt.banner(world, it), Fmt.control(it.control()),
                        Fmt.or(it.project()), Fmt.or(Fmt.area(world, it))));
            }
        }
        List<Option> areas = world.partnership().areas().stream().map(a -> new Option(a.id(), a.name(), a.id().equals(area))).toList();
        List<Option> projects = world.partnership().projects().stream().filter(pr -> visible == null || visible.contains(pr.id()))
                .map(pr -> new Option(pr.id(), pr.id() + " — " + pr.name(), pr.id().equals(project))).toList();
        List<Option> classifications = levels(world).stream().map(l -> new Option(l, l, l.equalsIgnoreCase(classification))).toList();
        String base = "/catalogue?" + query(area, project, classification, control);
        String previous = offset > 0 ? base + "offset=" + Math.max(0, offset - PAGE_SIZE) : null;
        String next = offset + PAGE_SIZE < pageOfDocs.total() ? base + "offset=" + (offset + PAGE_SIZE) : null;
        int from = pageOfDocs.total() == 0 ? 0 : offset + 1;
        int to = offset + pageOfDocs.items().size();
        render(ctx, "catalogue.jte", page(s, "Catalogue", "catalogue"), "view", new CatalogueView(rows, pageOfDocs.total(), from, to,
                areas, projects, classifications, control == null ? "" : control, previous, next,
                area != null || project != null || classification != null || control != null));
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank() || v.length() > 200) {
            return null;
        }
        return v.strip();
    }

    private static String query(String... areaProjectClassificationControl) {
        String[] names = {"area", "project", "classification", "control"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (areaProjectClassificationControl[i] != null) {
                b.append(names[i]).append('=').append(enc(areaProjectClassificationControl[i])).append('&');
            }
        }
        return b.toString();
    }

    private void item(Context ctx, Sessions.Session s) {
        World world = worlds.current().world();
        Item it = world.item(ctx.pathParam("id"));
        if (it == null || !Access.sees(s.principal(), world, it.project(), worlds.clock().today())) {
            notFound(ctx, s, "There is no item with this id in the catalogue.");
            return;
        }
        List<DecisionRow> decisions = new ArrayList<>();
        // the item's release history, as the decision search shows it to this user (an engineer: what they may see)
        var found = decider.search(s.principal(), new DecisionService.Search(null, it.id(), null, null, null, null, null, null, null, null, null, ITEM_DECISIONS));
        for (var d : found.decisions()) {
            decisions.add(new DecisionRow(d.id(), Fmt.instant(d.createdAt()), d.actor(), d.asOf().toString(), d.outcome(),
                    d.recipient() == null ? "(described in the request)" : d.recipient(), Fmt.or(d.organisation()), d.worldVersion()));
        }
        var project = it.project() == null ? null : world.project(it.project());
        String areaId = Fmt.area(world, it);
        String areaName = areaId == null ? null : world.partnership().areas().stream().filter(a -> a.id().equals(areaId))
                .map(a -> a.name()).findFirst().orElse(areaId);
        ItemView view = new ItemView(it.id(), it.title(), it.originator().code(), it.classification().toString(), Fmt.banner(world, it),
                it.releasability().restricted() ? it.releasability().marking() : "none (no REL TO or NOFORN marking)",
                Fmt.control(it.control()), it.technologies().stream().sorted().toList(), areaId, areaName, it.project(),
                project == null ? null : project.name(), Fmt.usd(it.valueUsd()), decisions);
        render(ctx, "item.jte", page(s, it.id(), "catalogue"), "view", view);
    }

    // ---- impact analysis ----------------------------------------------------------------------------------------------

    /** The longest scenario accepted from the form. */
    static final int MAX_SCENARIO_TEXT = 100_000;

    /**
     * {@code GET /impact} shows the built-in Korea scenario, or the built-in scenarios named by {@code builtIn};
     * {@code POST /impact} evaluates the chosen built-in scenarios and the one written in the form. {@code format=html}
     * or {@code csv} downloads the report instead of showing it.
     */
    private void impact(Context ctx, Sessions.Session s) {
        try {
            Access.runImpact(s.principal());
        } catch (Refusal e) {
            forbidden(ctx, s, "Impact analysis covers the whole catalogue: it is not open to engineers.");
            return;
        }
        boolean post = ctx.method() == HandlerType.POST;
        List<String> chosen = post ? ctx.formParams("builtIn") : ctx.queryParams("builtIn");
        String text = post && ctx.formParam("scenario") != null ? ctx.formParam("scenario") : "";
        String format = post ? ctx.formParam("format") : ctx.queryParam("format");
        if (!post && chosen.isEmpty()) {
            chosen = List.of(ScenarioReader.BUILT_IN.getFirst());
        }
        List<Option> builtIns = new ArrayList<>();
        for (String name : ScenarioReader.BUILT_IN) {
            builtIns.add(new Option(name, name + " — " + ScenarioReader.builtIn(name).title(), chosen.contains(name)));
        }
        String error = null;
        List<ImpactResult> results = new ArrayList<>();
        try {
            List<Scenario> scenarios = new ArrayList<>();
            for (String name : chosen) {
                if (!ScenarioReader.BUILT_IN.contains(name)) {
                    throw new BadInputException("", "builtIn", "no built-in scenario '" + name + "': use one of " + ScenarioReader.BUILT_IN);
                }
                scenarios.add(ScenarioReader.builtIn(name));
            }
            if (text.length() > MAX_SCENARIO_TEXT) {
                throw new BadInputException("your scenario", "", "is longer than " + MAX_SCENARIO_TEXT + " characters");
            }
            if (!text.isBlank()) {
                scenarios.add(ScenarioReader.read("your scenario", text.getBytes(StandardCharsets.UTF_8), false));
            }
            if (scenarios.isEmpty() || scenarios.size() > 5) {
                throw new BadInputException("", "", "choose 1 to 5 scenarios (built-in ones, yours or both)");
            }
            WorldService.Snapshot snap = worlds.current();
            for (Scenario sc : scenarios) {
                try {
                    results.add(worlds.impact(snap).run(sc, worlds.clock().today()));
                } catch (InvalidValueException e) {
                    String where = ScenarioReader.BUILT_IN.contains(sc.id()) && chosen.contains(sc.id()) ? "built-in scenario " + sc.id() : "your scenario";
                    throw new BadInputException(where, e.field(), e.problem());
                }
            }
        } catch (BadInputException e) {
            error = e.getMessage();
        }
        if (error == null && ("html".equals(format) || "csv".equals(format))) {
            ImpactDownloads.send(ctx, results, format, 0, Query.MAX_LIMIT);
            return;
        }
        if (error != null) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        String report = error == null ? ImpactHtml.fragment(results, 0, PAGE_SIZE) : null;
        render(ctx, "impact.jte", page(s, "Impact analysis", "impact"), "view", new ImpactView(builtIns, text, error, report));
    }

    /**
     * {@code GET /governance/proposals/{id}/impact}: what adopting the proposal would change, by the impact engine run on
     * the proposal itself ({@link ProposalImpact}); {@code format=html} or {@code csv} downloads the report.
     */
    private void proposalImpact(Context ctx, Sessions.Session s) {
        String id = ctx.pathParam("id");
        ProposalImpact.Report report;
        try {
            report = proposalImpact.of(s.principal(), id);
        } catch (Refusal r) {
            switch (r.kind()) {
                case FORBIDDEN -> forbidden(ctx, s, "Impact analysis covers the whole catalogue: it is not open to engineers.");
                case NOT_FOUND -> notFound(ctx, s, "There is no proposal with this id.");
                default -> {
                    ctx.status(HttpStatus.CONFLICT);
                    render(ctx, "proposal-impact.jte", page(s, "Impact of " + id, "governance"), "view",
                            new ProposalImpactView(id, "", "", "", "", null, null, null, null, r.getMessage(), null));
                }
            }
            return;
        }
        String format = ctx.queryParam("format");
        if (report.evaluated() && ("html".equals(format) || "csv".equals(format))) {
            ImpactDownloads.send(ctx, List.of(report.result()), format, 0, Query.MAX_LIMIT);
            return;
        }
        var p = report.proposal();
        Map<String, dev.pillar.core.model.Stage> stages = new HashMap<>();
        worlds.current().world().partnership().stages().forEach(st -> stages.put(st.id(), st));
        String status = governance.governance().entry(id).status(governance.now()).name();
        var sc = report.scenario();
        render(ctx, "proposal-impact.jte", page(s, "Impact of " + id, "governance"), "view", new ProposalImpactView(id, status,
                p.candidate().code(), p.action().label(), Dashboard.change(p, stages), sc == null ? null : sc.title(),
                sc == null ? null : report.result().asOf().toString(),
                sc == null ? null : report.result().recipients().stream().map(Person::id).collect(java.util.stream.Collectors.joining(", ")),
                report.notEvaluated(), null, report.evaluated() ? ImpactHtml.fragment(List.of(report.result()), 0, PAGE_SIZE) : null));
    }

    // ---- organisations, people, licences ------------------------------------------------------------------------------

    private void organisations(Context ctx, Sessions.Session s) {
        World world = worlds.current().world();
        List<OrganisationRow> rows = new ArrayList<>();
        for (Organisation o : world.organisations()) {
            List<String> projects = new ArrayList<>();
            if (o.projects() != null) {
                o.projects().forEach(r -> projects.add(r.project() + Fmt.interval(r.interval())));
            }
            rows.add(new OrganisationRow(o.id(), o.name(), o.country().code(), o.kind().name().toLowerCase(Locale.ROOT),
                    Fmt.registration(o.ddtc()), Fmt.registration(o.authorizedUser()), projects, o.fictional()));
        }
        render(ctx, "organisations.jte", page(s, "Organisations", "organisations"), "rows", rows);
    }

    private void people(Context ctx, Sessions.Session s) {
        if (s.principal().role() == Role.ENGINEER) {
            forbidden(ctx, s, "Engineers do not see the list of people.");
            return;
        }
        World world = worlds.current().world();
        LocalDate today = worlds.clock().today();
        List<PersonRow> rows = new ArrayList<>();
        for (Person p : world.people()) {
            rows.add(new PersonRow(p.id(), p.name(), Fmt.countries(p.citizenships())
                    + (p.formerCitizenships().isEmpty() ? "" : " (formerly " + Fmt.countries(p.formerCitizenships()) + ")"), Fmt.countries(p.residencies()), p.location().code(),
                    p.organisation().id(), p.clearance() == null ? "" : p.clearance().level().toString(),
                    p.clearance() == null ? "" : p.clearance().interval().toString() + (p.clearance().inForce(today) ? "" : " (not valid today)"),
                    p.fictional()));
        }
        render(ctx, "people.jte", page(s, "People", "people"), "rows", rows);
    }

    // ---- labels ----------------------------------------------------------------------------------------------------------

    /** An example for the form: a STANAG 4774 label under the world's first national SPIF (REL TO its nation and two more). */
    static String exampleLabel(World world) {
        var policies = world.rules().policies();
        if (policies.isEmpty()) {
            return "";
        }
        var np = policies.getFirst();
        var cls = np.policy().classifications().get(Math.min(2, np.policy().classifications().size() - 1));
        StringBuilder cats = new StringBuilder();
        if (np.decidesReleasability()) {
            cats.append("    <Category TagName=\"").append(np.releasableTo()).append("\" Type=\"PERMISSIVE\">");
            for (String c : List.of(np.scheme(), "AUS", "GBR")) {
                cats.append("<GenericValue>").append(c).append("</GenericValue>");
            }
            cats.append("</Category>\n");
        }
        return "<originatorConfidentialityLabel xmlns=\"" + dev.pillar.codec.label.LabelXml.NATO_NS + "\">\n  <ConfidentialityInformation>\n"
                + "    <PolicyIdentifier URI=\"urn:oid:" + np.policy().id() + "\">" + np.policy().name() + "</PolicyIdentifier>\n"
                + "    <Classification>" + cls.name() + "</Classification>\n" + cats + "  </ConfidentialityInformation>\n"
                + "</originatorConfidentialityLabel>\n";
    }

    private static List<PolicyRow> policyRows(World world) {
        List<PolicyRow> out = new ArrayList<>();
        for (var np : world.rules().policies()) {
            out.add(new PolicyRow(np.scheme(), np.policy().name(), np.policy().id(),
                    np.policy().classifications().stream().map(c -> c.name()).toList(), np.illustrative()));
        }
        return out;
    }

    private void labels(Context ctx, Sessions.Session s) {
        World world = worlds.current().world();
        render(ctx, "labels.jte", page(s, "Labels", "labels"), "view",
                new LabelsView(exampleLabel(world), "", worlds.clock().today().toString(), policyRows(world), null, null));
    }

    private void checkLabel(Context ctx, Sessions.Session s) {
        World world = worlds.current().world();
        String xml = ctx.formParam("label") == null ? "" : ctx.formParam("label");
        String lang = ctx.formParam("lang") == null ? "" : ctx.formParam("lang").strip();
        String asOf = ctx.formParam("asOf") == null || ctx.formParam("asOf").isBlank() ? worlds.clock().today().toString() : ctx.formParam("asOf").strip();
        LabelResult result = null;
        String error = null;
        try {
            LocalDate day;
            try {
                day = LocalDate.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new BadInputException("", "date", "'" + asOf + "' is not a date: use YYYY-MM-DD");
            }
            var registry = new PolicyRegistry(world.rules().policies().stream().map(p -> p.policy()).toList());
            var label = LabelXml.readLabel(xml.getBytes(StandardCharsets.UTF_8), "label", registry);
            var validity = label.policy().validate(label);
            boolean showReaders = s.principal().role() != Role.ENGINEER;
            List<ReaderRow> readers = new ArrayList<>();
            if (showReaders) {
                for (var r : LabelReaders.readers(world, label, day)) {
                    readers.add(new ReaderRow(r.person().id(), r.person().name(), r.granted(), r.reasons()));
                }
            }
            result = new LabelResult(label.policy() + "", label.policy().marking(label, lang), validity.valid(), validity.problems(),
                    LabelXml.write(label, LabelXml.Syntax.STANAG_4774), showReaders, readers,
                    readers.stream().filter(ReaderRow::granted).count());
        } catch (BadInputException e) {
            error = e.getMessage();
        } catch (InvalidValueException e) {
            error = e.problem();
        }
        if (error != null) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        render(ctx, "labels.jte", page(s, "Labels", "labels"), "view", new LabelsView(xml, lang, asOf, policyRows(world), result, error));
    }
}
