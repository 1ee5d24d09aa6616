package io.arscope.samples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A copy of a clean generated history with about one row in a hundred of every file damaged in a known way,
 * and the lists of rejects and of flags an ingest must report for it under the default data-quality policy:
 * file, line and rule code. Each damage introduces exactly one problem, so the expected rule is unambiguous.
 * A fault is rejected; a business oddity (an invoice due before issue, a payment, credit memo or dispute dated
 * before its invoice, a customer other than its invoice's) is accepted and flagged. Rejected invoices take their
 * payments, adjustments and disputes down with them (reason {@code REJECTED_INVOICE}), which the list includes;
 * flagged ones do not.
 *
 * <p>Rule codes are the names of the ingest's reject reasons; this module does not depend on the ingest, so
 * the two are tied together by the test that compares them.
 */
public final class CorruptedFixture {

    /** The file listing every expected reject: {@code source_file,line,reason_code}. */
    public static final String EXPECTED_REJECTS = "expected-rejects.csv";
    /** The file listing every expected flag: {@code source_file,line,reason_code}. */
    public static final String EXPECTED_FLAGS = "expected-flags.csv";

    /** One expected reject, or flag. Lines count from 1, the header being line 1. */
    public record ExpectedReject(String file, long line, String reasonCode) {
    }

    /**
     * What the fixture holds: data rows per file (blank lines excluded), blank lines per file, the rejects, and the
     * flags (one per row: each flagged row breaks one rule).
     */
    public record Expected(Map<String, Long> rowsPerFile, Map<String, Long> blankPerFile, List<ExpectedReject> rejects,
            List<ExpectedReject> flags) {

        public long rejected(String file) {
            return rejects.stream().filter(r -> r.file().equals(file)).count();
        }

        public Map<String, Long> rejectedByReason(String file) {
            return byReason(rejects, file);
        }

        public long flagged(String file) {
            return flags.stream().filter(r -> r.file().equals(file)).count();
        }

        public Map<String, Long> flaggedByRule(String file) {
            return byReason(flags, file);
        }

        private static Map<String, Long> byReason(List<ExpectedReject> rows, String file) {
            Map<String, Long> counts = new TreeMap<>();
            rows.stream().filter(r -> r.file().equals(file)).forEach(r -> counts.merge(r.reasonCode(), 1L, Long::sum));
            return counts;
        }
    }

    private static final String CUSTOMERS = "customers.csv";
    private static final String INVOICES = "invoices.csv";
    private static final String PAYMENTS = "payments.csv";
    private static final String ADJUSTMENTS = "adjustments.csv";
    private static final String DISPUTES = "disputes.csv";
    private static final String UNKNOWN_INVOICE_ID = "INV99999999";
    /** The damages that are business oddities, which the default policy accepts with a flag. */
    private static final Set<String> FLAGGED = Set.of("DUE_BEFORE_ISSUE", "BEFORE_INVOICE", "CUSTOMER_MISMATCH",
            "DATED_AFTER_AS_OF");

    private final LocalDate asOf;
    private final List<ExpectedReject> rejects = new ArrayList<>();
    private final List<ExpectedReject> flags = new ArrayList<>();
    private final Map<String, Long> rows = new TreeMap<>();
    private final Map<String, Long> blanks = new TreeMap<>();
    private final Map<String, String[]> invoices = new HashMap<>();
    private final Set<String> rejectedInvoices = new HashSet<>();
    /** Invoices moved after the as-of date, so every row of theirs, dated before, is dated before its invoice. */
    private final Set<String> laterInvoices = new HashSet<>();

    private CorruptedFixture(LocalDate asOf) {
        this.asOf = asOf;
    }

    /**
     * Writes the damaged copy of {@code cleanDir} (a history as {@link HistoryGenerator} writes it) to
     * {@code outDir}, with {@link #EXPECTED_REJECTS} beside it, for an ingest run as of {@code asOf}.
     */
    public static Expected write(Path cleanDir, Path outDir, LocalDate asOf) throws IOException {
        Files.createDirectories(outDir);
        CorruptedFixture fixture = new CorruptedFixture(asOf);
        List<String> invoiceLines = Files.readAllLines(cleanDir.resolve(INVOICES), StandardCharsets.UTF_8);
        for (String line : invoiceLines.subList(1, invoiceLines.size())) {
            String[] f = line.split(",", -1);
            fixture.invoices.put(f[0], f);
        }
        fixture.customers(cleanDir, outDir);
        fixture.invoicesFile(cleanDir, outDir);
        fixture.dependents(cleanDir, outDir, PAYMENTS, List.of("BEFORE_INVOICE", "UNKNOWN_INVOICE",
                "CUSTOMER_MISMATCH", "NON_POSITIVE_AMOUNT", "BAD_AMOUNT", "BAD_DATE", "DUPLICATE_ID",
                "DATED_AFTER_AS_OF", "MISSING_FIELD"));
        fixture.dependents(cleanDir, outDir, ADJUSTMENTS, List.of("BAD_VALUE", "NON_POSITIVE_AMOUNT",
                "BEFORE_INVOICE", "UNKNOWN_INVOICE", "DUPLICATE_ID", "CUSTOMER_MISMATCH", "MISSING_FIELD"));
        fixture.dependents(cleanDir, outDir, DISPUTES, List.of("DATE_ORDER", "BEFORE_INVOICE", "UNKNOWN_INVOICE",
                "BAD_DATE", "DUPLICATE_ID", "DATED_AFTER_AS_OF"));
        writeList(outDir.resolve(EXPECTED_REJECTS), fixture.rejects);
        writeList(outDir.resolve(EXPECTED_FLAGS), fixture.flags);
        return new Expected(Map.copyOf(fixture.rows), Map.copyOf(fixture.blanks), List.copyOf(fixture.rejects),
                List.copyOf(fixture.flags));
    }

    private static void writeList(Path file, List<ExpectedReject> rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("source_file,line,reason_code\n");
            for (ExpectedReject r : rows) {
                w.write(r.file() + "," + r.line() + "," + r.reasonCode() + "\n");
            }
        }
    }

    /** Customers have invoices hanging off them, so the damaged customer rows are extra rows inserted. */
    private void customers(Path cleanDir, Path outDir) throws IOException {
        List<String> kinds = List.of("DUPLICATE_ID", "BAD_AMOUNT", "BAD_NUMBER", "BAD_DATE", "MISSING_FIELD",
                "MALFORMED_ROW", "NON_POSITIVE_AMOUNT");
        try (Out out = new Out(outDir, CUSTOMERS)) {
            List<String> lines = Files.readAllLines(cleanDir.resolve(CUSTOMERS), StandardCharsets.UTF_8);
            out.header(lines.get(0));
            int step = step(lines.size() - 1, kinds.size());
            int made = 0;
            for (int i = 1; i < lines.size(); i++) {
                out.row(lines.get(i));
                if (i % step == 0 && made < kinds.size() * 3) {
                    String kind = kinds.get(made % kinds.size());
                    String[] f = lines.get(i).split(",", -1);
                    String newId = String.format("CX%05d", made++);
                    switch (kind) {
                        // Another name: an exact copy would be a repeat, ignored.
                        case "DUPLICATE_ID" -> f[1] = f[1] + " (2)";
                        case "MALFORMED_ROW" -> f = new String[] {newId, f[1], f[2]};
                        default -> {
                            f[0] = newId;
                            switch (kind) {
                                case "BAD_AMOUNT" -> f[5] = "12000.5x";
                                case "BAD_NUMBER" -> f[6] = "net 30";
                                case "BAD_DATE" -> f[8] = "2021-02-30";
                                case "MISSING_FIELD" -> f[0] = "";
                                case "NON_POSITIVE_AMOUNT" -> f[5] = "-500.00";
                                default -> throw new IllegalStateException(kind);
                            }
                        }
                    }
                    out.reject(String.join(",", f), kind);
                }
            }
        }
    }

    /** An invoice line's fields with its amount (a number with two decimals) raised by one cent. */
    private static String[] otherAmount(String[] invoice) {
        String[] f = invoice.clone();
        f[4] = new java.math.BigDecimal(f[4]).add(new java.math.BigDecimal("0.01")).toPlainString();
        return f;
    }

    private void invoicesFile(Path cleanDir, Path outDir) throws IOException {
        // Damaged in place: each fault takes the rows that depend on it down; an oddity is flagged and does not.
        List<String> inPlace = List.of("BAD_DATE", "DUE_BEFORE_ISSUE", "NON_POSITIVE_AMOUNT", "BAD_AMOUNT", "MISSING_FIELD",
                "UNKNOWN_CUSTOMER", "BAD_VALUE", "DATED_AFTER_AS_OF", "BAD_NUMBER");
        // Inserted: a second row with an id already used and another amount (an exact copy of a row is a repeat,
        // ignored, not a duplicate), and a row that is not a row.
        List<String> inserted = List.of("DUPLICATE_ID", "MALFORMED_ROW");
        try (Out out = new Out(outDir, INVOICES)) {
            List<String> lines = Files.readAllLines(cleanDir.resolve(INVOICES), StandardCharsets.UTF_8);
            out.header(lines.get(0));
            int step = step(lines.size() - 1, inPlace.size() + inserted.size());
            int made = 0;
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",", -1);
                if (i % step != step / 2) {
                    out.row(lines.get(i));
                    continue;
                }
                int k = made++ % (inPlace.size() + inserted.size());
                if (k >= inPlace.size()) {
                    out.row(lines.get(i));
                    String kind = inserted.get(k - inPlace.size());
                    String copy = kind.equals("DUPLICATE_ID") ? String.join(",", otherAmount(f))
                            : String.join(",", f[0] + "X", f[1], f[2]);
                    out.reject(copy, kind);
                    continue;
                }
                String kind = inPlace.get(k);
                LocalDate issued = LocalDate.parse(f[2]);
                switch (kind) {
                    case "BAD_DATE" -> f[2] = issued.getYear() + "-02-30";
                    case "DUE_BEFORE_ISSUE" -> f[3] = issued.minusDays(1).toString();
                    case "NON_POSITIVE_AMOUNT" -> f[4] = "0.00";
                    case "BAD_AMOUNT" -> f[4] = f[4] + "5";
                    case "MISSING_FIELD" -> f[1] = "";
                    case "UNKNOWN_CUSTOMER" -> f[1] = "C999999";
                    case "BAD_VALUE" -> f[8] = "fax";
                    case "DATED_AFTER_AS_OF" -> {
                        f[2] = asOf.plusDays(5).toString();
                        f[3] = asOf.plusDays(35).toString();
                    }
                    case "BAD_NUMBER" -> f[7] = "thirty";
                    default -> throw new IllegalStateException(kind);
                }
                if (kind.equals("DATED_AFTER_AS_OF")) {
                    laterInvoices.add(f[0]);
                }
                if (FLAGGED.contains(kind)) {
                    out.flag(String.join(",", f), kind);
                } else {
                    rejectedInvoices.add(f[0]);
                    out.reject(String.join(",", f), kind);
                }
            }
        }
    }

    /**
     * Payments, adjustments and disputes: rows of a damaged invoice are expected as REJECTED_INVOICE, and rows of an
     * invoice moved after the as-of date as flagged BEFORE_INVOICE, and left as they are; of the others, every
     * step-th is damaged in the next way of {@code kinds}.
     */
    private void dependents(Path cleanDir, Path outDir, String file, List<String> kinds) throws IOException {
        boolean disputes = file.equals(DISPUTES);
        int dateColumn = 3;
        try (Out out = new Out(outDir, file)) {
            List<String> lines = Files.readAllLines(cleanDir.resolve(file), StandardCharsets.UTF_8);
            out.header(lines.get(0));
            int step = step(lines.size() - 1, kinds.size());
            int made = 0;
            String lastAcceptedId = null;
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",", -1);
                if (rejectedInvoices.contains(f[1])) {
                    out.reject(lines.get(i), "REJECTED_INVOICE");
                    continue;
                }
                if (laterInvoices.contains(f[1])) {
                    out.flag(lines.get(i), "BEFORE_INVOICE");
                    continue;
                }
                if (i % step != step / 3 || (made % kinds.size() == kinds.indexOf("DUPLICATE_ID")
                        && lastAcceptedId == null)) {
                    out.row(lines.get(i));
                    lastAcceptedId = f[0];
                    continue;
                }
                String kind = kinds.get(made++ % kinds.size());
                String[] invoice = invoices.get(f[1]);
                LocalDate issued = LocalDate.parse(invoice[2]);
                int opened = disputes ? 2 : dateColumn;
                switch (kind) {
                    case "BEFORE_INVOICE" -> f[opened] = issued.minusDays(3).toString();
                    case "UNKNOWN_INVOICE" -> f[1] = UNKNOWN_INVOICE_ID;
                    case "CUSTOMER_MISMATCH" -> f[2] = invoice[1].equals("C000001") ? "C000002" : "C000001";
                    // A negative payment is a reversal, accepted with a flag: zero is what no record can hold.
                    case "NON_POSITIVE_AMOUNT" -> f[4] = "0";
                    case "BAD_AMOUNT" -> f[4] = "12.3.4";
                    case "BAD_DATE" -> f[opened] = "31/12/2024";
                    case "DUPLICATE_ID" -> f[0] = lastAcceptedId;
                    case "DATED_AFTER_AS_OF" -> {
                        f[opened] = asOf.plusDays(1).toString();
                        if (disputes) {
                            f[3] = "";
                        }
                    }
                    case "MISSING_FIELD" -> f[file.equals(PAYMENTS) ? dateColumn : 5] = "";
                    case "BAD_VALUE" -> f[5] = "refund";
                    case "DATE_ORDER" -> f[3] = LocalDate.parse(f[2]).minusDays(1).toString();
                    default -> throw new IllegalStateException(kind);
                }
                if (FLAGGED.contains(kind)) {
                    out.flag(String.join(",", f), kind);
                } else {
                    out.reject(String.join(",", f), kind);
                }
            }
            if (disputes) {
                // Exports often end with an empty line: it is not a row and must not count as one.
                out.blank();
            }
        }
    }

    /** Damage about one row in a hundred, but at least a few of each kind even in a small file. */
    private static int step(int rowCount, int kinds) {
        return Math.max(2, Math.min(100, rowCount / (kinds * 2)));
    }

    /** Writes one output file, keeping line numbers and the expected rejects. */
    private final class Out implements AutoCloseable {
        private final String file;
        private final BufferedWriter writer;
        private long line;
        private long dataRows;
        private long blank;

        Out(Path dir, String file) throws IOException {
            this.file = file;
            this.writer = Files.newBufferedWriter(dir.resolve(file), StandardCharsets.UTF_8);
        }

        void header(String header) throws IOException {
            write(header);
        }

        void row(String row) throws IOException {
            write(row);
            dataRows++;
        }

        void reject(String row, String reasonCode) throws IOException {
            row(row);
            rejects.add(new ExpectedReject(file, line, reasonCode));
        }

        void flag(String row, String reasonCode) throws IOException {
            row(row);
            flags.add(new ExpectedReject(file, line, reasonCode));
        }

        void blank() throws IOException {
            write("");
            blank++;
        }

        private void write(String text) throws IOException {
            writer.write(text);
            writer.write('\n');
            line++;
        }

        @Override
        public void close() throws IOException {
            writer.close();
            rows.put(file, dataRows);
            blanks.put(file, blank);
        }
    }
}
