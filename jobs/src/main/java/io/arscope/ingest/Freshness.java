package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.model.CanonicalTable;

/**
 * Whether an export is fresh: its latest dated row (an invoice, payment, credit memo, write-off or dispute, by its
 * business date) lies no more than a limit of days before the as-of date. A stale export (an extract that stopped
 * updating, last week's file picked up again) passes every row check, so ingest checks this on its own (exit 8).
 * Rows dated after the as-of date do not count: they are flagged and left out of every job run as of it, and one
 * mistyped year (2062 for 2026) would otherwise pass a stale export as fresh. Exchange rates and collections activity
 * do not count either: a rates feed or an activity log kept up to date says nothing of the receivables extract beside
 * it, which may have stopped.
 *
 * @param asOf       the date the export is for
 * @param latest     the latest business date, on or before {@code asOf}, of any accepted row; null when none is
 * @param latestIn   the canonical table that row is in
 * @param ageDays    days from {@code latest} to {@code asOf}; null when no row is dated on or before it
 * @param maxAgeDays the limit
 * @param datedAfter accepted rows dated after {@code asOf}, which do not count
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Freshness(String asOf, String latest, String latestIn, Long ageDays, int maxAgeDays, long datedAfter) {

    /** The tables whose dates show how recent the receivables extract is. */
    static final Set<CanonicalTable> LEDGER = EnumSet.of(CanonicalTable.INVOICES, CanonicalTable.PAYMENTS,
            CanonicalTable.ADJUSTMENTS, CanonicalTable.DISPUTES);

    /** The freshness of the accepted rows against {@code asOf}. */
    static Freshness of(Map<CanonicalTable, Dataset<Row>> tables, LocalDate asOf, int maxAgeDays) {
        // Every table's latest date in one query: a query per table cost two Spark jobs each.
        Dataset<Row> latestPerTable = null;
        for (Map.Entry<CanonicalTable, Dataset<Row>> t : tables.entrySet()) {
            if (!LEDGER.contains(t.getKey())) {
                continue;
            }
            Column date = col(t.getKey().dateField().get());
            Dataset<Row> one = t.getValue().agg(max(when(date.leq(lit(asOf)), date)).as("latest"),
                            count(when(date.gt(lit(asOf)), lit(1))).as("after"))
                    .select(lit(t.getKey().ordinal()).as("table"), col("latest"), col("after"));
            latestPerTable = latestPerTable == null ? one : latestPerTable.union(one);
        }
        LocalDate latest = null;
        String latestIn = null;
        long after = 0;
        if (latestPerTable != null) {
            // In the tables' order, so that a date two tables share is reported in the first, as before.
            for (Row r : latestPerTable.orderBy("table").collectAsList()) {
                after += r.getLong(2);
                if (!r.isNullAt(1) && (latest == null || r.<LocalDate>getAs(1).isAfter(latest))) {
                    latest = r.getAs(1);
                    latestIn = CanonicalTable.values()[r.getInt(0)].tableName();
                }
            }
        }
        return new Freshness(asOf.toString(), latest == null ? null : latest.toString(), latestIn,
                latest == null ? null : ChronoUnit.DAYS.between(latest, asOf), maxAgeDays, after);
    }

    /** Whether the export is older than the limit, or has no dated row at all. */
    public boolean stale() {
        return ageDays == null || ageDays > maxAgeDays;
    }

    /** The check in words, as ingest prints it. */
    public String describe() {
        String later = datedAfter == 0 ? "" : String.format("; %,d row%s dated after the as-of date, flagged "
                + "DATED_AFTER_AS_OF, %s not count", datedAfter, datedAfter == 1 ? "" : "s",
                datedAfter == 1 ? "does" : "do");
        if (latest == null) {
            return "stale input: no accepted row has a business date on or before " + asOf + ", so nothing shows the "
                    + "export is as of it" + later;
        }
        return String.format("%s: the latest dated row is %s (%s), %s before the as-of date %s; the limit is "
                + "%d days (--max-data-age; for arscope run, max-data-age in its config's ingest section)%s",
                stale() ? "stale input" : "fresh", latest, latestIn, ageDays == 1 ? "1 day" : ageDays + " days", asOf,
                maxAgeDays, later);
    }
}
