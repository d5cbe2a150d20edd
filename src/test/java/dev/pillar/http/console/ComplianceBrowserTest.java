package dev.pillar.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillar.app.port.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A compliance officer's day in Debian's Chromium (issue "compliance operations", done when): an engineer asks for a
 * release that needs a licence; the officer finds the case in the queue and records the licence through its form; the
 * engineer's repeated request is PERMIT citing it, with the value drawn down on the licence's page; a further release
 * beyond what is left is not authorised by it; a REVIEW case closed with a recorded determination turns the next decision
 * to PERMIT; the decision search finds them by recipient and by licence, and its CSV export has one row per decision.
 */
class ComplianceBrowserTest {
    @TempDir
    Path data;
    @TempDir
    Path profile;

    Chromium b;

    void ask(String item, String recipient, String expected) {
        b.open("/explorer");
        WebElement itemField = b.el("#item");
        if (itemField.getTagName().equals("select")) {
            new Select(itemField).selectByValue(item);
        } else {
            itemField.clear();
            itemField.sendKeys(item);
        }
        WebElement recipientField = b.el("#recipient");
        if (recipientField.getTagName().equals("select")) {
            new Select(recipientField).selectByValue(recipient);
        } else {
            recipientField.clear();
            recipientField.sendKeys(recipient);
        }
        b.js("arguments[0].value = arguments[1];", b.el("#asOf"), "2026-12-01");
        b.el("#decide").click();
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#result #outcome")));
        assertThat(b.el("#outcome").getText()).as(b.el("#result").getText()).isEqualTo(expected);
    }

    void fill(String name, String value) {
        WebElement e = b.el("[name='" + name + "']");
        e.clear();
        e.sendKeys(value);
    }

    @Test
    void aLicenceAndADeterminationRecordedOnCasesTurnTheNextRequestsToPermit() throws Exception {
        try (ConsoleServer app = new ConsoleServer(data); Chromium browser = new Chromium(app.base, profile)) {
            b = browser;
            app.user("eng-jp", Role.ENGINEER, null, "JP-KAIYO-ROBOTICS");
            // an unclassified ITAR XI(a) item of MAS-1 worth 600,000 USD: no licence on file covers it for Japan;
            // an unclassified XI(d) item of UNDERSEA-1: to a GBR/CHN dual national it needs the 126.18 screening
            app.item("BROWSER-XIA-001", "ITAR:XI(a)", "MAS-1", 600_000);
            app.item("BROWSER-XID-002", "ITAR:XI(d)", "UNDERSEA-1", 0);

            // the engineer asks; the answer names the case it opened
            b.signIn("eng-jp", ConsoleServer.PASSWORD);
            ask("BROWSER-XIA-001", "p-jpn-engineer", "LICENSE REQUIRED");
            String caseId = b.el("#case-link").getText();
            b.screenshot("compliance-held");

            // the officer finds it in the queue (filtered by outcome and country) and records the licence
            b.signIn(ConsoleServer.OFFICER, ConsoleServer.PASSWORD);
            b.open("/");
            assertThat(b.el("#count-licence").getText()).contains("1 open LICENSE_REQUIRED");
            b.el("#count-licence").click();
            b.el("#f-country").sendKeys("JPN");
            b.el("#filter").click();
            b.el("#case-" + caseId + " a").click();
            b.wait.until(ExpectedConditions.urlContains("/cases/" + caseId));
            assertThat(b.el("#case-reasons").getText()).isEqualTo("itar.licence-required");
            fill("licence.number", "DSP5-BROWSER-01");
            fill("licence.type", "DSP-5");
            fill("licence.from", "2026-11-01");
            fill("licence.until", "2027-10-31");
            fill("licence.valueCapUsd", "1000000");
            assertThat(b.el("[name='licence.parties']").getAttribute("value")).as("the case's organisation, filled in").isEqualTo("JP-KAIYO-ROBOTICS");
            b.screenshot("compliance-case");
            b.el("#record-licence").click();
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice"))); // the page that answers the form
            assertThat(b.el("#case-state").getText()).isEqualTo("resolved");
            assertThat(b.el("#now-decides").getText()).contains("PERMIT").contains("DSP-5 DSP5-BROWSER-01");

            // the engineer's repeated request is PERMIT under it, and its value is drawn down
            b.signIn("eng-jp", ConsoleServer.PASSWORD);
            ask("BROWSER-XIA-001", "p-jpn-engineer", "PERMIT");
            assertThat(b.el("#basis").getText()).contains("DSP-5 DSP5-BROWSER-01");
            String permitted = b.el("#decision-id").getText();
            b.open("/licences/DSP5-BROWSER-01");
            assertThat(b.el(".usage").getText()).contains("US$600,000 (60%)").contains("US$400,000 left");
            // the next 600,000 exceed the 400,000 left: the licence does not authorise it
            ask("BROWSER-XIA-001", "p-jpn-engineer", "LICENSE REQUIRED");
            assertThat(b.el("#decision").getText()).contains("DSP5-BROWSER-01 would cover it but its value cap of 1000000 USD has 400000 USD left");

            // a REVIEW: the dual national at Britannia Sonar, closed with what was checked
            b.signIn(ConsoleServer.ENGINEER, ConsoleServer.PASSWORD);
            ask("BROWSER-XID-002", "p-gbr-chn-dual", "REVIEW");
            String review = b.el("#case-link").getText();
            b.signIn(ConsoleServer.OFFICER, ConsoleServer.PASSWORD);
            b.open("/cases?outcome=REVIEW");
            b.el("#case-" + review + " a").click();
            b.el("[name='determination.checked']").sendKeys("screened under 22 CFR 126.18(c)(2): no substantive contacts with CHN\nNDA signed 2026-11-30");
            fill("determination.evidence", "HR-2026-118/screening.pdf");
            fill("determination.from", "2026-11-30");
            b.el("#record-determination").click();
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice"))); // the page that answers the form
            assertThat(b.el("#case-state").getText()).isEqualTo("resolved");
            b.signIn(ConsoleServer.ENGINEER, ConsoleServer.PASSWORD);
            ask("BROWSER-XID-002", "p-gbr-chn-dual", "PERMIT");
            assertThat(b.el("#decision").getText()).contains("determination D-" + review);

            // the decision search finds them by recipient and by licence
            b.signIn(ConsoleServer.OFFICER, ConsoleServer.PASSWORD);
            b.open("/decisions");
            b.el("#f-recipient").sendKeys("p-jpn-engineer");
            b.el("#search").click();
            b.wait.until(ExpectedConditions.urlContains("recipient=p-jpn-engineer"));
            assertThat(b.driver.findElements(By.cssSelector("#decisions tbody tr"))).hasSize(3);
            b.open("/decisions?recipient=p-gbr-chn-dual");
            assertThat(b.driver.findElements(By.cssSelector("#decisions tbody tr"))).hasSize(2);
            b.open("/decisions");
            b.el("#f-basis").sendKeys("DSP-5 DSP5-BROWSER-01");
            b.el("#search").click();
            b.wait.until(ExpectedConditions.urlContains("basis="));
            List<WebElement> byLicence = b.driver.findElements(By.cssSelector("#decisions tbody tr"));
            assertThat(byLicence).hasSize(1);
            assertThat(byLicence.getFirst().getAttribute("id")).isEqualTo("d-" + permitted);
            b.screenshot("compliance-search");

            // the CSV of the recipient's search, fetched with the officer's session as the link would: one row per decision
            b.open("/decisions?recipient=p-jpn-engineer");
            String href = b.el("#csv").getAttribute("href");
            String cookie = b.driver.manage().getCookieNamed(Console.SESSION_COOKIE).getValue();
            HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                    .header("Cookie", Console.SESSION_COOKIE + "=" + cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment; filename=\"decisions.csv\"");
            List<String> rows = csv.body().lines().toList();
            assertThat(rows).hasSize(4);
            assertThat(rows.getFirst()).isEqualTo("decisionId,createdAt,askedBy,outcome,asOf,worldVersion,item,recipient,organisation,project,basis");
            assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(permitted + ",").contains(",PERMIT,").contains("DSP-5 DSP5-BROWSER-01"));
        }
    }
}
