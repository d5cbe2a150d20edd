package dev.pillar.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.pillar.app.DecisionWriter;
import dev.pillar.app.port.StoreException;
import dev.pillar.app.port.StoredDecision;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DecisionWriterTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void concurrentCallersAreStoredTogetherAndEachReturnsOnlyAfterItsDecisionIsStored() throws Exception {
        try (JdbcStore store = JdbcStore.embedded(dir)) {
            ConcurrentLinkedQueue<Integer> groups = new ConcurrentLinkedQueue<>();
            DecisionWriter writer = new DecisionWriter(store, groups::add);
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            int threads = 16;
            int each = 200;
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> ts = new ArrayList<>();
            AtomicInteger missing = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                ts.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        StoredDecision d = StoreContractTest.decision(base + i, at.plusMillis(base + i)); // as ids are made: over time
                        writer.write(List.of(d));
                        if (store.decision(d.id()).isEmpty()) { // acknowledged means stored
                            missing.incrementAndGet();
                        }
                    }
                }));
            }
            start.countDown();
            for (Thread t : ts) {
                t.join();
            }
            writer.close();
            assertThat(missing).hasValue(0);
            assertThat(groups.stream().mapToInt(Integer::intValue).sum()).isEqualTo(threads * each);
            assertThat(groups.size()).as("concurrent callers share commits").isLessThan(threads * each);
            assertThatThrownBy(() -> writer.write(List.of(StoreContractTest.decision(99_999, at))))
                    .isInstanceOf(StoreException.class).hasMessageContaining("stopping");
        }
    }

    @Test
    @Timeout(60)
    void aBadRecordFailsOnlyItsOwnCallerAndAFailingStoreFailsTheCaller() throws Exception {
        Path sub = dir.resolve("a");
        JdbcStore store = JdbcStore.embedded(sub);
        DecisionWriter writer = new DecisionWriter(store, n -> {});
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        StoredDecision bad = new StoredDecision("not-a-uuid", at, "a", "PERMIT", "w@r1", java.time.LocalDate.of(2024, 1, 1), null, null,
                null, "{}", "{}", List.of());
        assertThatThrownBy(() -> writer.write(List.of(bad))).isInstanceOf(IllegalArgumentException.class);
        StoredDecision good = StoreContractTest.decision(1, at);
        writer.write(List.of(good));
        assertThat(store.decision(good.id())).contains(good);

        store.close(); // the store goes away under the writer
        assertThatThrownBy(() -> writer.write(List.of(StoreContractTest.decision(2, at))))
                .isInstanceOf(StoreException.class).extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreException.Reason.UNAVAILABLE);
        writer.close();
    }
}
