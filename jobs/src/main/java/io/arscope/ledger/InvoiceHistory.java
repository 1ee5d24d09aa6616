package io.arscope.ledger;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * One row per invoice carrying everything that happened to it: its reductions (payments, credit memos,
 * write-offs) and disputes as small arrays, and the dimensions metrics are sliced by. Balances at any date are
 * then sums over an invoice's own arrays, computed in one pass with no range join between invoices and events.
 * Payments and credit memos on account (no invoice) are not here but in {@link OnAccountItems}.
 */
public final class InvoiceHistory {

    /** Array of struct(date, amount, kind) on each invoice row; kind is payment, credit_memo or write_off. */
    public static final String EVENTS = "events";
    /** Array of struct(opened, resolved) on each invoice row. */
    public static final String DISPUTES = "disputes";
    /** Dimension value used where the data has none, so that slices still add up to the total. */
    public static final String NONE = "(none)";
    /** The dimension of the customer's collector. */
    public static final String COLLECTOR = "collector";
    /**
     * The collector of a customer whose export names none, or a blank name: nobody's, in the metrics' slices as on
     * the worklists.
     */
    public static final String UNASSIGNED = "unassigned";
    /** Type of a sum over one invoice's events: wider than an amount's decimal(18,2), so overpayments fit. */
    public static final String EVENT_SUM = "decimal(20,2)";

    private InvoiceHistory() {
    }

    /**
     * @param ledger     the ledger, already cut at the as-of date
     * @param dimensions the dimension columns to carry, each a customer or invoice column
     */
    public static Dataset<Row> of(ReceivablesLedger ledger, List<String> dimensions) {
        return of(ledger, dimensions, List.of());
    }

    /**
     * As {@link #of(ReceivablesLedger, List)}, also carrying {@code carried} customer or invoice columns with
     * their own types (dimensions become text, with {@link #NONE} for missing values).
     */
    public static Dataset<Row> of(ReceivablesLedger ledger, List<String> dimensions, List<String> carried) {
        List<String> invoiceColumns = List.of(ledger.invoices().columns());
        List<String> customerColumns = List.of(ledger.customers().columns());
        List<String> wanted = new ArrayList<>(dimensions);
        carried.stream().filter(c -> !wanted.contains(c)).forEach(wanted::add);
        List<Column> customerSelect = new ArrayList<>(List.of(col("customer_id").as("c_id")));
        for (String d : wanted) {
            if (!invoiceColumns.contains(d)) {
                if (!customerColumns.contains(d)) {
                    throw new IllegalArgumentException("dimension '" + d
                            + "' is neither a customer nor an invoice column");
                }
                customerSelect.add(col(d));
            }
        }
        Dataset<Row> invoices = SharedLedger.history(ledger, () -> withEvents(ledger))
                .join(functions.broadcast(ledger.customers().select(customerSelect.toArray(Column[]::new))),
                        col("customer_id").equalTo(col("c_id")), "left_outer");
        List<Column> out = new ArrayList<>(List.of(col("invoice_id"), col("customer_id"), col("invoice_date"),
                col("due_date"), col("amount"), col(EVENTS), col(DISPUTES)));
        for (String d : dimensions) {
            out.add(dimensionText(d).as(d));
        }
        carried.stream().filter(c -> !dimensions.contains(c)).forEach(c -> out.add(col(c)));
        return invoices.select(out.toArray(Column[]::new));
    }

    /**
     * Every invoice column of the ledger's history, with its events and disputes, when a run's scope shares it
     * ({@link SharedLedger}); empty outside a scope.
     */
    static Optional<Dataset<Row>> shared(ReceivablesLedger ledger) {
        return SharedLedger.sharedHistory(ledger, () -> withEvents(ledger));
    }

    /**
     * A dimension's value as text, {@link #NONE} where the data has none; a {@link #COLLECTOR} that names nobody
     * ({@link #collector(Column)}) is {@link #UNASSIGNED}, as the worklists call it.
     */
    public static Column dimensionText(String dimension) {
        Column text = col(dimension).cast("string");
        return dimension.equals(COLLECTOR) ? collector(text) : coalesce(text, lit(NONE));
    }

    /**
     * A collector name that means nobody: blank (as {@link String#isBlank} says: {@link Character#isWhitespace}
     * throughout, or empty), or "unassigned" in any case, which is how ERPs export an empty assignment. Counted
     * apart, an export's "Unassigned" would be a collector with its own list beside the lists' own unassigned.
     */
    public static final String NOBODY = "^\\p{javaWhitespace}*(?i:unassigned)?\\p{javaWhitespace}*$";
    private static final java.util.regex.Pattern NOBODY_PATTERN = java.util.regex.Pattern.compile(NOBODY);

    /** A customer's collector as every output names it: none, or one meaning {@link #NOBODY}, is {@link #UNASSIGNED}. */
    public static Column collector(Column named) {
        return when(named.isNull().or(named.rlike(NOBODY)), lit(UNASSIGNED)).otherwise(named);
    }

    /** {@link #collector(Column)} of one name. */
    public static String collector(String named) {
        return named == null || NOBODY_PATTERN.matcher(named).matches() ? UNASSIGNED : named;
    }

    /**
     * Every invoice column, with the invoice's events and disputes as arrays (empty when it has none): the part of
     * the history that groups the ledger's rows by invoice, which a run's steps share ({@link SharedLedger}).
     */
    private static Dataset<Row> withEvents(ReceivablesLedger ledger) {
        // Events are grouped by invoice on their own (a hash aggregate) and then joined: measured faster here
        // than one grouping of invoices and events together, which falls back to a sort-based aggregate.
        // On-account items name no invoice: they are OnAccountItems, never an invoice's events.
        Dataset<Row> events = ledger.payments().filter(OnAccountItems.applied())
                .select(col("invoice_id"), col("payment_date").as("date"), col("amount"), lit("payment").as("kind"))
                .unionByName(ledger.adjustments().filter(OnAccountItems.applied())
                        .select(col("invoice_id"), col("adjustment_date").as("date"),
                        col("amount"), col("kind")))
                .groupBy("invoice_id")
                .agg(collect_list(struct(col("date"), col("amount"), col("kind"))).as(EVENTS));
        Dataset<Row> disputes = ledger.disputes()
                .groupBy("invoice_id")
                .agg(collect_list(struct(col("opened_date").as("opened"), col("resolved_date").as("resolved")))
                        .as(DISPUTES));
        List<Column> out = new ArrayList<>();
        for (String c : ledger.invoices().columns()) {
            out.add(col(c));
        }
        out.add(coalesce(col(EVENTS), functions.array().cast(events.schema().apply(EVENTS).dataType())).as(EVENTS));
        out.add(coalesce(col(DISPUTES), functions.array().cast(disputes.schema().apply(DISPUTES).dataType()))
                .as(DISPUTES));
        return ledger.invoices().join(events, "invoice_id", "left_outer").join(disputes, "invoice_id", "left_outer")
                .select(out.toArray(Column[]::new));
    }

    /** The invoice's events of the given kinds (all of them when none is given), as an array column. */
    public static Column events(String... kinds) {
        return kinds.length == 0 ? col(EVENTS) : functions.filter(col(EVENTS), e -> e.getField("kind").isin(
                (Object[]) kinds));
    }

    /**
     * The sum of {@code amountOf(event)} over an array of events, in the decimal type {@code type}. The running
     * sum is cast back to that type at every step, so that it stays exact and does not widen with each addition.
     */
    public static Column total(Column events, Function<Column, Column> amountOf, String type) {
        return functions.aggregate(events, lit(0).cast(type), (sum, e) -> sum.plus(amountOf.apply(e)).cast(type));
    }

    /** The sum of the amounts of an array of events. */
    public static Column amounts(Column events) {
        return total(events, e -> e.getField("amount"), EVENT_SUM);
    }

    /**
     * The invoice's payments that stand, as an array of struct(date, amount) in date order, every amount positive:
     * each reversal (a negative payment: a bounced cheque, a chargeback, a receipt reversed) takes back the latest
     * payments dated on or before it, up to its amount, and a payment taken back in full is gone. A payment and a
     * reversal of one day are taken in that order. What was paid and how long it took are measured on these, so that
     * a bounced cheque neither counts as paid nor, at its own later date, as a payment of minus its amount.
     * A reversal with nothing left to take back takes nothing.
     */
    public static Column standingPayments() {
        return standing(events("payment"));
    }

    /**
     * As {@link #standingPayments()}, of any array of payments with a {@code date} and an {@code amount}: those of an
     * invoice, or a customer's on account.
     */
    public static Column standing(Column payments) {
        // Without a reversal every payment stands: sorted, without the walk that takes payments back, which Spark
        // evaluates row by row (at 5M invoices, a quarter of the time the cohort figures took over the payments).
        Column plain = functions.array_sort(functions.transform(functions.filter(payments,
                p -> p.getField("amount").gt(0)), e -> struct(e.getField("date").as("date"),
                e.getField("amount").cast(EVENT_SUM).as("amount"))));
        return when(functions.exists(payments, p -> p.getField("amount").lt(0)), reversed(payments))
                .otherwise(plain);
    }

    /** {@link #standing} of payments some of which are reversals. */
    private static Column reversed(Column payments) {
        Column sorted = functions.array_sort(functions.transform(payments, e -> struct(
                e.getField("date").as("date"), e.getField("amount").lt(0).as("reversal"),
                e.getField("amount").cast(EVENT_SUM).as("amount"))));
        Column none = functions.array().cast("array<struct<date:date,amount:" + EVENT_SUM + ">>");
        Column standing = functions.aggregate(sorted, none, (kept, e) -> when(e.getField("reversal"),
                        takeBack(kept, e.getField("amount").multiply(-1)))
                .otherwise(functions.concat(kept, functions.array(struct(e.getField("date").as("date"),
                        e.getField("amount").as("amount"))))));
        return functions.filter(standing, p -> p.getField("amount").gt(0));
    }

    /** {@code payments} with {@code back} taken from the latest first: each keeps what the later ones did not cover. */
    private static Column takeBack(Column payments, Column back) {
        return functions.transform(payments, (p, i) -> {
            Column later = total(functions.filter(payments, (q, j) -> j.gt(i)), q -> q.getField("amount"), EVENT_SUM);
            Column taken = functions.least(p.getField("amount"), functions.greatest(back.minus(later), lit(0)));
            return struct(p.getField("date").as("date"), p.getField("amount").minus(taken).cast(EVENT_SUM)
                    .as("amount"));
        });
    }

    /** Sum of an invoice's reductions dated on or before {@code date} (a date column), of the given kinds. */
    public static Column reducedBy(Column date, String... kinds) {
        return oneOrMore(only -> {
            Column counts = only.getField("date").leq(date);
            if (kinds.length > 0) {
                counts = counts.and(only.getField("kind").isin((Object[]) kinds));
            }
            return when(counts, only.getField("amount")).otherwise(lit(0)).cast(EVENT_SUM);
        }, lit(0).cast(EVENT_SUM), amounts(functions.filter(events(kinds), e -> e.getField("date").leq(date))));
    }

    /**
     * A figure of an invoice's events: {@code none} when it has none, {@code one} of its only event when it has one,
     * as most invoices do, and {@code any} otherwise. Spark evaluates array functions row by row; read directly, a
     * single event costs what a column does.
     */
    public static Column oneOrMore(Function<Column, Column> one, Column none, Column any) {
        Column count = functions.size(col(EVENTS));
        return when(count.equalTo(0), none).when(count.equalTo(1), one.apply(functions.element_at(col(EVENTS), 1)))
                .otherwise(any);
    }

    /** Whether the invoice was in dispute at the end of {@code date}: opened by then and not yet resolved. */
    public static Column disputedOn(Column date) {
        return functions.exists(col(DISPUTES), d -> d.getField("opened").leq(date)
                .and(d.getField("resolved").isNull().or(d.getField("resolved").gt(date))));
    }
}
