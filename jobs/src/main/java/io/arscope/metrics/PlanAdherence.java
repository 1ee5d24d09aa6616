package io.arscope.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.PlanStatus;
import io.arscope.ledger.ReportingCurrency;

/**
 * Whether payment plans are kept, month by month. An instalment counts in the month its window closes (its due date
 * plus the grace days), once it is met or missed. Adherence by count is met instalments over met and missed ones;
 * by amount, the amounts of the met instalments over those of all of them.
 */
public final class PlanAdherence {

    private PlanAdherence() {
    }

    /**
     * One row per instalment whose window closed by {@code lastMonthEnd}: month_end (of the month it closed), the
     * dimensions, instalments_closed (1), instalments_met (0 or 1), instalment_amount and met_amount in the
     * reporting currency at the rate of the day its window closed.
     *
     * @param judged {@link PlanStatus} rows sliced by {@link ActivitySlices#attach}
     */
    public static Dataset<Row> closed(Dataset<Row> judged, List<String> dims, LocalDate lastMonthEnd,
            ActivityConfig config, ReportingCurrency money) {
        Column closes = date_add(col("due_date"), config.graceDays());
        Column met = col("status").equalTo(PlanStatus.MET);
        List<Column> out = new ArrayList<>(List.of(last_day(closes).as("month_end")));
        dims.forEach(d -> out.add(col(d)));
        out.addAll(List.of(lit(1L).as("instalments_closed"), PromiseKeeping.flag(met, "instalments_met"),
                ActivitySlices.inReporting(money, col("amount"), closes).as("instalment_amount"),
                ActivitySlices.inReporting(money, when(met, col("amount")).otherwise(lit(0)).cast("decimal(18,2)"),
                        closes).as("met_amount")));
        return judged.filter(col("status").isin(PlanStatus.MET, PlanStatus.MISSED)
                .and(closes.leq(lit(lastMonthEnd)))).select(out.toArray(Column[]::new));
    }
}
