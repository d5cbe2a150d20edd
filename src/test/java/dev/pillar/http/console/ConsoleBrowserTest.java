package dev.pillar.http.console;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Debian's Chromium, headless, driven by Selenium through Debian's chromedriver (no downloads): sign-in,
 * the dashboard and the decision explorer (with htmx). Chromium must be installed ({@code apt-get install chromium
 * chromium-driver}, as .ci/run does); without it these tests fail rather than skip. Screenshots of every page are
 * written to {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final Path SCREENSHOTS = Chromium.SCREENSHOTS;

    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    static ConsoleServer app;
    static Chromium browser;
    static WebDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        app = new ConsoleServer(data);
        browser = new Chromium(app.base, profile);
        driver = browser.driver;
        wait = browser.wait;
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @BeforeEach
    void fresh() {
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    static void open(String path) {
        browser.open(path);
    }

    static WebElement el(String css) {
        return browser.el(css);
    }

    static void signIn(String user, String password) {
        browser.signIn(user, password);
    }

    /** Saves a screenshot of the whole page (the window is stretched to the page's height first). */
    static void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    @Test
    @Order(1)
    void wrongPasswordShowsAnError() throws IOException {
        open("/login");
        el("#username");
        screenshot("00-login");
        signIn(ConsoleServer.OFFICER, "not the password");
        assertThat(el("#login-error").getText()).contains("Unknown user or wrong password");
        assertThat(driver.getCurrentUrl()).contains("/login");
        assertThat(driver.manage().getCookieNamed(Console.SESSION_COOKIE)).isNull();
        screenshot("01-login-error");
    }

    @Test
    @Order(2)
    void rightPasswordLandsOnTheDashboard() throws IOException {
        signIn(ConsoleServer.OFFICER, ConsoleServer.PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("h1"), "Dashboard"));
        assertThat(driver.getCurrentUrl()).isEqualTo(app.base + "/");
        assertThat(el("#signed-in-as").getText()).contains("officer").contains("compliance officer");
        var cookie = driver.manage().getCookieNamed(Console.SESSION_COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
    }

    @Test
    @Order(3)
    void dashboardShowsCandidatesStagesAndProjectParticipants() throws IOException {
        signIn(ConsoleServer.OFFICER, ConsoleServer.PASSWORD);
        el("#core-members");
        assertThat(el("#core-members").getText()).contains("AUS").contains("GBR").contains("USA").contains("2021-09-15");
        WebElement kor = el("#candidate-KOR");
        assertThat(kor.findElement(By.cssSelector(".current-stage")).getText()).contains("Formal discussions").contains("formal-discussions");
        assertThat(kor.getText()).contains("2024-09-17").contains("consulting Canada, New Zealand and the Republic of Korea");
        WebElement jpn = el("#candidate-JPN");
        assertThat(jpn.findElement(By.cssSelector(".current-stage")).getText()).contains("partner");
        assertThat(jpn.findElement(By.cssSelector("li.current")).getText()).contains("MAS-1").contains("2024-09-17");
        WebElement mas1 = el("#project-MAS-1");
        assertThat(mas1.findElement(By.cssSelector("li[data-country='JPN']")).getText()).contains("JPN").contains("2024-09-17");
        assertThat(el("#area-ai-autonomy").getText()).contains("MAS-1");
        screenshot("02-dashboard");
    }

    @Test
    @Order(4)
    void explorerPermitsTheUkEngineerUnderTheAukusExemption() throws IOException {
        signIn(ConsoleServer.OFFICER, ConsoleServer.PASSWORD);
        open("/explorer");
        screenshot("03-explorer-empty");
        ask("A-UNDERSEA-001", "p-gbr-engineer", "2024-10-01");
        assertThat(el("#basis").getText()).contains("22 CFR 126.7");
        List<WebElement> reasons = driver.findElements(By.cssSelector("li.reason"));
        assertThat(reasons).as("one reason per layer, screening the fifth").hasSize(5);
        assertThat(el("#decision").getText()).contains("itar.aukus-exemption").contains("22 CFR 126.7 (89 FR 67270)")
                .contains("scope.participant").contains("screening.no-lists");
        assertThat(el("#obligations").getText()).contains("Authorized User");
        // the result was swapped in place by htmx: the marker set on this page before the request survives
        assertThat(((JavascriptExecutor) driver).executeScript("return window.pillarMarker")).isEqualTo("kept");
        assertThat(((JavascriptExecutor) driver).executeScript("return typeof htmx")).isEqualTo("object");
        // nothing on the page broke the Content-Security-Policy (no inline script or style); the probe shows the log is read
        ((JavascriptExecutor) driver).executeScript("console.error('pillar-probe');");
        List<String> log = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
        assertThat(log).anyMatch(m -> m.contains("pillar-probe"))
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
        screenshot("04-explorer-permit");
    }

    @Test
    @Order(5)
    void explorerDeniesTheKoreanEngineerAndSaysWhatWouldChangeIt() throws IOException {
        signIn(ConsoleServer.OFFICER, ConsoleServer.PASSWORD);
        open("/explorer");
        ask("A-UNDERSEA-001", "p-kor-engineer", "2024-10-01");
        assertThat(el("#outcome").getText()).contains("DENY");
        assertThat(el("#to-permit").getText()).contains("admit KOR to project UNDERSEA-1");
        assertThat(el("#decision").getText()).contains("scope.not-participant").contains("releasability.not-rel-to");
        screenshot("05-explorer-deny");
    }

    /** Picks an item, a person and a date, asks, and waits for htmx to put the outcome in place. */
    private static void ask(String item, String recipient, String asOf) {
        ((JavascriptExecutor) driver).executeScript("window.pillarMarker = 'kept';");
        new Select(el("#item")).selectByValue(item);
        new Select(el("#recipient")).selectByValue(recipient);
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", el("#asOf"), asOf);
        el("#decide").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#result #outcome")));
        wait.until(d -> d.findElement(By.id("decision-recipient")).getText().startsWith(recipient));
        assertThat(el("#decision").getText()).contains(asOf);
    }

    @Test
    @Order(6)
    void explorerDecidesLabelsFilledByHand() throws IOException {
        signIn(ConsoleServer.OFFICER, ConsoleServer.PASSWORD);
        open("/explorer");
        ((JavascriptExecutor) driver).executeScript("window.pillarMarker = 'kept';");
        el("#originator").sendKeys("USA");
        el("#classification").sendKeys("USA:SECRET");
        el("#releasableTo").sendKeys("USA, AUS, GBR");
        el("#control").sendKeys("ITAR:XI(d)");
        new Select(el("#project")).selectByValue("UNDERSEA-1");
        el("#citizenships").sendKeys("KOR");
        el("#location").sendKeys("KOR");
        new Select(el("#organisation")).selectByValue("KR-HANBIT-DEFENCE");
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '2024-10-01';", el("#asOf"));
        el("#decide").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#result #outcome")));
        assertThat(el("#outcome").getText()).contains("DENY");
        assertThat(el("#decision-item").getText()).contains("described by hand");
        assertThat(el("#to-permit").getText()).contains("admit KOR to project UNDERSEA-1");
        screenshot("06-explorer-by-hand");
    }

    @Test
    @Order(7)
    void everyPageRenders() throws IOException {
        signIn(ConsoleServer.OFFICER, ConsoleServer.PASSWORD);
        open("/catalogue");
        assertThat(el("#items").getText()).contains("A-UNDERSEA-001").contains("SECRET//REL TO USA, AUS, GBR");
        screenshot("07-catalogue");
        el("#f-project");
        new Select(el("#f-project")).selectByValue("MAS-1");
        el("#filter").click();
        wait.until(ExpectedConditions.urlContains("project=MAS-1"));
        assertThat(el("#items").getText()).contains("MAS-AI-010").doesNotContain("A-UNDERSEA-001");
        screenshot("08-catalogue-filtered");
        open("/items/A-UNDERSEA-001");
        assertThat(el("#marking").getText()).isEqualTo("SECRET//REL TO USA, AUS, GBR");
        assertThat(el("#item-decisions").getText()).contains("PERMIT").contains("DENY");
        screenshot("09-item");
        driver.findElement(By.cssSelector("#item-decisions a")).click();
        el("#decision");
        screenshot("10-decision");
        open("/organisations");
        assertThat(el("#organisations").getText()).contains("GB-BRITANNIA-SONAR");
        screenshot("11-organisations");
        open("/people");
        assertThat(el("#people").getText()).contains("p-kor-engineer");
        screenshot("12-people");
        open("/licences");
        assertThat(el("#licence-TA-2025-0001").getText()).contains("TAA");
        screenshot("13-licences");
        open("/impact");
        assertThat(el("#impact-report").getText()).contains("Korea joins the quantum and AI projects from 2025-01-01", "MAS-NAV-004");
        assertThat(driver.findElements(By.cssSelector("#impact-report svg rect"))).isNotEmpty();
        screenshot("13b-impact");
        el("#builtin-korea-with-sharing").click();
        el("#evaluate").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#impact-report"), "Scenarios side by side"));
        screenshot("13c-impact-side-by-side");
    }

    @Test
    @Order(8)
    void aSecurityOfficerPastesALabelAndSeesItsMarkingAndItsReaders() throws IOException {
        signIn(ConsoleServer.OFFICER, ConsoleServer.PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("h1"), "Dashboard"));
        driver.findElement(By.cssSelector("nav a[href='/labels']")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("h1"), "Labels"));
        assertThat(el("#policies").getText()).contains("USA (illustrative)", "GBR (illustrative)", "AUS (illustrative)");
        WebElement label = el("#label");
        label.clear();
        label.sendKeys("<label xmlns='http://surevine.com/xmlns/spiffy'><policy id='2.25.288193317066951994026054901677763696027'/>"
                + "<classification lacv='2'/><tag type='enumeratedPermissive' id='2.25.288193317066951994026054901677763696027.1' lacv='1'/>"
                + "<tag type='enumeratedPermissive' id='2.25.288193317066951994026054901677763696027.1' lacv='80'/></label>");
        el("#asOf").sendKeys("06012025");
        driver.findElement(By.cssSelector("#label-form button[type=submit]")).click();
        assertThat(el("#label-marking").getText()).isEqualTo("PROTECTED//REL AUS/GBR");
        assertThat(el("#label-valid").getText()).isEqualTo("yes");
        assertThat(el("#reader-p-aus-engineer").getText()).contains("yes");
        assertThat(el("#reader-p-usa-engineer").getText()).contains("no", "as a USA citizen");
        screenshot("14-labels");
        label = el("#label");
        label.clear();
        label.sendKeys("<label xmlns='http://surevine.com/xmlns/spiffy'><policy id='9.9'/></label>");
        driver.findElement(By.cssSelector("#label-form button[type=submit]")).click();
        assertThat(el("#label-error").getText()).contains("Unknown policy id: 9.9");
    }

    @Test
    @Order(9)
    void anEngineerHasNoPeoplePageAndSignsOut() throws IOException {
        signIn(ConsoleServer.ENGINEER, ConsoleServer.PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("h1"), "Dashboard"));
        assertThat(el("#signed-in-as").getText()).contains("engineer at GB-BRITANNIA-SONAR");
        assertThat(driver.findElements(By.cssSelector("nav a[href='/people']"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("nav a[href='/impact']"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("nav a[href='/audit']"))).isEmpty();
        open("/people");
        assertThat(el("h1").getText()).isEqualTo("Not allowed");
        screenshot("15-engineer-people-refused");
        open("/");
        el("button.link").click();
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(el(".notice").getText()).contains("signed out");
        screenshot("16-signed-out");
        open("/explorer");
        wait.until(ExpectedConditions.urlContains("/login?next=%2Fexplorer"));
    }

    @Test
    @Order(10)
    void anOfficerLooksADecisionUpInTheAuditLogAndSeesItProved() throws IOException {
        String id = app.server.store().decisionsForItem("A-UNDERSEA-001", 1).getFirst().id();
        signIn(ConsoleServer.OFFICER, ConsoleServer.PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("h1"), "Dashboard"));
        driver.findElement(By.cssSelector("nav a[href='/audit']")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("h1"), "Audit log"));
        assertThat(el("#entries").getText()).contains("decision", id);
        screenshot("17-audit-entries");
        el("#q-decision").sendKeys(id);
        el("#lookup").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("proof")));
        assertThat(el("#entry-json").getText()).contains(id);
        assertThat(el("#signature-check").getText()).contains("verified").doesNotContain("NOT");
        assertThat(el("#proof-check").getText()).contains("verified").doesNotContain("NOT");
        screenshot("18-audit-lookup");
        driver.findElement(By.cssSelector(".subnav a[href='/audit/checkpoints']")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("h1"), "Checkpoints and cosignatures"));
        assertThat(el("#checkpoints").getText()).contains("no witness yet");
        screenshot("19-audit-checkpoints");
    }

    @Test
    @Order(11)
    void theSecretariatSeesEveryProblemOfAProposalThenItsImpactTheMatrixAndTheTimeline() throws IOException {
        app.user("sec-browser", dev.pillar.app.port.Role.SECRETARIAT, null, null);
        signIn("sec-browser", ConsoleServer.PASSWORD);
        open("/governance");
        new org.openqa.selenium.support.ui.Select(el("#f-action")).selectByValue("admit");
        el("#f-projects").sendKeys("SSN-1, MAS-1");
        el("#f-effective").sendKeys("soon");
        el("#propose").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("form-errors")));
        List<WebElement> errors = driver.findElements(By.cssSelector("#form-errors li"));
        assertThat(errors).extracting(WebElement::getText).hasSize(5)
                .anyMatch(t -> t.startsWith("Projects projects[0]: SSN-1 is a Pillar I project"))
                .anyMatch(t -> t.startsWith("Effective from effective: 'soon' is not a date"))
                .anyMatch(t -> t.startsWith("Voting deadline deadline: is required"))
                .anyMatch(t -> t.startsWith("Source: statement or minutes sources[0].title: is required"))
                .anyMatch(t -> t.startsWith("Source: date sources[0].date: is required"));
        assertThat(el("#error-effective").getText()).contains("is not a date");
        assertThat(el("#f-effective").getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("20-governance-form-errors");

        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String effective = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(4).toString();
        el("#f-projects").clear();
        el("#f-projects").sendKeys("MAS-1, UNDERSEA-2");
        el("#f-effective").clear();
        el("#f-effective").sendKeys(effective);
        el("#f-deadline").sendKeys(java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).toString());
        el("#f-sourceTitle").sendKeys("Core members' minutes (fictional)");
        el("#f-sourceDate").sendKeys(today);
        new org.openqa.selenium.support.ui.Select(el("#f-candidate")).selectByValue("KOR");
        new org.openqa.selenium.support.ui.Select(el("#f-action")).selectByValue("admit");
        el("#propose").click();
        wait.until(ExpectedConditions.urlContains("/governance/proposals/P-"));
        el("#impact-link a").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("impact-report")));
        assertThat(el("#impact-change").getText()).contains("KOR: partner in MAS-1, UNDERSEA-2 from " + effective);
        assertThat(el("#impact-report").getText()).contains("p-kor-engineer");
        screenshot("21-proposal-impact");

        open("/");
        assertThat(el("#cell-KOR-MAS-1").getText()).contains("candidate at formal-discussions").contains(": partner from " + effective);
        assertThat(el("#cell-JPN-MAS-1").getText()).isEqualTo("partner from 2024-09-17");
        assertThat(el("#open-proposals").getText()).contains("KOR: partner in MAS-1, UNDERSEA-2 from " + effective);
        screenshot("22-dashboard-matrix");
        open("/candidates/KOR");
        assertThat(el("ol.timeline li.current").getText()).contains("Formal discussions");
        assertThat(el("ol.timeline li.planned").getText()).contains("Partner in named projects").contains("planned: not yet decided");
        assertThat(el("ol.timeline li.planned").getCssValue("border-left-style")).isEqualTo("dashed");
        assertThat(el("ol.timeline li.current").getCssValue("border-left-style")).isEqualTo("solid");
        screenshot("23-candidate-timeline");
    }
}
