package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.cli.Arscope;
import io.arscope.job.ExitCode;
import io.arscope.testing.IbmExport;
import io.arscope.testing.TestSpark;

/**
 * An export of IBM's shape (an invoice and its settlement on one line) taken after the day it is ingested as of,
 * 2013-09-30, through the shipped mapping. A settlement dated after that day once rejected its line, and with it the
 * invoice open on the day: the AR of the month read 0.00. Worked by hand:
 *
 * <pre>
 * line  invoice      issued      due         amount  disputed  settled     on 2013-09-30
 * 2     0000000001   2013-09-01  2013-10-01  100.00  No        2013-09-20  paid
 * 3     0000000002   2013-09-10  2013-10-10  250.50  No        2013-10-17  open
 * 4     0000000003   2013-08-15  2013-09-14   40.00  Yes       2013-10-02  open, 16 days past due, in dispute
 * 5     0000000004   2013-10-05  2013-11-04   75.00  No        2013-10-20  not issued yet
 * </pre>
 *
 * Ending AR of 2013-09: 250.50 + 40.00 = 290.50, of it disputed 40.00 and past due 40.00; billed in 2013-09: 100.00
 * + 250.50 = 350.50; collected in it 100.00. Lines 3-5 are flagged {@code DATED_AFTER_AS_OF} (the settlement, and on
 * line 4 the dispute's resolution; on line 5 the invoice), none rejected.
 */
@Tag("integration")
class IbmExportAsOfInsideTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static int ingestExit;
    private static int metricsExit;

    @BeforeAll
    static void ingestAndMeasure() throws Exception {
        spark = TestSpark.session();
        Path export = IbmExport.write(dir,
                "391,0379-NEVHP,4/6/2013,0000000001,9/1/2013,10/1/2013,100.00,No,9/20/2013,Paper,19,0",
                "391,0379-NEVHP,4/6/2013,0000000002,9/10/2013,10/10/2013,250.50,No,10/17/2013,Paper,37,7",
                "406,8976-AMJEO,3/3/2012,0000000003,8/15/2013,9/14/2013,40.00,Yes,10/2/2013,Electronic,48,18",
                "406,8976-AMJEO,3/3/2012,0000000004,10/5/2013,11/4/2013,75.00,No,10/20/2013,Electronic,15,0");
        String mapping = IbmExport.mapping();
        ingestExit = Arscope.execute("ingest", "--input", export.toString(), "--mapping", mapping, "--output",
                dir.resolve("ingest").toString(), "--as-of", "2013-09-30", "--max-data-age", "30", "--master",
                "local[2]");
        // No --as-of: the ingest's, not the export's latest date (2013-10-20).
        metricsExit = Arscope.execute("metrics", "--input", dir.resolve("ingest").toString(), "--output",
                dir.resolve("metrics").toString(), "--master", "local[2]");
    }

    @Test
    void everyLineIsAcceptedAndTheLaterOnesFlagged() throws Exception {
        assertEquals(ExitCode.OK, ingestExit);
        // read, accepted, flagged, rejected, ignored; then the flagged lines by rule.
        assertEquals(List.of("ibm-accounts-receivable.csv,ALL,4,4,3,0,0",
                        "ibm-accounts-receivable.csv,DATED_AFTER_AS_OF,,,3,,"),
                Files.readAllLines(dir.resolve("ingest").resolve(IngestTables.RECONCILIATION_CSV)).subList(1, 3));
        List<String> flagged = spark.read().parquet(dir.resolve("ingest/canonical/payments").toString())
                .orderBy("payment_id").collectAsList().stream()
                .map(r -> r.getAs("invoice_id") + " " + r.getAs("quality_flags")).toList();
        assertEquals(List.of("0000000001 null", "0000000002 DATED_AFTER_AS_OF", "0000000003 DATED_AFTER_AS_OF",
                "0000000004 DATED_AFTER_AS_OF"), flagged);
    }

    @Test
    void theMonthsAreMeasuredAsOfTheIngestDayWithTheInvoicesOpenOnIt() {
        assertEquals(ExitCode.OK, metricsExit);
        Row september = spark.read().parquet(dir.resolve("metrics/period_metrics").toString())
                .filter("dimension = 'total' and period_type = 'month' and period = '2013-09'").first();
        assertEquals(Map.of("ending_ar", new BigDecimal("290.50"), "disputed_ar", new BigDecimal("40.00"),
                        "past_due_ar", new BigDecimal("40.00"), "credit_sales", new BigDecimal("350.50"),
                        "collections", new BigDecimal("100.00")),
                Map.of("ending_ar", september.getAs("ending_ar"), "disputed_ar", september.getAs("disputed_ar"),
                        "past_due_ar", september.getAs("past_due_ar"), "credit_sales", september.getAs("credit_sales"),
                        "collections", september.getAs("collections")));
        assertEquals(0, spark.read().parquet(dir.resolve("metrics/period_metrics").toString())
                .filter("period_type = 'month' and period >= '2013-10'").count());
    }
}
