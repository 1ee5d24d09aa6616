package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.InputException;
import io.arscope.job.JobContext;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.CanonicalSource;
import io.arscope.ledger.LakeSnapshot;
import io.arscope.metrics.DayCount;
import io.arscope.metrics.MetricsJob;
import io.arscope.metrics.MetricsOptions;
import io.arscope.metrics.TrendConfig;
import io.arscope.model.CanonicalTable;
import io.arscope.testing.ExportCut;
import io.arscope.testing.TestSpark;

/**
 * Daily loads into a lake against one full export: the bundled sample cut as an ERP would export it on two days.
 * The first day's export holds what was known by 2026-09-30; the second day's only what is new or changed since (new
 * invoices, payments of old invoices, disputes resolved since, one invoice's due date corrected). Merged one after the
 * other, the lake must hold exactly what ingesting the full export of the second day holds, and the metrics computed
 * on either must be the same files.
 */
@Tag("integration")
class LakeLoadTest {

    private static final LocalDate DAY1 = LocalDate.of(2026, 9, 30);
    private static final LocalDate DAY2 = LocalDate.of(2026, 10, 31);
    private static final String CORRECTED = "INV00000001";
    private static final String ORPHAN_PAYMENT = "PAY-ORPHAN,INV-NOT-THERE,C000008,2026-10-15,10.00,ach";

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static ExportCut split;
    private static IngestJob.Outcome load1;
    private static IngestJob.Outcome load2;

    @BeforeAll
    static void loadBothDaysAndTheFullExport() throws Exception {
        spark = TestSpark.session();
        split = cut(Path.of(System.getProperty("arscope.repo.dir"), "data-samples/sample"));
        String lake = dir.resolve("lake").toString();
        ingest("full", null, DAY2);
        load1 = ingest("day1", lake, DAY1);
        load2 = ingest("day2", lake, DAY2);
    }

    private static IngestJob.Outcome ingest(String export, String lake, LocalDate asOf) throws Exception {
        return IngestJob.write(JobContext.of(spark, options(export, export + "-out", lake, asOf)));
    }

    /** Freshness is checked as {@code arscope run} checks it, with a limit of 7 days: on the day's export. */
    private static IngestOptions options(String export, String output, String lake, LocalDate asOf) {
        return new IngestOptions(dir.resolve(export).toString(), IngestJobTest.generatorMapping(),
                dir.resolve(output).toString(), asOf, 1.0, null, null, ValueBounds.DEFAULT, 7, lake);
    }

    @Test
    void theLakeAfterBothLoadsHoldsWhatTheFullExportHolds() {
        CanonicalSource full = CanonicalSource.at(spark, dir.resolve("full-out/canonical").toString());
        CanonicalSource lake = CanonicalSource.at(spark, dir.resolve("day2-out/canonical").toString());
        for (CanonicalTable table : CanonicalTable.values()) {
            List<String> expected = rows(full, table);
            assertEquals(expected, rows(lake, table), table.tableName());
        }
        assertEquals(5030, rows(lake, CanonicalTable.INVOICES).size());
    }

    @Test
    void theSecondLoadAddsTheNewAndReplacesTheChangedRecords() {
        LakeTables.TableLoad invoices = load2.lakeLoads().get(CanonicalTable.INVOICES);
        assertEquals(split.delta(CanonicalTable.INVOICES), invoices.inserted());
        assertEquals(1, invoices.updated());
        LakeTables.TableLoad disputes = load2.lakeLoads().get(CanonicalTable.DISPUTES);
        assertEquals(split.delta(CanonicalTable.DISPUTES) - split.resolvedIds().size(), disputes.inserted());
        assertEquals(3, split.resolvedIds().size());
        assertEquals(3, disputes.updated());
        // Payments of invoices loaded on the first day are accepted: the lake's invoices are known to the checks.
        LakeTables.TableLoad payments = load2.lakeLoads().get(CanonicalTable.PAYMENTS);
        assertEquals(split.delta(CanonicalTable.PAYMENTS), payments.inserted());
        assertTrue(split.paymentsOfDay1Invoices() > 0);
        assertEquals(0, payments.updated());
        assertEquals("2026-10-31", load2.freshness().latest());
    }

    @Test
    void aPaymentOfAnInvoiceNeitherExportedNorInTheLakeIsRejected() {
        List<Row> rejects = spark.read().parquet(dir.resolve("day2-out/rejects").toString()).collectAsList();
        assertEquals(1, rejects.size());
        assertEquals("PAY-ORPHAN UNKNOWN_INVOICE", rejects.get(0).getAs("record_id") + " "
                + rejects.get(0).getAs("reason_code"));
        assertEquals(1, load2.reconciliation().rejected());
    }

    @Test
    void aLoadOlderThanTheLatestIsRefusedBeforeItTouchesTheLake() {
        String lake = dir.resolve("lake").toString();
        InputException refused = assertThrows(InputException.class,
                () -> IngestJob.write(JobContext.of(spark, options("day1", "day1-again-out", lake, DAY1))));
        assertEquals("the lake " + lake + " holds loads up to 2026-10-31: a load as of 2026-09-30 would put older "
                + "rows over newer ones. To rerun the jobs of 2026-09-30, give them that day's ingest output, which "
                + "reads the lake as it was then (arscope run --from metrics)", refused.getMessage());
    }

    /**
     * The first day's export sent again as of 2026-10-31, an extract that stopped updating: its latest row is
     * 2026-09-30, 31 days old. It was judged by the lake it was merged into (a day old) and merged, its old rows over
     * newer ones, with the lake's latest load moved to its date. It is stale (exit 8) and merges nothing: the lake's
     * versions and latest load stay those of the first day.
     */
    @Test
    void aStaleExportIsJudgedByItsOwnRowsAndMergesNothing() throws Exception {
        String lake = dir.resolve("stale-lake").toString();
        IngestJob.Outcome first = ingest("day1", lake, DAY1);
        IngestJob.Outcome stale = IngestJob.write(JobContext.of(spark, options("day1", "stale-out", lake, DAY2)));
        assertTrue(stale.freshness().stale());
        assertEquals("2026-09-30", stale.freshness().latest());
        assertEquals(31L, stale.freshness().ageDays());
        assertTrue(stale.lakeLoads().isEmpty());
        LakeSnapshot kept = LakeSnapshot.in(spark, dir.resolve("stale-out/canonical").toString());
        assertEquals(first.lakeLoads().get(CanonicalTable.INVOICES).version(), kept.version(CanonicalTable.INVOICES));
        assertEquals("2026-09-30", Files.readString(Path.of(lake, "_latest_load")).strip());
    }

    @Test
    void theFirstDaysIngestStillReadsTheLakeAsItWasThatDay() {
        LakeSnapshot first = LakeSnapshot.in(spark, dir.resolve("day1-out/canonical").toString());
        assertEquals(load1.lakeLoads().get(CanonicalTable.INVOICES).version(), first.version(CanonicalTable.INVOICES));
        CanonicalSource day1 = CanonicalSource.at(spark, dir.resolve("day1-out/canonical").toString());
        assertEquals(split.day1(CanonicalTable.INVOICES), rows(day1, CanonicalTable.INVOICES).size());
        Map<String, Row> disputes = day1.read(CanonicalTable.DISPUTES).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("dispute_id"), r -> r));
        for (String resolvedLater : split.resolvedIds()) {
            assertNull(disputes.get(resolvedLater).getAs("resolved_date"), resolvedLater);
        }
        assertEquals(LocalDate.of(2024, 1, 23), day1.read(CanonicalTable.INVOICES)
                .filter("invoice_id = '" + CORRECTED + "'").first().getAs("due_date"));
    }

    @Test
    void metricsOnTheLakeAreTheMetricsOnTheFullExport() throws Exception {
        Map<String, byte[]> full = csvFiles(metrics("full-out", "metrics-full"));
        Map<String, byte[]> lake = csvFiles(metrics("day2-out", "metrics-lake"));
        assertTrue(full.size() >= 10, full.keySet().toString());
        assertEquals(full.keySet(), lake.keySet());
        full.forEach((name, bytes) -> assertEquals(new String(bytes, StandardCharsets.UTF_8),
                new String(lake.get(name), StandardCharsets.UTF_8), name));
    }

    private static Path metrics(String ingest, String output) throws Exception {
        MetricsJob.write(JobContext.of(spark, new MetricsOptions(dir.resolve(ingest).toString(),
                dir.resolve(output).toString(), DAY2, AgingBuckets.DEFAULT, List.of(), DayCount.ACTUAL, 0, 12, 1.0,
                TrendConfig.DEFAULT)));
        return dir.resolve(output);
    }

    private static Map<String, byte[]> csvFiles(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) tree.filter(p -> p.toString().endsWith(".csv"))::iterator) {
                files.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** A table's canonical columns and quality flags, a row per line, sorted. */
    private static List<String> rows(CanonicalSource source, CanonicalTable table) {
        List<String> columns = new ArrayList<>(table.fields().stream().map(f -> f.name()).toList());
        columns.add(CanonicalTable.QUALITY_FLAGS);
        return source.read(table).selectExpr(columns.toArray(String[]::new)).collectAsList().stream()
                .map(Row::toString).sorted().toList();
    }

    /**
     * The sample cut at the first day ({@link ExportCut}), plus what a full export would not make plain: one invoice's
     * due date corrected on the second day, and a payment of an invoice nobody exported. The full export of the
     * second day is the sample with both.
     */
    private static ExportCut cut(Path sample) throws IOException {
        ExportCut cut = ExportCut.of(sample, DAY1, dir.resolve("day1"), dir.resolve("day2"));
        Files.createDirectories(dir.resolve("full"));
        for (String table : cut.day1Rows().keySet()) {
            List<String> lines = new ArrayList<>(Files.readAllLines(sample.resolve(table + ".csv")));
            if (table.equals("invoices")) {
                String original = lines.stream().filter(l -> l.startsWith(CORRECTED + ",")).findFirst().orElseThrow();
                String corrected = original.replace(",2024-01-23,", ",2024-02-02,");
                lines.set(lines.indexOf(original), corrected);
                Files.writeString(dir.resolve("day2/invoices.csv"), corrected + "\n", StandardOpenOption.APPEND);
            } else if (table.equals("payments")) {
                lines.add(ORPHAN_PAYMENT);
                Files.writeString(dir.resolve("day2/payments.csv"), ORPHAN_PAYMENT + "\n", StandardOpenOption.APPEND);
            }
            Files.write(dir.resolve("full").resolve(table + ".csv"), lines);
        }
        return cut;
    }
}
