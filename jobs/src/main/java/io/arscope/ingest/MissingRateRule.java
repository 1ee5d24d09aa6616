package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.model.CanonicalTable;

/**
 * {@link RejectReason#MISSING_RATE} as ingest can tell it. Ingest has no reporting currency, so it goes by the rates
 * alone: an invoice, payment, credit memo or write-off in a currency that has exchange rates, dated before that
 * currency's first rate, has no rate to be converted at. A currency with no rate at all is not flagged here: the
 * reporting currency needs none, and which currency that is is known only when an analysis names it (the
 * analysis jobs then refuse a currency without rates, {@link io.arscope.ledger.ReportingCurrency#MISSING_RATE}).
 * A payment's or adjustment's currency is the one {@link ItemCurrency} gives it.
 */
final class MissingRateRule {

    private MissingRateRule() {
    }

    /**
     * The records that break the rule, as {@link ReferenceChecks#reject} shapes them: invoices, and payments and
     * adjustments (whose currency {@link ItemCurrency#fill} finds from {@code referable}, the invoices they may
     * name), given the exchange rates' currencies and dates {@code rates}.
     */
    static Dataset<Row> failing(Dataset<Row> invoices, Dataset<Row> referable, Dataset<Row> payments,
            Dataset<Row> adjustments, Dataset<Row> rates) {
        Map<String, LocalDate> first = new TreeMap<>();
        for (Row r : rates.groupBy(col("currency")).agg(min(col("rate_date"))).collectAsList()) {
            first.put(r.getString(0), r.getAs(1));
        }
        return failing(invoices, CanonicalTable.INVOICES, first)
                .unionByName(failing(ItemCurrency.fill(beforeRates(payments, CanonicalTable.PAYMENTS, first),
                        referable), CanonicalTable.PAYMENTS, first))
                .unionByName(failing(ItemCurrency.fill(beforeRates(adjustments, CanonicalTable.ADJUSTMENTS, first),
                        referable), CanonicalTable.ADJUSTMENTS, first));
    }

    /**
     * The records dated before some currency's first rate: only those can break the rule, so only those need their
     * currency found (a join of every payment to its invoice otherwise). None when there are no rates.
     */
    private static Dataset<Row> beforeRates(Dataset<Row> records, CanonicalTable table, Map<String, LocalDate> first) {
        String dateField = table.dateField().orElseThrow();
        return first.isEmpty() ? records.limit(0)
                : records.filter(col(dateField).lt(lit(java.util.Collections.max(first.values()))));
    }

    private static Dataset<Row> failing(Dataset<Row> records, CanonicalTable table, Map<String, LocalDate> first) {
        String dateField = table.dateField().orElseThrow();
        Column firstRate = lit(null).cast("date");
        for (Map.Entry<String, LocalDate> e : first.entrySet()) {
            firstRate = when(col("currency").equalTo(e.getKey()), lit(e.getValue())).otherwise(firstRate);
        }
        Dataset<Row> bad = records.withColumn("mr_first", firstRate).filter(col(dateField).lt(col("mr_first")));
        return ReferenceChecks.reject(bad, table, lit(RejectReason.MISSING_RATE.name()), lit(dateField),
                concat(lit("no "), col("currency"), lit(" exchange rate on or before " + dateField + " "),
                        col(dateField).cast("string"), lit(": the rates of "), col("currency"),
                        lit(" start on "), col("mr_first").cast("string")), 3);
    }
}
