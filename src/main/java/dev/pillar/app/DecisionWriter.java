package dev.pillar.app;

import dev.pillar.app.port.DecisionStore;
import dev.pillar.app.port.StoreException;
import dev.pillar.app.port.StoredDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Group commit for decisions. Callers hand their decisions to {@link #write} and wait; a writer thread takes
 * everything that has queued up meanwhile and stores it with a single {@link Store#saveDecisions} call, then wakes
 * every caller of that group. Under load, one transaction (and one chunk row) thus carries the decisions of many
 * concurrent requests, and a caller still returns only after its decisions are durable. If the store fails, every
 * caller of the group gets the failure and nothing of the group is acknowledged.
 *
 * <p>There are {@value #WRITERS} writer threads, so that one can encode and commit the next group while the other waits
 * for the fsync that makes its group durable (the embedded store's GroupSync); their commits still take turns
 * at the audit log's size row.
 */
public final class DecisionWriter implements AutoCloseable {
    /** The most decisions one commit carries (a single caller's list is never split). */
    static final int MAX_GROUP = 20_000;
    /** The most decisions waiting at once; callers beyond it wait for room. */
    static final int MAX_QUEUED = 100_000;
    /** Writer threads: one commits while another waits for its fsync. */
    static final int WRITERS = 2;

    private record Pending(List<StoredDecision> decisions, CompletableFuture<Void> done) {}

    private final DecisionStore store;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(MAX_QUEUED);
    private final List<Thread> threads = new ArrayList<>();
    private final Object gathering = new Object();
    private final IntConsumer groupSizes;
    private volatile boolean closed;

    /** @param groupSizes told the number of decisions of every commit (for metrics) */
    public DecisionWriter(DecisionStore store, IntConsumer groupSizes) {
        this.store = store;
        this.groupSizes = groupSizes;
        for (int i = 1; i <= WRITERS; i++) {
            threads.add(Thread.ofPlatform().name("pillar-decision-writer-" + i).daemon().start(this::run));
        }
    }

    /**
     * Stores the decisions and returns once they are durable.
     *
     * @throws StoreException with reason UNAVAILABLE if the writer is closed, the store failed, or the thread was
     *         interrupted while waiting; the decisions are then not known to be stored
     */
    public void write(List<StoredDecision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        int permits = Math.min(decisions.size(), MAX_QUEUED);
        try {
            room.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "interrupted before the decisions were stored");
        }
        Pending p = new Pending(List.copyOf(decisions), new CompletableFuture<>());
        p.done().whenComplete((v, e) -> room.release(permits));
        if (closed) {
            p.done().complete(null); // releases the room
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "the server is stopping: the decisions were not stored");
        }
        queue.add(p);
        if (closed && queue.remove(p)) { // close() raced with us and the writer may already be gone
            p.done().complete(null);
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "the server is stopping: the decisions were not stored");
        }
        try {
            p.done().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "the decisions could not be stored: " + cause.getMessage(), cause);
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        List<StoredDecision> all = new ArrayList<>();
        while (true) {
            synchronized (gathering) { // one writer gathers at a time: peek-then-poll must see the same head
                Pending first;
                try {
                    first = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    first = null;
                }
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                group.add(first);
                int n = first.decisions().size();
                Pending next;
                while (n < MAX_GROUP && (next = queue.peek()) != null && n + next.decisions().size() <= MAX_GROUP) {
                    group.add(queue.poll());
                    n += next.decisions().size();
                }
            }
            commit(group, all);
            group.clear();
            all.clear();
        }
    }

    private void commit(List<Pending> group, List<StoredDecision> all) {
        for (Pending p : group) {
            all.addAll(p.decisions());
        }
        try {
            store.saveDecisions(all);
        } catch (IllegalArgumentException e) {
            if (group.size() > 1) { // one caller's bad record must not fail the others: store them one by one
                for (Pending p : group) {
                    commit(List.of(p), new ArrayList<>());
                }
                return;
            }
            group.getFirst().done().completeExceptionally(e);
            return;
        } catch (RuntimeException | Error e) {
            group.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        groupSizes.accept(all.size());
        group.forEach(p -> p.done().complete(null));
    }

    /** Stores what is queued, then stops the writer; later writes fail. */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + 30_000_000_000L;
        try {
            for (Thread t : threads) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
