package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.cli.Arscope;
import io.arscope.job.ExitCode;
import io.arscope.testing.TestSpark;

/**
 * The cells that once ended an ingest or slipped through it, in one small export run through the command line:
 * each is now a reject of its own row with its reason, and everything else is published.
 *
 * <ul>
 *   <li>{@code 1E999999999} as an amount ended the run with exit 1; {@code 1E10000000} cost seconds of CPU.</li>
 *   <li>A {@code 0001-01-01} customer_since reached the Parquet writer, which refused it: exit 1, customers
 *       half-written.</li>
 *   <li>A byte that is not UTF-8 became U+FFFD and the row was accepted.</li>
 *   <li>A due date of 9999-12-31 was accepted and aged as 2.9 million days from due.</li>
 * </ul>
 */
class HostileCellsIngestTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static int exitCode;

    @BeforeAll
    static void ingest() throws Exception {
        spark = TestSpark.session();
        Path export = Files.createDirectories(dir.resolve("export"));
        ByteArrayOutputStream customers = new ByteArrayOutputStream();
        customers.writeBytes(("customer_id,name,country,region,segment,credit_limit,terms_days,collector,"
                + "customer_since\n"
                + "C1,Acme,US,North America,Enterprise,1000.00,30,ana,2020-01-01\n"
                + "C2,Zero Date Co,US,North America,Enterprise,1000.00,30,ana,0001-01-01\n"
                + "C3,Lake").getBytes(StandardCharsets.UTF_8));
        customers.write(0xFF);
        customers.writeBytes(("side,US,North America,Enterprise,1000.00,30,ana,2020-01-01\n"
                + "C4,Huge Credit,US,North America,Enterprise,1E999999999,30,ana,2020-01-01\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.write(export.resolve("customers.csv"), customers.toByteArray());
        Files.writeString(export.resolve("invoices.csv"), """
                invoice_id,customer_id,invoice_date,due_date,amount,currency,business_unit,terms_days,billing_channel
                I1,C1,2024-01-10,2024-02-09,100.00,USD,Equipment,30,paper
                I2,C1,2024-01-11,2024-02-10,1E999999999,USD,Equipment,30,paper
                I3,C1,2024-01-12,2024-02-11,1E10000000,USD,Equipment,30,paper
                I4,C1,2024-01-13,9999-12-31,50.00,USD,Equipment,30,paper
                I5,C2,2024-01-14,2024-02-13,70.00,USD,Equipment,30,paper
                """);
        Files.writeString(export.resolve("payments.csv"), """
                payment_id,invoice_id,customer_id,payment_date,amount,method
                P1,I1,C1,2024-02-01,100.00,ach
                P2,I4,C1,2024-02-01,50.00,ach
                """);
        Files.writeString(export.resolve("adjustments.csv"),
                "adjustment_id,invoice_id,customer_id,adjustment_date,amount,kind,reason\n");
        Files.writeString(export.resolve("disputes.csv"), "dispute_id,invoice_id,opened_date,resolved_date,reason\n");
        exitCode = Arscope.execute("ingest", "--input", export.toString(), "--mapping",
                IngestJobTest.generatorMapping().toString(), "--output", dir.resolve("out").toString(), "--as-of",
                "2024-12-31", "--max-data-age", "366", "--max-reject-share", "1", "--master", "local[2]");
    }

    @Test
    void theRunFinishesAndEachHostileCellRejectsItsOwnRow() {
        assertEquals(ExitCode.OK, exitCode);
        List<String> rejects = spark.read().parquet(dir.resolve("out/rejects").toString())
                .orderBy(MappedRows.SOURCE_FILE, MappedRows.LINE).collectAsList().stream()
                .map(r -> r.getAs(MappedRows.SOURCE_FILE) + ":" + r.getAs(MappedRows.LINE) + " " + r.getAs("field")
                        + " " + r.getAs("reason_code") + ": " + r.getAs("reason"))
                .toList();
        assertEquals(List.of(
                "customers.csv:3 customer_since DATE_OUT_OF_RANGE: customer_since 0001-01-01 is outside the dates "
                        + "accepted, 1900-01-01 to 2099-12-31 (a placeholder for no date?)",
                "customers.csv:4 null BAD_ENCODING: byte(s) \\xFF at byte 8 of the line are not UTF-8 (the source's "
                        + "encoding; set 'encoding' in its mapping if the file is in another)",
                "customers.csv:5 credit_limit AMOUNT_OUT_OF_RANGE: credit_limit '1E999999999' is beyond "
                        + "999,999,999,999.99, the largest amount accepted",
                "invoices.csv:3 amount AMOUNT_OUT_OF_RANGE: amount '1E999999999' is beyond 999,999,999,999.99, the "
                        + "largest amount accepted",
                "invoices.csv:4 amount AMOUNT_OUT_OF_RANGE: amount '1E10000000' is beyond 999,999,999,999.99, the "
                        + "largest amount accepted",
                "invoices.csv:5 due_date DATE_OUT_OF_RANGE: due_date 9999-12-31 is outside the dates accepted, "
                        + "1900-01-01 to 2099-12-31 (a placeholder for no date?)",
                "invoices.csv:6 customer_id UNKNOWN_CUSTOMER: customer_id C2 is not among the accepted customers",
                "payments.csv:3 invoice_id REJECTED_INVOICE: invoice_id I4 was rejected (invoices.csv line 5: "
                        + "DATE_OUT_OF_RANGE)"), rejects);
    }

    @Test
    void aLineThatIsNotUtf8IsShownWithItsBadByteWrittenOut() {
        Row reject = spark.read().parquet(dir.resolve("out/rejects").toString())
                .filter("reason_code = 'BAD_ENCODING'").first();
        assertEquals("C3,Lake\\xFFside,US,North America,Enterprise,1000.00,30,ana,2020-01-01",
                reject.getAs(MappedRows.RAW));
    }

    @Test
    void everyTableIsWrittenWholeWithTheRowsThatPassed() throws Exception {
        assertEquals(List.of("C1"), ids("customers", "customer_id"));
        assertEquals(List.of("I1"), ids("invoices", "invoice_id"));
        assertEquals(List.of("P1"), ids("payments", "payment_id"));
        assertEquals("""
                source_file,reason_code,read,accepted,flagged,rejected,ignored
                customers.csv,ALL,4,1,0,3,0
                customers.csv,AMOUNT_OUT_OF_RANGE,,,,1,
                customers.csv,BAD_ENCODING,,,,1,
                customers.csv,DATE_OUT_OF_RANGE,,,,1,
                invoices.csv,ALL,5,1,0,4,0
                invoices.csv,AMOUNT_OUT_OF_RANGE,,,,2,
                invoices.csv,DATE_OUT_OF_RANGE,,,,1,
                invoices.csv,UNKNOWN_CUSTOMER,,,,1,
                payments.csv,ALL,2,1,0,1,0
                payments.csv,REJECTED_INVOICE,,,,1,
                """, Files.readString(dir.resolve("out").resolve(IngestTables.RECONCILIATION_CSV)));
    }

    @Test
    void theDateBoundsAreOptionsAndABoundBeforeTheGregorianCalendarIsAUsageError() {
        int code = Arscope.execute("ingest", "--input", dir.resolve("export").toString(), "--mapping",
                IngestJobTest.generatorMapping().toString(), "--output", dir.resolve("ancient").toString(),
                "--earliest-date", "0001-01-01", "--master", "local[2]");
        assertEquals(ExitCode.USAGE, code);
        assertFalse(Files.exists(dir.resolve("ancient")));
    }

    private static List<String> ids(String table, String key) {
        return spark.read().parquet(dir.resolve("out/canonical").resolve(table).toString()).orderBy(key)
                .collectAsList().stream().map(r -> (String) r.getAs(key)).toList();
    }
}
