package dev.pillar.http.console;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.app.AccountService;
import dev.pillar.boot.Main;
import dev.pillar.boot.Pillar;
import dev.pillar.http.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The partnership's story played in the console on a fresh data directory, by the demo users the first start makes:
 * the secretariat proposes consensus on KOR; the three delegates make their keys in the browser (WebCrypto; the private
 * keys never leave it), co-sign each other's first keys, the secretariat confirms them; the delegates sign their votes
 * in the browser; formal discussions; admission of KOR to MAS-1 and UNDERSEA-2 from a date; the secretariat nominates
 * Hanbit Defence to MAS-1; the Korean engineer's decision on a MAS-1 item turns from DENY (project scope) to an
 * export-control answer citing the acts, while the same decision a day before the admission stays DENY; then
 * {@code pillar governance verify} and {@code pillar audit verify} pass on the data directory.
 */
class StoryBrowserTest {
    static final List<String> MEMBERS = List.of("AUS", "GBR", "USA");

    @TempDir
    Path data;
    @TempDir
    Path profile;

    Chromium b;
    Map<String, String> passwords;

    static String day(int plus) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(plus).toString();
    }

    void as(String user) {
        b.signIn(user, passwords.get(user));
        assertThat(b.driver.getCurrentUrl()).as("signed in as " + user).doesNotContain("/login");
    }

    /** The secretariat proposes {@code action} on KOR; returns the proposal's id. */
    String propose(String action, String projects, String effective, String deadline) {
        as("secretariat");
        b.open("/governance");
        new Select(b.el("select[name=candidate]")).selectByValue("KOR");
        new Select(b.el("select[name=action]")).selectByValue(action);
        b.el("input[name=projects]").sendKeys(projects);
        b.el("input[name=effective]").sendKeys(effective);
        b.el("input[name=deadline]").sendKeys(deadline);
        b.el("input[name=sourceTitle]").sendKeys("Core members' minutes (fictional)");
        b.el("input[name=sourceDate]").sendKeys(day(0));
        b.el("form[action='/governance/proposals'] button[type=submit]").click();
        b.wait.until(ExpectedConditions.urlContains("/governance/proposals/P-"));
        String url = b.driver.getCurrentUrl();
        return url.substring(url.indexOf("/governance/proposals/") + "/governance/proposals/".length(), url.indexOf('?'));
    }

    /** Each delegate signs an approval of {@code id} in the browser. */
    void everyoneApproves(String id) {
        for (String m : MEMBERS) {
            as("delegate-" + m.toLowerCase());
            b.open("/governance/proposals/" + id);
            b.el("#sign-vote").click();
            b.wait.until(ExpectedConditions.urlContains("?voted"));
            assertThat(b.el("#vote-" + m).getText()).contains("APPROVE");
        }
        assertThat(b.el("#status").getText()).isEqualTo("ADOPTED");
    }

    void ask(String asOf) {
        b.open("/explorer");
        new Select(b.el("#item")).selectByValue("MAS-NAV-004");
        new Select(b.el("#recipient")).selectByValue("p-kor-engineer");
        b.js("arguments[0].value = arguments[1];", b.el("#asOf"), asOf);
        b.el("#decide").click();
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#result #outcome")));
        b.wait.until(d -> d.findElement(By.id("decision")).getText().contains(asOf));
    }

    String scopeOutcome() {
        return b.el("#result li.reason[data-layer=scope]").getAttribute("data-outcome");
    }

    @Test
    void theStoryFromConsensusToAFirmsReleasePlaysInTheBrowser() throws Exception {
        StringWriter started = new StringWriter();
        Pillar server = Pillar.start(ServerConfig.defaults(0, data).withDemoUsers(true), new PrintWriter(started));
        try {
            passwords = server.demoAccounts().stream().collect(Collectors.toMap(a -> a.user().username(), AccountService.DemoAccount::password));
            b = new Chromium("http://localhost:" + server.port(), profile);
            try {
                play();
            } finally {
                b.close();
            }
        } finally {
            server.stop();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int governance = Main.run(new String[] {"governance", "verify", "--data", data.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertThat(governance).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("3 proposals, 9 votes, 3 outcomes, 1 nominations, 12 key ceremony acts (3 keys enrolled)", "verified");
        // the votes signed in the browser check with an independent JOSE implementation (npm's jose), as the CLI's do
        Path bundle = data.resolveSibling(data.getFileName() + "-P-3.json");
        assertThat(Main.run(new String[] {"governance", "export", "P-3", "--out", bundle.toString(), "--data", data.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err))).as(err.toString()).isZero();
        dev.pillar.cli.GovernanceCliTest.Node jose = dev.pillar.cli.GovernanceCliTest.node("verify-bundle.mjs", bundle, "--members", "AUS,GBR,USA");
        assertThat(jose.code()).as(jose.out()).isZero();
        assertThat(jose.out()).contains("\"ok\":true");
        StringWriter aout = new StringWriter();
        int audit = Main.run(new String[] {"audit", "verify", "--data", data.toString()}, new PrintWriter(aout), new PrintWriter(err));
        assertThat(audit).as(aout + "\n" + err).isZero();
        assertThat(aout.toString()).contains("verified");
    }

    void play() throws IOException {
        // before anything: the Korean engineer's release is refused on project scope
        as("officer");
        ask(day(4));
        assertThat(b.el("#outcome").getText()).containsIgnoringCase("deny");
        assertThat(scopeOutcome()).isEqualTo("DENY");

        String consensus = propose("consensus", "", day(2), day(1));

        // the three delegates make their keys in the browser and ask to enrol them
        for (String m : MEMBERS) {
            as("delegate-" + m.toLowerCase());
            b.open("/governance/keys");
            b.el("#enrol").click();
            b.wait.until(ExpectedConditions.urlContains("?requested"));
            assertThat(b.el("#browser-keys").getText()).contains(m + " ");
        }
        // each co-signs the other two members' first keys with the key it holds
        for (String m : MEMBERS) {
            as("delegate-" + m.toLowerCase());
            for (String id : List.of("K-1", "K-2", "K-3")) {
                b.open("/governance/keys");
                List<org.openqa.selenium.WebElement> button = b.driver.findElements(By.id("cosign-" + id));
                if (!button.isEmpty()) {
                    button.getFirst().click();
                    b.wait.until(ExpectedConditions.urlContains("?cosigned"));
                }
            }
        }
        b.screenshot("story-01-keys-cosigned");
        // the secretariat confirms each, having checked the key ids with the members
        as("secretariat");
        for (String id : List.of("K-1", "K-2", "K-3")) {
            b.open("/governance/keys");
            b.el("#confirm-" + id).click();
            b.wait.until(ExpectedConditions.urlContains("?confirmed"));
        }
        assertThat(b.driver.findElements(By.cssSelector("#registered tbody tr"))).hasSize(3);
        b.screenshot("story-02-keys-enrolled");

        everyoneApproves(consensus);
        everyoneApproves(propose("formal-discussions", "", day(3), day(2)));
        everyoneApproves(propose("admit", "MAS-1, UNDERSEA-2", day(4), day(3)));
        b.screenshot("story-03-admitted");

        // admitted, but the firm is not yet in the project
        as("officer");
        ask(day(4));
        assertThat(scopeOutcome()).isEqualTo("DENY");
        assertThat(b.el("#result li.reason[data-layer=scope] .message").getText()).contains("KR-HANBIT-DEFENCE is not a participant organisation of MAS-1");

        // the secretariat nominates Hanbit Defence to MAS-1 from the admission day
        as("secretariat");
        b.open("/governance/nominations");
        new Select(b.el("select[name=organisation]")).selectByValue("KR-HANBIT-DEFENCE");
        new Select(b.el("select[name=project]")).selectByValue("MAS-1");
        b.el("input[name=from]").sendKeys(day(4));
        b.el("input[name=sourceTitle]").sendKeys("Secretariat minutes (fictional)");
        b.el("input[name=sourceDate]").sendKeys(day(0));
        b.el("#nominate").click();
        b.wait.until(ExpectedConditions.urlContains("?nominated"));
        assertThat(b.el("#nomination-N-1").getText()).contains("KR-HANBIT-DEFENCE", "MAS-1");

        as("officer");
        ask(day(4));
        assertThat(scopeOutcome()).as("the scope now admits the Korean firm").isEqualTo("PERMIT");
        String scope = b.el("#result li.reason[data-layer=scope]").getText();
        assertThat(scope).contains("governance act P-3", "nomination N-1");
        assertThat(b.driver.findElements(By.cssSelector("#result li.reason[data-layer=export-control]"))).as("an export-control answer").isNotEmpty();
        b.screenshot("story-04-after-admission");
        ask(day(3));
        assertThat(scopeOutcome()).as("the day before the admission").isEqualTo("DENY");
        assertThat(b.el("#outcome").getText()).containsIgnoringCase("deny");
    }
}
