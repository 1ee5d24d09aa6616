package io.arscope.ledger;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.model.CanonicalTable;

/**
 * What the oddities ingest accepts with a flag mean for analysis, in this one place: the canonical tables keep the
 * dates and customers as the export gave them, and every analysis reads them through here.
 * <ul>
 * <li>An invoice due before it was issued ({@code DUE_BEFORE_ISSUE}) is due on its issue date, so it is overdue from
 * the day after; terms read off such dates (negative) are 0 days.</li>
 * <li>A payment, credit memo or write-off dated before its invoice ({@code BEFORE_INVOICE}) counts on the invoice
 * date: a prepayment that settles the invoice as it is issued, with 0 days to pay. Until then it is in no balance,
 * so the ledger as of a day before the invoice holds neither. A dispute opened or resolved before its invoice is
 * opened or resolved on the invoice date.</li>
 * <li>A payment or credit memo that names a customer other than its invoice's ({@code CUSTOMER_MISMATCH}) settles
 * the invoice it names, so it counts for the invoice's customer.</li>
 * </ul>
 * Rows with no invoice among the invoices keep their own dates and customer.
 *
 * <p>Only a row flagged with one of those codes, or naming no customer, can count other than as written: ingest
 * flags (or rejects) every other disagreement with the row's invoice. So when the tables carry their
 * {@code quality_flags}, as ingest writes them, only those rows are joined to their invoices, through a broadcast
 * when they are few; a table without the column (a ledger built by other means) is joined whole, as is one with
 * many such rows. A whole join of millions of payments to millions of invoices was most of what the core numbers
 * cost at 5M invoices.
 */
public final class EffectiveDates {

    /** The flag codes of ingest's rules whose rows count on their invoice's date or for its customer. */
    static final List<String> MOVED = List.of("BEFORE_INVOICE", "CUSTOMER_MISMATCH");

    /** Rows to correct up to this many are joined to the invoices they name by broadcast, the invoices unshuffled. */
    static final long BROADCAST_ROWS = 200_000;

    private static final List<CanonicalTable> DEPENDENTS = List.of(CanonicalTable.PAYMENTS,
            CanonicalTable.ADJUSTMENTS, CanonicalTable.DISPUTES);

    private EffectiveDates() {
    }

    /**
     * The ledger with the dates and customers analysis counts by, without the {@code quality_flags} columns the
     * payments, adjustments and disputes of {@code raw} may carry.
     */
    public static ReceivablesLedger of(ReceivablesLedger raw) {
        return of(raw, BROADCAST_ROWS, Set.of());
    }

    /**
     * {@link #of(ReceivablesLedger)} for the tables of {@code source}: a dependent whose stored files show by their
     * statistics alone that it has nothing to move ({@link #unmoved}) is not queried for it.
     */
    static ReceivablesLedger of(ReceivablesLedger raw, CanonicalSource source) {
        return of(raw, BROADCAST_ROWS, unmoved(source));
    }

    /**
     * The payments, adjustments and disputes of {@code source} whose files' row-group statistics count as many null
     * {@code quality_flags} as rows and no missing customer: no row of theirs is flagged or names no customer, which
     * the query {@link #toMove} runs would otherwise find out in a Spark job over every file.
     */
    static Set<CanonicalTable> unmoved(CanonicalSource source) {
        Set<CanonicalTable> unmoved = EnumSet.noneOf(CanonicalTable.class);
        for (CanonicalTable table : DEPENDENTS) {
            List<String> columns = new ArrayList<>(List.of(CanonicalTable.QUALITY_FLAGS));
            table.field("customer_id").ifPresent(f -> columns.add(f.name()));
            source.nullCounts(table, columns).ifPresent(counts -> {
                boolean noFlag = counts.nulls().get(CanonicalTable.QUALITY_FLAGS) == counts.rows();
                boolean allNamed = counts.nulls().getOrDefault("customer_id", 0L) == 0;
                if (noFlag && allNamed) {
                    unmoved.add(table);
                }
            });
        }
        return unmoved;
    }

    static ReceivablesLedger of(ReceivablesLedger raw, long broadcastRows) {
        return of(raw, broadcastRows, Set.of());
    }

    private static ReceivablesLedger of(ReceivablesLedger raw, long broadcastRows, Set<CanonicalTable> unmoved) {
        Dataset<Row> invoices = raw.invoices()
                .withColumn("due_date", greatest(col("due_date"), col("invoice_date")))
                .withColumn("terms_days", when(col("terms_days").lt(0), lit(0)).otherwise(col("terms_days")));
        Dataset<Row> facts = raw.invoices().select(col("invoice_id").as("of_invoice"),
                col("invoice_date").as("issued"), col("customer_id").as("billed"));
        List<Dependent> dependents = List.of(
                new Dependent(CanonicalTable.PAYMENTS, raw.payments(), joined -> joined
                        .withColumn("payment_date", notBeforeIssue(col("payment_date")))
                        .withColumn("customer_id", coalesce(col("billed"), col("customer_id")))),
                new Dependent(CanonicalTable.ADJUSTMENTS, raw.adjustments(), joined -> joined
                        .withColumn("adjustment_date", notBeforeIssue(col("adjustment_date")))
                        .withColumn("customer_id", coalesce(col("billed"), col("customer_id")))),
                new Dependent(CanonicalTable.DISPUTES, raw.disputes(), joined -> joined
                        .withColumn("opened_date", notBeforeIssue(col("opened_date")))
                        .withColumn("resolved_date", notBeforeIssue(col("resolved_date")))));
        long[] toMove = toMove(dependents, unmoved);
        List<Dataset<Row>> counted = new ArrayList<>();
        for (int i = 0; i < dependents.size(); i++) {
            counted.add(dependents.get(i).counted(facts, toMove[i], broadcastRows));
        }
        return new ReceivablesLedger(raw.customers(), invoices, counted.get(0), counted.get(1), counted.get(2),
                raw.ingestAsOf());
    }

    /**
     * The rows of each dependent that must be joined to their invoices, in one Spark job: all of them (-1) where the
     * flags are absent, none where the dependent is among {@code unmoved}, else those flagged or naming no customer,
     * a row counted once per reason. Each reason is picked by a null test Parquet answers from its statistics, so
     * that the row groups with no flag and no missing customer (all of them, in a clean ledger) are not read.
     */
    private static long[] toMove(List<Dependent> dependents, Set<CanonicalTable> unmoved) {
        long[] counts = new long[dependents.size()];
        Dataset<Row> reasons = null;
        for (int i = 0; i < dependents.size(); i++) {
            Dependent d = dependents.get(i);
            if (!d.hasFlags()) {
                counts[i] = -1;
                continue;
            }
            if (unmoved.contains(d.table())) {
                continue;
            }
            // Spark hands each conjunct's null test to Parquet on its own.
            List<Dataset<Row>> picked = new ArrayList<>(List.of(d.rows().filter(d.flagged())));
            if (d.hasCustomer()) {
                picked.add(d.rows().filter(d.unnamed()));
            }
            for (Dataset<Row> rows : picked) {
                Dataset<Row> tagged = rows.select(lit(i).as("dependent"));
                reasons = reasons == null ? tagged : reasons.union(tagged);
            }
        }
        if (reasons != null) {
            for (Row r : reasons.groupBy("dependent").count().collectAsList()) {
                counts[r.getInt(0)] = r.getLong(1);
            }
        }
        return counts;
    }

    /** A payments, adjustments or disputes table and how a row of it counts once joined to its invoice's facts. */
    private record Dependent(CanonicalTable table, Dataset<Row> rows, UnaryOperator<Dataset<Row>> correct) {

        boolean hasFlags() {
            return Arrays.asList(rows.columns()).contains(CanonicalTable.QUALITY_FLAGS);
        }

        boolean hasCustomer() {
            return Arrays.asList(rows.columns()).contains("customer_id");
        }

        Column flagged() {
            Column flags = col(CanonicalTable.QUALITY_FLAGS);
            return col("invoice_id").isNotNull().and(flags.isNotNull()).and(MOVED.stream()
                    .map(code -> array_contains(split(flags, ";"), code)).reduce(Column::or).orElseThrow());
        }

        /** The invoice's customer fills a row that names none. */
        Column unnamed() {
            return col("invoice_id").isNotNull().and(col("customer_id").isNull());
        }

        /** The rows that can count other than as written. */
        Column moved() {
            return hasCustomer() ? flagged().or(unnamed()) : flagged();
        }

        /**
         * The rows as analysis counts them, in their columns less {@code quality_flags}: only the {@code toMove}
         * that can change (-1: unknown) are joined, by broadcast when they are few.
         */
        Dataset<Row> counted(Dataset<Row> facts, long toMove, long broadcastRows) {
            Column[] columns = Arrays.stream(rows.columns()).filter(c -> !c.equals(CanonicalTable.QUALITY_FLAGS))
                    .map(c -> col(c)).toArray(Column[]::new);
            if (toMove == 0) {
                return rows.select(columns);
            }
            if (toMove < 0 || toMove > broadcastRows) {
                return correct.apply(joined(rows, facts)).select(columns);
            }
            Column moved = moved();
            Dataset<Row> moving = rows.filter(moved);
            Dataset<Row> named = facts.join(broadcast(moving.select(col("invoice_id").as("of_invoice")).distinct()),
                    "of_invoice");
            return rows.filter(not(moved)).select(columns).unionByName(correct.apply(moving.join(broadcast(named),
                    col("invoice_id").equalTo(col("of_invoice")), "left_outer")).select(columns));
        }
    }

    private static Dataset<Row> joined(Dataset<Row> rows, Dataset<Row> facts) {
        return rows.join(facts, col("invoice_id").equalTo(col("of_invoice")), "left_outer");
    }

    /** The later of a date and its invoice's issue date; an empty date stays empty, as a date with no invoice stays. */
    private static Column notBeforeIssue(Column date) {
        return when(date.isNull(), date).otherwise(greatest(date, col("issued")));
    }
}
