package io.arscope.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The words of a damaged input file found in a failure, with its cause or as text only. The whole case, a job reading
 * a Parquet file cut short, is {@code IbmShapedExportTest}'s.
 */
class DamagedFileTest {

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
