package io.jgrad.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs jobs on one thread each, all released at the same moment by a barrier so that they really
 * overlap, and returns their results in order. Shared with the other modules' thread tests through
 * core's test jar.
 */
public final class Concurrently {
    /** A guard against a hang only: the jobs of the thread tests take well under a second each. */
    private static final long HANG_GUARD_SECONDS = 120;

    private Concurrently() {
    }

    /** Each job's result, the jobs having run at the same time on their own threads. */
    public static <T> List<T> run(List<Callable<T>> jobs) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        try {
            CyclicBarrier start = new CyclicBarrier(jobs.size());
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> job : jobs) {
                futures.add(pool.submit(() -> {
                    start.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
                    return job.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            throw new AssertionError("a concurrent job failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a concurrent job did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each job's result, the jobs having run one after another on the calling thread. */
    public static <T> List<T> sequentially(List<Callable<T>> jobs) throws Exception {
        List<T> results = new ArrayList<>();
        for (Callable<T> job : jobs) {
            results.add(job.call());
        }
        return results;
    }
}
