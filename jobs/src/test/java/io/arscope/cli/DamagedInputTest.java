package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.DamagedFile;
import io.arscope.job.ExitCode;
import io.arscope.testing.IbmExport;

/**
 * An ingest's Parquet file cut short, as an interrupted copy leaves it: the next job ends with exit 3 and a line
 * naming the file, not exit 1 and a stack trace ("unexpected failure: SparkException: Job aborted due to stage
 * failure ... is not a Parquet file").
 */
@Tag("integration")
class DamagedInputTest {

    @TempDir
    static Path dir;
    private static Path damaged;

    @BeforeAll
    static void ingestThenCutAFileShort() throws Exception {
        Path export = IbmExport.write(dir,
                "391,0379-NEVHP,4/6/2013,0000000001,9/1/2013,10/1/2013,100.00,No,9/20/2013,Paper,19,0");
        assertEquals(ExitCode.OK, Arscope.execute("ingest", "--input", export.toString(), "--mapping",
                IbmExport.mapping(), "--output", dir.resolve("ingest").toString(), "--as-of", "2013-09-30",
                "--max-data-age", "30", "--master", "local[1]"));
        Path invoices = dir.resolve("ingest").toRealPath().resolve("canonical/invoices");
        try (Stream<Path> files = Files.walk(invoices)) {
            damaged = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        try (Stream<Path> files = Files.walk(invoices)) {
            for (Path crc : files.filter(f -> f.getFileName().toString().endsWith(".crc")).toList()) {
                Files.delete(crc);
            }
        }
        try (RandomAccessFile file = new RandomAccessFile(damaged.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
    }

    @Test
    void theNextJobEndsWithExitThreeNamingTheFile() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Arscope.execute(new PrintWriter(out, true), new PrintWriter(err, true), "metrics", "--input",
                dir.resolve("ingest").toString(), "--output", dir.resolve("metrics").toString(), "--master",
                "local[1]");
        assertEquals(ExitCode.INPUT, code, err.toString());
        List<String> said = err.toString().lines().filter(l -> l.startsWith("arscope metrics:")).toList();
        assertEquals(1, said.size(), err.toString());
        // The file as the job read it: through the ingest folder's published link.
        assertTrue(said.get(0).startsWith("arscope metrics: an input file is damaged: file:"
                + dir.resolve("ingest/canonical/invoices/month=2013-09").resolve(damaged.getFileName())
                + " is not a Parquet file. Expected magic number at tail"), said.get(0));
        assertTrue(said.get(0).endsWith("; write it again (run the job that made it, or copy it again) and rerun"),
                said.get(0));
    }

    /** On a cluster the task's failure comes back as text only: the same words are found there. */
    @Test
    void theWordsAreFoundWithoutTheCauseAndAChecksumToo() {
        assertEquals(Optional.of("hdfs://nn/ar/ingest/canonical/invoices/part-0.parquet is not a Parquet file. "
                + "Expected magic number at tail, but found [-51, 9, -112, 4]"), DamagedFile.within(
                new RuntimeException("Job aborted due to stage failure: Task 1 in stage 0.0 failed 4 times, most "
                        + "recent failure: Lost task 1.3 (TID 7) (worker-2 executor 1): java.lang.RuntimeException: "
                        + "hdfs://nn/ar/ingest/canonical/invoices/part-0.parquet is not a Parquet file. Expected "
                        + "magic number at tail, but found [-51, 9, -112, 4]\n\tat org.apache.parquet...")));
        assertEquals(Optional.of("file:/data/ingest/canonical/invoices/part-0.parquet does not match its checksum "
                + "(.crc file)"), DamagedFile.within(new RuntimeException("wrapped", new java.io.IOException(
                        "org.apache.hadoop.fs.ChecksumException: Checksum error: "
                                + "file:/data/ingest/canonical/invoices/part-0.parquet at 1536 exp: 1 got: 2"))));
        assertEquals(Optional.empty(), DamagedFile.within(new IllegalStateException("not about a file")));
    }
}
