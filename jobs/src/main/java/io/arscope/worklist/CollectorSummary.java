package io.arscope.worklist;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.report.FinanceFormat;
import io.arscope.risk.InvoiceCurrency;
import io.arscope.risk.Reasons;
import io.arscope.run.MarkdownText;

/**
 * The short daily page a collector reads: what to do today, for whom, why, and how much money it touches; then
 * what today's capacity leaves for later. Amounts carry their currency, and amounts of two currencies are never
 * summed. Markdown, one page per collector; every value from the export on it is
 * escaped ({@link MarkdownText}).
 */
public final class CollectorSummary {

    private CollectorSummary() {
    }

    /** Pages by collector, from the customer roll-up of {@link Worklist#build}, titled with the collectors' ids. */
    public static Map<String, String> pages(Dataset<Row> rollup, LocalDate asOf, WorklistConfig config) {
        return pages(rollup, asOf, config, CollectorNames.NONE);
    }

    /** As above, each titled as {@code names} shows its collector. */
    public static Map<String, String> pages(Dataset<Row> rollup, LocalDate asOf, WorklistConfig config,
            CollectorNames names) {
        Dataset<Row> customers = withState(rollup);
        Map<String, List<Row>> today = new TreeMap<>();
        for (Row r : customers.filter(col("in_today")).orderBy("collector", "queue", "customer_rank").collectAsList()) {
            today.computeIfAbsent(r.getAs("collector"), c -> new ArrayList<>()).add(r);
        }
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (Row r : customers.groupBy("collector", "queue", "state")
                .agg(countDistinct("customer_id").as("customers")).collectAsList()) {
            counts.computeIfAbsent(r.getAs("collector"), c -> new LinkedHashMap<>())
                    .put(r.getAs("queue") + "/" + r.getAs("state"), r.getAs("customers"));
        }
        Map<String, Map<String, List<Row>>> money = new TreeMap<>();
        for (Row r : customers.groupBy("collector", "queue", "state", "currency")
                .agg(sum("open_amount").as("open"), sum("overdue_amount").as("overdue")).orderBy("currency")
                .collectAsList()) {
            money.computeIfAbsent(r.getAs("collector"), c -> new LinkedHashMap<>())
                    .computeIfAbsent(r.getAs("queue") + "/" + r.getAs("state"), k -> new ArrayList<>()).add(r);
        }
        Map<String, String> pages = new TreeMap<>();
        for (String collector : counts.keySet()) {
            pages.put(collector, page(collector, names.shown(collector), asOf, today.getOrDefault(collector, List.of()),
                    new Totals(counts.get(collector), money.get(collector)), config));
        }
        return pages;
    }

    /** A collector's customers and money per queue and state ({@code collect/today}, ...), money per currency. */
    private record Totals(Map<String, Long> customers, Map<String, List<Row>> money) {

        String customers(String key) {
            long n = customers.getOrDefault(key, 0L);
            return n + (n == 1 ? " customer" : " customers");
        }

        boolean none(String key) {
            return customers.getOrDefault(key, 0L) == 0;
        }

        /** "USD 1,200.00", or one amount per currency: "USD 1,200.00 and EUR 300.00". */
        String money(String key, String field) {
            return String.join(" and ", this.money.getOrDefault(key, List.of()).stream()
                    .map(r -> InvoiceCurrency.shown(r.getAs(field), r.getAs("currency"))).toList());
        }
    }

    /**
     * Adds {@code state}: today, cooling (contacted within the cool-off days), later (something to do, beyond
     * capacity), waiting (no dunning step applies) or covered (the on-account credit covers all, to be applied
     * rather than chased).
     */
    private static Dataset<Row> withState(Dataset<Row> customers) {
        return customers.withColumn("state", when(col("in_today"), lit("today"))
                .when(col(WorklistTables.COOLING_OFF.name()), lit("cooling"))
                .when(col("action_code").equalTo(DunningStrategy.NO_ACTION), lit("waiting"))
                .when(col("action_code").equalTo(Worklist.APPLY_ON_ACCOUNT), lit("covered")).otherwise(lit("later")));
    }

    private static String page(String collector, String shownAs, LocalDate asOf, List<Row> today, Totals totals,
            WorklistConfig config) {
        StringBuilder md = new StringBuilder();
        md.append("# Worklist for ").append(MarkdownText.escape(shownAs)).append(", ").append(asOf).append("\n\n");
        String collectToday = Worklist.COLLECT + "/today";
        String disputeToday = Worklist.DISPUTE + "/today";
        md.append("Today: **").append(totals.customers(collectToday)).append("** to contact (capacity ")
                .append(config.capacity()).append(")");
        if (!totals.none(collectToday)) {
            md.append(", touching **").append(totals.money(collectToday, "open")).append("** open, of which **")
                    .append(totals.money(collectToday, "overdue")).append("** overdue");
        }
        md.append(". Disputes to work: **").append(totals.customers(disputeToday)).append("**");
        if (!totals.none(disputeToday)) {
            md.append(", **").append(totals.money(disputeToday, "open")).append("** open");
        }
        md.append(".\n\n");
        if (Worklist.UNASSIGNED.equals(collector)) {
            md.append(MarkdownText.escape(Worklist.UNASSIGNED_NOTE)).append("\n\n");
        }

        md.append("## Collection queue, today\n\n");
        table(md, today.stream().filter(r -> Worklist.COLLECT.equals(r.getAs("queue"))).toList(), false);
        md.append("## Dispute queue, today\n\n");
        table(md, today.stream().filter(r -> Worklist.DISPUTE.equals(r.getAs("queue"))).toList(), true);

        String later = Worklist.COLLECT + "/later";
        String waiting = Worklist.COLLECT + "/waiting";
        String disputesLater = Worklist.DISPUTE + "/later";
        md.append("## Not reached today\n\n")
                .append("- Collection: ").append(totals.customers(later)).append(" with an action due");
        if (!totals.none(later)) {
            md.append(", ").append(totals.money(later, "open")).append(" open (")
                    .append(totals.money(later, "overdue")).append(" overdue)");
        }
        md.append(".\n- Disputes: ").append(totals.customers(disputesLater));
        if (!totals.none(disputesLater)) {
            md.append(", ").append(totals.money(disputesLater, "open")).append(" open");
        }
        md.append(".\n- No action due yet (no step of the dunning strategy applies): ")
                .append(totals.customers(waiting));
        if (!totals.none(waiting)) {
            md.append(", ").append(totals.money(waiting, "open")).append(" open");
        }
        md.append(".\n");
        String cooling = Worklist.COLLECT + "/cooling";
        if (!totals.none(cooling)) {
            md.append("- Cooling off (").append(config.coolingOffWords()).append("): ")
                    .append(totals.customers(cooling)).append(", ").append(totals.money(cooling, "open"))
                    .append(" open.\n");
        }
        String covered = Worklist.COLLECT + "/covered";
        if (!totals.none(covered)) {
            md.append("- Covered by on-account credit (apply it, do not chase): ").append(totals.customers(covered))
                    .append(", ").append(totals.money(covered, "open")).append(" open.\n");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, List<Row> rows, boolean disputes) {
        if (rows.isEmpty()) {
            md.append("Nothing today.\n\n");
            return;
        }
        md.append("| # | Customer | Open | Overdue | Oldest | Outlook | ")
                .append(disputes ? "Dispute opened | " : "").append("Next action | Why |\n")
                .append("|---:|---|---:|---:|---|---|").append(disputes ? "---|" : "").append("---|---|\n");
        for (Row r : rows) {
            List<String> why = new ArrayList<>();
            for (var column : List.of(WorklistTables.REASON_1, WorklistTables.REASON_2, WorklistTables.REASON_3)) {
                if (column.of(r) != null) {
                    why.add(column.of(r));
                }
            }
            String name = WorklistTables.CUSTOMER_NAME.of(r);
            String rawId = WorklistTables.CUSTOMER_ID.of(r);
            String id = MarkdownText.escape(rawId);
            String currency = WorklistTables.CURRENCY.of(r);
            int days = WorklistTables.MAX_DAYS_PAST_DUE.of(r);
            md.append("| ").append(WorklistTables.CUSTOMER_RANK.of(r)).append(" | ")
                    // An export whose only customer id is the name (Xero's ContactName) would say it twice.
                    .append(name == null || name.equals(rawId) ? id : MarkdownText.escape(name) + " (" + id + ")")
                    // Currency codes, figures and words: nothing Markdown reads in a table cell.
                    .append(" | ").append(OnAccountCover.openShown(WorklistTables.OPEN_AMOUNT.of(r),
                            WorklistTables.ON_ACCOUNT_CREDIT.of(r), WorklistTables.NET_BALANCE.of(r), currency))
                    .append(BilledAmounts.asBilled(r, false))
                    .append(" | ").append(InvoiceCurrency.shown(WorklistTables.OVERDUE_AMOUNT.of(r), currency))
                    .append(BilledAmounts.asBilled(r, true))
                    .append(" | ").append(MarkdownText.escape(WorklistTables.OLDEST_BUCKET.of(r)))
                    .append(" (").append(days > 0 ? Reasons.days(days) : FinanceFormat.notYetDue(days)).append(") | ")
                    .append(Outlook.ofCustomer(days, WorklistTables.PROBABILITY_LATE.of(r),
                            WorklistTables.EXPECTED_DAYS_TO_PAY.of(r), WorklistTables.DAYS_TO_PAY_BASIS.of(r),
                            WorklistTables.DAYS_TO_PAY_INVOICES.of(r), WorklistTables.DAYS_TO_PAY_CLOSED_UNPAID.of(r),
                        WorklistTables.OPEN_INVOICES.of(r))).append(" | ")
                    .append(disputes ? WorklistTables.OLDEST_DISPUTE_OPENED.of(r) + " | " : "")
                    .append(MarkdownText.escape(WorklistTables.NEXT_ACTION.of(r))).append(" | ")
                    .append(MarkdownText.escape(String.join("; ", why))).append(" |\n");
        }
        md.append('\n');
    }
}
