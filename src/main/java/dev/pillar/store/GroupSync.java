package dev.pillar.store;

import dev.pillar.app.port.StoreException;
import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group fsync for a store whose commits reach the operating system but not the disk (the embedded H2 store). A writer
 * calls {@link #awaitDurable()} after its transaction has committed; it returns once a {@link Force force} that
 * <em>began after the call</em> has completed, so the commit is covered. Only one force runs at a time, and one force
 * covers every commit that finished before it began: writers arriving while a force runs wait for it, then one of them
 * starts the next force for all of them. Under load there is thus one fsync per group of commits, not per commit.
 *
 * <p>A failed force is final: every waiting and every later writer gets {@link StoreException.Reason#UNAVAILABLE}, and
 * the store must be reopened. After a failed fsync, Linux may have marked the unwritten pages clean, so a later fsync
 * that succeeds would prove nothing about them (PostgreSQL stops for the same reason).
 */
final class GroupSync {
    /** Forces written data of the store to stable storage. */
    @FunctionalInterface
    interface Force {
        void force() throws IOException;
    }

    private final Force force;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finishedOne = lock.newCondition();
    private long started; // forces begun so far; force n is the n-th to begin
    private long finished; // forces ended so far (they end in the order they began: one runs at a time)
    private boolean running;
    private Throwable failure;

    GroupSync(Force force) {
        this.force = force;
    }

    /**
     * Returns once everything committed before this call is on stable storage.
     *
     * @throws StoreException UNAVAILABLE if a force failed (this one or an earlier one)
     */
    void awaitDurable() {
        lock.lock();
        try {
            long needed = started + 1; // the first force to begin after this call
            while (finished < needed) {
                checkHealthy();
                if (running) {
                    finishedOne.awaitUninterruptibly();
                    continue;
                }
                running = true;
                long n = ++started;
                Throwable error = null;
                lock.unlock();
                try {
                    force.force();
                } catch (IOException | RuntimeException | Error e) {
                    error = e;
                } finally {
                    lock.lock();
                }
                running = false;
                finished = n;
                if (error != null && failure == null) {
                    failure = error;
                }
                finishedOne.signalAll();
            }
            checkHealthy();
        } finally {
            lock.unlock();
        }
    }

    /** Throws if a force has failed: the store then takes no more writes. */
    void checkHealthy() {
        Throwable f;
        lock.lock();
        try {
            f = failure;
        } finally {
            lock.unlock();
        }
        if (f != null) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE,
                    "the store could not force its file to disk (" + f + "): writes are refused until the server is restarted "
                            + "and the disk is checked", f);
        }
    }

    /** The number of forces that have ended (for measurements). */
    long forces() {
        lock.lock();
        try {
            return finished;
        } finally {
            lock.unlock();
        }
    }
}
