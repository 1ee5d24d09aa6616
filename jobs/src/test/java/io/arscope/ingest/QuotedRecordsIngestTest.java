package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.job.JobContext;
import io.arscope.testing.TestSpark;

/**
 * A CSV export as RFC 4180 writes it (a byte order mark, CR LF line ends, quoted fields holding line breaks and
 * doubled quotes) plus one record with a byte that is not UTF-8, ingested with splits forced so small that the file
 * is read as three byte ranges, each boundary inside a record that spans lines: every record is read once, whole,
 * and named by the line it starts on.
 */
class QuotedRecordsIngestTest {

    private static final String TAIL = ",US,North America,Enterprise,1000.00,30,ana,2020-01-01\r\n";
    private static final String MAX_PARTITION_BYTES = "spark.sql.files.maxPartitionBytes";
    private static final String OPEN_COST = "spark.sql.files.openCostInBytes";

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static byte[] customers;
    private static long splitSize;
    private static IngestJob.Outcome outcome;

    @BeforeAll
    static void ingest() throws Exception {
        spark = TestSpark.session();
        Path export = Files.createDirectories(dir.resolve("export"));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        file.writeBytes(utf8("customer_id,name,country,region,segment,credit_limit,terms_days,collector,"
                + "customer_since\r\n"
                + "C1,\"Acme\r\n" + "West, Inc. " + "w".repeat(150) + "\"" + TAIL
                + "C2,\"Say \"\"Hi\"\" Co\"" + TAIL
                + "C3,\"Lake\nside"));
        file.write(0xFF);
        file.writeBytes(utf8(" Park\"" + TAIL
                + "C4,Plain" + TAIL
                + "C5,\"Multi\n" + "m".repeat(150) + "\nthree\"" + TAIL
                + "C6,Last" + TAIL.strip()));
        customers = file.toByteArray();
        Files.write(export.resolve("customers.csv"), customers);
        Files.writeString(export.resolve("invoices.csv"),
                "invoice_id,customer_id,invoice_date,due_date,amount,currency,business_unit,terms_days,billing_channel\n");
        Files.writeString(export.resolve("payments.csv"),
                "payment_id,invoice_id,customer_id,payment_date,amount,method\n");
        Files.writeString(export.resolve("adjustments.csv"),
                "adjustment_id,invoice_id,customer_id,adjustment_date,amount,kind,reason\n");
        Files.writeString(export.resolve("disputes.csv"), "dispute_id,invoice_id,opened_date,resolved_date,reason\n");
        // Three ranges: Spark's rule takes the smaller of maxPartitionBytes and the file's share of the cores.
        splitSize = (customers.length + 2) / 3;
        spark.conf().set(MAX_PARTITION_BYTES, splitSize);
        spark.conf().set(OPEN_COST, 1);
        outcome = IngestJob.write(JobContext.of(spark, new IngestOptions(export.toString(),
                IngestJobTest.generatorMapping(), dir.resolve("out").toString(), LocalDate.of(2024, 12, 31), 1.0)));
    }

    @AfterAll
    static void restoreSplits() {
        spark.conf().unset(MAX_PARTITION_BYTES);
        spark.conf().unset(OPEN_COST);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFileIsReadInThreeRangesEachCutInsideARecordOverSeveralLines() throws Exception {
        String text = new String(customers, StandardCharsets.ISO_8859_1);
        assertTrue(text.indexOf("C1,") < splitSize && splitSize < text.indexOf("C2,"), "first cut inside C1");
        assertTrue(text.indexOf("C5,") < 2 * splitSize && 2 * splitSize < text.indexOf("C6,"), "second cut inside C5");
        FileStatus status = org.apache.hadoop.fs.FileSystem.getLocal(new Configuration())
                .getFileStatus(new org.apache.hadoop.fs.Path(dir.resolve("export/customers.csv").toString()));
        Mapping mapping = Mapping.load(IngestJobTest.generatorMapping());
        RecordFramer framer = RecordFramer.of(mapping.sources().stream()
                .filter(s -> s.file().equals("customers.csv")).findFirst().orElseThrow());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String> records = FileSplits.records(spark, jsc.broadcast(new SerializableWritable<>(
                spark.sparkContext().hadoopConfiguration())), status, framer)
                .map(r -> r.line() + ":" + new String(r.bytes(), StandardCharsets.UTF_8).substring(0, 2)).collect();
        assertEquals(List.of("1:\uFEFFc", "2:C1", "4:C2", "5:C3", "7:C4", "8:C5", "11:C6"), records);
        assertEquals(3, FileSplits.records(spark, jsc.broadcast(new SerializableWritable<>(
                spark.sparkContext().hadoopConfiguration())), status, framer).getNumPartitions());
    }

    @Test
    void eachRecordIsReadOnceWholeWithItsLineBreaksAndQuotes() {
        List<String> names = spark.read().parquet(dir.resolve("out/canonical/customers").toString())
                .orderBy("customer_id").collectAsList().stream()
                .map(r -> r.getAs("customer_id") + "=" + r.getAs("name")).toList();
        assertEquals(List.of("C1=Acme\r\nWest, Inc. " + "w".repeat(150), "C2=Say \"Hi\" Co", "C4=Plain",
                "C5=Multi\n" + "m".repeat(150) + "\nthree", "C6=Last"), names);
        Reconciliation.FileCounts counts = outcome.reconciliation().files().stream()
                .filter(f -> f.file().equals("customers.csv")).findFirst().orElseThrow();
        assertEquals(List.of(6L, 5L, 1L, 0L), List.of(counts.read(), counts.accepted(), counts.rejected(),
                counts.blank()));
    }

    @Test
    void aBadByteRejectsOnlyItsRecordNamingTheLineItStartsOnAndTheLineOfTheByte() {
        List<Row> rejects = spark.read().parquet(dir.resolve("out/rejects").toString()).collectAsList();
        assertEquals(1, rejects.size());
        Row reject = rejects.get(0);
        assertEquals("customers.csv:5 BAD_ENCODING: byte(s) \\xFF at byte 5 of line 6 are not UTF-8 (the source's "
                + "encoding; set 'encoding' in its mapping if the file is in another)", reject.getAs(MappedRows.SOURCE_FILE)
                + ":" + reject.getAs(MappedRows.LINE) + " " + reject.getAs("reason_code") + ": " + reject.getAs("reason"));
        assertEquals("C3,\"Lake\nside\\xFF Park\"" + TAIL.strip(), reject.getAs(MappedRows.RAW));
    }
}
