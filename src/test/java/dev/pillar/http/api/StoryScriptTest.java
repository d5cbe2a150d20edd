package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.boot.Pillar;
import dev.pillar.http.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/story.sh BASE_URL DATA_DIR} plays the partnership's story through the API and the CLI against a server
 * on a fresh data directory, and exits non-zero naming the step that fails. The CLI is the test JVM's class path (the
 * jar is built after the tests), given as {@code PILLAR_CLI}.
 */
class StoryScriptTest {
    @TempDir
    Path data;

    static Process run(Path log, String base, Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "scripts/story.sh", base, data.toString())).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("PILLAR_CLI", java + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp " + System.getProperty("java.class.path") + " dev.pillar.boot.Main");
        return pb.start();
    }

    @Test
    void theStoryScriptPlaysEveryStepAndTheRecordVerifies() throws Exception {
        Pillar server = Pillar.start(ServerConfig.defaults(0, data).withDemoUsers(true), new PrintWriter(new StringWriter()));
        Path log = data.resolveSibling(data.getFileName() + "-story.log");
        try {
            Process p = run(log, "http://localhost:" + server.port(), data);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the story finishes").isTrue();
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("admission of KOR to MAS-1 and UNDERSEA-2", "project scope passes", "is still DENY", "story complete");
            assertThat(server.governance().governance().nominations()).hasSize(1);
            assertThat(server.governance().governance().partnership().memberKeys()).hasSize(3);

            // run again on the same server: the keys exist, KOR is a partner now, so the script stops at a refused step
            Process again = run(log, "http://localhost:" + server.port(), data);
            assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String second = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(again.exitValue()).as(second).isEqualTo(1);
            assertThat(second).contains("story: step 4 failed", "KOR's latest step (partner on");
        } finally {
            server.stop();
        }
    }

    @Test
    void withoutTheDemoUsersItSaysWhatIsMissing() throws Exception {
        Path log = data.resolveSibling(data.getFileName() + "-nousers.log");
        Process p = run(log, "http://localhost:9", data);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("demo-users.txt is missing");
    }
}
