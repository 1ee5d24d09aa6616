package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.ExitCode;
import io.arscope.testing.ExportRun;
import io.arscope.testing.SapFiArExport;

/**
 * The same SAP-shaped extract written twice, dates as yyyyMMdd (00000000 for no date) and as epoch milliseconds (an
 * empty cell for no date), ingested with the shipped mapping and with the one change the mapping's notes give for
 * the epoch variant: the same canonical records come out.
 */
@Tag("integration")
class SapFiArEpochTest {

    private static final SapFiArExport.Options SAP_DATES = new SapFiArExport.Options(21, 1_500,
            LocalDate.of(2023, 7, 1), LocalDate.of(2024, 6, 30), SapFiArExport.DateStyle.YYYYMMDD, 10);

    @TempDir
    static Path dir;
    private static ExportRun sap;
    private static ExportRun epoch;
    private static SapFiArExport.Expected expected;

    @BeforeAll
    static void ingestBothVariants() throws Exception {
        expected = SapFiArExport.write(SAP_DATES, dir.resolve("sap"));
        SapFiArExport.write(new SapFiArExport.Options(SAP_DATES.seed(), SAP_DATES.invoices(), SAP_DATES.from(),
                SAP_DATES.asOf(), SapFiArExport.DateStyle.EPOCH_MILLIS, SAP_DATES.unknownInvoicePayments()),
                dir.resolve("epoch"));
        Path shipped = ExportRun.shippedMapping("sap-fi-ar.yaml");
        String yaml = Files.readString(shipped);
        assertTrue(yaml.contains("dateFormats: [yyyyMMdd]"));
        Path epochMapping = dir.resolve("sap-fi-ar-epoch.yaml");
        Files.writeString(epochMapping, yaml.replace("dateFormats: [yyyyMMdd]", "dateFormats: [epoch_millis]"));
        sap = ExportRun.ingest(dir.resolve("sap"), shipped, SAP_DATES.asOf(), dir.resolve("sap-run"));
        epoch = ExportRun.ingest(dir.resolve("epoch"), epochMapping, SAP_DATES.asOf(), dir.resolve("epoch-run"));
    }

    @Test
    void bothVariantsGiveTheSameRecords() {
        assertEquals(ExitCode.OK, sap.ingest.code(), sap.ingest.err());
        assertEquals(ExitCode.OK, epoch.ingest.code(), epoch.ingest.err());
        Map<String, Long> records = Map.of("customers", expected.customers, "invoices", expected.invoices,
                "payments", expected.count(SapFiArExport.Fate.PAYMENT),
                "adjustments", expected.count(SapFiArExport.Fate.ADJUSTMENT));
        records.forEach((table, count) -> {
            List<String> fromSap = rows(sap, table);
            assertEquals(count.longValue(), fromSap.size(), table);
            assertEquals(fromSap, rows(epoch, table), table);
        });
        assertEquals(1_500, expected.invoices);
    }

    private static List<String> rows(ExportRun run, String table) {
        return run.canonical(table).collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
