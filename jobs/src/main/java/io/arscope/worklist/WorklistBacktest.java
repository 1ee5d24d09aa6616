package io.arscope.worklist;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import io.arscope.ledger.OnAccountItems;
import io.arscope.ledger.ReceivablesLedger;

/**
 * Replays past as-of days: ranks the collection queue's open invoices three ways (our priority, open amount as
 * ERPs sort, days past due as aging reports sort), takes the top K of each, and looks at what happened in the
 * following days.
 *
 * <p>History records no collector's calls, so the cash a ranking's top K paid in the horizon mostly shows which
 * invoices would have paid anyway. What a call can change is the money that is due by the end of the horizon and
 * still unpaid then (overdue at the horizon; an invoice not yet due then is not counted, since nobody should
 * chase it): the lift is the share of that money in our top K against the share in each baseline's top K. Both
 * figures are reported.
 */
public final class WorklistBacktest {

    /** An open, undisputed invoice on the replayed day and what became of it within the horizon. */
    public record Item(String invoiceId, BigDecimal priority, int daysPastDue, BigDecimal open, BigDecimal collected,
            BigDecimal overdueAtHorizon) implements Serializable {
    }

    /** The orders compared. */
    public enum Ranking {
        /** Our priority: open amount x chance of being unpaid at the horizon x urgency. */
        MODEL(Comparator.comparing(Item::priority).reversed().thenComparing(Comparator.comparingInt(
                Item::daysPastDue).reversed()).thenComparing(Item::open, Comparator.reverseOrder())),
        /** Largest open amount first. */
        AMOUNT(Comparator.comparing(Item::open).reversed()),
        /** Oldest past due first, then larger. */
        DAYS_PAST_DUE(Comparator.comparingInt(Item::daysPastDue).reversed().thenComparing(Item::open,
                Comparator.reverseOrder()));

        private final Comparator<Item> order;

        Ranking(Comparator<Item> order) {
            this.order = order.thenComparing(Item::invoiceId);
        }
    }

    /** One ranking on one day: the pool, its top K, and the money in them. */
    public record Outcome(LocalDate asOf, Ranking ranking, int pool, int k, BigDecimal topOpen,
            BigDecimal topCollected, BigDecimal topOverdue, BigDecimal poolOverdue) implements Serializable {

        /**
         * Share of the pool's money overdue and unpaid at the horizon that the top K holds; null when nothing in
         * the pool is, as no ranking can capture a share of nothing.
         */
        public Double overdueCaptured() {
            return share(topOverdue, poolOverdue);
        }
    }

    /** One ranking summed over all replayed days. */
    public record Total(BigDecimal topCollected, BigDecimal topOverdue, BigDecimal poolOverdue) {

        private static final Total ZERO = new Total(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        private Total add(Outcome o) {
            return new Total(topCollected.add(o.topCollected()), topOverdue.add(o.topOverdue()),
                    poolOverdue.add(o.poolOverdue()));
        }

        /** Share of the pools' overdue money that the top Ks held; null when none of it was overdue. */
        public Double overdueCaptured() {
            return share(topOverdue, poolOverdue);
        }
    }

    private static Double share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.doubleValue() / whole.doubleValue();
    }

    private WorklistBacktest() {
    }

    /** Each ranking's outcomes summed over the replayed days, in ranking order. */
    public static Map<Ranking, Total> totals(List<Outcome> outcomes) {
        Map<Ranking, Total> totals = new EnumMap<>(Ranking.class);
        for (Outcome o : outcomes) {
            totals.put(o.ranking(), totals.getOrDefault(o.ranking(), Total.ZERO).add(o));
        }
        return totals;
    }

    /** The top {@code ceil(topShare x pool)} invoices of each ranking. */
    public static List<Outcome> compare(LocalDate asOf, List<Item> pool, double topShare) {
        if (!(topShare > 0 && topShare <= 1)) {
            throw new IllegalArgumentException("the top share must be in (0, 1], was " + topShare);
        }
        int k = (int) Math.ceil(topShare * pool.size());
        BigDecimal poolOverdue = pool.stream().map(Item::overdueAtHorizon).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Outcome> out = new ArrayList<>();
        for (Ranking ranking : Ranking.values()) {
            List<Item> top = pool.stream().sorted(ranking.order).limit(k).toList();
            out.add(new Outcome(asOf, ranking, pool.size(), k,
                    top.stream().map(Item::open).reduce(BigDecimal.ZERO, BigDecimal::add),
                    top.stream().map(Item::collected).reduce(BigDecimal.ZERO, BigDecimal::add),
                    top.stream().map(Item::overdueAtHorizon).reduce(BigDecimal.ZERO, BigDecimal::add), poolOverdue));
        }
        return out;
    }

    /**
     * Per invoice, what happened in the {@code horizonDays} after {@code asOf}: {@code collected} (cash received)
     * and {@code reduced} (cash plus credit memos and write-offs), both DECIMAL; invoices with neither are absent.
     */
    public static Dataset<Row> outcomes(ReceivablesLedger ledger, LocalDate asOf, int horizonDays) {
        LocalDate end = asOf.plusDays(horizonDays);
        // On-account items settle no invoice of the queue: they are left out here, not lost (OnAccountItems).
        Dataset<Row> cash = ledger.payments().filter(OnAccountItems.applied())
                .filter(col("payment_date").gt(asOf).and(col("payment_date").leq(end)))
                .select(col("invoice_id"), col("amount").as("cash"), col("amount").as("reduction"));
        Dataset<Row> credits = ledger.adjustments().filter(OnAccountItems.applied())
                .filter(col("adjustment_date").gt(asOf).and(col("adjustment_date").leq(end)))
                .select(col("invoice_id"), lit(BigDecimal.ZERO).cast(DataTypes.createDecimalType(18, 2)).as("cash"),
                        col("amount").as("reduction"));
        return cash.unionByName(credits).groupBy("invoice_id")
                .agg(sum("cash").as("collected"), sum("reduction").as("reduced"));
    }
}
