package io.arscope.risk;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ReceivablesLedger;

/**
 * A customer as it stood at the end of an observation day d: its features, the label of the customer credit-risk
 * model and the figures of the credit-limit rule ({@link CreditLimitRule}). The features are those
 * {@link RiskFeatures} computes of a customer's history (from what was dated on or before d: the history of a
 * scoring day d + 1), with the customer's largest days past due, its credit sales and credit use added. The label
 * ({@code crosses_60}) is true when any of its invoices, issued before or after d, is more than
 * {@value #PAST_DUE_DAYS} days past due with an amount still open at the end of a day in (d, d + {@value
 * #HORIZON_DAYS}]; it is null while that window has not closed by the ledger's as-of date. A customer is observed on
 * d when it has an amount open at the end of d or an invoice issued in the {@value #SALES_DAYS} days up to d.
 */
public final class CustomerFeatures {

    /** Days past due an invoice must exceed for the customer to count as bad. */
    public static final int PAST_DUE_DAYS = 60;
    /** Days after the observation day in which the label looks for such an invoice. */
    public static final int HORIZON_DAYS = 90;
    /** Days of credit sales the credit-limit rule reads, and of recent activity that makes a customer observed. */
    public static final int SALES_DAYS = 365;

    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("observed_on", DataTypes.DateType, false),
            DataTypes.createStructField("features", DataTypes.createMapType(DataTypes.StringType,
                    DataTypes.DoubleType, false), false),
            DataTypes.createStructField("crosses_60", DataTypes.BooleanType, true),
            DataTypes.createStructField("exposure", DataTypes.createDecimalType(20, 2), false),
            DataTypes.createStructField("max_days_past_due", DataTypes.IntegerType, true),
            DataTypes.createStructField("sales", DataTypes.createDecimalType(20, 2), false),
            DataTypes.createStructField("sales_days", DataTypes.IntegerType, false),
            DataTypes.createStructField("sales_invoices", DataTypes.IntegerType, false),
            DataTypes.createStructField("latest_terms_days", DataTypes.IntegerType, false),
            DataTypes.createStructField("currencies", DataTypes.StringType, false)));

    private CustomerFeatures() {
    }

    /**
     * Every customer observed on each of {@code days}, from the ledger known at the end of {@code labelAsOf} (on or
     * after the latest day).
     *
     * @param activity the customers' collection activity, or null for none
     */
    public static Dataset<Row> observe(ReceivablesLedger ledger, CollectionActivity activity, LocalDate labelAsOf,
            List<LocalDate> days, int graceDays) {
        return observe(CustomerHistory.of(ledger, activity, labelAsOf), days, graceDays);
    }

    /** Every customer of {@code history} observed on each of {@code days} (on or before its day). */
    public static Dataset<Row> observe(CustomerHistory history, List<LocalDate> days, int graceDays) {
        List<LocalDate> wanted = List.copyOf(days);
        LocalDate labelAsOf = history.labelAsOf();
        FlatMapGroupsFunction<String, Row, Row> observed = (customer, rows) -> observations(customer, rows, wanted,
                labelAsOf, graceDays).iterator();
        return history.perCustomer(observed, SCHEMA);
    }

    /** The month-ends from the first invoice's month to {@code last}, the observation days of training. */
    public static List<LocalDate> monthEnds(LocalDate firstInvoice, LocalDate last) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = firstInvoice.with(TemporalAdjusters.lastDayOfMonth()); !d.isAfter(last);
                d = d.plusDays(1).with(TemporalAdjusters.lastDayOfMonth())) {
            out.add(d);
        }
        return out;
    }

    static List<Row> observations(String customer, Iterator<Row> rows, List<LocalDate> days, LocalDate labelAsOf,
            int graceDays) {
        List<RiskFeatures.Invoice> invoices = new ArrayList<>();
        rows.forEachRemaining(r -> invoices.add(RiskFeatures.invoice(r)));
        invoices.sort(Comparator.comparing(RiskFeatures.Invoice::issued).thenComparing(RiskFeatures.Invoice::id));
        List<RiskFeatures.OnAccount> onAccount = RiskFeatures.onAccount(invoices.get(0).row());
        List<ActivityHistory.Event> activity = RiskFeatures.activity(invoices);
        List<Row> out = new ArrayList<>();
        for (LocalDate d : days) {
            Observation o = observe(invoices, onAccount, activity, d, labelAsOf, graceDays);
            if (o != null) {
                out.add(RowFactory.create(customer, d, scala.collection.JavaConverters.mapAsScalaMap(o.features()),
                        o.crosses60(), o.exposure(), o.maxDaysPastDue(), o.sales(), o.salesDays(), o.salesInvoices(),
                        o.latestTermsDays(), o.currencies()));
            }
        }
        return out;
    }

    /** One customer on one day, as {@link #SCHEMA} holds it. */
    record Observation(Map<String, Double> features, Boolean crosses60, BigDecimal exposure, Integer maxDaysPastDue,
            BigDecimal sales, int salesDays, int salesInvoices, int latestTermsDays, String currencies)
            implements Serializable {
    }

    /** The customer observed at the end of d, or null when it is not observed then. */
    static Observation observe(List<RiskFeatures.Invoice> invoices, List<RiskFeatures.OnAccount> onAccount,
            List<ActivityHistory.Event> activity, LocalDate d, LocalDate labelAsOf, int graceDays) {
        LocalDate t = d.plusDays(1);
        BigDecimal exposure = BigDecimal.ZERO;
        BigDecimal sales = BigDecimal.ZERO;
        int salesInvoices = 0;
        // Of the most overdue open invoice, as the worklist says it (negative when none is due yet); null when
        // nothing is open, which a 0 would show as an invoice due today.
        Integer maxDaysPastDue = null;
        RiskFeatures.Invoice latest = null;
        TreeSet<String> currencies = new TreeSet<>();
        for (RiskFeatures.Invoice i : invoices) {
            if (i.issued().isAfter(d)) {
                continue;
            }
            latest = i;
            BigDecimal open = i.openBefore(t);
            exposure = exposure.add(open);
            if (open.signum() > 0) {
                int days = (int) ChronoUnit.DAYS.between(i.due(), d);
                maxDaysPastDue = maxDaysPastDue == null ? days : Math.max(maxDaysPastDue, days);
            }
            if (ChronoUnit.DAYS.between(i.issued(), d) < SALES_DAYS) {
                sales = sales.add(i.amount());
                salesInvoices++;
            }
            Object currency = i.row().getAs("currency");
            if (currency != null) {
                currencies.add(currency.toString());
            }
        }
        if (latest == null || exposure.signum() <= 0 && salesInvoices == 0) {
            return null;
        }
        Map<String, Double> f = new TreeMap<>();
        RiskFeatures.History h = RiskFeatures.addHistory(f, null, invoices, onAccount, t, graceDays);
        ActivityHistory.addFeatures(f, activity, t);
        f.put("max_days_past_due", maxDaysPastDue == null ? 0.0 : Math.max(0, maxDaysPastDue));
        f.put("sales_12m_log", Math.log1p(sales.doubleValue()));
        Row r = latest.row();
        BigDecimal limit = r.getAs("credit_limit");
        if (limit != null && limit.signum() > 0) {
            f.put("credit_use", h.openBalance() / limit.doubleValue());
        }
        LocalDate since = r.getAs("customer_since");
        LocalDate first = invoices.get(0).issued();
        f.put("tenure_days", (double) Math.max(0, ChronoUnit.DAYS.between(since != null ? since : first, t)));
        int salesDays = (int) Math.min(SALES_DAYS, ChronoUnit.DAYS.between(first, d) + 1);
        int latestTerms = (int) ChronoUnit.DAYS.between(latest.issued(), latest.due());
        return new Observation(f, crossesSixtyDays(invoices, d, labelAsOf), exposure, maxDaysPastDue, sales,
                salesDays, salesInvoices, latestTerms, String.join(",", currencies));
    }

    /**
     * Whether an invoice of the customer is more than {@value #PAST_DUE_DAYS} days past due with an amount open at
     * the end of a day in (d, d + {@value #HORIZON_DAYS}]; null when that window ends after {@code labelAsOf}. An
     * open amount only falls, so the first such day of each invoice decides: the later of d + 1 and its 61st day
     * past due.
     */
    static Boolean crossesSixtyDays(List<RiskFeatures.Invoice> invoices, LocalDate d, LocalDate labelAsOf) {
        LocalDate end = d.plusDays(HORIZON_DAYS);
        if (end.isAfter(labelAsOf)) {
            return null;
        }
        for (RiskFeatures.Invoice i : invoices) {
            LocalDate pastSixty = i.due().plusDays(PAST_DUE_DAYS + 1L);
            LocalDate first = pastSixty.isAfter(d) ? pastSixty : d.plusDays(1);
            if (!first.isAfter(end) && i.openBefore(first.plusDays(1)).signum() > 0) {
                return true;
            }
        }
        return false;
    }
}
