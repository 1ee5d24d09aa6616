package io.arscope.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.spark.sql.SparkSession;

/**
 * Independent Spark jobs submitted at once, as many as the session has cores: a small job alone, or the last tasks
 * of a large one, would leave a core idle. Results come back in the order given; a failure is thrown as the job
 * would have thrown it on the caller's thread, so that the exit code follows its own type.
 */
public final class SparkJobsAtOnce {

    private SparkJobsAtOnce() {
    }

    /** Runs {@code jobs} at once on the session's cores and returns their results in order. */
    public static <T> List<T> run(SparkSession spark, String threadName, List<? extends Callable<T>> jobs)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs.size(),
                spark.sparkContext().defaultParallelism())), r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<T>> pending = new ArrayList<>();
            for (Callable<T> job : jobs) {
                pending.add(pool.submit(job));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> result : pending) {
                results.add(result.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + threadName, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
