package io.arscope.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A customer line-item extract shaped like SAP FI-AR's, as an SE16N download of BSAD (cleared items) and BSID (open
 * items) writes it: one row per customer line, {@code ;}-separated, amounts unsigned with a {@code ,} decimal mark
 * and {@code .} thousands, the sign in SHKZG (S debit, H credit), dates as yyyyMMdd with {@code 00000000} for "no
 * date" (or, in the epoch variant, as epoch milliseconds with an empty cell for "no date"), CRLF line ends. Seeded:
 * the same options write the same bytes.
 *
 * <p>What it holds, as SAP books it:
 * <ul>
 * <li>invoices (BLART DR, BSCHL 01, S) in three company codes; document numbers restart per company code and
 * fiscal year, so BELNR repeats across BUKRS and GJAHR. Exactly a fifth are due (FAEDT = ZFBDT + ZBD1T) before
 * their document date, their baseline date set before it; one in a hundred, migrated from an older system, has
 * no document date (BLDAT {@code 00000000}) and is dated by its posting date;</li>
 * <li>payments (DZ, BSCHL 15, H), one line per invoice paid, carrying the invoice in REBZG/REBZJ: one payment
 * document pays all the invoices a customer settles that day, and partial payments are lines of their own that
 * stay open until the invoice is cleared. Exactly 15% of the invoices are paid, and cleared, before their document
 * date (prepayments);</li>
 * <li>credit memos (DG, BSCHL 11, H) referring to their invoice; a fifth of them credit it in full and clear it
 * with no payment;</li>
 * <li>reversed invoices with their reversal (BSCHL 12, H), which refers to the invoice and clears it;</li>
 * <li>down-payment requests (DA, BSCHL 09, UMSKZ F): noted items, not receivables;</li>
 * <li>payments early in the window for invoices from before it, which the extract does not hold;</li>
 * <li>the last week of June 2024's cleared items twice: BSAD was extracted over two overlapping windows and the
 * outputs put together.</li>
 * </ul>
 * The expected fate of every row is tallied as it is written ({@link Expected}); {@link #readBack} reads the files
 * again into plain invoices and reductions for {@link ReceivablesOracle}.
 */
public final class SapFiArExport {

    public static final String BSAD = "BSAD.csv";
    public static final String BSID = "BSID.csv";
    public static final List<String> COLUMNS = List.of("BUKRS", "KUNNR", "UMSKZ", "AUGDT", "AUGBL", "GJAHR",
            "BELNR", "BUZEI", "BUDAT", "BLDAT", "WAERS", "BLART", "BSCHL", "SHKZG", "DMBTR", "WRBTR", "ZFBDT",
            "ZBD1T", "FAEDT", "REBZG", "REBZJ");
    private static final String NO_DATE = "00000000";
    private static final DateTimeFormatter SAP_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final List<String> COMPANY_CODES = List.of("1000", "2000", "3000");
    private static final List<Integer> NET_DAYS = List.of(14, 30, 30, 30, 45, 60);
    private static final List<Integer> SHORT_NET_DAYS = List.of(0, 7, 14, 30);
    private static final LocalDate OVERLAP_FROM = LocalDate.of(2024, 6, 24);
    private static final LocalDate OVERLAP_TO = LocalDate.of(2024, 6, 30);

    /** How the extract writes dates. */
    public enum DateStyle {
        /** yyyyMMdd, {@code 00000000} for no date: an SE16N download. */
        YYYYMMDD,
        /** Milliseconds since 1970-01-01 UTC, an empty cell for no date: what extraction tools write. */
        EPOCH_MILLIS
    }

    /**
     * @param invoices how many invoices the extract holds (its rows are about twice as many)
     * @param from     the first invoice date
     * @param asOf     the day of the extract: nothing is dated later
     */
    public record Options(long seed, int invoices, LocalDate from, LocalDate asOf, DateStyle dates,
            int unknownInvoicePayments) {
    }

    /** What becomes of one row under the shipped mapping. */
    public enum Fate {
        INVOICE, PAYMENT, ADJUSTMENT, IGNORED, REPEATED, UNKNOWN_INVOICE
    }

    /** The tally of what the extract holds and what an ingest must make of it. */
    public static final class Expected {
        /** File to fate to rows. */
        public final Map<String, Map<Fate, Long>> fates = new TreeMap<>();
        /** File to flag code to rows accepted with that flag. */
        public final Map<String, Map<String, Long>> flags = new TreeMap<>();
        public long invoices;
        public long dueBeforeIssue;
        public long clearedBeforeIssue;
        public long customers;

        public long rows(String file) {
            return fates.getOrDefault(file, Map.of()).values().stream().mapToLong(Long::longValue).sum();
        }

        public long rows() {
            return fates.keySet().stream().mapToLong(this::rows).sum();
        }

        public long count(String file, Fate fate) {
            return fates.getOrDefault(file, Map.of()).getOrDefault(fate, 0L);
        }

        public long count(Fate fate) {
            return fates.keySet().stream().mapToLong(f -> count(f, fate)).sum();
        }

        void add(String file, Line line) {
            fates.computeIfAbsent(file, f -> new TreeMap<>()).merge(line.fate, 1L, Long::sum);
            flags.computeIfAbsent(file, f -> new TreeMap<>());
            if (line.flag != null) {
                flags.get(file).merge(line.flag, 1L, Long::sum);
            }
        }
    }

    /** One customer line item; null dates are "no date". */
    private static final class Line {
        String bukrs;
        String kunnr;
        String umskz = "";
        LocalDate augdt;
        String augbl = "";
        int gjahr;
        String belnr;
        int buzei = 1;
        LocalDate budat;
        LocalDate bldat;
        String blart;
        String bschl;
        char shkzg;
        BigDecimal dmbtr;
        LocalDate zfbdt;
        int zbd1t;
        LocalDate faedt;
        String rebzg = "";
        String rebzj = "";
        Fate fate;
        String flag;

        Line repeated() {
            Line copy = new Line();
            copy.bukrs = bukrs;
            copy.kunnr = kunnr;
            copy.umskz = umskz;
            copy.augdt = augdt;
            copy.augbl = augbl;
            copy.gjahr = gjahr;
            copy.belnr = belnr;
            copy.buzei = buzei;
            copy.budat = budat;
            copy.bldat = bldat;
            copy.blart = blart;
            copy.bschl = bschl;
            copy.shkzg = shkzg;
            copy.dmbtr = dmbtr;
            copy.zfbdt = zfbdt;
            copy.zbd1t = zbd1t;
            copy.faedt = faedt;
            copy.rebzg = rebzg;
            copy.rebzj = rebzj;
            copy.fate = fate == Fate.IGNORED ? Fate.IGNORED : Fate.REPEATED;
            return copy;
        }
    }

    /** A document: its lines get its number once all documents are known and numbered in posting order. */
    private static final class Document {
        final String bukrs;
        final LocalDate budat;
        final String range;
        final int order;
        final List<Line> lines = new ArrayList<>();
        String belnr;

        Document(String bukrs, LocalDate budat, String range, int order) {
            this.bukrs = bukrs;
            this.budat = budat;
            this.range = range;
            this.order = order;
        }

        Line line(Line l) {
            l.bukrs = bukrs;
            l.budat = budat;
            l.gjahr = budat.getYear();
            l.buzei = lines.size() + 1;
            lines.add(l);
            return l;
        }
    }

    private record Customer(String kunnr, String bukrs, int delayMean, boolean weekly, boolean neverPays) {
    }

    /** One invoice's story, from which its lines are made. */
    private static final class Invoice {
        Customer customer;
        LocalDate issued;
        BigDecimal amount;
        boolean dueBeforeIssue;
        boolean prepaid;
        boolean migrated;
        boolean reversed;
        Document document;
        Line line;
        /** The document whose posting settles the invoice in full, and its date; null while open. */
        Document clearedBy;
        final List<Line> related = new ArrayList<>();
    }

    private final Options options;
    private final Random random;
    private final List<Document> documents = new ArrayList<>();
    private final Expected expected = new Expected();

    private SapFiArExport(Options options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    /** Writes {@link #BSAD} and {@link #BSID} into {@code dir} and returns what an ingest must make of them. */
    public static Expected write(Options options, Path dir) throws IOException {
        return new SapFiArExport(options).build(dir);
    }

    private Expected build(Path dir) throws IOException {
        List<Customer> customers = customers(Math.max(10, options.invoices() / 30));
        List<Invoice> invoices = invoices(customers);
        Map<List<Object>, Document> paymentDocuments = new LinkedHashMap<>();
        for (Invoice invoice : invoices) {
            story(invoice, paymentDocuments);
        }
        unknownInvoicePayments(customers);
        number();
        for (Invoice invoice : invoices) {
            clear(invoice);
        }
        List<Line> open = new ArrayList<>();
        List<Line> cleared = new ArrayList<>();
        for (Document d : documents) {
            for (Line l : d.lines) {
                l.belnr = d.belnr;
                (l.augdt == null ? open : cleared).add(l);
            }
        }
        // Clearing documents are numbered last; a line cleared by its own document takes its own number.
        for (Document d : documents) {
            for (Line l : d.lines) {
                if ("self".equals(l.augbl)) {
                    l.augbl = d.belnr;
                }
            }
        }
        Comparator<Line> key = Comparator.comparing((Line l) -> l.bukrs).thenComparing(l -> l.kunnr)
                .thenComparing(l -> l.umskz).thenComparing(l -> l.augdt == null ? LocalDate.MIN : l.augdt)
                .thenComparing(l -> l.augbl).thenComparingInt(l -> l.gjahr).thenComparing(l -> l.belnr)
                .thenComparingInt(l -> l.buzei);
        open.sort(key);
        cleared.sort(key);
        List<Line> repeats = cleared.stream()
                .filter(l -> !l.augdt.isBefore(OVERLAP_FROM) && !l.augdt.isAfter(OVERLAP_TO)).map(Line::repeated)
                .toList();
        cleared.addAll(repeats);
        Files.createDirectories(dir);
        writeFile(dir.resolve(BSAD), BSAD, cleared);
        writeFile(dir.resolve(BSID), BSID, open);
        expected.invoices = invoices.size();
        expected.dueBeforeIssue = invoices.stream().filter(i -> i.dueBeforeIssue).count();
        expected.clearedBeforeIssue = invoices.stream().filter(i -> i.prepaid).count();
        expected.customers = invoices.stream().map(i -> i.customer.kunnr()).distinct().count();
        return expected;
    }

    private List<Customer> customers(int n) {
        List<Customer> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(new Customer(String.format("%010d", 100_000 + 37 * k),
                    COMPANY_CODES.get(k % 10 < 5 ? 0 : k % 10 < 8 ? 1 : 2), -5 + random.nextInt(46),
                    random.nextInt(10) < 4, random.nextInt(50) == 0));
        }
        return out;
    }

    /**
     * The invoices, oldest first; exactly a fifth due before issue and 15% prepaid, picked by shuffling, and a
     * hundredth each of migrated and reversed ones among the rest.
     */
    private List<Invoice> invoices(List<Customer> customers) {
        int n = options.invoices();
        long days = ChronoUnit.DAYS.between(options.from(), options.asOf()) + 1;
        List<Invoice> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Invoice inv = new Invoice();
            inv.customer = customers.get(random.nextInt(customers.size()));
            inv.issued = options.from().plusDays(random.nextInt((int) days));
            double cents = Math.exp(12 + 1.3 * random.nextGaussian());
            inv.amount = BigDecimal.valueOf(Math.max(1_000, Math.min(90_000_000, Math.round(cents))), 2);
            out.add(inv);
        }
        out.sort(Comparator.comparing((Invoice i) -> i.issued));
        pick(out, n / 5).forEach(i -> i.dueBeforeIssue = true);
        pick(out, n * 15 / 100).forEach(i -> i.prepaid = true);
        for (Invoice inv : out) {
            if (!inv.prepaid && !inv.dueBeforeIssue && random.nextInt(100) == 0) {
                inv.migrated = true;
            } else if (!inv.prepaid && random.nextInt(100) == 0) {
                inv.reversed = true;
            }
        }
        return out;
    }

    private List<Invoice> pick(List<Invoice> invoices, int count) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, invoices.size()).boxed().toList());
        Collections.shuffle(order, random);
        return order.subList(0, count).stream().map(invoices::get).toList();
    }

    private Document document(String bukrs, LocalDate budat, String range) {
        Document d = new Document(bukrs, budat, range, documents.size());
        documents.add(d);
        return d;
    }

    /** The invoice's own line and everything that happens to it up to the extract's day. */
    private void story(Invoice inv, Map<List<Object>, Document> paymentDocuments) {
        Customer c = inv.customer;
        LocalDate asOf = options.asOf();
        // Posting follows the document date by a few days, or precedes it (a document dated ahead).
        int lag = random.nextInt(10) < 7 ? 0 : random.nextInt(10) < 8 ? 1 + random.nextInt(5) : -1 - random.nextInt(3);
        LocalDate budat = min(inv.issued.plusDays(lag), asOf);
        inv.document = document(c.bukrs(), budat, "18");
        Line l = new Line();
        l.kunnr = c.kunnr();
        l.bldat = inv.migrated ? null : inv.issued;
        LocalDate issued = inv.migrated ? budat : inv.issued;
        inv.issued = issued;
        l.blart = "DR";
        l.bschl = "01";
        l.shkzg = 'S';
        l.dmbtr = inv.amount;
        if (inv.dueBeforeIssue) {
            l.zbd1t = SHORT_NET_DAYS.get(random.nextInt(SHORT_NET_DAYS.size()));
            l.zfbdt = issued.minusDays(l.zbd1t + 1 + random.nextInt(45));
            l.flag = "DUE_BEFORE_ISSUE";
        } else {
            l.zbd1t = NET_DAYS.get(random.nextInt(NET_DAYS.size()));
            l.zfbdt = issued;
        }
        l.faedt = l.zfbdt.plusDays(l.zbd1t);
        l.fate = Fate.INVOICE;
        inv.line = inv.document.line(l);

        if (random.nextInt(50) == 0) {
            LocalDate requested = issued.minusDays(5 + random.nextInt(26));
            Line dp = new Line();
            dp.kunnr = c.kunnr();
            dp.umskz = "F";
            dp.bldat = requested;
            dp.blart = "DA";
            dp.bschl = "09";
            dp.shkzg = 'S';
            dp.dmbtr = inv.amount.multiply(new BigDecimal("0.30")).setScale(2, RoundingMode.HALF_UP);
            dp.zfbdt = requested;
            dp.faedt = requested.plusDays(14);
            dp.augdt = issued;
            dp.augbl = "self";
            dp.fate = Fate.IGNORED;
            document(c.bukrs(), requested, "19").line(dp);
        }

        if (inv.reversed) {
            LocalDate on = min(issued.plusDays(random.nextInt(16)), asOf);
            inv.clearedBy = document(c.bukrs(), on, "16");
            inv.related.add(inv.clearedBy.line(reduction(inv, on, inv.amount, "DR", "12", Fate.ADJUSTMENT)));
            return;
        }
        if (inv.prepaid) {
            LocalDate paid = issued.minusDays(1 + random.nextInt(25));
            Line p = paymentLine(inv, paid, inv.amount, paymentDocuments, true);
            p.flag = "BEFORE_INVOICE";
            return;
        }
        BigDecimal due = inv.amount;
        LocalDate memoDate = issued.plusDays(1 + random.nextInt(30));
        if (random.nextInt(100) < 8 && !memoDate.isAfter(asOf)) {
            boolean full = random.nextInt(5) == 0;
            BigDecimal credit = full ? inv.amount : inv.amount.multiply(BigDecimal.valueOf(5 + random.nextInt(26)))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            Document memo = document(c.bukrs(), memoDate, "17");
            inv.related.add(memo.line(reduction(inv, memoDate, credit, "DG", "11", Fate.ADJUSTMENT)));
            due = due.subtract(credit);
            if (due.signum() == 0) {
                inv.clearedBy = memo;
                return;
            }
        }
        if (c.neverPays()) {
            return;
        }
        LocalDate dueDate = l.faedt.isBefore(issued) ? issued : l.faedt;
        LocalDate paid = max(issued, dueDate.plusDays(c.delayMean() + (long) (8 * random.nextGaussian())));
        if (c.weekly()) {
            paid = paid.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        }
        long span = ChronoUnit.DAYS.between(issued, paid);
        if (random.nextInt(100) < 12 && span >= 2) {
            LocalDate partialOn = issued.plusDays(1 + random.nextInt((int) (span - 1)));
            if (!partialOn.isAfter(asOf)) {
                BigDecimal part = due.multiply(BigDecimal.valueOf(30 + random.nextInt(41)))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                paymentLine(inv, partialOn, part, paymentDocuments, false);
                due = due.subtract(part);
            }
        }
        if (!paid.isAfter(asOf)) {
            paymentLine(inv, paid, due, paymentDocuments, true);
        }
    }

    /**
     * A payment line for the invoice. A final payment goes on the document of all the customer's final payments
     * that day and clears the invoice; a partial payment gets a document of its own and stays open.
     */
    private Line paymentLine(Invoice inv, LocalDate on, BigDecimal amount, Map<List<Object>, Document> byDay,
            boolean clears) {
        Document d = clears ? byDay.computeIfAbsent(List.of(inv.customer.bukrs(), inv.customer.kunnr(), on),
                k -> document(inv.customer.bukrs(), on, "14")) : document(inv.customer.bukrs(), on, "14");
        Line p = d.line(reduction(inv, on, amount, "DZ", "15", Fate.PAYMENT));
        // The customer's value date, up to two days before the posting that counts as the payment's date.
        p.bldat = on.minusDays(random.nextInt(3));
        inv.related.add(p);
        if (clears) {
            inv.clearedBy = d;
        }
        return p;
    }

    private Line reduction(Invoice inv, LocalDate on, BigDecimal amount, String blart, String bschl, Fate fate) {
        Line r = new Line();
        r.kunnr = inv.customer.kunnr();
        r.bldat = on;
        r.blart = blart;
        r.bschl = bschl;
        r.shkzg = 'H';
        r.dmbtr = amount;
        r.fate = fate;
        return r;
    }

    /** Payments early in the window for invoices of the year before, which the extract does not hold. */
    private void unknownInvoicePayments(List<Customer> customers) {
        for (int k = 0; k < options.unknownInvoicePayments(); k++) {
            Customer c = customers.get(random.nextInt(customers.size()));
            LocalDate on = options.from().plusDays(1 + random.nextInt(28));
            Line p = new Line();
            p.kunnr = c.kunnr();
            p.bldat = on;
            p.blart = "DZ";
            p.bschl = "15";
            p.shkzg = 'H';
            p.dmbtr = BigDecimal.valueOf(5_000 + random.nextInt(2_000_000), 2);
            p.rebzg = String.format("18%08d", 90_000 + k);
            p.rebzj = String.valueOf(options.from().getYear() - 1);
            p.augdt = on;
            p.augbl = "self";
            p.fate = Fate.UNKNOWN_INVOICE;
            document(c.bukrs(), on, "14").line(p);
        }
    }

    /** Document numbers per company code, fiscal year and number range, in posting order. */
    private void number() {
        List<Document> ordered = new ArrayList<>(documents);
        ordered.sort(Comparator.comparing((Document d) -> d.budat).thenComparingInt(d -> d.order));
        Map<String, Integer> next = new HashMap<>();
        for (Document d : ordered) {
            int seq = next.merge(d.bukrs + "/" + d.budat.getYear() + "/" + d.range, 1, Integer::sum);
            d.belnr = d.range + String.format("%08d", seq);
        }
    }

    /** References to the invoice on its reductions, and the clearing of all its lines once it is settled. */
    private void clear(Invoice inv) {
        for (Line r : inv.related) {
            r.rebzg = inv.document.belnr;
            r.rebzj = String.valueOf(inv.line.gjahr);
        }
        if (inv.clearedBy == null) {
            return;
        }
        List<Line> lines = new ArrayList<>(inv.related);
        lines.add(inv.line);
        for (Line l : lines) {
            l.augdt = inv.clearedBy.budat;
            l.augbl = inv.clearedBy.belnr;
        }
    }

    private void writeFile(Path path, String name, List<Line> lines) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.US_ASCII)) {
            w.write(String.join(";", COLUMNS));
            w.write("\r\n");
            for (Line l : lines) {
                w.write(String.join(";", l.bukrs, l.kunnr, l.umskz, date(l.augdt), l.augbl,
                        String.valueOf(l.gjahr), l.belnr, String.format("%03d", l.buzei), date(l.budat), date(l.bldat),
                        "EUR", l.blart, l.bschl, String.valueOf(l.shkzg), amount(l.dmbtr), amount(l.dmbtr), date(l.zfbdt),
                        String.valueOf(l.zbd1t), date(l.faedt), l.rebzg, l.rebzj));
                w.write("\r\n");
                expected.add(name, l);
            }
        }
    }

    private String date(LocalDate d) {
        if (options.dates() == DateStyle.EPOCH_MILLIS) {
            return d == null ? "" : String.valueOf(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        }
        return d == null ? NO_DATE : d.format(SAP_DATE);
    }

    /** 1.234.567,89: the decimal comma and thousands dots of a German-locale download. */
    static String amount(BigDecimal a) {
        String plain = a.setScale(2).toPlainString();
        String whole = plain.substring(0, plain.length() - 3);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append('.');
            }
            grouped.append(whole.charAt(i));
        }
        return grouped + "," + plain.substring(plain.length() - 2);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * The extract read again, as plain Java and independently of Arscope's mapping, into the invoices and reductions
     * an SAP accountant would see: invoice lines (posting key 01) keyed by company code, fiscal year and document
     * number, dated by BLDAT (BUDAT when BLDAT is empty) and due on FAEDT; payments (15), credit memos (11) and
     * reversals (12) reducing the invoice their REBZG/REBZJ name, payments dated by BUDAT and the others by BLDAT.
     * Noted items (UMSKZ F) are not receivables; a line key seen before is a repeat; a reduction of an invoice the
     * extract does not hold is left out.
     */
    public static ReceivablesOracle readBack(Path dir, DateStyle dates) throws IOException {
        Map<String, ReceivablesOracle.Invoice> invoices = new LinkedHashMap<>();
        List<String[]> reductions = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String file : List.of(BSAD, BSID)) {
            List<String> lines = Files.readAllLines(dir.resolve(file), StandardCharsets.US_ASCII);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(";", -1);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < COLUMNS.size(); i++) {
                    row.put(COLUMNS.get(i), f[i]);
                }
                String lineKey = row.get("BUKRS") + row.get("GJAHR") + row.get("BELNR") + row.get("BUZEI");
                if (row.get("UMSKZ").equals("F") || !seen.add(lineKey)) {
                    continue;
                }
                BigDecimal amount = new BigDecimal(row.get("DMBTR").replace(".", "").replace(',', '.'));
                if (row.get("BSCHL").equals("01")) {
                    String id = row.get("BUKRS") + "-" + row.get("GJAHR") + "-" + row.get("BELNR");
                    LocalDate issued = readDate(row.get("BLDAT"), dates);
                    invoices.put(id, new ReceivablesOracle.Invoice(id,
                            issued != null ? issued : readDate(row.get("BUDAT"), dates),
                            readDate(row.get("FAEDT"), dates), amount));
                } else {
                    String dateColumn = row.get("BSCHL").equals("15") ? "BUDAT" : "BLDAT";
                    reductions.add(new String[] {row.get("BUKRS") + "-" + row.get("REBZJ") + "-" + row.get("REBZG"),
                            row.get(dateColumn), amount.toPlainString()});
                }
            }
        }
        List<ReceivablesOracle.Reduction> known = reductions.stream().filter(r -> invoices.containsKey(r[0]))
                .map(r -> new ReceivablesOracle.Reduction(r[0], readDate(r[1], dates), new BigDecimal(r[2])))
                .toList();
        return new ReceivablesOracle(List.copyOf(invoices.values()), known);
    }

    private static LocalDate readDate(String text, DateStyle dates) {
        if (text.isEmpty() || text.equals(NO_DATE)) {
            return null;
        }
        return dates == DateStyle.EPOCH_MILLIS
                ? java.time.Instant.ofEpochMilli(Long.parseLong(text)).atZone(ZoneOffset.UTC).toLocalDate()
                : LocalDate.parse(text, SAP_DATE);
    }
}
