package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.TestSpark;

/**
 * The report finds what ingest rejected through the metrics run's manifest, in the reconciliation of the ingest it
 * read, as ingest writes it (a file name with a comma is quoted); an output from before the reconciliation existed
 * says nothing.
 */
class IngestRejectsTest {

    @TempDir
    Path dir;

    @Test
    void theReconciliationOfTheIngestTheMetricsReadIsSaid() throws Exception {
        Path ingest = Files.createDirectories(dir.resolve("ingest"));
        Path metrics = Files.createDirectories(dir.resolve("metrics"));
        Files.writeString(metrics.resolve("metrics-run.json"), "{\"job\": \"metrics\", \"options\": {\"input\": \""
                + ingest + "\"}}");
        assertNull(IngestRejects.of(TestSpark.session(), metrics.toString()));
        Files.writeString(ingest.resolve("reconciliation.csv"), String.join("\n",
                "source_file,reason_code,read,accepted,flagged,rejected,ignored",
                "BSAD.csv,ALL,585,556,70,8,21",
                "BSAD.csv,MISSING_FIELD,,,,3,",
                "\"BSID, open.csv\",ALL,61,47,6,10,4",
                "\"BSID, open.csv\",NO_RECORD,,,,4,",
                "kurse.csv,ALL,656,656,2,0,0", ""));
        // Data rows: BSID 61 read less 4 ignored, BSAD 585 less 21, kurse 656; 18 of 1,277 is 1.4%, 10 of 57 17.5%;
        // 1,302 read in all.
        assertEquals("Ingest rejected 18 of the 1,277 data rows (1.4%; of the 1,302 rows read, the mapping ignored "
                + "25): BSID, open.csv 10 of 57 (17.5%), BSAD.csv "
                + "8 of 564 (1.4%). No figure in this report holds what those rows hold; the ingest's rejects.csv "
                + "gives each one's line, field and reason.", IngestRejects.of(TestSpark.session(),
                        metrics.toString()));
        assertNull(IngestRejects.of(TestSpark.session(), dir.resolve("no-metrics").toString()));
    }
}
