package io.arscope.samples;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.arscope.samples.HistoryWriter.AdjustmentRow;
import io.arscope.samples.HistoryWriter.CustomerRow;
import io.arscope.samples.HistoryWriter.DisputeRow;
import io.arscope.samples.HistoryWriter.InvoiceRow;
import io.arscope.samples.HistoryWriter.PaymentRow;
import io.arscope.samples.HistoryWriter.TruthRow;

/**
 * The random receivables history behind a generated export: customers, their invoices, and what became of
 * each invoice (payments, credit memos, write-offs, disputes), plus each invoice's true probability of being
 * paid late as the simulation knew it on the invoice date.
 *
 * <p>Behaviour is made to give metrics trends and a model real signal: payment habits persist per customer
 * but drift month to month, a macro cycle moves everybody, December, January and August pay later, a share of
 * customers are chronic late payers, paper invoices and large invoices go later, disputes delay payment and
 * are often settled with a credit memo, some invoices are paid in instalments and a few long-overdue ones are
 * written off. New customers arrive and some leave.
 *
 * <p>With {@link GeneratorConfig#onAccountShare} above zero, that share of payments and of credit memos is booked on
 * account (no invoice named), drawn from a second stream split off the seed, so the history is otherwise the same.
 *
 * <p>With {@link GeneratorConfig#activity}, each invoice's fate is drawn whole first ({@link InvoiceFate}), then its
 * customer's collector works it ({@link CollectionsProcess}), bringing some of its payments forward, from a third
 * stream; then the simulation books what the export sees. The first stream's draws are the same with and without
 * activity, so the invoices are too, and the truth file can say when each would have been settled without it.
 *
 * <p>Guarantees: every draw comes from streams seeded by the seed, in a fixed order, so the same
 * {@link GeneratorConfig} hands the writer the same rows in the same order; nothing dated after the export date
 * reaches it, as an export taken that day would not hold it (the truth file excepted). An invoice's rows go to the
 * writer as soon as its fate is drawn, so memory holds only the customers.
 */
final class HistorySimulation {

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
    /** Which payments and credit memos go on account: a stream of its own, so the rest never depends on it. */
    private final SplittableRandom onAccount;
    /** The collections activity's draws: a stream of their own, so the rest never depends on them. */
    private final SplittableRandom activityRandom;
    /** Null when the history has no collections activity. */
    private final CollectionsProcess collections;
    private final LocalDate exportDate;
    private final HistoryWriter out;

    private long paymentSeq;
    private long adjustmentSeq;
    private long disputeSeq;
    private long invoiceSeq;

    HistorySimulation(GeneratorConfig config, HistoryWriter out) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        SplittableRandom streams = new SplittableRandom(config.seed());
        this.onAccount = streams.split();
        this.activityRandom = streams.split();
        this.exportDate = config.exportDate();
        this.out = out;
        this.collections = config.activity() == null ? null
                : new CollectionsProcess(config.activity(), activityRandom, exportDate, out);
    }

    /** Draws the whole history, handing every row to the writer. */
    void run() throws IOException {
        List<Customer> customers = drawCustomers();
        for (Customer c : customers) {
            out.write(c.row());
        }
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
                    invoice(c, monthStart, macro);
                }
            }
        }
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

    /** One invoice issued to {@code c} in the month starting {@code monthStart}, and everything that became of it. */
    private void invoice(Customer c, LocalDate monthStart, double macro) throws IOException {
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
        out.write(new InvoiceRow(invoiceId, c.id, invoiceDate, dueDate, amountCents, businessUnit, terms, paper));

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

        InvoiceFate fate = new InvoiceFate(invoiceId, c.id, dueDate);
        // Credits count against the open amount only when the export sees them, as they always have: the amounts
        // drawn from it stay those of a history without activity, which moves only invoices without credits.
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
            fate.dispute = new InvoiceFate.Dispute(opened, resolved, reason);
            if (random.nextDouble() < 0.4) {
                long credit = Math.max(100, Math.round(amountCents * (0.05 + 0.25 * random.nextDouble())));
                fate.creditMemo = new InvoiceFate.Adjustment(resolved, credit, "credit_memo", "dispute: " + reason);
                open -= seen(resolved, credit);
            }
        } else if (random.nextDouble() < 0.02) {
            LocalDate booked = invoiceDate.plusDays(1 + random.nextInt(20));
            if (booked.isAfter(settled)) {
                booked = settled;
            }
            long credit = Math.max(100, Math.round(amountCents * (0.02 + 0.13 * random.nextDouble())));
            fate.creditMemo = new InvoiceFate.Adjustment(booked, credit, "credit_memo", "price correction");
            open -= seen(booked, credit);
        }

        if (writtenOff) {
            if (random.nextDouble() < 0.4) {
                long partial = Math.round(open * (0.2 + 0.3 * random.nextDouble()));
                long days = ChronoUnit.DAYS.between(dueDate, settled) / 3;
                open -= plannedPayment(fate, c, dueDate.plusDays(days), partial);
            }
            fate.writeOff = new InvoiceFate.Adjustment(settled.plusDays(30), open, "write_off", "uncollectable");
        } else {
            if (random.nextDouble() < c.partialShare && open >= 2_000) {
                int instalments = random.nextDouble() < 0.6 ? 2 : 3;
                long span = Math.max(1, ChronoUnit.DAYS.between(invoiceDate, settled));
                for (int k = 1; k < instalments; k++) {
                    long part = Math.round(open * (0.2 + 0.3 * random.nextDouble()));
                    LocalDate paid = invoiceDate.plusDays(span * k / instalments);
                    open -= plannedPayment(fate, c, paid, part);
                }
            }
            plannedPayment(fate, c, settled, open);
        }

        HistoryWriter.ActivityTruth activity = collections == null ? null : collections.work(fate, c.collector);
        book(fate, c);

        LocalDate finalDate = fate.settled();
        Boolean knownLate;
        if (!finalDate.isAfter(exportDate)) {
            knownLate = late;
        } else if (dueDate.isBefore(exportDate)) {
            // Still unpaid on the export date although past due: already known to be late.
            knownLate = true;
        } else {
            knownLate = null;
        }
        out.write(new TruthRow(invoiceId, pLate, knownLate, activity));
    }

    private int pickBusinessUnit(int segment) {
        double u = random.nextDouble();
        return switch (segment) {
            case 0 -> u < 0.3 ? 0 : u < 0.6 ? 1 : 2;
            case 2 -> u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
            default -> u < 0.4 ? 0 : u < 0.8 ? 1 : 2;
        };
    }

    /** The cents of a credit dated {@code date} that the export sees: all of them, or none after the export date. */
    private long seen(LocalDate date, long cents) {
        return date.isAfter(exportDate) ? 0 : cents;
    }

    /**
     * Adds a payment to {@code fate}, drawing its method now when the export can see it, as booking it always did;
     * returns the cents planned.
     */
    private long plannedPayment(InvoiceFate fate, Customer c, LocalDate date, long cents) {
        if (cents <= 0) {
            return 0;
        }
        fate.payments.add(new InvoiceFate.Payment(date, cents, date.isAfter(exportDate) ? null : method(random, c),
                false));
        return cents;
    }

    private static String method(SplittableRandom random, Customer c) {
        return random.nextDouble() < 0.9 ? c.method : "ach";
    }

    /** Writes what the export can see of {@code fate}: its dispute, credit memo, payments and write-off. */
    private void book(InvoiceFate fate, Customer c) throws IOException {
        InvoiceFate.Dispute d = fate.dispute;
        if (d != null && !d.opened().isAfter(exportDate)) {
            out.write(new DisputeRow(id("DSP", ++disputeSeq, 8), fate.invoiceId, d.opened(),
                    d.resolved().isAfter(exportDate) ? null : d.resolved(), d.reason()));
        }
        adjustment(fate, fate.creditMemo);
        for (InvoiceFate.Payment p : fate.payments) {
            if (p.date().isAfter(exportDate)) {
                continue;
            }
            // A payment that activity brought into the export draws its method from the activity stream.
            String method = p.method() != null ? p.method() : method(activityRandom, c);
            boolean onAccount = !p.committed() && onAccount();
            out.write(new PaymentRow(id("PAY", ++paymentSeq, 9), onAccount ? null : fate.invoiceId, c.id, p.date(),
                    p.cents(), method));
        }
        adjustment(fate, fate.writeOff);
    }

    /** Books a credit memo or write-off the export can see. */
    private void adjustment(InvoiceFate fate, InvoiceFate.Adjustment a) throws IOException {
        if (a == null || a.date().isAfter(exportDate) || a.cents() <= 0) {
            return;
        }
        boolean unallocated = a.kind().equals("credit_memo") && onAccount();
        out.write(new AdjustmentRow(id("ADJ", ++adjustmentSeq, 8), unallocated ? null : fate.invoiceId,
                fate.customerId, a.date(), a.cents(), a.kind(), a.reason()));
    }

    /**
     * Whether the next payment or credit memo is booked on account: the customer paid or was credited, but the
     * export shows it applied to no invoice, which stays open in the ledger (gross AR) while the item reduces the
     * customer's balance (net AR). Drawn only when the share is above zero, so a history without them is
     * byte-identical to one made before the option existed.
     */
    private boolean onAccount() {
        return config.onAccountShare() > 0 && onAccount.nextDouble() < config.onAccountShare();
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

    /** A prefix and a zero-padded number; String.format is too slow for tens of millions of ids. */
    static String id(String prefix, long n, int width) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** Mutable per-customer state: the only thing the simulation keeps in memory. */
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

        CustomerRow row() {
            return new CustomerRow(id, name, country, region, SEGMENTS[segment], creditLimitCents, termsDays, collector,
                    since);
        }
    }
}
