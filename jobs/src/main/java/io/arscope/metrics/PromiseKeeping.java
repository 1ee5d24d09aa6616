package io.arscope.metrics;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.PromiseStatus;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.model.CanonicalTable;

/**
 * Whether customers keep their promises to pay, month by month. A promise counts in the month its window closes
 * (the promised date plus the grace days), when its status is final: kept, partly kept or broken. The kept rate by
 * count is kept promises over all closed ones; by amount, the amount of kept promises plus what was paid on partly
 * kept ones over the amount promised. A broken or partly kept promise is still open at a month-end while the
 * invoices it was for (the customer's, when it lists none) are still open; what it left unpaid then is its shortfall
 * (amount less paid in its window), at most what those invoices still owe.
 */
public final class PromiseKeeping {

    private PromiseKeeping() {
    }

    /**
     * One row per promise whose window closed by {@code lastMonthEnd}: month_end (of the month it closed), the
     * dimensions, promises_closed, promises_kept, promises_partly_kept, promises_broken (0 or 1),
     * promised_amount and kept_amount in the reporting currency at the rate of the day the window closed.
     *
     * @param judged {@link PromiseStatus} rows sliced by {@link ActivitySlices#attach}
     */
    public static Dataset<Row> closed(Dataset<Row> judged, List<String> dims, LocalDate lastMonthEnd,
            ActivityConfig config, ReportingCurrency money) {
        Column closes = date_add(col("promised_date"), config.graceDays());
        Column status = col("status");
        Column keptAmount = when(status.equalTo(PromiseStatus.KEPT), col("amount"))
                .when(status.equalTo(PromiseStatus.PARTLY_KEPT), col("paid_amount")).otherwise(lit(0));
        List<Column> out = new ArrayList<>(List.of(last_day(closes).as("month_end")));
        dims.forEach(d -> out.add(col(d)));
        out.addAll(List.of(lit(1L).as("promises_closed"), flag(status.equalTo(PromiseStatus.KEPT), "promises_kept"),
                flag(status.equalTo(PromiseStatus.PARTLY_KEPT), "promises_partly_kept"),
                flag(status.equalTo(PromiseStatus.BROKEN), "promises_broken"),
                ActivitySlices.inReporting(money, col("amount"), closes).as("promised_amount"),
                ActivitySlices.inReporting(money, keptAmount.cast("decimal(18,2)"), closes).as("kept_amount")));
        return judged.filter(status.notEqual(PromiseStatus.PENDING).and(closes.leq(lit(lastMonthEnd))))
                .select(out.toArray(Column[]::new));
    }

    /**
     * One row per broken or partly kept promise and month-end from the month its window closed on, while its
     * invoices are open: month_end, the dimensions, broken_open_count (1) and broken_open_unpaid, its shortfall at
     * the month-end's rate, at most the open amount of its invoices then.
     *
     * @param judged        as for {@link #closed}
     * @param openMonthEnds month_end, invoice_id, customer_id and open (in the reporting currency at that month-end)
     *                      of every invoice open at a month-end
     */
    public static Dataset<Row> brokenOpen(Dataset<Row> judged, Dataset<Row> openMonthEnds, List<String> dims,
            ActivityConfig config, ReportingCurrency money) {
        Column closes = date_add(col("promised_date"), config.graceDays());
        Dataset<Row> open = openMonthEnds.select(col("month_end"), col("invoice_id").as("open_invoice"),
                col("customer_id").as("open_customer"), col("open"));
        Column listed = split(col("invoice_ids"), Pattern.quote(CanonicalTable.INVOICE_ID_SEPARATOR));
        List<Column> keys = new ArrayList<>(List.of(col("promise_id"), col("month_end"), col("amount"),
                col("paid_amount"), col(ActivitySlices.AMOUNT_CURRENCY)));
        dims.forEach(d -> keys.add(col(d)));
        Dataset<Row> owed = judged.filter(col("status").isin(PromiseStatus.BROKEN, PromiseStatus.PARTLY_KEPT))
                .join(open, col("customer_id").equalTo(col("open_customer")).and(col("month_end").geq(closes))
                        .and(col("invoice_ids").isNull().or(array_contains(listed, col("open_invoice")))))
                .groupBy(keys.toArray(Column[]::new)).agg(sum(col("open")).as("still_owed"));
        Column shortfall = ActivitySlices.inReporting(money, col("amount").minus(col("paid_amount"))
                .cast("decimal(18,2)"), col("month_end"));
        List<Column> out = new ArrayList<>(List.of(col("month_end")));
        dims.forEach(d -> out.add(col(d)));
        out.add(lit(1L).as("broken_open_count"));
        out.add(least(shortfall, col("still_owed")).as("broken_open_unpaid"));
        return owed.select(out.toArray(Column[]::new));
    }

    /** 1 where {@code condition} holds, else 0, as a count. */
    static Column flag(Column condition, String name) {
        return when(condition, 1L).otherwise(0L).as(name);
    }
}
