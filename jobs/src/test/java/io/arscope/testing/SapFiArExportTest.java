package io.arscope.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SAP-shaped fixture holds what its tally says, read off the files it wrote. */
class SapFiArExportTest {

    private static final SapFiArExport.Options SMALL = new SapFiArExport.Options(16, 2_000, LocalDate.of(2023, 1, 1),
            LocalDate.of(2024, 12, 31), SapFiArExport.DateStyle.YYYYMMDD, 20);

    @Test
    void theSameSeedWritesTheSameBytes(@TempDir Path dir) throws Exception {
        SapFiArExport.write(SMALL, dir.resolve("a"));
        SapFiArExport.write(SMALL, dir.resolve("b"));
        for (String file : List.of(SapFiArExport.BSAD, SapFiArExport.BSID)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                    Files.readAllBytes(dir.resolve("b").resolve(file)), file);
        }
    }

    /** A fifth of the invoices are due, and 15% cleared, before their document date: counted off the rows. */
    @Test
    void theOdditiesHaveTheirSharesInTheRows(@TempDir Path dir) throws Exception {
        SapFiArExport.Expected expected = SapFiArExport.write(SMALL, dir);
        assertEquals(2_000, expected.invoices);
        assertEquals(400, expected.dueBeforeIssue);
        assertEquals(300, expected.clearedBeforeIssue);
        List<String[]> invoices = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String file : List.of(SapFiArExport.BSAD, SapFiArExport.BSID)) {
            List<String> lines = Files.readAllLines(dir.resolve(file), StandardCharsets.US_ASCII);
            assertEquals(String.join(";", SapFiArExport.COLUMNS), lines.get(0));
            assertEquals(expected.rows(file), lines.size() - 1, file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(";", -1);
                if (f[12].equals("01") && keys.add(f[0] + f[5] + f[6])) {
                    invoices.add(f);
                }
            }
        }
        assertEquals(2_000, invoices.size());
        // BLDAT, FAEDT and AUGDT as yyyyMMdd compare as text; a migrated invoice has no BLDAT and is in neither count.
        assertEquals(400, invoices.stream().filter(f -> !f[9].equals("00000000") && f[18].compareTo(f[9]) < 0).count());
        assertEquals(300, invoices.stream().filter(f -> !f[9].equals("00000000") && !f[3].equals("00000000")
                && f[3].compareTo(f[9]) < 0).count());
        assertEquals(expected.count(SapFiArExport.Fate.INVOICE), invoices.size());
    }

    @Test
    void theReadBackLedgerHoldsEveryInvoiceOnce(@TempDir Path dir) throws Exception {
        SapFiArExport.Expected expected = SapFiArExport.write(SMALL, dir);
        ReceivablesOracle oracle = SapFiArExport.readBack(dir, SapFiArExport.DateStyle.YYYYMMDD);
        assertEquals(expected.invoices, oracle.invoiceCount());
        assertEquals(expected.count(SapFiArExport.Fate.PAYMENT) + expected.count(SapFiArExport.Fate.ADJUSTMENT),
                oracle.reductionCount());
    }
}
