package io.arscope.samples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a synthetic receivables history in Arscope's canonical CSV format: customers, invoices, payments,
 * adjustments (credit memos and write-offs) and disputes, plus {@value #TRUTH_FILE} with each invoice's
 * true probability of being paid late as the generator knew it on the invoice date.
 *
 * <p>Behaviour is made to give metrics trends and a model real signal: payment habits persist per customer
 * but drift month to month, a macro cycle moves everybody, December, January and August pay later, a share of
 * customers are chronic late payers, paper invoices and large invoices go later, disputes delay payment and
 * are often settled with a credit memo, some invoices are paid in instalments and a few long-overdue ones are
 * written off. New customers arrive and some leave.
 *
 * <p>Guarantees: every draw comes from one seeded stream in a fixed order, so the same {@link GeneratorConfig}
 * gives byte-identical files; rows are streamed to disk, and memory holds only the customers.
 */
public final class HistoryGenerator {

    public static final String TRUTH_FILE = "invoice_truth.csv";

    /** What a finished run wrote. */
    public record Summary(long customers, long invoices, long payments, long adjustments, long disputes) {
    }

    private static final String[] SEGMENTS = {"Enterprise", "Mid-market", "Small business", "Public sector"};
    private static final double[] SEGMENT_SHARE = {0.15, 0.35, 0.40, 0.10};
    private static final double[] SEGMENT_MEDIAN_AMOUNT = {25_000, 6_000, 900, 12_000};
    private static final double[] SEGMENT_RATE = {3.0, 2.0, 1.0, 1.5};
    private static final double[] SEGMENT_LATE_OFFSET = {-0.2, 0.0, 0.4, 0.6};

    private static final String[] COUNTRIES = {"US", "CA", "MX", "GB", "DE", "FR", "NL", "IN", "AU", "JP"};
    private static final double[] COUNTRY_SHARE = {0.40, 0.08, 0.04, 0.10, 0.10, 0.07, 0.04, 0.06, 0.06, 0.05};
    private static final String[] COUNTRY_REGION = {"North America", "North America", "Latin America", "EMEA",
            "EMEA", "EMEA", "EMEA", "APAC", "APAC", "APAC"};
    private static final String[][] REGION_COLLECTORS = {
            {"North America", "ana.ruiz", "ben.carter", "chloe.ng", "dev.patel"},
            {"Latin America", "lucia.mendes"},
            {"EMEA", "emma.schulz", "felix.martin", "greta.olsen"},
            {"APAC", "hana.sato", "ishan.rao"}};
    private static final String[] BUSINESS_UNITS = {"Equipment", "Services", "Software"};
    private static final String[] NAME_FIRST = {"Northwind", "Blue Ridge", "Cedar", "Summit", "Harbor", "Ironwood",
            "Lakeside", "Meridian", "Oakline", "Pioneer", "Redstone", "Silverleaf", "Tidewater", "Union", "Westfield",
            "Granite", "Brightwater", "Evergreen", "Falcon", "Keystone"};
    private static final String[] NAME_SECOND = {"Logistics", "Foods", "Health", "Manufacturing", "Retail", "Energy",
            "Construction", "Labs", "Media", "Textiles", "Motors", "Pharma", "Systems", "Hospitality", "Farms"};
    private static final String[] NAME_SUFFIX = {"Inc", "Ltd", "GmbH", "LLC", "Group", "Co", "SA", "Pty"};
    private static final String[] DISPUTE_REASONS = {"pricing", "quantity", "quality", "missing PO", "duplicate billing"};

    /** Invoice volume by calendar month: quarter ends busy, August quiet. */
    private static final double[] VOLUME_SEASON = {0.90, 0.95, 1.15, 0.95, 1.00, 1.15, 0.90, 0.80, 1.15, 1.00, 1.05, 1.10};
    /** Extra lateness (log-odds) by calendar month of the due date's neighbourhood: holidays pay later. */
    private static final double[] LATE_SEASON = {0.20, 0, 0, 0, 0, 0, 0.05, 0.20, 0, 0, 0, 0.35};
    private static final double DISPUTE_LATE_LIFT = 2.0;

    private final GeneratorConfig config;
    private final SplittableRandom random;
    private final LocalDate exportDate;

    private long paymentSeq;
    private long adjustmentSeq;
    private long disputeSeq;
    private long invoiceSeq;
    private final long[] counts = new long[5];

    private HistoryGenerator(GeneratorConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.exportDate = config.exportDate();
    }

    /** Generates the history described by {@code config} into {@code outDir}, creating it if needed. */
    public static Summary generate(GeneratorConfig config, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        return new HistoryGenerator(config).run(outDir);
    }

    private Summary run(Path outDir) throws IOException {
        List<Customer> customers = drawCustomers();
        try (Writers w = new Writers(outDir)) {
            for (Customer c : customers) {
                writeCustomer(w.customers, c);
            }
            counts[0] = customers.size();
            double scale = config.invoices() / expectedInvoicesPerScale(customers);
            for (int m = 0; m < config.months(); m++) {
                LocalDate monthStart = config.start().plusMonths(m);
                double macro = 0.30 * Math.sin(2 * Math.PI * m / 24.0) + 0.012 * m - 0.2;
                for (Customer c : customers) {
                    c.drift += 0.10 * random.nextGaussian();
                    if (m < c.activeFrom || m >= c.activeTo) {
                        continue;
                    }
                    double mean = c.rateWeight * VOLUME_SEASON[monthStart.getMonthValue() - 1] * scale;
                    long n = poisson(mean);
                    for (long i = 0; i < n; i++) {
                        writeInvoice(w, c, monthStart, m, macro);
                    }
                }
            }
        }
        return new Summary(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    private double expectedInvoicesPerScale(List<Customer> customers) {
        double sum = 0;
        for (Customer c : customers) {
            for (int m = c.activeFrom; m < c.activeTo; m++) {
                sum += c.rateWeight * VOLUME_SEASON[config.start().plusMonths(m).getMonthValue() - 1];
            }
        }
        return sum;
    }

    private List<Customer> drawCustomers() {
        List<Customer> list = new ArrayList<>(config.customers());
        for (int i = 0; i < config.customers(); i++) {
            Customer c = new Customer();
            c.id = id("C", i + 1, 6);
            c.segment = pick(SEGMENT_SHARE);
            int country = pick(COUNTRY_SHARE);
            c.country = COUNTRIES[country];
            c.region = COUNTRY_REGION[country];
            c.collector = collectorFor(c.region);
            c.name = NAME_FIRST[random.nextInt(NAME_FIRST.length)] + " " + NAME_SECOND[random.nextInt(NAME_SECOND.length)]
                    + " " + NAME_SUFFIX[random.nextInt(NAME_SUFFIX.length)];
            boolean arrivesLater = random.nextDouble() < 0.25;
            if (arrivesLater) {
                c.activeFrom = 1 + random.nextInt(Math.max(1, config.months() - 1));
                LocalDate monthStart = config.start().plusMonths(c.activeFrom);
                c.since = monthStart.plusDays(random.nextInt(monthStart.lengthOfMonth()));
            } else {
                c.activeFrom = 0;
                c.since = config.start().minusDays(30 + random.nextInt(8 * 365));
            }
            c.activeTo = random.nextDouble() < 0.15
                    ? c.activeFrom + 1 + random.nextInt(Math.max(1, config.months() - c.activeFrom))
                    : config.months();
            c.activeTo = Math.min(c.activeTo, config.months());
            c.typicalAmount = SEGMENT_MEDIAN_AMOUNT[c.segment] * Math.exp(0.5 * random.nextGaussian());
            c.rateWeight = SEGMENT_RATE[c.segment] * Math.exp(0.7 * random.nextGaussian());
            c.chronic = random.nextDouble() < 0.12;
            c.baseLogit = -1.6 + 0.9 * random.nextGaussian() + SEGMENT_LATE_OFFSET[c.segment] + (c.chronic ? 2.2 : 0);
            c.disputeLogit = -3.5 + 0.6 * random.nextGaussian() + (c.chronic ? 0.6 : 0);
            c.partialShare = c.chronic ? 0.20 : c.segment == 2 ? 0.12 : 0.06;
            c.termsDays = drawTerms(c.segment);
            c.creditLimitCents = Math.round(c.typicalAmount * c.rateWeight * (2 + 2 * random.nextDouble()) / 1000.0)
                    * 1000L * 100L + 500_000L;
            c.paperlessFrom = random.nextDouble() < 0.45
                    ? config.start().plusDays(random.nextInt(config.months() * 30 + 1))
                    : null;
            c.method = drawMethod(c.segment);
            list.add(c);
        }
        return list;
    }

    private String collectorFor(String region) {
        for (String[] collectors : REGION_COLLECTORS) {
            if (collectors[0].equals(region)) {
                return collectors[1 + random.nextInt(collectors.length - 1)];
            }
        }
        throw new IllegalStateException("no collectors for " + region);
    }

    private int drawTerms(int segment) {
        double u = random.nextDouble();
        return switch (segment) {
            case 0 -> u < 0.5 ? 60 : u < 0.8 ? 45 : 30;
            case 1 -> u < 0.6 ? 30 : 45;
            case 2 -> u < 0.5 ? 15 : 30;
            default -> u < 0.6 ? 30 : 60;
        };
    }

    private String drawMethod(int segment) {
        double u = random.nextDouble();
        return switch (segment) {
            case 0 -> u < 0.7 ? "wire" : "ach";
            case 1 -> u < 0.7 ? "ach" : "check";
            case 2 -> u < 0.6 ? "card" : "check";
            default -> u < 0.5 ? "check" : "ach";
        };
    }

    private void writeInvoice(Writers w, Customer c, LocalDate monthStart, int monthIndex, double macro) throws IOException {
        LocalDate invoiceDate = businessDay(monthStart.plusDays(random.nextInt(monthStart.lengthOfMonth())), monthStart);
        if (invoiceDate.isBefore(c.since)) {
            invoiceDate = c.since;
        }
        int terms = random.nextDouble() < 0.95 ? c.termsDays : 30;
        LocalDate dueDate = invoiceDate.plusDays(terms);
        double amountNoise = random.nextGaussian();
        long amountCents = Math.max(1_000L, Math.round(c.typicalAmount * Math.exp(0.6 * amountNoise) * 100));
        boolean paper = c.paperlessFrom == null || invoiceDate.isBefore(c.paperlessFrom);
        String businessUnit = BUSINESS_UNITS[pickBusinessUnit(c.segment)];
        long tenureMonths = ChronoUnit.MONTHS.between(c.since, invoiceDate);

        double lateLogit = c.baseLogit + c.drift + macro + LATE_SEASON[dueDate.getMonthValue() - 1]
                + 0.25 * amountNoise + (paper ? 0.5 : 0) + (tenureMonths < 6 ? 0.3 : 0) + (terms >= 60 ? -0.2 : 0);
        double disputeChance = sigmoid(c.disputeLogit + 0.35 * amountNoise);
        double pLate = (1 - disputeChance) * sigmoid(lateLogit) + disputeChance * sigmoid(lateLogit + DISPUTE_LATE_LIFT);

        String invoiceId = id("INV", ++invoiceSeq, 8);
        counts[1]++;
        StringBuilder line = new StringBuilder(96);
        line.append(invoiceId).append(',').append(c.id).append(',').append(invoiceDate).append(',').append(dueDate)
                .append(',');
        appendMoney(line, amountCents).append(",USD,").append(businessUnit).append(',').append(terms).append(',')
                .append(paper ? "paper" : "electronic");
        writeLine(w.invoices, line);

        boolean disputed = random.nextDouble() < disputeChance;
        boolean late = random.nextDouble() < sigmoid(lateLogit + (disputed ? DISPUTE_LATE_LIFT : 0));
        LocalDate settled;
        if (late) {
            double meanDaysLate = 6 + (c.chronic ? 22 : 0) + (disputed ? 15 : 0) + 6 * Math.max(0, c.baseLogit + c.drift);
            long daysLate = 1 + (long) Math.floor(-meanDaysLate * Math.log(1 - random.nextDouble()));
            settled = dueDate.plusDays(daysLate);
        } else {
            long daysEarly = (long) Math.floor(terms * Math.pow(random.nextDouble(), 2.5));
            settled = dueDate.minusDays(daysEarly);
        }
        boolean writtenOff = late && ChronoUnit.DAYS.between(dueDate, settled) >= 90 && random.nextDouble() < 0.35;

        long open = amountCents;
        if (disputed) {
            LocalDate opened = invoiceDate.plusDays(2 + random.nextInt(Math.max(1, Math.min(terms, 30) - 1)));
            if (opened.isAfter(settled)) {
                opened = settled;
            }
            long span = ChronoUnit.DAYS.between(opened, settled);
            LocalDate resolved = late
                    ? settled.minusDays(Math.min(span, random.nextInt(8)))
                    : opened.plusDays((long) (random.nextDouble() * span));
            String reason = DISPUTE_REASONS[random.nextInt(DISPUTE_REASONS.length)];
            writeDispute(w, invoiceId, opened, resolved, reason);
            if (random.nextDouble() < 0.4) {
                long credit = Math.max(100, Math.round(amountCents * (0.05 + 0.25 * random.nextDouble())));
                open -= writeAdjustment(w, invoiceId, c.id, resolved, credit, "credit_memo", "dispute: " + reason);
            }
        } else if (random.nextDouble() < 0.02) {
            LocalDate booked = invoiceDate.plusDays(1 + random.nextInt(20));
            if (booked.isAfter(settled)) {
                booked = settled;
            }
            long credit = Math.max(100, Math.round(amountCents * (0.02 + 0.13 * random.nextDouble())));
            open -= writeAdjustment(w, invoiceId, c.id, booked, credit, "credit_memo", "price correction");
        }

        LocalDate finalDate = settled;
        if (writtenOff) {
            if (random.nextDouble() < 0.4) {
                long partial = Math.round(open * (0.2 + 0.3 * random.nextDouble()));
                long days = ChronoUnit.DAYS.between(dueDate, settled) / 3;
                open -= writePayment(w, invoiceId, c, dueDate.plusDays(days), partial);
            }
            finalDate = settled.plusDays(30);
            writeAdjustment(w, invoiceId, c.id, finalDate, open, "write_off", "uncollectable");
        } else {
            if (random.nextDouble() < c.partialShare && open >= 2_000) {
                int instalments = random.nextDouble() < 0.6 ? 2 : 3;
                long span = Math.max(1, ChronoUnit.DAYS.between(invoiceDate, settled));
                for (int k = 1; k < instalments; k++) {
                    long part = Math.round(open * (0.2 + 0.3 * random.nextDouble()));
                    LocalDate paid = invoiceDate.plusDays(span * k / instalments);
                    open -= writePayment(w, invoiceId, c, paid, part);
                }
            }
            writePayment(w, invoiceId, c, settled, open);
        }

        String outcome;
        if (!finalDate.isAfter(exportDate)) {
            outcome = late ? "1" : "0";
        } else if (dueDate.isBefore(exportDate)) {
            // Still unpaid on the export date although past due: already known to be late.
            outcome = "1";
        } else {
            outcome = "";
        }
        StringBuilder truth = new StringBuilder(48);
        truth.append(invoiceId).append(',');
        appendProbability(truth, pLate).append(',').append(outcome);
        writeLine(w.truth, truth);
    }

    private int pickBusinessUnit(int segment) {
        double u = random.nextDouble();
        return switch (segment) {
            case 0 -> u < 0.3 ? 0 : u < 0.6 ? 1 : 2;
            case 2 -> u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
            default -> u < 0.4 ? 0 : u < 0.8 ? 1 : 2;
        };
    }

    private long writePayment(Writers w, String invoiceId, Customer c, LocalDate date, long cents) throws IOException {
        if (date.isAfter(exportDate) || cents <= 0) {
            return 0;
        }
        String method = random.nextDouble() < 0.9 ? c.method : "ach";
        StringBuilder line = new StringBuilder(64);
        line.append(id("PAY", ++paymentSeq, 9)).append(',').append(invoiceId).append(',').append(c.id)
                .append(',').append(date).append(',');
        appendMoney(line, cents).append(',').append(method);
        writeLine(w.payments, line);
        counts[2]++;
        return cents;
    }

    private long writeAdjustment(Writers w, String invoiceId, String customerId, LocalDate date, long cents, String kind,
            String reason) throws IOException {
        if (date.isAfter(exportDate) || cents <= 0) {
            return 0;
        }
        StringBuilder line = new StringBuilder(80);
        line.append(id("ADJ", ++adjustmentSeq, 8)).append(',').append(invoiceId).append(',')
                .append(customerId).append(',').append(date).append(',');
        appendMoney(line, cents).append(',').append(kind).append(',').append(reason);
        writeLine(w.adjustments, line);
        counts[3]++;
        return cents;
    }

    private void writeDispute(Writers w, String invoiceId, LocalDate opened, LocalDate resolved, String reason)
            throws IOException {
        if (opened.isAfter(exportDate)) {
            return;
        }
        StringBuilder line = new StringBuilder(64);
        line.append(id("DSP", ++disputeSeq, 8)).append(',').append(invoiceId).append(',').append(opened)
                .append(',').append(resolved.isAfter(exportDate) ? "" : resolved.toString()).append(',').append(reason);
        writeLine(w.disputes, line);
        counts[4]++;
    }

    private void writeCustomer(BufferedWriter out, Customer c) throws IOException {
        StringBuilder line = new StringBuilder(128);
        line.append(c.id).append(',').append(c.name).append(',').append(c.country).append(',').append(c.region)
                .append(',').append(SEGMENTS[c.segment]).append(',');
        appendMoney(line, c.creditLimitCents).append(',').append(c.termsDays).append(',').append(c.collector)
                .append(',').append(c.since);
        writeLine(out, line);
    }

    private static LocalDate businessDay(LocalDate day, LocalDate monthStart) {
        LocalDate d = day;
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
            d = d.minusDays(1);
        } else if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.minusDays(2);
        }
        while (d.isBefore(monthStart)) {
            d = d.plusDays(1);
        }
        return d;
    }

    private int pick(double[] shares) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < shares.length; i++) {
            cumulative += shares[i];
            if (u < cumulative) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private long poisson(double mean) {
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static StringBuilder appendMoney(StringBuilder sb, long cents) {
        long abs = Math.abs(cents);
        if (cents < 0) {
            sb.append('-');
        }
        sb.append(abs / 100).append('.');
        long fraction = abs % 100;
        if (fraction < 10) {
            sb.append('0');
        }
        return sb.append(fraction);
    }

    /** A prefix and a zero-padded number; String.format is too slow for tens of millions of ids. */
    static String id(String prefix, long n, int width) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** A probability with six decimals, as 0.123456. */
    static StringBuilder appendProbability(StringBuilder sb, double p) {
        long micros = Math.round(p * 1_000_000);
        if (micros >= 1_000_000) {
            return sb.append("1.000000");
        }
        String digits = Long.toString(micros);
        sb.append("0.");
        for (int i = digits.length(); i < 6; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }

    private static void writeLine(BufferedWriter out, CharSequence line) throws IOException {
        out.append(line).append('\n');
    }

    /** Mutable per-customer state: the only thing the generator keeps in memory. */
    private static final class Customer {
        String id;
        String name;
        int segment;
        String country;
        String region;
        String collector;
        LocalDate since;
        LocalDate paperlessFrom;
        int activeFrom;
        int activeTo;
        double typicalAmount;
        double rateWeight;
        boolean chronic;
        double baseLogit;
        double drift;
        double disputeLogit;
        double partialShare;
        int termsDays;
        long creditLimitCents;
        String method;
    }

    private static final class Writers implements AutoCloseable {
        final BufferedWriter customers;
        final BufferedWriter invoices;
        final BufferedWriter payments;
        final BufferedWriter adjustments;
        final BufferedWriter disputes;
        final BufferedWriter truth;

        Writers(Path dir) throws IOException {
            customers = open(dir, "customers.csv",
                    "customer_id,name,country,region,segment,credit_limit,terms_days,collector,customer_since");
            invoices = open(dir, "invoices.csv",
                    "invoice_id,customer_id,invoice_date,due_date,amount,currency,business_unit,terms_days,billing_channel");
            payments = open(dir, "payments.csv", "payment_id,invoice_id,customer_id,payment_date,amount,method");
            adjustments = open(dir, "adjustments.csv",
                    "adjustment_id,invoice_id,customer_id,adjustment_date,amount,kind,reason");
            disputes = open(dir, "disputes.csv", "dispute_id,invoice_id,opened_date,resolved_date,reason");
            truth = open(dir, TRUTH_FILE, "invoice_id,p_late,late");
        }

        private static BufferedWriter open(Path dir, String name, String header) throws IOException {
            BufferedWriter out = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
            out.write(header);
            out.write('\n');
            return new BufferedWriter(out, 1 << 16);
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (BufferedWriter out : List.of(customers, invoices, payments, adjustments, disputes, truth)) {
                try {
                    out.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw new UncheckedIOException(first);
            }
        }
    }
}
