package io.arscope.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.OnAccountItems;
import io.arscope.ledger.ReceivablesLedger;

/**
 * Features of an invoice as of the day it is scored, one code path for training and scoring. For training, each
 * invoice is scored on its own invoice date; for scoring, each open invoice on the as-of date. Everything about
 * the customer's history is computed from what was dated strictly before the scoring day, so adding later
 * history never changes a feature: no leakage.
 *
 * <p>On-account items (unapplied cash, unallocated credit memos) dated before the scoring day count too: their sum
 * ({@code hist_on_account_log}), the share of the customer's other open invoices they would cover
 * ({@code hist_on_account_cover}, 1 when nothing else is open), and unapplied cash as a payment for
 * {@code days_since_last_payment}.
 *
 * <p>Collection activity, when given, adds what collectors and promises showed before the scoring day
 * ({@link ActivityHistory}).
 *
 * <p>Features are named and sparse (categoricals one-hot as {@code name=value}); an absent feature is zero, and
 * {@code no_history} or {@code no_payment_yet} say why a history feature is absent.
 */
public final class RiskFeatures {

    /** Columns of a feature row. */
    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("invoice_id", DataTypes.StringType, false),
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("invoice_date", DataTypes.DateType, false),
            DataTypes.createStructField("due_date", DataTypes.DateType, false),
            DataTypes.createStructField("amount", DataTypes.createDecimalType(18, 2), false),
            DataTypes.createStructField("scoring_date", DataTypes.DateType, false),
            DataTypes.createStructField("open_amount", DataTypes.createDecimalType(18, 2), false),
            DataTypes.createStructField("features", DataTypes.createMapType(DataTypes.StringType,
                    DataTypes.DoubleType, false), false),
            DataTypes.createStructField("late", DataTypes.BooleanType, true),
            DataTypes.createStructField("days_late", DataTypes.IntegerType, true),
            DataTypes.createStructField("settled_on", DataTypes.DateType, true)));

    /** Changes whenever a feature is added, removed or redefined; a model records the version it was trained on. */
    public static final int VERSION = 5;

    /** The feature of an invoice in dispute on the scoring day (present, 1, only then; feature version 5). */
    public static final String IN_DISPUTE = "in_dispute";

    /** Array of struct(date, amount, kind) on each invoice row: its customer's {@link OnAccountItems}, or null. */
    static final String ON_ACCOUNT = "on_account";

    static final List<String> CARRIED = List.of("currency", "business_unit", "billing_channel", "terms_days",
            "credit_limit", "customer_since", "segment");
    private static final int RECENT = 5;

    private RiskFeatures() {
    }

    /** Every invoice scored on its own invoice date, with its label as known at the ledger's as-of date. */
    public static Dataset<Row> atIssue(ReceivablesLedger ledger, LocalDate labelAsOf, int graceDays) {
        return atIssue(ledger, null, labelAsOf, graceDays);
    }

    /** {@link #atIssue(ReceivablesLedger, LocalDate, int)} with the customers' collection activity; null for none. */
    public static Dataset<Row> atIssue(ReceivablesLedger ledger, CollectionActivity activity, LocalDate labelAsOf,
            int graceDays) {
        return atIssue(CustomerHistory.of(ledger, activity, labelAsOf), graceDays);
    }

    /** Every invoice of {@code history} scored on its own invoice date, labelled as known at its day. */
    public static Dataset<Row> atIssue(CustomerHistory history, int graceDays) {
        return compute(history, graceDays, null);
    }

    /** Invoices open at the end of {@code asOf}, scored on that day. */
    public static Dataset<Row> openOn(ReceivablesLedger ledger, LocalDate asOf, int graceDays) {
        return openOn(ledger, null, asOf, graceDays);
    }

    /** {@link #openOn(ReceivablesLedger, LocalDate, int)} with the customers' collection activity; null for none. */
    public static Dataset<Row> openOn(ReceivablesLedger ledger, CollectionActivity activity, LocalDate asOf,
            int graceDays) {
        return openOn(CustomerHistory.of(ledger, activity, asOf), graceDays);
    }

    /** The invoices of {@code history} open at the end of its day, scored on that day. */
    public static Dataset<Row> openOn(CustomerHistory history, int graceDays) {
        return compute(history, graceDays, history.labelAsOf());
    }

    private static Dataset<Row> compute(CustomerHistory held, int graceDays, LocalDate scoringDate) {
        LocalDate labelAsOf = held.labelAsOf();
        SegmentPriors priors = SegmentPriors.of(held, graceDays);
        FlatMapGroupsFunction<String, Row, Row> features = (customer, rows) -> customerFeatures(rows, labelAsOf,
                graceDays, scoringDate, priors).iterator();
        return held.perCustomer(features, SCHEMA);
    }

    /**
     * One row per invoice known at the end of {@code labelAsOf}, carrying its events, disputes, the {@link #CARRIED}
     * columns, its customer's on-account items and, when {@code activity} is given, its customer's collection
     * activity: what {@link #invoice}, {@link #onAccount} and {@link ActivityHistory#events} read, per customer.
     */
    static Dataset<Row> history(ReceivablesLedger ledger, CollectionActivity activity, LocalDate labelAsOf) {
        ReceivablesLedger known = ledger.asOf(labelAsOf);
        Dataset<Row> items = OnAccountItems.of(known).groupBy(col(OnAccountItems.CUSTOMER_ID).as("oa_customer"))
                .agg(collect_list(struct(col(OnAccountItems.DATE).as("date"), col(OnAccountItems.AMOUNT).as("amount"),
                        col(OnAccountItems.KIND).as("kind"))).as(ON_ACCOUNT));
        Dataset<Row> history = InvoiceHistory.of(known, List.of(), CARRIED)
                .join(items, col("customer_id").equalTo(col("oa_customer")), "left").drop("oa_customer");
        if (activity != null) {
            history = history.join(ActivityHistory.byCustomer(activity, known, labelAsOf),
                    col("customer_id").equalTo(col("activity_customer")), "left").drop("activity_customer");
        }
        return history;
    }

    /** One invoice of a customer, with when it was settled. */
    record Invoice(String id, LocalDate issued, LocalDate due, BigDecimal amount, List<LocalDate> eventDates,
            List<BigDecimal> eventAmounts, List<String> eventKinds, List<LocalDate> paymentDates,
            List<LocalDate[]> disputes, LocalDate settledOn, Row row) implements Serializable {

        BigDecimal openBefore(LocalDate day) {
            BigDecimal open = amount;
            for (int i = 0; i < eventDates.size(); i++) {
                if (eventDates.get(i).isBefore(day)) {
                    open = open.subtract(eventAmounts.get(i));
                }
            }
            return open.max(BigDecimal.ZERO);
        }

        int daysLate() {
            return daysLate(settledOn);
        }

        int daysLate(LocalDate settled) {
            return (int) Math.max(0, ChronoUnit.DAYS.between(due, settled));
        }

        /**
         * The day the invoice was settled as known at the start of {@code day}: when its reductions dated before it
         * reached its amount for good, or null when they had not, or a reversal had reopened it since. Without a
         * reversal, {@link #settledOn} if that is before the day. Judged at the end of each day, as
         * {@code PaidInvoices.settledOn} judges it: a cheque returned and paid again on one day leaves the first
         * settlement standing.
         */
        LocalDate settledBefore(LocalDate day) {
            if (settledOn == null || !settledOn.isBefore(day)) {
                return null;
            }
            BigDecimal reduced = BigDecimal.ZERO;
            LocalDate settled = null;
            for (int i = 0; i < eventDates.size() && eventDates.get(i).isBefore(day); i++) {
                reduced = reduced.add(eventAmounts.get(i));
                LocalDate on = eventDates.get(i);
                if (i + 1 == eventDates.size() || !eventDates.get(i + 1).equals(on)) {
                    settled = reduced.compareTo(amount) < 0 ? null : settled == null ? on : settled;
                }
            }
            return settled;
        }
    }

    private static final List<String> KIND_ORDER = List.of("payment", "credit_memo", "write_off");

    /**
     * A total order of an invoice's events: by date, and on one day payments before credit memos before write-offs,
     * then by amount. The events arrive in whatever order Spark collected them, which depends on the partitioning;
     * ordered by date alone, a payment and a credit memo of one day took turns, so whether the payment "left part of
     * the invoice open" (hist_partial_payment_share), and with it the model, differed between a cluster run and a
     * local one. Payments first is the order a local run collected them in (payments, then adjustments).
     */
    static final Comparator<Row> EVENT_ORDER = Comparator.<Row, LocalDate>comparing(e -> e.getAs("date"))
            .thenComparingInt(e -> KIND_ORDER.indexOf(e.<String>getAs("kind")))
            .thenComparing(e -> e.<BigDecimal>getAs("amount"));
    static Invoice invoice(Row r) {
        List<Row> events = new ArrayList<>(r.<Row>getList(r.fieldIndex(InvoiceHistory.EVENTS)));
        events.sort(EVENT_ORDER);
        BigDecimal amount = r.getAs("amount");
        List<LocalDate> dates = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<LocalDate> payments = new ArrayList<>();
        BigDecimal reduced = BigDecimal.ZERO;
        LocalDate settled = null;
        for (Row e : events) {
            LocalDate d = e.getAs("date");
            dates.add(d);
            amounts.add(e.getAs("amount"));
            kinds.add(e.getAs("kind"));
            // A reversal (a negative payment) is cash taken back, not a day the customer paid.
            if ("payment".equals(e.getAs("kind")) && e.<BigDecimal>getAs("amount").signum() > 0) {
                payments.add(d);
            }
            reduced = reduced.add(e.getAs("amount"));
            if (settled == null && reduced.compareTo(amount) >= 0) {
                settled = d;
            }
        }
        List<LocalDate[]> disputes = new ArrayList<>();
        for (Row d : r.<Row>getList(r.fieldIndex(InvoiceHistory.DISPUTES))) {
            disputes.add(new LocalDate[] {d.getAs("opened"), d.getAs("resolved")});
        }
        return new Invoice(r.getAs("invoice_id"), r.getAs("invoice_date"), r.getAs("due_date"), amount, dates, amounts,
                kinds, payments, disputes, settled, r);
    }

    static List<Row> customerFeatures(Iterator<Row> rows, LocalDate labelAsOf, int graceDays, LocalDate scoringDate,
            SegmentPriors priors) {
        List<Invoice> invoices = new ArrayList<>();
        rows.forEachRemaining(r -> invoices.add(invoice(r)));
        List<OnAccount> onAccount = invoices.isEmpty() ? List.of() : onAccount(invoices.get(0).row());
        List<ActivityHistory.Event> activity = activity(invoices);
        invoices.sort(Comparator.comparing(Invoice::issued).thenComparing(Invoice::id));
        List<Row> out = new ArrayList<>();
        for (Invoice target : invoices) {
            LocalDate t = scoringDate != null ? scoringDate : target.issued();
            BigDecimal openAtScoring = scoringDate != null ? target.amount().subtract(reducedThrough(target, t))
                    : target.amount();
            if (scoringDate != null && openAtScoring.signum() <= 0) {
                continue;
            }
            Map<String, Double> f = features(target, invoices, onAccount, t, graceDays);
            priors.add(f, target, invoices, t, graceDays);
            ActivityHistory.addFeatures(f, activity, t);
            Boolean late = null;
            Integer daysLate = null;
            if (target.settledOn() != null) {
                daysLate = target.daysLate();
                late = daysLate > graceDays;
            } else if (ChronoUnit.DAYS.between(target.due(), labelAsOf) > graceDays) {
                late = true;
            }
            out.add(RowFactory.create(target.id(), target.row().getAs("customer_id"), target.issued(), target.due(),
                    target.amount(), t, openAtScoring.max(BigDecimal.ZERO),
                    scala.collection.JavaConverters.mapAsScalaMap(f), late, daysLate, target.settledOn()));
        }
        return out;
    }

    /** The collection activity a customer's invoice rows carry ({@link #history}), none when not given. */
    static List<ActivityHistory.Event> activity(List<Invoice> invoices) {
        return invoices.isEmpty()
                || !List.of(invoices.get(0).row().schema().fieldNames()).contains(ActivityHistory.EVENTS) ? List.of()
                : ActivityHistory.events(invoices.get(0).row());
    }

    static BigDecimal reducedThrough(Invoice inv, LocalDate day) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < inv.eventDates().size(); i++) {
            if (!inv.eventDates().get(i).isAfter(day)) {
                sum = sum.add(inv.eventAmounts().get(i));
            }
        }
        return sum;
    }

    /** A payment or credit memo of the customer's on account ({@link OnAccountItems}). */
    record OnAccount(LocalDate date, BigDecimal amount, boolean cash) implements Serializable {
    }

    static List<OnAccount> onAccount(Row r) {
        List<OnAccount> items = new ArrayList<>();
        if (!r.isNullAt(r.fieldIndex(ON_ACCOUNT))) {
            for (Row e : r.<Row>getList(r.fieldIndex(ON_ACCOUNT))) {
                items.add(new OnAccount(e.getAs("date"), e.getAs("amount"),
                        OnAccountItems.UNAPPLIED_CASH.equals(e.getAs("kind"))));
            }
        }
        return items;
    }

    /**
     * The features of {@code target} scored on day {@code t}, from the customer's invoices issued before t and its
     * on-account items dated before t.
     */
    static Map<String, Double> features(Invoice target, List<Invoice> customerInvoices, List<OnAccount> onAccount,
            LocalDate t, int graceDays) {
        Map<String, Double> f = new TreeMap<>();
        Row r = target.row();
        f.put("log_amount", Math.log(Math.max(1.0, target.amount().doubleValue())));
        Integer terms = r.getAs("terms_days");
        f.put("terms_days", (double) (terms != null ? terms : ChronoUnit.DAYS.between(target.issued(), target.due())));
        f.put("invoice_weekday=" + target.issued().getDayOfWeek().getValue(), 1.0);
        f.put("invoice_month=" + target.issued().getMonthValue(), 1.0);
        f.put("due_weekday=" + target.due().getDayOfWeek().getValue(), 1.0);
        f.put("due_month=" + target.due().getMonthValue(), 1.0);
        f.put("currency=" + r.getAs("currency"), 1.0);
        f.put("business_unit=" + text(r.getAs("business_unit")), 1.0);
        f.put("billing_channel=" + text(r.getAs("billing_channel")), 1.0);
        // The invoice's own dispute, as the ledger stands at the end of day t: a dispute open on an invoice is the
        // commonest cause of its paying late, and the day's events are known on it, as its open amount counts them.
        if (inDispute(target, t)) {
            f.put(IN_DISPUTE, 1.0);
        }
        History h = addHistory(f, target, customerInvoices, onAccount, t, graceDays);
        PaymentBehaviour.add(f, target, customerInvoices, t, graceDays);
        BigDecimal limit = r.getAs("credit_limit");
        if (limit != null && limit.signum() > 0) {
            f.put("credit_use", (h.openBalance() + target.amount().doubleValue()) / limit.doubleValue());
        }
        LocalDate since = r.getAs("customer_since");
        LocalDate start = since != null ? since : h.firstInvoice() != null ? h.firstInvoice() : target.issued();
        f.put("tenure_days", (double) Math.max(0, ChronoUnit.DAYS.between(start, t)));
        if (h.count() > 0) {
            f.put("amount_vs_usual", target.amount().doubleValue() / (h.amountSum() / h.count()));
        }
        return f;
    }

    /** Whether {@code target} has a dispute opened on or before day t and not resolved by its end. */
    static boolean inDispute(Invoice target, LocalDate t) {
        for (LocalDate[] d : target.disputes()) {
            if (!d[0].isAfter(t) && (d[1] == null || d[1].isAfter(t))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the customer's history held on day t, beside the {@code hist_*} features: the open balance of its
     * invoices issued before t, how many there were and their total, and the first one's date (null for none).
     */
    record History(double openBalance, int count, double amountSum, LocalDate firstInvoice) {
    }

    /**
     * Adds the customer-history features on day {@code t} to {@code f}: from the customer's invoices issued before t
     * other than {@code target} (null for the customer as a whole) and its on-account items dated before t.
     */
    static History addHistory(Map<String, Double> f, Invoice target, List<Invoice> customerInvoices,
            List<OnAccount> onAccount, LocalDate t, int graceDays) {
        int count = 0;
        int known = 0;
        int lateKnown = 0;
        double amountSum = 0;
        double settledAmount = 0;
        double weightedLate = 0;
        List<double[]> settled = new ArrayList<>();
        double openBalance = 0;
        double overdueBalance = 0;
        int openDisputes = 0;
        int pastDisputes = 0;
        LocalDate lastPayment = null;
        LocalDate firstInvoice = null;
        for (Invoice o : customerInvoices) {
            if (!o.issued().isBefore(t) || o == target) {
                continue;
            }
            count++;
            amountSum += o.amount().doubleValue();
            firstInvoice = firstInvoice == null || o.issued().isBefore(firstInvoice) ? o.issued() : firstInvoice;
            LocalDate settledOn = o.settledBefore(t);
            long overdueDays = ChronoUnit.DAYS.between(o.due(), t);
            if (settledOn != null) {
                known++;
                int daysLate = o.daysLate(settledOn);
                if (daysLate > graceDays) {
                    lateKnown++;
                }
                settled.add(new double[] {settledOn.toEpochDay(), daysLate});
                settledAmount += o.amount().doubleValue();
                weightedLate += o.amount().doubleValue() * daysLate;
            } else {
                double open = o.openBefore(t).doubleValue();
                openBalance += open;
                if (overdueDays > 0) {
                    overdueBalance += open;
                }
                if (overdueDays > graceDays) {
                    known++;
                    lateKnown++;
                }
            }
            for (LocalDate p : o.paymentDates()) {
                if (p.isBefore(t) && (lastPayment == null || p.isAfter(lastPayment))) {
                    lastPayment = p;
                }
            }
            for (LocalDate[] d : o.disputes()) {
                if (d[0].isBefore(t)) {
                    pastDisputes++;
                    if (d[1] == null || !d[1].isBefore(t)) {
                        openDisputes++;
                    }
                }
            }
        }
        // On account: credit the customer holds against its other open invoices, and cash it paid without
        // naming an invoice, which is a payment all the same.
        // Summed as decimals: the items come in Spark's collection order, and a sum of doubles would change with it.
        BigDecimal onAccountSum = BigDecimal.ZERO;
        for (OnAccount item : onAccount) {
            if (item.date().isBefore(t)) {
                onAccountSum = onAccountSum.add(item.amount());
                if (item.cash() && (lastPayment == null || item.date().isAfter(lastPayment))) {
                    lastPayment = item.date();
                }
            }
        }
        double credit = onAccountSum.doubleValue();
        if (credit > 0) {
            f.put("hist_on_account_log", Math.log1p(credit));
            f.put("hist_on_account_cover", openBalance > 0 ? Math.min(1, credit / openBalance) : 1);
        }
        f.put("hist_invoices", (double) count);
        f.put("hist_open_balance_log", Math.log1p(openBalance));
        f.put("hist_overdue_balance_log", Math.log1p(overdueBalance));
        f.put("hist_overdue_share", openBalance > 0 ? overdueBalance / openBalance : 0);
        f.put("hist_open_disputes", (double) openDisputes);
        f.put("hist_past_disputes", (double) pastDisputes);
        if (known > 0) {
            f.put("hist_late_share", (double) lateKnown / known);
        } else {
            f.put("no_history", 1.0);
        }
        if (!settled.isEmpty()) {
            settled.sort(Comparator.comparingDouble(s -> s[0]));
            double mean = settled.stream().mapToDouble(s -> s[1]).average().orElse(0);
            double recent = settled.subList(Math.max(0, settled.size() - RECENT), settled.size()).stream()
                    .mapToDouble(s -> s[1]).average().orElse(0);
            f.put("hist_mean_days_late", mean);
            f.put("hist_recent_days_late", recent);
            f.put("hist_lateness_trend", recent - mean);
            f.put("hist_amount_weighted_days_late", weightedLate / settledAmount);
        }
        if (lastPayment != null) {
            f.put("days_since_last_payment", (double) ChronoUnit.DAYS.between(lastPayment, t));
        } else {
            f.put("no_payment_yet", 1.0);
        }
        return new History(openBalance, count, amountSum, firstInvoice);
    }

    /** A one-hot level of a value the data does not hold. */
    static final String NO_LEVEL = "(none)";

    static String text(Object value) {
        return value == null ? NO_LEVEL : value.toString();
    }

    /** Rows with a known label, the training set. */
    public static Dataset<Row> labelled(Dataset<Row> features) {
        return features.filter(col("late").isNotNull());
    }
}
