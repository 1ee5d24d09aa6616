package io.arscope.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.spark.sql.Row;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.Slices;

/**
 * Roll rates of the whole portfolio, month by month, and the provision matrix rows built on them: the tables behind
 * the expected-credit-loss allowance.
 */
final class PortfolioRolls {

    private PortfolioRolls() {
    }

    /** The whole portfolio's roll rates from the monthly figures' movements between buckets. */
    static List<RollRates.Roll> of(List<Row> rows, int bucketCount) {
        SortedMap<YearMonth, List<RollRates.Movement>> movements = new TreeMap<>();
        for (Row r : rows) {
            if (!Slices.TOTAL.equals(r.getAs(Slices.DIMENSION))) {
                continue;
            }
            YearMonth month = YearMonth.from((LocalDate) r.getAs(MonthlyFigures.MONTH));
            List<RollRates.Movement> buckets = movements.computeIfAbsent(month, m -> {
                List<RollRates.Movement> empty = new ArrayList<>();
                for (int k = 0; k < bucketCount; k++) {
                    empty.add(new RollRates.Movement(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                            BigDecimal.ZERO));
                }
                return empty;
            });
            buckets.set(((Number) r.getAs("bucket")).intValue(), new RollRates.Movement(SliceMonths.money(r, "from_amount"),
                    SliceMonths.money(r, "rolled_amount"), SliceMonths.money(r, "written_off_next"),
                    SliceMonths.money(r, "stayed_amount")));
        }
        return RollRates.of(movements);
    }

    /** The roll_rates rows. */
    static List<Row> rows(List<RollRates.Roll> rolls, AgingBuckets buckets) {
        List<String> labels = buckets.labels();
        List<Row> rows = new ArrayList<>();
        for (RollRates.Roll r : rolls) {
            String to = r.bucket() == labels.size() - 1 ? "write_off" : "later buckets";
            rows.add(MetricsTables.ROLL_RATES.row().set(MetricsTables.MONTH_END, r.from().atEndOfMonth())
                    .set(MetricsTables.BUCKET_INDEX, r.bucket()).set(MetricsTables.FROM_BUCKET, labels.get(r.bucket()))
                    .set(MetricsTables.TO, to).set(MetricsTables.FROM_AMOUNT, r.fromAmount())
                    .set(MetricsTables.ROLLED_AMOUNT, r.rolledAmount()).set(MetricsTables.STAYED_AMOUNT, r.stayedAmount())
                    .set(MetricsTables.ROLL_RATE, r.rate())
                    .set(MetricsTables.ABOVE_ONE, r.aboveOne()).build());
        }
        return rows;
    }

    /** The provision_matrix rows: one per bucket and a total line. */
    static List<Row> provisionRows(List<ProvisionMatrix.Line> lines, LocalDate asOf, double overlay,
            List<Integer> monthsUsed) {
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            ProvisionMatrix.Line l = lines.get(k);
            rows.add(provisionRow(asOf, l.bucket(), monthsUsed.get(k), l.rollRate(), l.lossRate(), overlay,
                    l.balance(), l.ecl()));
        }
        rows.add(provisionRow(asOf, MetricsTables.TOTAL_LINE, null, null, null, overlay,
                lines.stream().map(ProvisionMatrix.Line::balance).reduce(BigDecimal.ZERO, BigDecimal::add),
                ProvisionMatrix.total(lines)));
        return rows;
    }

    private static Row provisionRow(LocalDate asOf, String bucket, Integer monthsAveraged, Double rollRate,
            Double lossRate, double overlay, BigDecimal balance, BigDecimal ecl) {
        return MetricsTables.PROVISION_MATRIX.row().set(MetricsTables.AS_OF, asOf).set(MetricsTables.BUCKET, bucket)
                .set(MetricsTables.MONTHS_AVERAGED, monthsAveraged).set(MetricsTables.ROLL_RATE, rollRate)
                .set(MetricsTables.LOSS_RATE, lossRate).set(MetricsTables.OVERLAY, overlay)
                .set(MetricsTables.BALANCE, balance).set(MetricsTables.ECL, ecl).build();
    }
}
