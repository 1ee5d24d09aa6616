package io.arscope.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryGeneratorTest {

    private static final List<String> FILES = List.of("customers.csv", "invoices.csv", "payments.csv",
            "adjustments.csv", "disputes.csv", HistoryGenerator.TRUTH_FILE);
    private static final GeneratorConfig CONFIG = GeneratorConfig.of(3, 3000, LocalDate.of(2024, 1, 1), 24);

    @TempDir
    static Path dir;
    private static HistoryGenerator.Summary summary;

    @BeforeAll
    static void generate() throws IOException {
        summary = HistoryGenerator.generate(CONFIG, dir.resolve("a"));
    }

    private static List<String[]> rows(String file) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("a").resolve(file));
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }

    private static long cents(String amount) {
        return new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
    }

    @Test
    void theSameSeedWritesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
        HistoryGenerator.generate(CONFIG, dir.resolve("b"));
        HistoryGenerator.generate(new GeneratorConfig(4, CONFIG.invoices(), CONFIG.customers(), CONFIG.start(),
                CONFIG.months()), dir.resolve("c"));
        for (String file : FILES) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(file));
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("b").resolve(file)), file);
            if (!file.equals("customers.csv")) {
                assertFalse(Arrays.equals(a, Files.readAllBytes(dir.resolve("c").resolve(file))), file);
            }
        }
    }

    @Test
    void withoutActivityTheFilesAreByteForByteThoseMadeBeforeActivityExisted()
            throws Exception {
        // SHA-256 of the files the generator wrote for CONFIG before it simulated activity (commit 9982423).
        Map<String, String> before = Map.of(
                "customers.csv", "1d7968511f89c1a8d4f553be7d506f5ed04cb9083d9d7e1a6e5da7f975ef4447",
                "invoices.csv", "b352cfad970eb3a41d276f1c5adc4776a20359613d23dfcdc9e3953e8631b174",
                "payments.csv", "9708a3a087439495f7442c4effcceb202da5db007884ec68d9adc8f6057a415e",
                "adjustments.csv", "f5c0682f408d9a970560fed9f70914ff47767800c8bd1941c7a725892297b478",
                "disputes.csv", "9113ab250f47338f208d47a6401c8402b020ff791280696009a97c26ec2b0e92",
                HistoryGenerator.TRUTH_FILE, "c283245480c8ccde0a26468d68c6b83dd5e36b1af0e46f64d2d81cc2ef3daa95");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String file : FILES) {
            assertEquals(before.get(file), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(
                    dir.resolve("a").resolve(file)))), file);
        }
        try (var files = Files.list(dir.resolve("a"))) {
            assertEquals(FILES.stream().sorted().toList(), files.map(f -> f.getFileName().toString()).sorted()
                    .toList());
        }
        assertEquals(new HistoryGenerator.Summary(summary.customers(), summary.invoices(), summary.payments(),
                summary.adjustments(), summary.disputes(), 0, 0, 0), summary);
    }

    @Test
    void anOnAccountShareBooksSomePaymentsAndCreditMemosOnAccountAndChangesNothingElse() throws IOException {
        GeneratorConfig onAccount = CONFIG.withOnAccountShare(0.05);
        HistoryGenerator.generate(onAccount, dir.resolve("oa"));
        HistoryGenerator.generate(onAccount, dir.resolve("oa2"));
        for (String file : FILES) {
            byte[] a = Files.readAllBytes(dir.resolve("oa").resolve(file));
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("oa2").resolve(file)), file);
            if (!file.equals("payments.csv") && !file.equals("adjustments.csv")) {
                assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)), a, file);
            }
        }
        // The same rows, but for an invoice id left empty on some payments and credit memos, never a write-off's.
        int[] payments = onAccountRows("payments.csv", 1, "");
        int[] memos = onAccountRows("adjustments.csv", 1, "credit_memo");
        assertTrue(payments[0] > 0.04 * payments[1] && payments[0] < 0.06 * payments[1], Arrays.toString(payments));
        assertTrue(memos[0] > 0.02 * memos[1] && memos[0] < 0.08 * memos[1], Arrays.toString(memos));
    }

    /**
     * Compares a file of the on-account history with the plain one row by row: equal but for the invoice id at
     * {@code column}, left empty only on rows of the given kind (any kind when empty); returns how many were left
     * empty and how many rows of that kind there are.
     */
    private static int[] onAccountRows(String file, int column, String kind) throws IOException {
        List<String[]> plain = rows(file);
        List<String> lines = Files.readAllLines(dir.resolve("oa").resolve(file));
        assertEquals(plain.size(), lines.size() - 1, file);
        int empty = 0;
        int ofKind = 0;
        for (int i = 0; i < plain.size(); i++) {
            String[] row = lines.get(i + 1).split(",", -1);
            boolean counts = kind.isEmpty() || Arrays.asList(plain.get(i)).contains(kind);
            ofKind += counts ? 1 : 0;
            if (row[column].isEmpty()) {
                assertTrue(counts, file + " row " + (i + 1) + " is on account: " + lines.get(i + 1));
                assertFalse(row[2].isEmpty(), "an on-account row names its customer: " + lines.get(i + 1));
                empty++;
                row[column] = plain.get(i)[column];
            }
            assertArrayEquals(plain.get(i), row, file + " row " + (i + 1));
        }
        return new int[] {empty, ofKind};
    }

    @Test
    void theSummaryCountsTheRowsWrittenAndTheSizeIsNearTheRequest() throws IOException {
        assertEquals(summary.customers(), rows("customers.csv").size());
        assertEquals(summary.invoices(), rows("invoices.csv").size());
        assertEquals(summary.payments(), rows("payments.csv").size());
        assertEquals(summary.adjustments(), rows("adjustments.csv").size());
        assertEquals(summary.disputes(), rows("disputes.csv").size());
        assertEquals(summary.invoices(), rows(HistoryGenerator.TRUTH_FILE).size());
        assertEquals(200, summary.customers());
        assertTrue(Math.abs(summary.invoices() - 3000) < 150, "invoices " + summary.invoices());
    }

    @Test
    void cashAndCreditsNeverExceedTheInvoiceAndSettledInvoicesCloseExactly() throws IOException {
        Map<String, long[]> invoices = new HashMap<>();
        for (String[] r : rows("invoices.csv")) {
            LocalDate issued = LocalDate.parse(r[2]);
            LocalDate due = LocalDate.parse(r[3]);
            assertFalse(due.isBefore(issued), r[0]);
            assertFalse(issued.isAfter(CONFIG.exportDate()), r[0]);
            invoices.put(r[0], new long[] {cents(r[4]), 0, issued.toEpochDay(), due.toEpochDay(), 0});
        }
        for (String file : List.of("payments.csv", "adjustments.csv")) {
            for (String[] r : rows(file)) {
                long[] inv = invoices.get(r[1]);
                LocalDate date = LocalDate.parse(r[3]);
                assertTrue(date.toEpochDay() >= inv[2] && !date.isAfter(CONFIG.exportDate()), file + " " + r[0]);
                assertTrue(cents(r[4]) > 0, r[0]);
                inv[1] += cents(r[4]);
                inv[4] = Math.max(inv[4], date.toEpochDay());
            }
        }
        long closed = 0;
        for (String[] t : rows(HistoryGenerator.TRUTH_FILE)) {
            long[] inv = invoices.get(t[0]);
            double p = Double.parseDouble(t[1]);
            assertTrue(p > 0 && p < 1, t[0]);
            assertTrue(inv[1] <= inv[0], t[0] + " is over-settled");
            if (inv[1] == inv[0]) {
                closed++;
                // A closed invoice is late exactly when its last payment or write-off came after the due date.
                assertEquals(inv[4] > inv[3] ? "1" : "0", t[2], t[0]);
            }
        }
        assertTrue(closed > 0.9 * invoices.size(), "closed " + closed);
    }

    @Test
    void lateShareAndTrueProbabilitiesAgreeOnAverage() throws IOException {
        double sumP = 0;
        long late = 0;
        long known = 0;
        for (String[] t : rows(HistoryGenerator.TRUTH_FILE)) {
            if (t[2].isEmpty()) {
                continue;
            }
            sumP += Double.parseDouble(t[1]);
            late += t[2].equals("1") ? 1 : 0;
            known++;
        }
        double observed = (double) late / known;
        assertTrue(observed > 0.25 && observed < 0.5, "late share " + observed);
        // Binomial standard error at ~3,000 invoices is under 0.01; allow for the lift of already-late open ones.
        assertEquals(sumP / known, observed, 0.03);
    }
}
