package dev.pillar.http.console;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.app.port.StoredDecision;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over plain HTTP: sessions and cookies, CSRF, redirects, access by role, the explorer without JavaScript. */
class ConsoleHttpTest {
    @TempDir
    static Path data;
    static ConsoleServer app;

    @BeforeAll
    static void start() {
        app = new ConsoleServer(data);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A browser stand-in: keeps cookies by hand (Secure cookies included, as browsers do on localhost), never follows redirects. */
    static final class Browser {
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        final Map<String, String> cookies = new LinkedHashMap<>();
        final Map<String, String> setCookieHeaders = new LinkedHashMap<>();
        final String base;

        /** A browser of this class's server. */
        Browser() {
            this(app.base);
        }

        /** A browser of the server at {@code base}. */
        Browser(String base) {
            this.base = base;
        }

        HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
            return send(request(path, headers).GET().build());
        }

        HttpResponse<String> post(String path, Map<String, String> form, String... headers) throws IOException, InterruptedException {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        private HttpRequest.Builder request(String path, String... headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
            if (!cookies.isEmpty()) {
                b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
            }
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return b;
        }

        private HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
            HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
            for (String h : res.headers().allValues("Set-Cookie")) {
                String pair = h.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                setCookieHeaders.put(name, h);
                if (value.isEmpty() || h.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return res;
        }

        /** Signs in through the form; returns the CSRF token of the new session (from the dashboard). */
        String signIn(String user) throws IOException, InterruptedException {
            HttpResponse<String> login = get("/login");
            HttpResponse<String> res = post("/login", Map.of("csrf", csrf(login.body()), "username", user, "password", ConsoleServer.PASSWORD, "next", "/"));
            assertThat(res.statusCode()).as(user + ": " + res.body()).isEqualTo(303);
            assertThat(res.headers().firstValue("Location")).contains("/");
            return csrf(get("/").body());
        }
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_.-]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF field in the page").isTrue();
        return m.group(1);
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void pagesRedirectToSignInWithoutASession() throws Exception {
        Browser b = new Browser();
        for (String path : List.of("/", "/explorer", "/catalogue", "/items/A-UNDERSEA-001", "/organisations", "/people", "/licences",
                "/governance", "/governance/proposals/P-1", "/candidates/KOR", "/impact")) {
            HttpResponse<String> r = b.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(r.headers().firstValue("Location").orElseThrow()).as(path).startsWith("/login");
        }
        assertThat(b.get("/catalogue?project=MAS-1").headers().firstValue("Location")).contains("/login?next=%2Fcatalogue%3Fproject%3DMAS-1");
        HttpResponse<String> htmx = b.post("/explorer", form("csrf", "x"), "HX-Request", "true");
        assertThat(htmx.headers().firstValue("HX-Redirect")).contains("/login");
    }

    @Test
    void signInSetsAHardenedSessionCookieAndRotatesIt() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> login = b.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(login.headers().firstValue("Cache-Control")).contains("no-store");
        String planted = "A".repeat(43); // a session id chosen by someone else (fixation) is never adopted
        b.cookies.put(Console.SESSION_COOKIE, planted);
        b.signIn(ConsoleServer.OFFICER);
        String cookie = b.setCookieHeaders.get(Console.SESSION_COOKIE);
        assertThat(cookie).contains("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Strict").contains("Path=/");
        assertThat(b.cookies.get(Console.SESSION_COOKIE)).hasSize(43).isNotEqualTo(planted);
        assertThat(b.setCookieHeaders.get(Console.LOGIN_COOKIE)).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(b.get("/login").statusCode()).as("signed in: /login goes to the dashboard").isEqualTo(303);
        HttpResponse<String> dash = b.get("/");
        assertThat(dash.statusCode()).isEqualTo(200);
        assertThat(dash.body()).contains("Signed in as <strong>officer</strong>").contains("compliance officer");
    }

    @Test
    void wrongPasswordShowsAnErrorAndEchoesTheUsernameEscaped() throws Exception {
        Browser b = new Browser();
        String token = csrf(b.get("/login").body());
        HttpResponse<String> r = b.post("/login", form("csrf", token, "username", "<script>alert(1)</script>", "password", "nope"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Unknown user or wrong password").contains("&lt;script")
                .doesNotContain("<script>alert(1)");
        assertThat(b.cookies).doesNotContainKey(Console.SESSION_COOKIE);
    }

    @Test
    void signInWithoutItsFormTokenIsRefused() throws Exception {
        Browser b = new Browser();
        b.get("/login");
        HttpResponse<String> r = b.post("/login", form("username", ConsoleServer.OFFICER, "password", ConsoleServer.PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(b.cookies).doesNotContainKey(Console.SESSION_COOKIE);
        // a cookie and form field planted together (login CSRF from a site that can set this site's cookies)
        String planted = Sessions.token();
        b.cookies.put(Console.LOGIN_COOKIE, planted);
        HttpResponse<String> forged = b.post("/login", form("csrf", planted, "username", ConsoleServer.OFFICER, "password", ConsoleServer.PASSWORD));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(b.cookies).doesNotContainKey(Console.SESSION_COOKIE);
        // a genuine token of this server, fetched by the attacker and planted with its cookie, posted from their page
        Browser attacker = new Browser();
        String genuine = csrf(attacker.get("/login").body());
        Map<String, String> signIn = form("csrf", genuine, "username", ConsoleServer.OFFICER, "password", ConsoleServer.PASSWORD);
        b.cookies.put(Console.LOGIN_COOKIE, genuine);
        for (String[] from : new String[][] {{"Origin", "https://attacker.example"}, {"Sec-Fetch-Site", "same-site"}, {"Sec-Fetch-Site", "cross-site"},
                {"Origin", "null"}}) {
            b.cookies.put(Console.LOGIN_COOKIE, genuine);
            assertThat(b.post("/login", signIn, from).statusCode()).as(String.join(": ", from)).isEqualTo(403);
        }
        assertThat(b.cookies).doesNotContainKey(Console.SESSION_COOKIE);
        // the same form sent from this site's own page signs in
        b.cookies.put(Console.LOGIN_COOKIE, genuine); // each refused form set a new one
        // (as Chromium sends it: Origin is "null" under the page's Referrer-Policy: no-referrer)
        assertThat(b.post("/login", signIn, "Origin", "null", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(303);
    }

    @Test
    void postWithoutCsrfTokenIsRefused() throws Exception {
        Browser b = new Browser();
        String token = b.signIn(ConsoleServer.OFFICER);
        Map<String, String> ask = form("item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer", "asOf", "2024-10-01");
        HttpResponse<String> none = b.post("/explorer", ask);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("CSRF").doesNotContain("PERMIT");
        Map<String, String> wrong = new LinkedHashMap<>(ask);
        wrong.put("csrf", token.substring(1) + "A");
        assertThat(b.post("/explorer", wrong).statusCode()).isEqualTo(403);
        assertThat(b.post("/logout", form()).statusCode()).isEqualTo(403);
        // another session's token is no good either
        Browser other = new Browser();
        String otherToken = other.signIn(ConsoleServer.OFFICER);
        Map<String, String> foreign = new LinkedHashMap<>(ask);
        foreign.put("csrf", otherToken);
        assertThat(b.post("/explorer", foreign).statusCode()).isEqualTo(403);
        // and with the right one it decides
        Map<String, String> right = new LinkedHashMap<>(ask);
        right.put("csrf", token);
        HttpResponse<String> ok = b.post("/explorer", right);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("<html").contains("id=\"outcome\">PERMIT<").contains("22 CFR 126.7");
    }

    @Test
    void explorerWorksWithoutJavaScriptAndStoresTheDecision() throws Exception {
        Browser b = new Browser();
        String token = b.signIn(ConsoleServer.OFFICER);
        HttpResponse<String> r = b.post("/explorer", form("csrf", token, "item", "A-UNDERSEA-001", "recipient", "p-kor-engineer", "asOf", "2024-10-01"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"outcome\">DENY<").contains("admit KOR to project UNDERSEA-1").contains("scope.not-participant");
        Matcher m = Pattern.compile("id=\"decision-id\">([0-9a-f-]+)<").matcher(r.body());
        assertThat(m.find()).isTrue();
        String id = m.group(1);
        StoredDecision stored = app.server.store().decision(id).orElseThrow();
        assertThat(stored.actor()).isEqualTo(ConsoleServer.OFFICER);
        assertThat(stored.outcome()).isEqualTo("DENY");
        assertThat(stored.itemId()).isEqualTo("A-UNDERSEA-001");
        assertThat(stored.organisation()).isEqualTo("KR-HANBIT-DEFENCE");
        assertThat(stored.request()).contains("\"recipient\":\"p-kor-engineer\"");
        assertThat(app.server.store().decisionsForItem("A-UNDERSEA-001", 100)).extracting(StoredDecision::id).contains(id);
        assertThat(b.get("/items/A-UNDERSEA-001").body()).contains("/decisions/" + id);
        HttpResponse<String> page = b.get("/decisions/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("admit KOR to project UNDERSEA-1");
        // htmx asks for the result only
        HttpResponse<String> partial = b.post("/explorer", form("csrf", token, "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer",
                "asOf", "2024-10-01"), "HX-Request", "true");
        assertThat(partial.body()).doesNotContain("<html").contains("id=\"outcome\">PERMIT<");
    }

    @Test
    void explorerDecidesLabelsFilledByHand() throws Exception {
        Browser b = new Browser();
        String token = b.signIn(ConsoleServer.OFFICER);
        HttpResponse<String> r = b.post("/explorer", form("csrf", token, "originator", "usa", "classification", "USA:SECRET",
                "releasableTo", "USA, AUS, GBR", "control", "ITAR:XI(d)", "technologies", "sonar", "project", "UNDERSEA-1",
                "citizenships", "GBR", "location", "GBR", "organisation", "GB-BRITANNIA-SONAR", "clearance", "GBR:SECRET", "asOf", "2024-10-01"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"outcome\">PERMIT<").contains("described by hand");
        HttpResponse<String> bad = b.post("/explorer", form("csrf", token, "originator", "USA", "classification", "SECRET",
                "control", "ITAR:XI(d)", "recipient", "p-gbr-engineer", "asOf", "2024-10-01"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"decision-error\"").contains("Classification:").contains("SCHEME:LEVEL")
                .containsPattern("id=\"classification\"[^>]*aria-invalid=\"true\"");
        HttpResponse<String> missing = b.post("/explorer", form("csrf", token, "recipient", "p-gbr-engineer", "asOf", "2024-10-01"));
        assertThat(missing.body()).contains("Originator: is required when describing by hand");
        // the same recipient, who once held Chinese citizenship: for the ITAR a release goes there too (22 CFR 120.50(b))
        HttpResponse<String> former = b.post("/explorer", form("csrf", token, "originator", "usa", "classification", "USA:SECRET",
                "releasableTo", "USA, AUS, GBR", "control", "ITAR:XI(d)", "technologies", "sonar", "project", "UNDERSEA-1",
                "citizenships", "GBR", "formerCitizenships", "chn", "location", "GBR", "organisation", "GB-BRITANNIA-SONAR", "clearance", "GBR:SECRET",
                "asOf", "2024-10-01"));
        assertThat(former.statusCode()).isEqualTo(200);
        // a classified item to a GBR national at a UK Authorized User: the AUKUS paragraph of 126.18 asks for the screening first
        assertThat(former.body()).contains("id=\"outcome\">REVIEW<").contains("holding or having held CHN nationality");
    }

    @Test
    void theImpactPageShowsTheKoreaReportAndEvaluatesAScenarioWrittenByHand() throws Exception {
        Browser b = new Browser();
        String token = b.signIn(ConsoleServer.OFFICER);
        HttpResponse<String> page = b.get("/impact");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Impact analysis</h1>", "href=\"/assets/impact.css\"", "aria-current=\"page\">Impact</a>",
                "Korea joins the quantum and AI projects from 2025-01-01", "<svg", "MAS-NAV-004", "not legal advice")
                .doesNotContain("<script>", "style=\"");
        assertThat(b.get("/assets/impact.css").headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(b.get("/impact?builtIn=korea&builtIn=korea-with-sharing").body()).contains("Scenarios side by side");

        String mine = "id: japan\ntitle: \"Japan joins UNDERSEA-1 <b>now</b>\"\nasOf: 2025-01-01\nrecipients: {citizenships: [JPN]}\n"
                + "changes:\n  - {type: admit, country: JPN, projects: [UNDERSEA-1], from: 2025-01-01}\n";
        HttpResponse<String> own = b.post("/impact", form("csrf", token, "scenario", mine, "format", "page"));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("Japan joins UNDERSEA-1 &lt;b&gt;now&lt;/b&gt;", "+japan").doesNotContain("<b>now</b>");

        HttpResponse<String> typo = b.post("/impact", form("csrf", token, "scenario", mine.replace("UNDERSEA-1]", "UNDERSEA-9]"), "format", "page"));
        assertThat(typo.statusCode()).isEqualTo(422);
        assertThat(typo.body()).contains("your scenario: changes[0].projects[0]: unknown project 'UNDERSEA-9': use one of", "aria-invalid=\"true\"");

        HttpResponse<String> html = b.post("/impact", form("csrf", token, "builtIn", "korea", "format", "html"));
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"impact-korea.html\"");
        assertThat(html.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'");
        assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("<script");
        HttpResponse<String> csv = b.post("/impact", form("csrf", token, "builtIn", "korea", "format", "csv"));
        assertThat(csv.body()).startsWith("scenario,item,title,").contains("korea,Q-PNT-005,");

        assertThat(b.post("/impact", form("csrf", "wrong", "builtIn", "korea")).statusCode()).isEqualTo(403);
    }

    @Test
    void theRuleDataPageShowsTheDiffOfACandidateBeforeItIsPutInForce() throws Exception {
        Browser b = new Browser();
        String token = b.signIn(ConsoleServer.OFFICER);
        HttpResponse<String> page = b.get("/rules");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Rule data</h1>", "aria-current=\"page\">Rule data</a>", "v1", "in force").doesNotContain("Decisions that change");
        assertThat(b.get("/rules?from=1&to=1").body()).contains("v1 → v1: 0 decisions change", "The two versions hold the same entries.");

        // the candidate: the built-in rule data with the anti-tamper ETL entry ending on 2025-06-30
        String rules = dev.pillar.codec.world.WorldDocuments.builtInFile("rules").toString();
        String candidate = rules.replace("\"technologies\":[\"anti-tamper\"],", "\"technologies\":[\"anti-tamper\"],\"until\":\"2025-06-30\",");
        assertThat(candidate).isNotEqualTo(rules);
        HttpResponse<String> diff = b.post("/rules", form("csrf", token, "from", "1", "to", "1", "candidate", candidate, "days", "2025-07-01"));
        assertThat(diff.statusCode()).as(diff.body()).isEqualTo(200);
        assertThat(diff.body()).contains("v1 → candidate", "itar.excludedTechnology", "ETL-ILL-1", "A-UNDERSEA-002", "p-gbr-engineer",
                "export-control:itar.licence-required [22 CFR 126.7(b)(3)]", "PERMIT [22 CFR 126.7]");

        HttpResponse<String> bad = b.post("/rules", form("csrf", token, "from", "9", "to", "1", "candidate", "", "days", ""));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("<strong>from</strong>", "no rule data version 9", "aria-invalid=\"true\"");
        HttpResponse<String> broken = b.post("/rules", form("csrf", token, "from", "1", "to", "1", "candidate", "catalog: [", "days", ""));
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("<strong>candidate</strong>", "not valid YAML or JSON");
        assertThat(b.post("/rules", form("csrf", token, "days", "2025-13-40")).body()).contains("<strong>days</strong>");
        assertThat(b.post("/rules", form("csrf", "wrong")).statusCode()).isEqualTo(403);

        Browser engineer = new Browser();
        engineer.signIn(ConsoleServer.ENGINEER);
        assertThat(engineer.get("/").body()).doesNotContain("href=\"/rules\"");
        assertThat(engineer.get("/rules").statusCode()).isEqualTo(403);
    }

    @Test
    void engineersHaveNoImpactPage() throws Exception {
        Browser b = new Browser();
        String token = b.signIn(ConsoleServer.ENGINEER);
        assertThat(b.get("/").body()).doesNotContain("href=\"/impact\"");
        HttpResponse<String> r = b.get("/impact");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("not open to engineers").doesNotContain("MAS-NAV-004");
        assertThat(b.post("/impact", form("csrf", token, "builtIn", "korea", "format", "csv")).statusCode()).isEqualTo(403);
    }

    @Test
    void engineerSeesOnlyTheirOrganisationsProjectsAndNoPeople() throws Exception {
        Browser b = new Browser();
        String token = b.signIn(ConsoleServer.ENGINEER);
        HttpResponse<String> dash = b.get("/");
        assertThat(dash.body()).contains("engineer at GB-BRITANNIA-SONAR").doesNotContain("href=\"/people\"");
        assertThat(b.get("/people").statusCode()).isEqualTo(403);
        String catalogue = b.get("/catalogue").body();
        assertThat(catalogue).contains("A-UNDERSEA-001").contains("MAS-AI-010").doesNotContain("SSN-REACTOR-009").doesNotContain("Q-PNT-005");
        assertThat(b.get("/items/SSN-REACTOR-009").statusCode()).isEqualTo(404);
        assertThat(b.get("/items/A-UNDERSEA-001").statusCode()).isEqualTo(200);
        HttpResponse<String> hidden = b.post("/explorer", form("csrf", token, "item", "SSN-REACTOR-009", "recipient", "p-gbr-engineer"));
        assertThat(hidden.body()).contains("unknown item 'SSN-REACTOR-009'").doesNotContain("id=\"outcome\"");
        String explorer = b.get("/explorer").body();
        assertThat(explorer).contains("p-gbr-engineer").doesNotContain("p-kor-engineer").doesNotContain("SSN-REACTOR-009");
    }

    @Test
    void catalogueFiltersAndItemPageShowsTheMarking() throws Exception {
        Browser b = new Browser();
        b.signIn(ConsoleServer.OFFICER);
        String all = b.get("/catalogue").body();
        assertThat(all).contains("Items 1–10 of 10");
        String mas = b.get("/catalogue?project=MAS-1").body();
        assertThat(mas).contains("MAS-AI-010").contains("MAS-NAV-004").doesNotContain("A-UNDERSEA-001");
        assertThat(b.get("/catalogue?area=undersea").body()).contains("A-UNDERSEA-001").contains("GB-AUV-007").doesNotContain("MAS-AI-010");
        assertThat(b.get("/catalogue?classification=usa:secret&control=ITAR:XI").body()).contains("A-UNDERSEA-001").contains("MAS-AI-010")
                .doesNotContain("SSN-REACTOR-009").doesNotContain("Q-PNT-005");
        String item = b.get("/items/A-UNDERSEA-001").body();
        assertThat(item).contains("SECRET//REL TO USA, AUS, GBR").contains("ITAR:XI(d)").contains("UNDERSEA-1");
        assertThat(b.get("/items/NO-SUCH").statusCode()).isEqualTo(404);
        assertThat(b.get("/organisations").body()).contains("GB-BRITANNIA-SONAR").contains("UK-AU-0001");
        assertThat(b.get("/people").body()).contains("p-kor-engineer").contains("KOR:GRADE II");
        assertThat(b.get("/licences").body()).contains("TA-2025-0001").contains("no retransfer");
    }

    @Test
    void theLabelsPageShowsAPastedLabelsMarkingAndWhoMayReadIt() throws Exception {
        Browser b = new Browser();
        String token = b.signIn(ConsoleServer.OFFICER);
        String page = b.get("/labels").body();
        assertThat(page).contains("href=\"/labels\"", "USA (illustrative)", "PROTECTED", "originatorConfidentialityLabel");
        String label = Console.exampleLabel(dev.pillar.codec.world.WorldLoader.load("aukus"));
        HttpResponse<String> r = b.post("/labels", form("csrf", token, "label", label, "lang", "", "asOf", "2025-06-01"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"label-marking\" aria-label=\"Marking\">SECRET//REL TO USA, AUS, GBR</p>")
                .contains("id=\"readers-summary\">5 of 12 people")
                .containsPattern("id=\"reader-p-gbr-engineer\">\\s*<th[^>]*><code>p-gbr-engineer</code>.*?</th>\\s*<td><span class=\"outcome o-PERMIT\">yes")
                .contains("as a JPN citizen: the clearance holds none of the label's permissive categories of tag 'Releasable To'");
        HttpResponse<String> bad = b.post("/labels", form("csrf", token, "label", "<label xmlns='http://surevine.com/xmlns/spiffy'><policy id='1.1'/></label>"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"label-error\"", "Unknown policy id: 1.1");
        HttpResponse<String> noCsrf = b.post("/labels", form("label", label));
        assertThat(noCsrf.statusCode()).isEqualTo(403);
    }

    @Test
    void anEngineerSeesALabelsMarkingButNotWhoMayReadIt() throws Exception {
        Browser b = new Browser();
        String token = b.signIn(ConsoleServer.ENGINEER);
        String label = Console.exampleLabel(dev.pillar.codec.world.WorldLoader.load("aukus"));
        String body = b.post("/labels", form("csrf", token, "label", label)).body();
        assertThat(body).contains("SECRET//REL TO USA, AUS, GBR", "id=\"readers-hidden\"").doesNotContain("p-gbr-engineer");
    }

    @Test
    void signOutEndsTheSession() throws Exception {
        Browser b = new Browser();
        String token = b.signIn(ConsoleServer.OFFICER);
        String session = b.cookies.get(Console.SESSION_COOKIE);
        HttpResponse<String> out = b.post("/logout", form("csrf", token));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).contains("/login?signedOut");
        assertThat(b.cookies).doesNotContainKey(Console.SESSION_COOKIE);
        b.cookies.put(Console.SESSION_COOKIE, session); // replaying the old cookie does not help
        assertThat(b.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void signInGoesBackOnlyToAPathOfThisSite() throws Exception {
        Browser b = new Browser();
        String token = csrf(b.get("/login?next=%2Fcatalogue").body());
        HttpResponse<String> r = b.post("/login", form("csrf", token, "username", ConsoleServer.OFFICER, "password", ConsoleServer.PASSWORD,
                "next", "//evil.example/x"));
        assertThat(r.headers().firstValue("Location")).contains("/");
        assertThat(Console.safeNext("/catalogue?project=MAS-1")).isEqualTo("/catalogue?project=MAS-1");
        assertThat(Console.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(Console.safeNext("/\\evil.example")).isEqualTo("/");
    }

    @Test
    void assetsAreServedFromThisSite() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> js = b.get("/assets/htmx.min.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(js.body()).contains("htmx");
        HttpResponse<String> css = b.get("/assets/pillar.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
    }

    @Test
    void formFieldsNameTheFormInput() {
        assertThat(Console.formField("item.releasableTo[1]")).isEqualTo("releasableTo");
        assertThat(Console.formField("recipient.organisation")).isEqualTo("organisation");
        assertThat(Console.formField("recipient.clearance.level")).isEqualTo("clearance");
        assertThat(Console.formField("asOf")).isEqualTo("asOf");
        assertThat(Console.formField("")).isEmpty();
    }

    // ---- governance ------------------------------------------------------------------------------------------------

    @Test
    void governanceFromProposalToPastedVoteToTimeline() throws Exception {
        var store = app.server.store();
        var hash = dev.pillar.crypto.Passwords.hash(ConsoleServer.PASSWORD.toCharArray());
        store.createUser(new dev.pillar.app.port.StoredUser("sec-gov", hash, "SECRETARIAT", null, null, false, 0, null));
        store.createUser(new dev.pillar.app.port.StoredUser("delegate-gbr-gov", hash, "DELEGATE", "GBR", null, false, 0, null));
        Map<String, dev.pillar.crypto.Ed25519Keys.SigningKey> keys = app.registerMemberKeys("sec-gov");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String effective = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(4).toString();
        String deadline = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).toString();

        Browser sec = new Browser();
        String csrf = sec.signIn("sec-gov");
        HttpResponse<String> page = sec.get("/governance");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("New proposal", "id=\"verification\"", "Verified:");
        HttpResponse<String> missing = sec.post("/governance/proposals", form("csrf", csrf, "candidate", "KOR", "action", "admit", "projects", "MAS-1",
                "effective", effective, "deadline", deadline));
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(missing.body()).contains("sources", "cite at least one source");
        HttpResponse<String> pillarOne = sec.post("/governance/proposals", form("csrf", csrf, "candidate", "KOR", "action", "admit", "projects", "SSN-1",
                "effective", effective, "deadline", deadline, "sourceTitle", "minutes (fictional)", "sourceDate", today));
        assertThat(pillarOne.statusCode()).isEqualTo(422);
        assertThat(pillarOne.body()).contains("SSN-1 is a Pillar I project").contains("aria-invalid=\"true\"");
        HttpResponse<String> made = sec.post("/governance/proposals", form("csrf", csrf, "candidate", "KOR", "action", "admit", "projects", "MAS-1",
                "effective", effective, "deadline", deadline, "sourceTitle", "Core members' minutes (fictional)", "sourceCitation", "Korea in MAS",
                "sourceDate", today, "note", "<b>first</b>"));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
        String path = made.headers().firstValue("Location").orElseThrow();
        String id = path.substring("/governance/proposals/".length(), path.indexOf('?'));
        HttpResponse<String> shown = sec.get(path);
        assertThat(shown.body()).contains("Proposal recorded", "OPEN", "Korea in MAS", "&lt;b&gt;first&lt;/b&gt;").doesNotContain("Vote for");

        Browser gbr = new Browser();
        String gcsrf = gbr.signIn("delegate-gbr-gov");
        HttpResponse<String> form = gbr.get("/governance/proposals/" + id);
        var entry = app.server.governance().governance().entry(id);
        assertThat(form.body()).contains("Vote for GBR", "--sign-only --digest " + entry.digest(), "\"member\":\"GBR\"",
                "\"proposalDigest\":\"" + entry.digest() + "\"");
        HttpResponse<String> garbage = gbr.post("/governance/proposals/" + id + "/votes", form("csrf", gcsrf, "jws", "not-a-jws"));
        assertThat(garbage.statusCode()).isEqualTo(422);
        assertThat(garbage.body()).contains("jws:", "three");
        java.util.function.BiFunction<String, String, String> sign = (member, keyOf) -> dev.pillar.codec.governance.GovernanceCodec.sign(new dev.pillar.core.governance.Vote(
                id, entry.digest(), dev.pillar.core.model.Country.of(member), dev.pillar.core.governance.Choice.APPROVE, null,
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), keys.get(keyOf));
        HttpResponse<String> others = gbr.post("/governance/proposals/" + id + "/votes", form("csrf", gcsrf, "jws", sign.apply("USA", "USA")));
        assertThat(others.statusCode()).isEqualTo(422);
        assertThat(others.body()).contains("delegate of GBR");
        assertThat(gbr.post("/governance/proposals/" + id + "/votes", form("jws", sign.apply("GBR", "GBR"))).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> voted = gbr.post("/governance/proposals/" + id + "/votes", form("csrf", gcsrf, "jws", sign.apply("GBR", "GBR")));
        assertThat(voted.statusCode()).isEqualTo(303);
        assertThat(gbr.get(voted.headers().firstValue("Location").orElseThrow()).body()).contains("Vote recorded", "id=\"vote-GBR\"").doesNotContain("Vote for GBR");

        for (String m : List.of("AUS", "USA")) {
            app.server.governance().vote(id, sign.apply(m, m), dev.pillar.core.model.Country.of(m), "delegate-" + m);
        }
        assertThat(sec.get("/governance/proposals/" + id).body()).contains("ADOPTED", "adopted at");
        HttpResponse<String> bundle = sec.get("/governance/proposals/" + id + "/bundle.json");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Disposition").orElseThrow()).contains(id + "-bundle.json");
        assertThat(dev.pillar.codec.world.WorldDocuments.mapper().readTree(bundle.body()).get("votes")).hasSize(3);

        HttpResponse<String> timeline = sec.get("/candidates/KOR");
        assertThat(timeline.statusCode()).isEqualTo(200);
        assertThat(timeline.body()).contains("KOR: timeline", "2024-04-10", "considering additional partners including the ROK",
                "act <a href=\"/governance/proposals/" + id + "\">" + id + "</a>", "governance act " + id);
        assertThat(sec.get("/candidates/ZZZ").statusCode()).isEqualTo(404);
        assertThat(sec.get("/governance/proposals/P-999").statusCode()).isEqualTo(404);

        Browser engineer = new Browser();
        String ecsrf = engineer.signIn(ConsoleServer.ENGINEER);
        assertThat(engineer.get("/governance").body()).contains(id).doesNotContain("New proposal");
        assertThat(engineer.post("/governance/proposals", form("csrf", ecsrf, "candidate", "CAN", "action", "consensus")).statusCode()).isEqualTo(403);
    }

    // ---- the audit log pages ---------------------------------------------------------------------------------------

    static HttpResponse<String> api(String method, String path, String token, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.base + path)).header("Authorization", "Bearer " + token);
        b = body == null ? b.GET() : b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void auditPagesBrowseEntriesProveADecisionAndShowCosignatures() throws Exception {
        Browser b = new Browser();
        String token = b.signIn(ConsoleServer.OFFICER);
        HttpResponse<String> decided = b.post("/explorer", form("csrf", token, "item", "A-UNDERSEA-001", "recipient", "p-gbr-engineer", "asOf", "2024-10-01"));
        Matcher m = Pattern.compile("id=\"decision-id\">([0-9a-f-]+)<").matcher(decided.body());
        assertThat(m.find()).isTrue();
        String id = m.group(1);

        HttpResponse<String> entries = b.get("/audit");
        assertThat(entries.statusCode()).isEqualTo(200);
        assertThat(entries.body()).contains("<a href=\"/audit\" aria-current=\"page\">Audit log</a>");
        long size = Long.parseLong(between(entries.body(), "id=\"log-size\">", "<"));
        // newest first: the first row is the last entry
        assertThat(entries.body().indexOf("id=\"entry-" + (size - 1) + "\"")).isPositive().isLessThan(entries.body().indexOf("id=\"entry-" + (size - 2) + "\""));
        assertThat(entries.body()).contains("Older");
        HttpResponse<String> oldest = b.get("/audit?before=3");
        assertThat(oldest.body()).contains("id=\"entry-2\"", "id=\"entry-0\"").doesNotContain("id=\"entry-3\"").contains("Newer");

        HttpResponse<String> proof = b.get("/audit/lookup?decision=" + id);
        assertThat(proof.statusCode()).isEqualTo(200);
        assertThat(proof.body()).contains(id, "id=\"checkpoint-note\"", "id=\"audit-path\"");
        assertThat(between(proof.body(), "id=\"signature-check\">", "</li>")).contains("verified").doesNotContain("NOT");
        assertThat(between(proof.body(), "id=\"proof-check\">", "</li>")).contains("verified").doesNotContain("NOT");
        long index = Long.parseLong(between(proof.body(), "id=\"entry-index\">", "<"));
        assertThat(entries.body()).contains("id=\"entry-" + index + "\"").contains(id);
        assertThat(b.get("/audit/lookup?entry=" + index).body()).contains(id);

        HttpResponse<String> unknown = b.get("/audit/lookup?decision=no-such-decision");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No entry of the log records decision 'no-such-decision'").contains("aria-invalid=\"true\"");
        assertThat(b.get("/audit/lookup?entry=abc").statusCode()).isEqualTo(400);
        assertThat(b.get("/audit/lookup?entry=" + (size + 1000)).statusCode()).isEqualTo(400);

        // the three core members register witness keys (each signed with the member's enrolled key) and cosign the latest checkpoint
        String sec = app.apiToken("sec-audit", dev.pillar.app.port.Role.SECRETARIAT);
        Map<String, dev.pillar.crypto.Ed25519Keys.SigningKey> memberKeys = app.registerMemberKeys("sec-audit");
        Map<String, dev.pillar.app.audit.NoteKey> keys = new LinkedHashMap<>();
        for (String member : List.of("AUS", "GBR", "USA")) {
            dev.pillar.app.audit.NoteKey k = dev.pillar.app.audit.NoteKey.generate(member.toLowerCase() + ".example/console-witness");
            keys.put(member, k);
            String jws = dev.pillar.codec.governance.GovernanceCodec.sign(new dev.pillar.core.governance.Statement.WitnessKey(
                    dev.pillar.core.model.Country.of(member), k.verifierText()), memberKeys.get(member));
            HttpResponse<String> reg = api("POST", "/api/v1/audit/witnesses", sec, "application/json",
                    "{\"member\":\"" + member + "\",\"key\":\"" + k.verifierText() + "\",\"jws\":\"" + jws + "\"}");
            assertThat(reg.statusCode()).as(reg.body()).isEqualTo(201);
        }
        dev.pillar.app.audit.SignedNote cp = dev.pillar.app.audit.SignedNote.parse(api("GET", "/api/v1/audit/checkpoint", sec, null, null).body());
        long cpSize = dev.pillar.app.audit.Checkpoint.parse(cp.text()).size();
        HttpResponse<String> before = b.get("/audit/checkpoints");
        assertThat(between(before.body(), "id=\"checkpoint-" + cpSize + "\"", "</tr>")).contains("no witness yet", "missing: AUS, GBR, USA")
                .doesNotContain("Cosigned by all core members");
        for (dev.pillar.app.audit.NoteKey k : keys.values()) {
            HttpResponse<String> c = api("POST", "/api/v1/audit/cosignatures", sec, "text/plain", cp.cosign(k).render());
            assertThat(c.statusCode()).as(c.body()).isEqualTo(200);
        }
        HttpResponse<String> after = b.get("/audit/checkpoints");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("id=\"witnesses\"", keys.get("GBR").verifierText());
        String row = between(after.body(), "id=\"checkpoint-" + cpSize + "\"", "</tr>");
        assertThat(row).contains("Cosigned by all core members", "AUS (aus.example/console-witness)", "GBR (gbr.example/console-witness)",
                "USA (usa.example/console-witness)").doesNotContain("missing");

        // engineers see neither the pages nor the link
        Browser engineer = new Browser();
        engineer.signIn(ConsoleServer.ENGINEER);
        assertThat(engineer.get("/").body()).doesNotContain("href=\"/audit\"");
        for (String path : List.of("/audit", "/audit/lookup?decision=" + id, "/audit/checkpoints")) {
            HttpResponse<String> r = engineer.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).doesNotContain(id).contains("not shown to engineers");
        }
        assertThat(new Browser().get("/audit/checkpoints").statusCode()).as("no session").isEqualTo(303);
    }

    static String between(String s, String start, String end) {
        int a = s.indexOf(start);
        assertThat(a).as("'" + start + "' in the page").isNotNegative();
        int e = s.indexOf(end, a + start.length());
        return s.substring(a + start.length(), e);
    }
}
