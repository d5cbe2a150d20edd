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

    @Test
    @Order(1)
    void theDashboardShowsEveryCountryInEveryProject() throws Exception {
        Browser b = new Browser(app.base);
        b.signIn(ConsoleServer.OFFICER);
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
        Browser sec = new Browser(app.base);
        String csrf = sec.signIn(SECRETARIAT);
        HttpResponse<String> made = sec.post("/governance/proposals", form("csrf", csrf, "candidate", "KOR", "action", "admit",
                "projects", "MAS-1, UNDERSEA-2", "effective", EFFECTIVE, "deadline", DEADLINE, "sourceTitle", "Core members' minutes (fictional)",
                "sourceDate", TODAY.toString()));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
        String html = sec.get("/").body();
        assertThat(html).doesNotContain("No proposal is open").contains("id=\"open-P-1\"");
        Matcher open = Pattern.compile("<li id=\"open-P-1\">(.*?)</li>", Pattern.DOTALL).matcher(html);
        assertThat(open.find()).isTrue();
        assertThat(open.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " "))
                .contains("P-1 OPEN admit KOR: KOR: partner in MAS-1, UNDERSEA-2 from " + EFFECTIVE, "votes 0 of 3");
        assertThat(cell(html, "KOR", "MAS-1")).containsExactly("cell candidate proposed", "candidate at formal-discussions | P-1: partner from " + EFFECTIVE);
        assertThat(cell(html, "KOR", "UNDERSEA-2")).containsExactly("cell candidate proposed", "candidate at formal-discussions | P-1: partner from " + EFFECTIVE);
        assertThat(cell(html, "KOR", "UNDERSEA-1")).containsExactly("cell candidate", "candidate at formal-discussions");
        assertThat(cell(html, "CAN", "MAS-1")).containsExactly("cell candidate", "candidate at formal-discussions");
    }
}
