package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.cli.Arscope;
import io.arscope.job.ExitCode;
import io.arscope.job.JobContext;
import io.arscope.model.CanonicalTable;
import io.arscope.samples.CorruptedFixture;
import io.arscope.samples.GeneratorConfig;
import io.arscope.samples.HistoryGenerator;
import io.arscope.testing.TestSpark;

/**
 * The ingest job end to end on a generated history damaged in known ways: every row is accepted or rejected
 * with the reason the fixture put in, and the counts add up.
 */
@Tag("integration")
class IngestJobTest {

    private static final GeneratorConfig HISTORY = GeneratorConfig.of(7, 20_000, LocalDate.of(2024, 1, 1), 24);

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static CorruptedFixture.Expected expected;
    private static IngestJob.Outcome outcome;

    static Path generatorMapping() {
        return Path.of(System.getProperty("arscope.repo.dir"), "data-samples/mappings/arscope-generator.yaml");
    }

    @BeforeAll
    static void ingestCorruptedFixture() throws Exception {
        spark = TestSpark.session();
        HistoryGenerator.generate(HISTORY, dir.resolve("clean"));
        expected = CorruptedFixture.write(dir.resolve("clean"), dir.resolve("fixture"), HISTORY.exportDate());
        outcome = IngestJob.write(JobContext.of(spark, new IngestOptions(dir.resolve("fixture").toString(), generatorMapping(),
                dir.resolve("out").toString(), HISTORY.exportDate(), 1.0)));
    }

    @Test
    void everyFileReconcilesWithTheExactCountsTheFixturePutIn() {
        Map<String, List<Long>> counts = new TreeMap<>();
        for (Reconciliation.FileCounts f : outcome.reconciliation().files()) {
            counts.put(f.file(), List.of(f.read(), f.accepted(), f.flagged(), f.rejected(), f.blank()));
        }
        // read, accepted (of them flagged), rejected, blank lines; the fixture's own tally must say the same.
        assertEquals(Map.of(
                "adjustments.csv", List.of(742L, 728L, 4L, 14L, 0L),
                "customers.csv", List.of(1347L, 1333L, 0L, 14L, 0L),
                "disputes.csv", List.of(783L, 766L, 5L, 17L, 1L),
                "invoices.csv", List.of(20191L, 20026L, 37L, 165L, 0L),
                "payments.csv", List.of(21523L, 21241L, 90L, 282L, 0L)), counts);
        for (Reconciliation.FileCounts f : outcome.reconciliation().files()) {
            assertEquals(expected.rowsPerFile().get(f.file()), f.read(), f.file());
            assertEquals(expected.rejected(f.file()), f.rejected(), f.file());
            assertEquals(expected.rejectedByReason(f.file()), f.rejectedByReason(), f.file());
            assertEquals(expected.flagged(f.file()), f.flagged(), f.file());
            assertEquals(expected.flaggedByRule(f.file()), f.flaggedByRule(), f.file());
            assertEquals(f.read(), f.accepted() + f.rejected(), f.file());
        }
    }

    @Test
    void eachFlagNamesItsRowAndTheRuleTheFixtureBrokeAndTheCanonicalRowCarriesIt() {
        List<String> actual = new java.util.ArrayList<>();
        for (CanonicalTable table : CanonicalTable.values()) {
            spark.read().parquet(dir.resolve("out/canonical").resolve(table.tableName()).toString())
                    .filter(CanonicalTable.QUALITY_FLAGS + " is not null").collectAsList()
                    .forEach(r -> actual.add(table.tableName() + ":" + r.getAs(table.keyField()) + ":"
                            + r.getAs(CanonicalTable.QUALITY_FLAGS)));
        }
        // The fixture damages by file and line; the canonical rows are keyed by id: as many, the same rules.
        assertEquals(expected.flags().size(), actual.size());
        assertEquals(expected.flags().stream().map(CorruptedFixture.ExpectedReject::reasonCode).sorted().toList(),
                actual.stream().map(a -> a.substring(a.lastIndexOf(':') + 1)).sorted().toList());
        List<String> flagged = outcome.quality().stream().filter(c -> c.action().equals("flag"))
                .map(c -> c.code() + " " + c.table() + " " + c.rows()).toList();
        // Dated after the as-of date: 18 invoices, 23 payments and 2 disputes, kept with a flag; the 19 payments and
        // 1 dispute of those invoices are dated before them, so flagged BEFORE_INVOICE beside the fixture's own.
        assertEquals(List.of("DUE_BEFORE_ISSUE invoices 19", "DATED_AFTER_AS_OF disputes 2",
                "DATED_AFTER_AS_OF invoices 18", "DATED_AFTER_AS_OF payments 23", "BEFORE_INVOICE adjustments 2",
                "BEFORE_INVOICE disputes 3", "BEFORE_INVOICE payments 43", "CUSTOMER_MISMATCH adjustments 2",
                "CUSTOMER_MISMATCH payments 24"), flagged);
    }

    @Test
    void eachRejectNamesItsLineAndTheReasonTheFixtureCaused() {
        List<String> actual = spark.read().parquet(dir.resolve("out/rejects").toString())
                .select(MappedRows.SOURCE_FILE, MappedRows.LINE, "reason_code").collectAsList().stream()
                .map(r -> r.getString(0) + ":" + r.getLong(1) + ":" + r.getString(2)).sorted().toList();
        List<String> wanted = expected.rejects().stream().map(r -> r.file() + ":" + r.line() + ":" + r.reasonCode())
                .sorted().toList();
        assertEquals(wanted, actual);
        assertEquals(List.of("BAD_AMOUNT", "BAD_DATE", "BAD_NUMBER", "BAD_VALUE", "DATE_ORDER", "DUPLICATE_ID", "MALFORMED_ROW", "MISSING_FIELD",
                "NON_POSITIVE_AMOUNT", "REJECTED_INVOICE", "UNKNOWN_CUSTOMER", "UNKNOWN_INVOICE"),
                expected.rejects().stream().map(CorruptedFixture.ExpectedReject::reasonCode).distinct().sorted()
                        .toList());
    }

    @Test
    void rejectsCsvCarriesFileLineFieldAndReasonForPeople() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(IngestTables.REJECTS_CSV));
        assertEquals("source_file,line,table,record_id,field,reason_code,reason,raw", lines.get(0));
        assertEquals(expected.rejects().size() + 1, lines.size());
        CorruptedFixture.ExpectedReject firstDateOrder = expected.rejects().stream()
                .filter(r -> r.file().equals("disputes.csv") && r.reasonCode().equals("DATE_ORDER")).findFirst()
                .orElseThrow();
        String line = lines.stream().filter(l -> l.startsWith("disputes.csv," + firstDateOrder.line() + ","))
                .findFirst().orElseThrow();
        assertTrue(line.contains(",disputes,") && line.contains(",resolved_date,DATE_ORDER,resolved_date "), line);
    }

    @Test
    void acceptedRowsLandAsTypedParquetPartitionedByMonth() {
        Dataset<Row> invoices = spark.read().parquet(dir.resolve("out/canonical/invoices").toString());
        assertEquals(20026, invoices.count());
        assertEquals(outcome.records().get(CanonicalTable.INVOICES).longValue(), invoices.count());
        assertEquals("decimal(18,2)", invoices.schema().apply("amount").dataType().simpleString());
        assertEquals("date", invoices.schema().apply("invoice_date").dataType().simpleString());
        assertEquals("string", invoices.schema().apply("month").dataType().simpleString());
        assertEquals(0, invoices.filter("date_format(invoice_date, 'yyyy-MM') <> month").count());
        // A payment names its customer only through its invoice in some exports; here all are filled in.
        Dataset<Row> payments = spark.read().parquet(dir.resolve("out/canonical/payments").toString());
        assertEquals(21241, payments.count());
        assertEquals(0, payments.filter("customer_id is null").count());
    }

    /**
     * Over the reject share: exit 4, and the outputs are written for a person to read but not published, so the
     * output still holds the last good load for the jobs scheduled after this one (here: none yet).
     */
    @Test
    void tooManyRejectsExitsWithItsOwnCodeAndPublishesNothing() throws Exception {
        java.io.StringWriter said = new java.io.StringWriter();
        int code = Arscope.execute(new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(said, true), "ingest", "--input", dir.resolve("fixture").toString(),
                "--mapping", generatorMapping().toString(), "--output", dir.resolve("strict").toString(), "--as-of",
                HISTORY.exportDate().toString(), "--max-reject-share", "0.005", "--master", "local[2]");
        assertEquals(ExitCode.TOO_MANY_REJECTS, code);
        assertFalse(Files.exists(dir.resolve("strict"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        Path version;
        try (java.util.stream.Stream<Path> versions = Files.list(dir.resolve(".strict.versions"))) {
            version = versions.findFirst().orElseThrow();
        }
        assertTrue(Files.exists(version.resolve(IngestTables.RECONCILIATION_CSV)));
        assertTrue(said.toString().contains("arscope ingest: not published (exit 4, too_many_rejects): "
                + dir.resolve("strict") + " still holds the last published outputs, if any; this run's are in "
                + version), said.toString());
        // The warning sends a person to this run's rejects, in that version, not to the last published load's.
        assertTrue(said.toString().contains("%; see " + version.resolve(IngestTables.REJECTS_CSV) + "\n"),
                said.toString());
    }

    /**
     * The bundled sample with its payments export written with its header only, as a failed export job leaves it:
     * every row check passes, so ingest publishes, but warns that no invoice was paid (exit 7). Then with its payments
     * export stopped on 2026-09-12, seven weeks before the invoices' last day: warned of as payments that stop.
     */
    @Test
    void aPaymentsExportWithItsHeaderOnlyIsWarnedOf() throws Exception {
        Path sample = Path.of(System.getProperty("arscope.repo.dir"), "data-samples/sample");
        Path export = Files.createDirectories(dir.resolve("no-payments"));
        try (java.util.stream.Stream<Path> files = Files.list(sample)) {
            for (Path f : files.toList()) {
                Files.copy(f, export.resolve(f.getFileName()));
            }
        }
        Path payments = export.resolve("payments.csv");
        Files.writeString(payments, Files.readAllLines(payments).get(0) + "\n");
        java.io.StringWriter said = new java.io.StringWriter();
        int code = Arscope.execute(new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(said, true), "ingest", "--input", export.toString(), "--mapping",
                generatorMapping().toString(), "--output", dir.resolve("no-payments-out").toString(), "--as-of",
                "2026-10-31", "--master", "local[2]", "--progress", "off");
        assertEquals(ExitCode.PUBLISHED_WITH_WARNINGS, code, said.toString());
        assertTrue(said.toString().contains("no payment at all from payments.csv, while 4,674 invoices fell due 30 "
                + "days or more before 2026-10-31"), said.toString());
        assertTrue(Files.exists(dir.resolve("no-payments-out/ingest-run.json")));

        // The same export whose payments stopped updating after 2026-09-12 while its invoices went on.
        List<String> lines = Files.readAllLines(sample.resolve("payments.csv"));
        List<String> kept = new java.util.ArrayList<>(List.of(lines.get(0)));
        lines.stream().skip(1).filter(l -> l.split(",")[3].compareTo("2026-09-12") <= 0).forEach(kept::add);
        Files.write(payments, kept);
        said = new java.io.StringWriter();
        code = Arscope.execute(new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(said, true), "ingest", "--input", export.toString(), "--mapping",
                generatorMapping().toString(), "--output", dir.resolve("stopped-payments-out").toString(), "--as-of",
                "2026-10-31", "--master", "local[2]", "--progress", "off");
        assertEquals(ExitCode.PUBLISHED_WITH_WARNINGS, code, said.toString());
        assertTrue(said.toString().contains("payments from payments.csv stop on 2026-09-12, 49 days before "
                + "2026-10-31, while invoices run to 2026-10-30, and in the 182 days before it payments never went "
                + "more than a day without one: if the payments export stopped early"), said.toString());
    }

    @Test
    void aMissingInputFileIsAnInputErrorNamingTheFile() {
        int code = Arscope.execute("ingest", "--input", dir.resolve("nowhere").toString(), "--mapping",
                generatorMapping().toString(), "--output", dir.resolve("none").toString(), "--master", "local[2]");
        assertEquals(ExitCode.INPUT, code);
        assertFalse(Files.exists(dir.resolve("none").resolve(IngestTables.RECONCILIATION_CSV)));
        assertFalse(Files.exists(dir.resolve(".none.versions")), "refused before any output folder is made");
    }

    @Test
    void aMappingOfFilesWithoutAnInputFolderIsAUsageError() {
        int code = Arscope.execute("ingest", "--mapping", generatorMapping().toString(), "--output",
                dir.resolve("no-input").toString(), "--master", "local[2]");
        assertEquals(ExitCode.USAGE, code);
    }

    @Test
    void aNegativeFreshnessLimitIsAUsageErrorWithOrWithoutAnAsOfDate() {
        for (List<String> asOf : List.of(List.<String>of(), List.of("--as-of", "2026-10-31"))) {
            java.io.StringWriter said = new java.io.StringWriter();
            List<String> args = new java.util.ArrayList<>(List.of("ingest", "--input",
                    dir.resolve("fixture").toString(), "--mapping", generatorMapping().toString(), "--output",
                    dir.resolve("negative-age").toString(), "--max-data-age", "-3"));
            args.addAll(asOf);
            assertEquals(ExitCode.USAGE, Arscope.execute(new java.io.PrintWriter(new java.io.StringWriter(), true),
                    new java.io.PrintWriter(said, true), args.toArray(String[]::new)), asOf.toString());
            assertTrue(said.toString().contains("--max-data-age must be zero days or more, was -3"), said.toString());
            assertFalse(Files.exists(dir.resolve(".negative-age.versions")), "refused before any output");
        }
    }

    @Test
    void aForeignExportMapsToExactlyTheseCanonicalRows(@TempDir Path export) throws Exception {
        Files.writeString(export.resolve("ar.csv"), String.join("\n",
                "Inv No;Cust;Issued;Due;Amount;Cur;Paid On;Disputed",
                "A-1;K1;3/7/2025;20250406;1.234,50;eur;1746057600000.0;No",
                "A-2;K2;12/31/2024;20250130;99,00;EUR;;Yes",
                "A-3;K1;1/15/2025;20250214;10,00;EUR;1736899200000;No", ""));
        Files.writeString(export.resolve("mapping.yaml"), String.join("\n",
                "description: semicolon export with decimal commas",
                "sources:",
                "  - name: ar",
                "    file: ar.csv",
                "    delimiter: ';'",
                "    decimalSeparator: ','",
                "    groupingSeparator: '.'",
                "    dateFormats: [M/d/yyyy, yyyyMMdd]",
                "    trueValues: ['Yes']",
                "    falseValues: ['No']",
                "    produces:",
                "      invoices:",
                "        fields: {invoice_id: Inv No, customer_id: Cust, invoice_date: Issued, due_date: Due,",
                "                 amount: Amount, currency: Cur}",
                "      payments:",
                "        when: {column: Paid On, present: true}",
                "        fields:",
                "          payment_id: {column: Inv No, prefix: 'P-'}",
                "          invoice_id: Inv No",
                "          payment_date: {column: Paid On, dateFormats: [epoch_millis]}",
                "          amount: Amount",
                "      disputes:",
                "        when: {column: Disputed, flag: true}",
                "        fields: {dispute_id: Inv No, invoice_id: Inv No, opened_date: Issued}", ""));
        IngestJob.Outcome result = IngestJob.write(JobContext.of(spark, new IngestOptions(export.toString(),
                export.resolve("mapping.yaml"), export.resolve("out").toString(), LocalDate.of(2025, 6, 30), 0.0)));
        assertTrue(result.passed());

        Dataset<Row> invoices = spark.read().parquet(export.resolve("out/canonical/invoices").toString())
                .drop("month").orderBy("invoice_id");
        Dataset<Row> expectedInvoices = spark.createDataFrame(List.of(
                RowFactory.create("A-1", "K1", LocalDate.of(2025, 3, 7), LocalDate.of(2025, 4, 6),
                        new BigDecimal("1234.50"), "EUR", null, 30, null, null),
                RowFactory.create("A-2", "K2", LocalDate.of(2024, 12, 31), LocalDate.of(2025, 1, 30),
                        new BigDecimal("99.00"), "EUR", null, 30, null, null),
                RowFactory.create("A-3", "K1", LocalDate.of(2025, 1, 15), LocalDate.of(2025, 2, 14),
                        new BigDecimal("10.00"), "EUR", null, 30, null, null)), asRead(CanonicalTable.INVOICES));
        TestSpark.assertDataFrameEquals(expectedInvoices, invoices);

        Dataset<Row> payments = spark.read().parquet(export.resolve("out/canonical/payments").toString())
                .drop("month").orderBy("payment_id");
        Dataset<Row> expectedPayments = spark.createDataFrame(List.of(
                RowFactory.create("P-A-1", "A-1", "K1", LocalDate.of(2025, 5, 1), new BigDecimal("1234.50"), null,
                        "EUR", null),
                RowFactory.create("P-A-3", "A-3", "K1", LocalDate.of(2025, 1, 15), new BigDecimal("10.00"), null,
                        "EUR", null)),
                asRead(CanonicalTable.PAYMENTS));
        TestSpark.assertDataFrameEquals(expectedPayments, payments);

        List<Row> disputes = spark.read().parquet(export.resolve("out/canonical/disputes").toString())
                .collectAsList();
        assertEquals(1, disputes.size());
        assertEquals("A-2", disputes.get(0).getAs("invoice_id"));
        assertEquals(Map.of("ar.csv", 3L), result.reconciliation().files().stream()
                .collect(Collectors.toMap(Reconciliation.FileCounts::file, Reconciliation.FileCounts::accepted)));
    }

    /**
     * Parquet files read back with every column nullable, whatever the schema they were written with, and the
     * quality flags after the fields.
     */
    private static StructType asRead(CanonicalTable table) {
        return DataTypes.createStructType(java.util.Arrays.stream(table.schema().fields())
                .map(f -> DataTypes.createStructField(f.name(), f.dataType(), true)).toList())
                .add(CanonicalTable.QUALITY_FLAGS, DataTypes.StringType, true);
    }
}
