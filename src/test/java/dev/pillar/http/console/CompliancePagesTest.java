package dev.pillar.http.console;

import static dev.pillar.http.console.ConsoleHttpTest.csrf;
import static dev.pillar.http.console.ConsoleHttpTest.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.app.port.Role;
import dev.pillar.http.console.ConsoleHttpTest.Browser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compliance pages over plain HTTP (no JavaScript): the case queue and its filters, closing a case through its
 * forms with the refusals a second officer or the requester meet, licences as they run down, the decision search and
 * its CSV export, and accounts for admins.
 */
class CompliancePagesTest {
    @TempDir
    static Path data;
    static ConsoleServer app;

    @BeforeAll
    static void start() {
        app = new ConsoleServer(data);
        app.user("officer2", Role.COMPLIANCE_OFFICER, null, null);
        app.user("eng-jp", Role.ENGINEER, null, "JP-KAIYO-ROBOTICS");
        app.user("root", Role.ADMIN, null, null);
        // an unclassified ITAR XI(a) item of MAS-1 worth 600,000 USD: no licence on file covers it for Japan
        app.item("PAGES-XIA-001", "ITAR:XI(a)", "MAS-1", 600_000);
        // the same, for the tests that leave their case open
        app.item("PAGES-XIA-002", "ITAR:XI(a)", "MAS-1", 1_000);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Browser as(String user) throws Exception {
        Browser b = new Browser(app.base);
        b.signIn(user);
        return b;
    }

    static String ask(Browser b, String item, String recipient) throws Exception {
        String token = csrf(b.get("/explorer").body());
        HttpResponse<String> r = b.post("/explorer", form("csrf", token, "item", item, "recipient", recipient, "asOf", "2026-12-01"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    static String group(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as(regex + " in the page").isTrue();
        return m.group(1);
    }

    @Test
    void aLicenceRecordedThroughTheCaseFormAuthorisesTheRepeatedRequestAndRunsDown() throws Exception {
        Browser engineer = as("eng-jp");
        String held = ask(engineer, "PAGES-XIA-001", "p-jpn-engineer");
        assertThat(held).contains("id=\"outcome\">LICENSE REQUIRED<");
        String caseId = group(held, "id=\"case-link\">(C-\\d+)<");
        // the engineer sees their own case in the queue, with no forms
        assertThat(engineer.get("/cases").body()).contains("id=\"case-" + caseId + "\"");
        String asSeen = engineer.get("/cases/" + caseId).body();
        assertThat(asSeen).contains("Only a compliance officer closes a case").doesNotContain("id=\"licence-form\"");

        Browser officer = as(ConsoleServer.OFFICER);
        String queue = officer.get("/cases?outcome=LICENSE_REQUIRED&country=JPN").body();
        assertThat(queue).contains("id=\"case-" + caseId + "\"").contains("itar.licence-required");
        HttpResponse<String> badFilter = officer.get("/cases?outcome=MAYBE");
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.body()).contains("outcome").contains("is not the outcome of a case");
        String page = officer.get("/cases/" + caseId).body();
        assertThat(page).contains("id=\"licence-form\"").contains("id=\"reject-form\"");
        String token = csrf(page);
        String version = group(page, "name=\"version\" value=\"(\\d+)\"");
        Map<String, String> licence = new LinkedHashMap<>(form("csrf", token, "version", version, "action", "licence",
                "licence.number", "DSP5-PAGES-0001", "licence.type", "DSP-5", "licence.regime", "ITAR", "licence.parties", "JP-KAIYO-ROBOTICS",
                "licence.covers", "XI(a)", "licence.countries", "JPN", "licence.from", "2026-11-01", "licence.until", "2027-10-31",
                "licence.valueCapUsd", "1,000,000", "licence.provisos", "operator training only (fictional proviso)"));
        // a value that is not a number, and dates in the wrong order, are shown on their fields; the case stays open
        Map<String, String> notANumber = new LinkedHashMap<>(licence);
        notANumber.put("licence.valueCapUsd", "a lot");
        HttpResponse<String> bad = officer.post("/cases/" + caseId + "/resolution", notANumber);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"err-l-valueCapUsd\"").contains("is not a whole number of US dollars").contains("value=\"a lot\"");
        // a refusal on a field the form does not show (the note) is listed at the top, and the note typed is kept
        Map<String, String> longNote = new LinkedHashMap<>(licence);
        longNote.put("note", "n".repeat(2001));
        HttpResponse<String> tooLong = officer.post("/cases/" + caseId + "/resolution", longNote);
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("id=\"form-error\"").contains("<strong>note</strong>: is at most 2000 characters").contains("n".repeat(2001));
        Map<String, String> backwards = new LinkedHashMap<>(licence);
        backwards.put("licence.until", "2026-01-31");
        HttpResponse<String> wrongOrder = officer.post("/cases/" + caseId + "/resolution", backwards);
        assertThat(wrongOrder.statusCode()).isEqualTo(422);
        assertThat(wrongOrder.body()).contains("id=\"err-l-");
        assertThat(officer.get("/cases/" + caseId).body()).contains("id=\"case-state\">open<");

        HttpResponse<String> closed = officer.post("/cases/" + caseId + "/resolution", licence);
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(closed.body()).contains("The case is closed").contains("id=\"case-state\">resolved<")
                .contains("id=\"resolution-reference\">DSP-5 DSP5-PAGES-0001<").contains("now decided <span class=\"outcome PERMIT\">PERMIT</span>");
        // another officer's form, made from the same version, is refused and changes nothing
        Browser second = as("officer2");
        Map<String, String> reject = form("csrf", csrf(second.get("/cases/" + caseId).body()), "version", version, "action", "reject", "reason", "late");
        HttpResponse<String> late = second.post("/cases/" + caseId + "/resolution", reject);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(officer.get("/cases/" + caseId).body()).contains("id=\"resolution-kind\">licence<");

        // the engineer's repeated request is PERMIT under the licence and draws on it
        String permitted = ask(engineer, "PAGES-XIA-001", "p-jpn-engineer");
        assertThat(permitted).contains("id=\"outcome\">PERMIT<").contains("DSP-5 DSP5-PAGES-0001").doesNotContain("id=\"case-link\"");
        String licencePage = officer.get("/licences/DSP5-PAGES-0001").body();
        assertThat(licencePage).contains("<span class=\"used\">US$600,000</span> (60%)").contains("<span class=\"remaining\">US$400,000</span>")
                .contains("id=\"releases\"").contains(group(permitted, "id=\"decision-id\">([0-9a-f-]{36})<"));
        // the next one would exceed what is left: not authorised by the licence
        assertThat(ask(engineer, "PAGES-XIA-001", "p-jpn-engineer")).contains("id=\"outcome\">LICENSE REQUIRED<");
        // engineers see the licence's state but not its releases (a release names its recipient)
        assertThat(engineer.get("/licences/DSP5-PAGES-0001").body()).contains("US$600,000").doesNotContain("id=\"releases\"");

        // the decision search finds them by recipient and by licence; the CSV has one row per decision
        String byLicence = officer.get("/decisions?basis=" + java.net.URLEncoder.encode("DSP-5 DSP5-PAGES-0001", java.nio.charset.StandardCharsets.UTF_8)).body();
        assertThat(byLicence).contains(group(permitted, "id=\"decision-id\">([0-9a-f-]{36})<").substring(0, 13));
        String byRecipient = officer.get("/decisions?recipient=p-jpn-engineer&item=PAGES-XIA-001").body();
        assertThat(Pattern.compile("<tr id=\"d-").matcher(byRecipient).results().count()).isEqualTo(3);
        HttpResponse<String> csv = officer.get("/decisions?recipient=p-jpn-engineer&item=PAGES-XIA-001&format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("decisions.csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("decisionId,createdAt");
        HttpResponse<String> badDate = officer.get("/decisions?from=yesterday");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("'yesterday' is not a date: use YYYY-MM-DD");
        assertThat(officer.get("/decisions?to=%2B999999999-12-31").statusCode()).as("a year of more than four digits").isEqualTo(400);
        assertThat(officer.get("/cases?minAgeDays=3000000").statusCode()).isEqualTo(400);
    }

    @Test
    void aLicenceWhoseNumberHoldsASlashHasItsPage() throws Exception {
        app.server.services().worlds().create(dev.pillar.app.port.Kind.LICENCE, dev.pillar.codec.world.WorldDocuments.mapper().readTree("""
                {"number": "TAA/2026/7", "type": "TAA", "regime": "ITAR", "parties": ["JP-KAIYO-ROBOTICS"], "covers": ["XI(b)"],
                 "countries": ["JPN"], "from": "2026-01-01", "until": "2027-12-31"}"""), new dev.pillar.app.port.Principal("officer", Role.COMPLIANCE_OFFICER, null, null));
        Browser officer = as(ConsoleServer.OFFICER);
        assertThat(officer.get("/licences").body()).contains("href=\"/licences/TAA/2026/7\"");
        HttpResponse<String> page = officer.get("/licences/TAA/2026/7");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Licence <code>TAA/2026/7</code></h1>").contains("id=\"no-releases\"");
        assertThat(officer.get("/licences/NO-SUCH-1").statusCode()).isEqualTo(404);
    }

    @Test
    void theRequesterMayNotCloseTheirOwnCase() throws Exception {
        Browser officer = as(ConsoleServer.OFFICER);
        String held = ask(officer, "PAGES-XIA-002", "p-jpn-engineer");
        String caseId = group(held, "id=\"case-link\">(C-\\d+)<");
        String page = officer.get("/cases/" + caseId).body();
        assertThat(page).contains("separation of duties").doesNotContain("id=\"reject-form\"");
        // a hand-made form is refused the same way
        HttpResponse<String> forced = officer.post("/cases/" + caseId + "/resolution", form("csrf", csrf(page),
                "version", group(page, "data-version=\"(\\d+)\""), "action", "reject", "reason", "mine"));
        assertThat(forced.statusCode()).isEqualTo(403);
        assertThat(forced.body()).contains("separation of duties");
        assertThat(officer.get("/cases/" + caseId).body()).contains("id=\"case-state\">open<");
    }

    @Test
    void theDashboardCountsOpenCasesAndTheMetricsShowThemAsGauges() throws Exception {
        Browser officer = as("officer2");
        ask(officer, "PAGES-XIA-002", "p-jpn-engineer");
        long open = app.server.services().cases().openCounts().getOrDefault("LICENSE_REQUIRED", 0L);
        assertThat(open).isPositive();
        assertThat(officer.get("/").body()).contains("id=\"count-licence\"><strong>" + open + "</strong> open LICENSE_REQUIRED");
        assertThat(as(ConsoleServer.ENGINEER).get("/").body()).doesNotContain("id=\"count-licence\"").contains("id=\"count-alerts\"");
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.base + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("pillar_cases_open{outcome=\"LICENSE_REQUIRED\"} " + open + ".0");
        // the built-in TAA (value cap 5,000,000 USD, ended 2025-12-31) is shown expired with its alert
        assertThat(metrics).contains("pillar_licence_alert{kind=\"expired\",licence=\"TA-2025-0001\"} 1.0")
                .contains("pillar_licence_remaining_usd{licence=\"TA-2025-0001\"}");
        assertThat(officer.get("/licences").body()).contains("id=\"licence-alerts\"").contains("TA-2025-0001 expired on 2025-12-31");
    }

    @Test
    void anAdminCreatesChangesAndResetsAccountsAndOthersMayNot() throws Exception {
        assertThat(as(ConsoleServer.OFFICER).get("/users").statusCode()).isEqualTo(403);
        Browser admin = as("root");
        String list = admin.get("/users").body();
        assertThat(list).contains("id=\"user-officer\"");
        HttpResponse<String> bad = admin.post("/users", form("csrf", csrf(list), "username", "x", "role", "engineer", "organisation", "GB-BRITANNIA-SONAR"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("username").contains("2-64 lower-case letters");
        HttpResponse<String> made = admin.post("/users", form("csrf", csrf(list), "username", "eng-new", "role", "engineer", "organisation", "GB-BRITANNIA-SONAR"));
        assertThat(made.statusCode()).isEqualTo(200);
        String password = group(made.body(), "id=\"password\">([^<]+)<");
        HttpResponse<String> again = admin.post("/users", form("csrf", csrf(list), "username", "eng-new", "role", "engineer", "organisation", "GB-BRITANNIA-SONAR"));
        assertThat(again.statusCode()).as("the name is taken").isEqualTo(409);
        assertThat(again.body()).contains("id=\"new-user\"").contains("id=\"form-error\"");
        Browser newcomer = new Browser(app.base);
        String login = newcomer.get("/login").body();
        assertThat(newcomer.post("/login", form("csrf", csrf(login), "username", "eng-new", "password", password, "next", "/")).statusCode()).isEqualTo(303);
        assertThat(newcomer.get("/").statusCode()).isEqualTo(200);

        // disabling the account ends its session at once
        String page = admin.get("/users/eng-new").body();
        HttpResponse<String> disabled = admin.post("/users/eng-new", form("csrf", csrf(page), "version", group(page, "name=\"version\" value=\"(\\d+)\""),
                "role", "engineer", "organisation", "GB-BRITANNIA-SONAR", "country", "", "disabled", "on"));
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.body()).contains("Saved.").contains("badge off\">disabled");
        assertThat(newcomer.get("/").statusCode()).isEqualTo(303);
        // a form made from the version before is refused (412), nothing changes
        HttpResponse<String> stale = admin.post("/users/eng-new", form("csrf", csrf(page), "version", group(page, "name=\"version\" value=\"(\\d+)\""),
                "role", "admin", "organisation", "", "country", ""));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).as("the form again, saying why").contains("id=\"edit-user\"").contains("id=\"form-error\"");
        assertThat(app.server.store().user("eng-new").orElseThrow().role()).isEqualTo("ENGINEER");
        // the admin cannot disable themselves
        String self = admin.get("/users/root").body();
        HttpResponse<String> selfDisable = admin.post("/users/root", form("csrf", csrf(self), "version", group(self, "name=\"version\" value=\"(\\d+)\""),
                "role", "admin", "organisation", "", "country", "", "disabled", "on"));
        assertThat(selfDisable.statusCode()).isEqualTo(409);

        app.user("reset-me", Role.SECRETARIAT, null, null);
        HttpResponse<String> reset = admin.post("/users/reset-me/password-reset", form("csrf", csrf(self)));
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(group(reset.body(), "id=\"password\">([^<]+)<")).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void aUserChangesTheirOwnPasswordAndSignsInAgain() throws Exception {
        app.user("eng-pw", Role.ENGINEER, null, "GB-BRITANNIA-SONAR");
        Browser b = as("eng-pw");
        String page = b.get("/account").body();
        HttpResponse<String> mismatch = b.post("/account/password", form("csrf", csrf(page), "current", ConsoleServer.PASSWORD,
                "new", "a new long passphrase", "again", "another passphrase"));
        assertThat(mismatch.statusCode()).isEqualTo(422);
        HttpResponse<String> wrong = b.post("/account/password", form("csrf", csrf(page), "current", "not my password",
                "new", "a new long passphrase", "again", "a new long passphrase"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("is not your password");
        HttpResponse<String> changed = b.post("/account/password", form("csrf", csrf(page), "current", ConsoleServer.PASSWORD,
                "new", "a new long passphrase", "again", "a new long passphrase"));
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location")).contains("/login?passwordChanged");
        assertThat(b.get("/").statusCode()).as("this session ended").isEqualTo(303);
        String login = b.get("/login?passwordChanged").body();
        assertThat(login).contains("Your password was changed");
        assertThat(b.post("/login", form("csrf", csrf(login), "username", "eng-pw", "password", "a new long passphrase", "next", "/")).statusCode()).isEqualTo(303);
    }
}
