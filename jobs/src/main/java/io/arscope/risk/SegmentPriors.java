package io.arscope.risk;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The late share of each customer segment, and a customer's own late share shrunk toward it by empirical Bayes, as
 * known on the scoring day: a customer with few known outcomes is judged mostly by its segment, one with many by
 * itself.
 *
 * <p>For the first day M of each month, from the outcomes known by M (an invoice's outcome is known from the day
 * after it was settled, or, when late, from its due date + grace + 1 day, whichever is first): per segment, the
 * pooled late share mu (late / known) and the prior strength m of a beta-binomial model fitted by the method of
 * moments across the segment's customers with a known outcome, each with its own share p = k / n:
 * tau^2 = variance of p - mu (1 - mu) x mean of 1 / n (the spread beyond binomial noise), m = mu (1 - mu) / tau^2 - 1,
 * kept in [{@value #MIN_STRENGTH}, {@value #MAX_STRENGTH}] ({@value #MAX_STRENGTH} when tau^2 is not above 0 or
 * fewer than 2 customers: nothing tells the customers apart). An invoice scored on day t uses the priors of t's
 * month's first day (only outcomes known before t) and adds:
 * <ul>
 * <li>{@code segment_late_share}: mu;</li>
 * <li>{@code segment_recent_late_share}: the late share of the segment's outcomes that became known in the
 * {@value #RECENT_MONTHS} months before (absent when none did): where the segment stands now, as times change;</li>
 * <li>{@code hist_late_share_shrunk}: (k + m mu) / (n + m), with k late of n known outcomes of the customer's own by
 * t (mu when it has none).</li>
 * </ul>
 * Both are absent until the segment has a known outcome. An outcome counts on a scoring day t when it was known by
 * t, as {@code hist_late_share} counts it. Customers without a segment form the segment "(none)".
 */
final class SegmentPriors implements Serializable {

    static final double MIN_STRENGTH = 1;
    static final double MAX_STRENGTH = 1000;
    static final int RECENT_MONTHS = 3;

    private static final StructType COUNTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("segment", DataTypes.StringType, false),
            DataTypes.createStructField("month", DataTypes.DateType, false),
            DataTypes.createStructField("known", DataTypes.LongType, false),
            DataTypes.createStructField("late", DataTypes.LongType, false)));

    /** Per segment, per first day of a month: mu, m and the recent late share. */
    private final Map<String, TreeMap<LocalDate, double[]>> bySegment;

    SegmentPriors(Map<String, TreeMap<LocalDate, double[]>> bySegment) {
        this.bySegment = bySegment;
    }

    /** An invoice's outcome and the first scoring day that knows it. */
    record Outcome(LocalDate knownFrom, boolean late) implements Serializable {
    }

    /**
     * The invoice's outcome: on time, known from the day after it was settled, when settled by its due date + grace;
     * else late, known from the day after that. An invoice unsettled in the ledger is late from then on: its outcome
     * counts only on days up to the ledger's, when it is still unsettled and past that day.
     */
    static Outcome outcome(RiskFeatures.Invoice o, int graceDays) {
        LocalDate lateFrom = o.due().plusDays(graceDays + 1L);
        return o.settledOn() != null && o.settledOn().isBefore(lateFrom) ? new Outcome(o.settledOn().plusDays(1), false)
                : new Outcome(lateFrom, true);
    }

    /** Priors from the customers' history, collected to the driver. */
    static SegmentPriors of(CustomerHistory history, int graceDays) {
        LocalDate labelAsOf = history.labelAsOf();
        FlatMapGroupsFunction<String, Row, Row> months = (customer, rows) -> customerMonths(rows, labelAsOf,
                graceDays).iterator();
        List<Row> counts = history.perCustomer(months, COUNTS)
                .groupBy("segment", "month")
                .agg(functions.count("*").as("customers"), functions.sum("known").as("n"),
                        functions.sum("late").as("k"),
                        exactSum(functions.col("late").divide(functions.col("known"))).as("p"),
                        exactSum(functions.pow(functions.col("late").divide(functions.col("known")), 2)).as("p2"),
                        exactSum(functions.lit(1.0).divide(functions.col("known"))).as("inv_n"))
                .collectAsList();
        Map<String, TreeMap<LocalDate, long[]>> pooled = new HashMap<>();
        Map<String, TreeMap<LocalDate, double[]>> bySegment = new HashMap<>();
        for (Row r : counts) {
            pooled.computeIfAbsent(r.getString(0), s -> new TreeMap<>()).put(r.<LocalDate>getAs(1),
                    new long[] {r.getLong(3), r.getLong(4)});
            bySegment.computeIfAbsent(r.getString(0), s -> new TreeMap<>()).put(r.<LocalDate>getAs(1),
                    prior(r.getLong(2), r.getLong(3), r.getLong(4), r.getDouble(5), r.getDouble(6), r.getDouble(7)));
        }
        bySegment.forEach((segment, byMonth) -> byMonth.forEach((month, prior) -> prior[2] = recent(pooled.get(segment),
                month)));
        return new SegmentPriors(bySegment);
    }

    /**
     * A sum that does not depend on how the rows are partitioned: each term rounded to 18 decimals, then added as
     * decimals, which is exact. Summed as doubles, the order of addition would change the last bits, and the
     * method-of-moments spread (a difference of close sums) would carry them into the features, so a run on a
     * cluster would train another model than a local one.
     */
    private static Column exactSum(Column term) {
        return functions.sum(term.cast(DataTypes.createDecimalType(38, 18))).cast(DataTypes.DoubleType);
    }

    /**
     * The late share of the outcomes that became known in the {@value #RECENT_MONTHS} months before {@code month}'s
     * first day, from the segment's pooled known and late outcomes on each month's first day; NaN when none did.
     */
    static double recent(TreeMap<LocalDate, long[]> pooled, LocalDate month) {
        long[] now = pooled.get(month);
        Map.Entry<LocalDate, long[]> before = pooled.floorEntry(month.minusMonths(RECENT_MONTHS));
        long known = now[0] - (before == null ? 0 : before.getValue()[0]);
        long late = now[1] - (before == null ? 0 : before.getValue()[1]);
        return known > 0 ? (double) late / known : Double.NaN;
    }

    /**
     * mu and m (and NaN for the recent share, which {@link #recent} fills) from a segment's customers on one month's
     * first day: their number, known and late outcomes summed,
     * and the sums of their shares, squared shares and 1 / known.
     */
    static double[] prior(long customers, long known, long late, double sumShare, double sumShare2, double sumInvKnown) {
        double mu = (double) late / known;
        double mean = sumShare / customers;
        double spread = sumShare2 / customers - mean * mean - mu * (1 - mu) * sumInvKnown / customers;
        double m = customers < 2 || spread <= 0 ? MAX_STRENGTH
                : Math.max(MIN_STRENGTH, Math.min(MAX_STRENGTH, mu * (1 - mu) / spread - 1));
        return new double[] {mu, m, Double.NaN};
    }

    static List<Row> customerMonths(Iterator<Row> rows, LocalDate labelAsOf, int graceDays) {
        List<Outcome> outcomes = new ArrayList<>();
        String segment = null;
        while (rows.hasNext()) {
            Row r = rows.next();
            segment = RiskFeatures.text(r.getAs("segment"));
            outcomes.add(outcome(RiskFeatures.invoice(r), graceDays));
        }
        return months(segment, outcomes, labelAsOf);
    }

    /**
     * A customer's known and late outcomes on the first day of each month up to {@code labelAsOf}, from the month of
     * its first outcome's; months when none is known yet are left out.
     */
    static List<Row> months(String segment, List<Outcome> outcomes, LocalDate labelAsOf) {
        List<Outcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.comparing(Outcome::knownFrom));
        List<Row> out = new ArrayList<>();
        if (sorted.isEmpty()) {
            return out;
        }
        int i = 0;
        long known = 0;
        long late = 0;
        for (LocalDate month = sorted.get(0).knownFrom().withDayOfMonth(1); !month.isAfter(labelAsOf);
                month = month.plusMonths(1)) {
            while (i < sorted.size() && !sorted.get(i).knownFrom().isAfter(month)) {
                known++;
                late += sorted.get(i).late() ? 1 : 0;
                i++;
            }
            if (known > 0) {
                out.add(RowFactory.create(segment, month, known, late));
            }
        }
        return out;
    }

    /** Adds the two features of {@code target}'s segment on day t, from its customer's own outcomes known by t. */
    void add(Map<String, Double> f, RiskFeatures.Invoice target, List<RiskFeatures.Invoice> customerInvoices,
            LocalDate t, int graceDays) {
        TreeMap<LocalDate, double[]> months = bySegment.get(RiskFeatures.text(target.row().getAs("segment")));
        Map.Entry<LocalDate, double[]> prior = months == null ? null : months.floorEntry(t.withDayOfMonth(1));
        if (prior == null) {
            return;
        }
        int known = 0;
        int late = 0;
        for (RiskFeatures.Invoice o : customerInvoices) {
            Outcome outcome = outcome(o, graceDays);
            if (o != target && !outcome.knownFrom().isAfter(t)) {
                known++;
                late += outcome.late() ? 1 : 0;
            }
        }
        double mu = prior.getValue()[0];
        double m = prior.getValue()[1];
        f.put("segment_late_share", mu);
        if (!Double.isNaN(prior.getValue()[2])) {
            f.put("segment_recent_late_share", prior.getValue()[2]);
        }
        f.put("hist_late_share_shrunk", (late + m * mu) / (known + m));
    }
}
