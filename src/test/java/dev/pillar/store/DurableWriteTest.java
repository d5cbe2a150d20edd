package dev.pillar.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.pillar.app.DecisionWriter;
import dev.pillar.app.port.DocFields;
import dev.pillar.app.port.Kind;
import dev.pillar.app.port.StoreException;
import dev.pillar.app.port.StoredDecision;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store acknowledges a write that appends to the audit log only after an fsync of its database file that
 * began after the write committed; concurrent writers share fsyncs; a failed fsync is never acknowledged. The real
 * fsync runs in every test, wrapped by a hook that observes, delays or fails it.
 */
class DurableWriteTest {
    @TempDir
    Path dir;

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    @Timeout(60)
    void aDecisionIsAcknowledgedOnlyAfterAnFsyncThatBeganAfterItsCommit() throws Exception {
        AtomicReference<JdbcStore> self = new AtomicReference<>();
        ConcurrentLinkedQueue<Long> auditSizeAtFsync = new ConcurrentLinkedQueue<>();
        CountDownLatch fsyncMayFinish = new CountDownLatch(1);
        AtomicBoolean hold = new AtomicBoolean();
        try (JdbcStore store = JdbcStore.embedded(dir, real -> () -> {
            JdbcStore s = self.get();
            if (s != null) {
                auditSizeAtFsync.add(s.auditSize()); // what other connections see as committed when the fsync begins
            }
            if (hold.get()) {
                try {
                    fsyncMayFinish.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            real.force();
        })) {
            self.set(store);
            DecisionWriter writer = new DecisionWriter(store, n -> {});
            long before = store.auditSize();
            long fsyncsBefore = store.fsyncs();
            hold.set(true);
            AtomicBoolean acknowledged = new AtomicBoolean();
            Thread caller = Thread.ofVirtual().start(() -> {
                writer.write(List.of(StoreContractTest.decision(1, AT)));
                acknowledged.set(true);
            });
            // the commit happens, then the fsync begins and is held: no acknowledgement yet
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (auditSizeAtFsync.stream().noneMatch(n -> n == before + 1) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(auditSizeAtFsync).as("the fsync began after the decision's entry was committed").contains(before + 1);
            Thread.sleep(200);
            assertThat(acknowledged).as("not acknowledged while its fsync has not completed").isFalse();
            fsyncMayFinish.countDown();
            caller.join(20_000);
            assertThat(acknowledged).as("acknowledged once the fsync completed").isTrue();
            assertThat(store.fsyncs()).isGreaterThan(fsyncsBefore);
            writer.close();
        }
    }

    @Test
    @Timeout(120)
    void concurrentWritersShareFsyncs() throws Exception {
        int threads = 16;
        AtomicInteger forces = new AtomicInteger();
        AtomicReference<JdbcStore> self = new AtomicReference<>();
        AtomicLong holdUntilSize = new AtomicLong(Long.MAX_VALUE);
        try (JdbcStore store = JdbcStore.embedded(dir, real -> () -> {
            if (forces.incrementAndGet() == 1) { // the first fsync is slow: every other writer commits meanwhile
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (self.get().auditSize() < holdUntilSize.get() && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            real.force();
        })) {
            self.set(store);
            holdUntilSize.set(store.auditSize() + threads);
            List<Thread> ts = new ArrayList<>();
            AtomicInteger acknowledged = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                int n = t;
                ts.add(Thread.ofPlatform().start(() -> { // each its own transaction, without a DecisionWriter
                    store.saveDecisions(List.of(StoreContractTest.decision(1000 + n, AT)));
                    acknowledged.incrementAndGet();
                }));
            }
            for (Thread t : ts) {
                t.join();
            }
            assertThat(acknowledged).hasValue(threads);
            assertThat(forces.get()).as("fsyncs for " + threads + " commits: the held one, then one for all that committed while it ran")
                    .isEqualTo(2);
        }
    }

    @Test
    @Timeout(60)
    void aFailedFsyncFailsItsCallersAndEveryLaterWriteAndTheLogIsNotExtended() throws Exception {
        AtomicBoolean fail = new AtomicBoolean();
        AtomicLong told = new AtomicLong();
        try (JdbcStore store = JdbcStore.embedded(dir, real -> () -> {
            real.force();
            if (fail.get()) {
                throw new IOException("Input/output error (injected)");
            }
        })) {
            store.onAuditAppend((first, entries) -> told.addAndGet(entries.size()));
            DecisionWriter writer = new DecisionWriter(store, n -> {});
            writer.write(List.of(StoreContractTest.decision(1, AT)));
            assertThat(told).hasValue(1);

            fail.set(true);
            StoredDecision lost = StoreContractTest.decision(2, AT.plusMillis(1));
            assertThatThrownBy(() -> writer.write(List.of(lost))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("could not be stored").hasMessageContaining("force its file to disk")
                    .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreException.Reason.UNAVAILABLE);
            assertThat(told).as("the audit log's tree is not told of an entry that is not durable").hasValue(1);

            fail.set(false); // a later fsync that succeeds proves nothing about pages a failed one may have dropped
            long size = store.auditSize();
            assertThatThrownBy(() -> store.create(Kind.ITEM, "AFTER-FAILURE", "{}", DocFields.NONE, "t"))
                    .isInstanceOf(StoreException.class).hasMessageContaining("refused until the server is restarted");
            assertThat(store.auditSize()).as("nothing written after the failure").isEqualTo(size);
            assertThat(store.get(Kind.ITEM, "AFTER-FAILURE")).isEmpty();
            writer.close();
        }
        try (JdbcStore reopened = JdbcStore.embedded(dir)) { // a restart takes writes again
            reopened.saveDecisions(List.of(StoreContractTest.decision(3, AT.plusMillis(2))));
            assertThat(reopened.decision(StoreContractTest.decision(3, AT.plusMillis(2)).id())).isPresent();
        }
    }
}
