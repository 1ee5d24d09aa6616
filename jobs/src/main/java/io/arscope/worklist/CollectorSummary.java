package io.arscope.worklist;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.run.MarkdownText;

/**
 * The short daily page a collector reads: what to do today, for whom, why, and how much money it touches; then
 * what today's capacity leaves for later. Markdown, one page per collector; every value from the export on it is
 * escaped ({@link MarkdownText}).
 */
public final class CollectorSummary {

    private CollectorSummary() {
    }

    /** Pages by collector, from the customer roll-up of {@link Worklist#build}. */
    public static Map<String, String> pages(Dataset<Row> rollup, LocalDate asOf, WorklistConfig config) {
        Dataset<Row> customers = withState(rollup);
        Map<String, List<Row>> today = new TreeMap<>();
        for (Row r : customers.filter(col("in_today")).orderBy("collector", "queue", "customer_rank").collectAsList()) {
            today.computeIfAbsent(r.getAs("collector"), c -> new ArrayList<>()).add(r);
        }
        Map<String, Map<String, Row>> totals = new TreeMap<>();
        for (Row r : customers.groupBy("collector", "queue", "state")
                .agg(count(lit(1)).as("customers"), sum("open_amount").as("open"),
                        sum("overdue_amount").as("overdue"))
                .collectAsList()) {
            totals.computeIfAbsent(r.getAs("collector"), c -> new LinkedHashMap<>())
                    .put(r.getAs("queue") + "/" + r.getAs("state"), r);
        }
        Map<String, String> pages = new TreeMap<>();
        for (String collector : totals.keySet()) {
            pages.put(collector, page(collector, asOf, today.getOrDefault(collector, List.of()),
                    totals.get(collector), config));
        }
        return pages;
    }

    /**
     * Adds {@code state}: today, later (something to do, beyond capacity), waiting (nothing to do yet) or covered
     * (the on-account credit covers all, to be applied rather than chased).
     */
    private static Dataset<Row> withState(Dataset<Row> customers) {
        return customers.withColumn("state", when(col("in_today"), lit("today"))
                .when(col("action_code").equalTo(DunningStrategy.NO_ACTION), lit("waiting"))
                .when(col("action_code").equalTo(Worklist.APPLY_ON_ACCOUNT), lit("covered")).otherwise(lit("later")));
    }

    private static String page(String collector, LocalDate asOf, List<Row> today, Map<String, Row> totals,
            WorklistConfig config) {
        StringBuilder md = new StringBuilder();
        md.append("# Worklist for ").append(MarkdownText.escape(collector)).append(", ").append(asOf).append("\n\n");
        Row collectToday = totals.get(Worklist.COLLECT + "/today");
        Row disputeToday = totals.get(Worklist.DISPUTE + "/today");
        md.append("Today: **").append(customers(collectToday)).append("** to contact (capacity ")
                .append(config.capacity()).append("), touching **").append(money(collectToday, "open"))
                .append("** open, of which **").append(money(collectToday, "overdue")).append("** overdue. ")
                .append("Disputes to work: **").append(customers(disputeToday)).append("**, **")
                .append(money(disputeToday, "open")).append("** open.\n\n");

        md.append("## Collection queue, today\n\n");
        table(md, today.stream().filter(r -> Worklist.COLLECT.equals(r.getAs("queue"))).toList(), false);
        md.append("## Dispute queue, today\n\n");
        table(md, today.stream().filter(r -> Worklist.DISPUTE.equals(r.getAs("queue"))).toList(), true);

        Row later = totals.get(Worklist.COLLECT + "/later");
        Row waiting = totals.get(Worklist.COLLECT + "/waiting");
        Row disputesLater = totals.get(Worklist.DISPUTE + "/later");
        md.append("## Not reached today\n\n")
                .append("- Collection: ").append(customers(later)).append(" with an action due, ")
                .append(money(later, "open")).append(" open (").append(money(later, "overdue")).append(" overdue).\n")
                .append("- Disputes: ").append(customers(disputesLater)).append(", ").append(money(disputesLater, "open"))
                .append(" open.\n")
                .append("- Nothing to do yet (not due, not high risk): ").append(customers(waiting)).append(", ")
                .append(money(waiting, "open")).append(" open.\n");
        Row covered = totals.get(Worklist.COLLECT + "/covered");
        if (covered != null) {
            md.append("- Covered by on-account credit (apply it, do not chase): ").append(customers(covered))
                    .append(", ").append(money(covered, "open")).append(" open.\n");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, List<Row> rows, boolean disputes) {
        if (rows.isEmpty()) {
            md.append("Nothing today.\n\n");
            return;
        }
        md.append("| # | Customer | Open | Overdue | Oldest | Risk of paying late | ")
                .append(disputes ? "Dispute opened | " : "").append("Next action | Why |\n")
                .append("|---:|---|---:|---:|---|---:|").append(disputes ? "---|" : "").append("---|---|\n");
        for (Row r : rows) {
            List<String> why = new ArrayList<>();
            for (String f : List.of("reason_1", "reason_2", "reason_3")) {
                if (r.getAs(f) != null) {
                    why.add(r.getAs(f));
                }
            }
            String name = r.getAs("customer_name");
            String id = MarkdownText.escape(r.getAs("customer_id"));
            md.append("| ").append(r.<Integer>getAs("customer_rank")).append(" | ")
                    .append(name == null ? id : MarkdownText.escape(name) + " (" + id + ")")
                    .append(" | ").append(format(r.getAs("open_amount"))).append(" | ")
                    .append(format(r.getAs("overdue_amount"))).append(" | ")
                    .append(MarkdownText.escape(r.getAs("oldest_bucket")))
                    .append(" (").append(r.<Integer>getAs("max_days_past_due")).append(" days) | ")
                    .append(Math.round(100 * r.<Double>getAs("probability_late"))).append("% | ")
                    .append(disputes ? r.getAs("oldest_dispute_opened") + " | " : "")
                    .append(MarkdownText.escape(r.getAs("next_action"))).append(" | ")
                    .append(MarkdownText.escape(String.join("; ", why))).append(" |\n");
        }
        md.append('\n');
    }

    private static String customers(Row totals) {
        long n = totals == null ? 0 : totals.<Long>getAs("customers");
        return n + (n == 1 ? " customer" : " customers");
    }

    private static String money(Row totals, String field) {
        return format(totals == null ? BigDecimal.ZERO : totals.getAs(field));
    }

    static String format(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(amount);
    }
}
