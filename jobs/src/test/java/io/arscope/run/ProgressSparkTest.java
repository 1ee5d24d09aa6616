package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.TestSpark;

/**
 * {@link Progress} on a real Spark session: while a step's stage runs, the log gets lines naming the step, its phase,
 * the stage and what its finished tasks read and wrote; closing the tracking removes the listener, so that nothing more is
 * counted or logged.
 */
class ProgressSparkTest {

    /** Holds the last two of a stage's four tasks, so that the test sees it half done. */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Test
    void aTrackedStepLogsItsProgressAndLeavesNoListenerBehind(@TempDir Path dir) throws Exception {
        SparkSession spark = TestSpark.session();
        SparkContext context = spark.sparkContext();
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        // Every tick logs: the interval is 0 instead of a minute.
        Progress progress = new Progress(Progress.Mode.LOG, null, logged::add, 0, () -> System.nanoTime() / 1_000_000);
        String numbers = dir.resolve("numbers").toString();
        try (Progress.Tracking tracking = progress.track(spark, "progress-test")) {
            assertEquals(1, progressListeners(context));
            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
                Progress.phase(context, "writing numbers");
                // Four tasks of 250 rows on two cores: the first two finish, the last two wait for the test.
                spark.range(0, 1000, 1, 4).mapPartitions((MapPartitionsFunction<Long, Long>) rows -> {
                    if (TaskContext.getPartitionId() >= 2) {
                        RELEASE.await();
                    }
                    return rows;
                }, Encoders.LONG()).write().parquet(numbers);
            });
            String half;
            try {
                // Spark's range counts the rows it generates as read.
                half = waitForLine(logged, "progress-test: writing numbers · stage 1/1 (parquet) · 500 rows read · "
                        + "500 rows written · 2 of 4 tasks · ");
            } finally {
                RELEASE.countDown();
            }
            // Two tasks done: too few for an estimate.
            assertTrue(half.matches(".* · \\d+:\\d\\d elapsed"), half);
            write.get(60, TimeUnit.SECONDS);
        }
        assertEquals(0, progressListeners(context));
        assertNull(context.getLocalProperty("spark.job.description"));
        assertTrue(logged.stream().allMatch(l -> l.startsWith("progress-test")));

        int lines = logged.size();
        assertEquals(1000, spark.read().parquet(numbers).count());
        context.listenerBus().waitUntilEmpty();
        Thread.sleep(200);
        assertEquals(lines, logged.size());

        // Off: no listener at all.
        try (Progress.Tracking off = Progress.of(Progress.Mode.OFF, null).track(spark, "quiet")) {
            assertEquals(0, progressListeners(context));
        }
    }

    private static long progressListeners(SparkContext context) {
        return context.listenerBus().listeners().stream().filter(ProgressListener.class::isInstance).count();
    }

    private static String waitForLine(List<String> logged, String prefix) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            synchronized (logged) {
                for (String line : logged) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line starts with '" + prefix + "'; the last: "
                + logged.subList(Math.max(0, logged.size() - 3), logged.size()));
    }
}
