package dev.pillar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JVM options {@code ./pillar} gives the server (scripts/jvm-options.sh): only {@code serve} gets them, the JVM
 * accepts them and they bound the heap to 1 GiB, and {@code PILLAR_JAVA_OPTS}, which comes after them, overrides them.
 */
class LauncherJvmOptionsTest {
    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String defaults(String args) throws IOException, InterruptedException {
        return run(List.of("bash", "-c", "source scripts/jvm-options.sh && pillar_jvm_defaults " + args)).strip();
    }

    private static long maxHeap(String options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(options.split(" ")));
        cmd.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        for (String line : run(cmd).split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4 && f[1].equals("MaxHeapSize")) {
                return Long.parseLong(f[3]);
            }
        }
        throw new AssertionError("no MaxHeapSize in the JVM's flags");
    }

    @Test
    void onlyTheServerGetsTheBoundedHeap() throws Exception {
        String serve = defaults("serve --port 8080");
        assertThat(serve).contains("-Xmx1g");
        assertThat(defaults("--help")).isEmpty();
        assertThat(defaults("decide --item X serve")).isEmpty();
        assertThat(defaults("generate world")).isEmpty();
        assertThat(maxHeap(serve)).isEqualTo(1L << 30);
        // PILLAR_JAVA_OPTS comes after the defaults on the launcher's command line: the last -Xmx wins
        assertThat(maxHeap(serve + " -Xmx2g")).isEqualTo(2L << 30);
    }
}
