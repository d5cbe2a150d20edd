package dev.pillar.http.console;

import static dev.pillar.http.console.ConsoleHttpTest.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.app.port.Role;
import dev.pillar.http.console.ConsoleHttpTest.Browser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console shows the partnership's story (issue 14, part 4), over plain HTTP on a server of its own: the country ×
 * project matrix and the open proposals on the dashboard, candidates' timelines with their future steps, each
 * proposal's impact, and the governance forms' errors.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleStoryTest {
    @TempDir
    static Path data;
    static ConsoleServer app;
    static final String SECRETARIAT = "sec-story";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final String EFFECTIVE = TODAY.plusDays(4).toString();
    static final String DEADLINE = TODAY.plusDays(2).toString();

    @BeforeAll
    static void start() {
        app = new ConsoleServer(data);
        app.user(SECRETARIAT, Role.SECRETARIAT, null, null);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The cell of the dashboard's matrix for {@code country} and {@code project}: its class and its text (tags removed). */
    static String[] cell(String html, String country, String project) {
        Matcher m = Pattern.compile("<td id=\"cell-" + country + "-" + project + "\" class=\"([^\"]*)\">(.*?)</td>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("cell " + country + " × " + project).isTrue();
        return new String[] {m.group(1), m.group(2).replaceAll("<br>", " | ").replaceAll("<[^>]+>", "").strip()};
    }

    /** A browser signed in as {@code user}. */
    static Browser signedIn(String user) throws Exception {
        Browser b = new Browser(app.base);
        b.signIn(user);
        return b;
    }

    /**
     * Proposes {@code action} for {@code candidate} (in {@code projects}, comma-separated, or none) through the console's
     * form as the secretariat, effective {@link #EFFECTIVE} with the deadline {@link #DEADLINE}; returns the proposal's id.
     */
    static String propose(String candidate, String action, String projects) throws Exception {
        Browser sec = new Browser(app.base);
        String csrf = sec.signIn(SECRETARIAT);
        HttpResponse<String> made = sec.post("/governance/proposals", form("csrf", csrf, "candidate", candidate, "action", action,
                "projects", projects, "effective", EFFECTIVE, "deadline", DEADLINE, "sourceTitle", "Core members' minutes (fictional)",
                "sourceDate", TODAY.toString()));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
        return made.headers().firstValue("Location").orElseThrow().replaceAll(".*/proposals/([^?]+).*", "$1");
    }

    @Test
    @Order(1)
    void theDashboardShowsEveryCountryInEveryProject() throws Exception {
        Browser b = signedIn(ConsoleServer.OFFICER);
        String html = b.get("/").body();
        assertThat(html).contains("id=\"matrix\"", "No proposal is open for votes.");
        // the core members first, then every candidate
        assertThat(html.indexOf("id=\"matrix-AUS\"")).isLessThan(html.indexOf("id=\"matrix-GBR\""));
        assertThat(html.indexOf("id=\"matrix-USA\"")).isLessThan(html.indexOf("id=\"matrix-JPN\""));
        assertThat(html.indexOf("id=\"matrix-JPN\"")).isLessThan(html.indexOf("id=\"matrix-KOR\""));
        assertThat(html).contains("id=\"matrix-CAN\"", "id=\"matrix-NZL\"");
        // projects grouped: Pillar I first, then the areas
        assertThat(html.indexOf("Pillar I (core members only)</th>")).isLessThan(html.indexOf("Undersea capabilities</th>"));
        assertThat(cell(html, "AUS", "SSN-1")).containsExactly("cell member", "member");
        assertThat(cell(html, "USA", "MAS-1")).containsExactly("cell member", "member");
        assertThat(cell(html, "JPN", "MAS-1")).containsExactly("cell partner", "partner from 2024-09-17");
        assertThat(cell(html, "JPN", "UNDERSEA-1")).containsExactly("cell none", "not involved");
        assertThat(cell(html, "KOR", "MAS-1")).containsExactly("cell candidate", "candidate at formal-discussions");
        assertThat(cell(html, "KOR", "SSN-1")).as("Pillar I stays with the core members").containsExactly("cell none", "not involved");
        assertThat(cell(html, "NZL", "QUANTUM-2")).containsExactly("cell candidate", "candidate at formal-discussions");
        assertThat(html).contains("candidate at Formal discussions");
    }

    @Test
    @Order(2)
    void anOpenProposalSaysWhatItWouldChange() throws Exception {
        assertThat(propose("KOR", "admit", "MAS-1, UNDERSEA-2")).isEqualTo("P-1");
        String html = signedIn(SECRETARIAT).get("/").body();
        assertThat(html).doesNotContain("No proposal is open").contains("id=\"open-P-1\"");
        Matcher open = Pattern.compile("<li id=\"open-P-1\">(.*?)</li>", Pattern.DOTALL).matcher(html);
        assertThat(open.find()).isTrue();
        assertThat(open.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " "))
                .contains("P-1 OPEN KOR: partner in MAS-1, UNDERSEA-2 from " + EFFECTIVE + " (admit, timeline of KOR)", "votes 0 of 3");
        assertThat(cell(html, "KOR", "MAS-1")).containsExactly("cell candidate proposed", "candidate at formal-discussions | P-1: partner from " + EFFECTIVE);
        assertThat(cell(html, "KOR", "UNDERSEA-2")).containsExactly("cell candidate proposed", "candidate at formal-discussions | P-1: partner from " + EFFECTIVE);
        assertThat(cell(html, "KOR", "UNDERSEA-1")).containsExactly("cell candidate", "candidate at formal-discussions");
        assertThat(cell(html, "CAN", "MAS-1")).containsExactly("cell candidate", "candidate at formal-discussions");
    }

    /** The steps of a timeline in the page: each {@code <li>}'s class and text (tags removed, spaces collapsed). */
    static java.util.List<String> steps(String html) {
        Matcher m = Pattern.compile("<li class=\"step ([a-z]+)\" data-stage=\"[^\"]*\">(.*?)</li>", Pattern.DOTALL).matcher(html);
        java.util.List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) + ": " + m.group(2).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip());
        }
        return out;
    }

    /** Adopts proposal {@code id}: every core member approves it with its registered key. */
    static void adopt(String id, java.util.Map<String, dev.pillar.crypto.Ed25519Keys.SigningKey> keys) {
        var entry = app.server.governance().governance().entry(id);
        for (String m : java.util.List.of("AUS", "GBR", "USA")) {
            String jws = dev.pillar.codec.governance.GovernanceCodec.sign(new dev.pillar.core.governance.Vote(id, entry.digest(),
                    dev.pillar.core.model.Country.of(m), dev.pillar.core.governance.Choice.APPROVE, null,
                    java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), keys.get(m));
            app.server.governance().vote(id, jws, dev.pillar.core.model.Country.of(m), "delegate-" + m);
        }
        assertThat(app.server.governance().governance().entry(id).outcome()).as("adopted").isNotNull();
    }

    @Test
    @Order(3)
    void aTimelineMarksTheCurrentStepAndDrawsTheStepsAheadAsFuture() throws Exception {
        Browser b = signedIn(ConsoleServer.OFFICER);
        String can = b.get("/candidates/CAN").body();
        assertThat(steps(can)).hasSize(3);
        assertThat(steps(can).get(0)).startsWith("past: 2024-04-10 Considered considered");
        assertThat(steps(can).get(1)).startsWith("current: 2024-09-17 Formal discussions formal-discussions current");
        assertThat(steps(can).get(2)).startsWith("planned: future step Partner in named projects partner planned: not yet decided")
                .doesNotContain("2024");
        // one timeline style: the dashboard's cards draw the same steps with the same markup
        String dashboard = b.get("/").body();
        String card = dashboard.substring(dashboard.indexOf("id=\"candidate-CAN\""), dashboard.indexOf("id=\"candidate-NZL\""));
        assertThat(steps(card)).isEqualTo(steps(can));
        // JPN is a partner: nothing lies ahead
        assertThat(steps(b.get("/candidates/JPN").body())).last().asString().startsWith("current: 2024-09-17 Partner in named projects partner in MAS-1");
        String css = b.get("/assets/pillar.css").body();
        assertThat(css).contains("ol.timeline li.scheduled, ol.timeline li.planned { border-left-style: dashed;")
                .doesNotContain(".timeline .step {");

        // an admission adopted today that takes effect later is a scheduled step, made by its act
        var keys = app.registerMemberKeys(SECRETARIAT);
        String id = propose("NZL", "admit", "QUANTUM-1");
        adopt(id, keys);
        var nzl = steps(b.get("/candidates/NZL").body());
        assertThat(nzl).hasSize(3);
        assertThat(nzl.get(1)).startsWith("current: 2024-09-17 Formal discussions");
        assertThat(nzl.get(2)).startsWith("scheduled: " + EFFECTIVE + " Partner in named projects partner in QUANTUM-1 scheduled: takes effect "
                + EFFECTIVE + " act " + id);
        assertThat(cell(b.get("/").body(), "NZL", "QUANTUM-1")).containsExactly("cell candidate", "candidate at formal-discussions; partner from " + EFFECTIVE);
    }

    @Test
    @Order(4)
    void eachProposalLinksToWhatAdoptingItWouldChange() throws Exception {
        Browser b = signedIn(ConsoleServer.OFFICER);
        assertThat(b.get("/governance/proposals/P-1").body()).contains("<a href=\"/governance/proposals/P-1/impact\">What would adopting this change?</a>");
        assertThat(b.get("/").body()).contains("href=\"/governance/proposals/P-1/impact\">what adopting it would change</a>");
        HttpResponse<String> page = b.get("/governance/proposals/P-1/impact");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("What would adopting P-1 change?", "KOR: partner in MAS-1, UNDERSEA-2 from " + EFFECTIVE,
                "Adopting P-1: KOR partner in MAS-1, UNDERSEA-2 from " + EFFECTIVE, "href=\"/assets/impact.css\"", "id=\"impact-report\"")
                .contains("<time datetime=\"" + EFFECTIVE + "\">")
                .contains("p-kor-engineer").doesNotContain("id=\"not-evaluated\"");
        // the changed pairs: the Korean engineer's MAS-1 and UNDERSEA-2 items, no longer denied on project scope
        HttpResponse<String> csv = b.get("/governance/proposals/P-1/impact?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("impact-proposal-P-1.csv");
        java.util.List<String> engineer = csv.body().lines().filter(l -> l.contains(",p-kor-engineer,")).toList();
        assertThat(engineer).isNotEmpty().allSatisfy(l -> assertThat(l).containsAnyOf(",MAS-1,", ",UNDERSEA-2,").contains(",DENY,", "scope.not-participant"));
        assertThat(engineer).anySatisfy(l -> assertThat(l).contains(",MAS-1,"));
        // nothing is recorded: the proposal is still open and the dashboard unchanged
        assertThat(app.server.governance().governance().entry("P-1").votes()).isEmpty();
        assertThat(cell(b.get("/").body(), "KOR", "MAS-1")[1]).startsWith("candidate at formal-discussions");

        // a withdrawal is not evaluated (the impact model has no change that ends a participation), and the page says so
        String id = propose("CAN", "withdraw", "");
        assertThat(b.get("/governance/proposals/" + id + "/impact").body()).contains("id=\"not-evaluated\"", "Impact is computed for admissions only")
                .doesNotContain("id=\"impact-report\"");
        assertThat(b.get("/governance/proposals/P-999/impact").statusCode()).isEqualTo(404);

        Browser engineerBrowser = signedIn(ConsoleServer.ENGINEER);
        assertThat(engineerBrowser.get("/governance/proposals/P-1").body()).doesNotContain("/governance/proposals/P-1/impact");
        assertThat(engineerBrowser.get("/governance/proposals/P-1/impact").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void theProposalFormShowsEveryProblemOfASubmissionAtOnce() throws Exception {
        Browser sec = new Browser(app.base);
        String csrf = sec.signIn(SECRETARIAT);
        int before = app.server.governance().governance().entries().size();
        HttpResponse<String> bad = sec.post("/governance/proposals", form("csrf", csrf, "candidate", "JPN", "action", "admit",
                "projects", "SSN-1, NOPE-1, MAS-1, MAS-1", "effective", "2025-13-01", "deadline", "next week", "sourceCitation", "minutes"));
        assertThat(bad.statusCode()).isEqualTo(422);
        String html = bad.body();
        Matcher list = Pattern.compile("<ul id=\"form-errors\">(.*?)</ul>", Pattern.DOTALL).matcher(html);
        assertThat(list.find()).isTrue();
        java.util.List<String> errors = Pattern.compile("<li>(.*?)</li>", Pattern.DOTALL).matcher(list.group(1)).results()
                .map(r -> r.group(1).replaceAll("<[^>]+>", "").replace("&#39;", "'").replaceAll("\\s+", " ").strip()).toList();
        assertThat(errors).containsExactly(
                "Projects projects[0]: SSN-1 is a Pillar I project: Pillar I stays with the core members, name Pillar II projects only",
                "Projects projects[1]: unknown project 'NOPE-1': use one of [UNDERSEA-1, UNDERSEA-2, QUANTUM-1, QUANTUM-2, MAS-1, AI-2, CYBER-1, "
                        + "CYBER-2, HYPER-1, HYPER-2, EW-1, EW-2, INNOV-1, INNOV-2, INFO-1, INFO-2]",
                "Projects projects[3]: 'MAS-1' is named twice: name each project once",
                "Effective from effective: '2025-13-01' is not a date: give the day the act takes effect, after the day of the voting deadline as YYYY-MM-DD",
                "Voting deadline deadline: 'next week' is not a time: use a UTC time such as 2025-02-28T12:00:00Z, or a day YYYY-MM-DD",
                "Source: statement or minutes sources[0].title: is required: cite at least one source, the statement or minutes the proposal rests on",
                "Source: date sources[0].date: is required: the date of the statement or minutes, YYYY-MM-DD");
        assertThat(html).contains("7 problems to fix");
        for (String field : java.util.List.of("projects", "effective", "deadline", "sourceTitle", "sourceDate")) {
            assertThat(html).as(field).containsPattern("id=\"f-" + field + "\"[^>]*aria-invalid=\"true\" aria-describedby=\"error-" + field + "\"")
                    .contains("<span class=\"field-error\" id=\"error-" + field + "\">");
        }
        assertThat(html).doesNotContainPattern("id=\"f-candidate\"[^>]*aria-invalid").doesNotContainPattern("id=\"f-sourceCitation\"[^>]*aria-invalid");
        // what was typed stays in the form
        assertThat(html).contains("value=\"SSN-1, NOPE-1, MAS-1, MAS-1\"", "value=\"next week\"", "value=\"minutes\"");

        // the effective day against the deadline, and the core's own checks once the fields are right
        HttpResponse<String> early = sec.post("/governance/proposals", form("csrf", csrf, "candidate", "JPN", "action", "consensus",
                "effective", DEADLINE, "deadline", DEADLINE, "sourceTitle", "minutes (fictional)", "sourceDate", TODAY.toString()));
        assertThat(early.statusCode()).isEqualTo(422);
        assertThat(early.body()).contains("one problem to fix", "Effective from", "must be after the day of the voting deadline (" + DEADLINE
                + ", UTC), was " + DEADLINE + ": choose " + LocalDate.parse(DEADLINE).plusDays(1) + " or later");
        HttpResponse<String> twice = sec.post("/governance/proposals", form("csrf", csrf, "candidate", "KOR", "action", "consensus",
                "effective", EFFECTIVE, "deadline", DEADLINE, "sourceTitle", "minutes (fictional)", "sourceDate", TODAY.toString()));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("one problem to fix", "proposal P-1 for KOR is open until");
        assertThat(app.server.governance().governance().entries()).as("nothing recorded").hasSize(before);
        // styled like the console's other forms: fieldsets, labelled text fields
        assertThat(html).contains("<fieldset>", "<legend>Source</legend>", "<label for=\"f-effective\">", "type=\"text\"");
    }
}
