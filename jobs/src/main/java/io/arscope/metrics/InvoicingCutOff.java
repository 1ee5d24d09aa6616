package io.arscope.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.trunc;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Whether the invoices of the latest month stop early: an export cut before the month's billing ended (IBM's
 * invoices stop on 2 December while its payments run on) leaves the month's credit sales short, and its DSO and
 * CEI read as if sales had collapsed. Told from the ledger's own habit, so that a business that bills once a month
 * is not warned every month: the latest month's last invoice is more than {@link #SLACK_DAYS} days earlier in the
 * month than in every one of the months before it (at least {@link #MIN_MONTHS} of the last {@link #MONTHS}), or
 * the latest month has no invoice while each of the {@link #MIN_MONTHS} before it has.
 */
public final class InvoicingCutOff {

    static final int MONTHS = 6;
    static final int MIN_MONTHS = 3;
    static final int SLACK_DAYS = 7;

    private InvoicingCutOff() {
    }

    /**
     * The warning for the month ending {@code lastMonthEnd}, if its invoicing stops early.
     *
     * @param invoices the ledger's invoices ({@code invoice_date})
     */
    public static Optional<String> of(Dataset<Row> invoices, LocalDate lastMonthEnd) {
        YearMonth latest = YearMonth.from(lastMonthEnd);
        LocalDate from = latest.minusMonths(MONTHS).atDay(1);
        TreeMap<YearMonth, Row> months = new TreeMap<>();
        for (Row r : invoices.filter(col("invoice_date").geq(lit(from))
                        .and(col("invoice_date").leq(lit(lastMonthEnd))))
                .groupBy(trunc(col("invoice_date"), "month").as("month"))
                .agg(max("invoice_date").as("last"), count(lit(1)).as("invoices")).collectAsList()) {
            months.put(YearMonth.from(r.<LocalDate>getAs("month")), r);
        }
        Row now = months.remove(latest);
        if (now == null) {
            return none(latest, months);
        }
        if (months.size() < MIN_MONTHS) {
            return Optional.empty();
        }
        int lastDay = now.<LocalDate>getAs("last").getDayOfMonth();
        int earliestBefore = months.values().stream()
                .mapToInt(r -> r.<LocalDate>getAs("last").getDayOfMonth()).min().orElseThrow();
        if (lastDay + SLACK_DAYS >= earliestBefore) {
            return Optional.empty();
        }
        double perMonth = months.values().stream().mapToLong(r -> r.<Long>getAs("invoices")).average().orElseThrow();
        long count = now.<Long>getAs("invoices");
        return Optional.of(String.format("invoices in %s stop on %s, while in each of the %d months before they ran "
                + "to day %d or later (%s has %,d invoice%s, against %,.0f a month on average before): if the export "
                + "was cut early, %s's credit sales are short and its DSO and CEI are not comparable", latest,
                now.<LocalDate>getAs("last"), months.size(), earliestBefore, latest, count, count == 1 ? "" : "s",
                perMonth, latest));
    }

    /**
     * A latest month with no invoice at all, the furthest an export can be cut: warned of when each of the
     * {@link #MIN_MONTHS} months before it has invoices, so that a business billing every other month or quarter
     * is not.
     */
    private static Optional<String> none(YearMonth latest, TreeMap<YearMonth, Row> before) {
        long invoices = 0;
        for (int m = 1; m <= MIN_MONTHS; m++) {
            Row month = before.get(latest.minusMonths(m));
            if (month == null) {
                return Optional.empty();
            }
            invoices += month.<Long>getAs("invoices");
        }
        return Optional.of(String.format("%s has no invoice, while each of the %d months before has some (%,.0f a "
                + "month on average, the latest on %s): if the export was cut early, %s's credit sales are missing "
                + "and its DSO and CEI are not comparable", latest, MIN_MONTHS, (double) invoices / MIN_MONTHS,
                before.lastEntry().getValue().<LocalDate>getAs("last"), latest));
    }
}
