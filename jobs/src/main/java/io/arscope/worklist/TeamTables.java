package io.arscope.worklist;

import static io.arscope.job.Column.flag;
import static io.arscope.job.Column.integer;
import static io.arscope.job.Column.money;
import static io.arscope.job.Column.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.alerts.AlertList;
import io.arscope.job.Column;
import io.arscope.job.OutputTable;
import io.arscope.risk.ModelGate;
import io.arscope.run.FileNames;
import io.arscope.run.OutputFiles;

/**
 * The lead's tables and page of a worklist run ({@link TeamView}), written beside the collectors' worklists from
 * its customer roll-up: {@code worklist-team} (one row per collector), {@code worklist-rebalancing} (the suggested
 * moves), {@code worklist-idle-credit} (credit held with nothing open, {@link IdleCredit}), each as Parquet and CSV,
 * and {@code pages/team.html} ({@link TeamPage}). Columns are defined in
 * notebooks-docs/worklists.md.
 */
public final class TeamTables {

    /** The team page's file under {@link WorklistTables#PAGES}. */
    public static final String PAGE = "team.html";

    /**
     * The file name of each collector's page, summary and CSV: {@link FileNames}, never {@code team}, the team page's
     * (a collector named so gets its hash).
     */
    static Map<String, String> collectorFiles(Collection<String> collectors) {
        return FileNames.of(new TreeSet<>(collectors), Set.of(PAGE.substring(0, PAGE.length() - ".html".length())));
    }

    public static final Column<Boolean> ASSIGNED = flag("assigned").required();
    public static final Column<Integer> CAPACITY = integer("capacity").required();
    public static final Column<Integer> TODAY_CUSTOMERS = integer("today_customers").required();
    public static final Column<Integer> SPARE_CAPACITY = integer("spare_capacity").required();
    public static final Column<BigDecimal> TODAY_OPEN = money("today_open").required();
    public static final Column<BigDecimal> TODAY_OVERDUE = money("today_overdue").required();
    public static final Column<Integer> DISPUTE_CAPACITY = integer("dispute_capacity").required();
    public static final Column<Integer> DISPUTES_TODAY = integer("disputes_today").required();
    public static final Column<BigDecimal> DISPUTES_TODAY_OPEN = money("disputes_today_open").required();
    public static final Column<Integer> UNREACHED_CUSTOMERS = integer("unreached_customers").required();
    public static final Column<BigDecimal> UNREACHED_OPEN = money("unreached_open").required();
    public static final Column<BigDecimal> UNREACHED_OVERDUE = money("unreached_overdue").required();
    public static final Column<Integer> DISPUTES_UNREACHED = integer("disputes_unreached").required();
    public static final Column<BigDecimal> DISPUTES_UNREACHED_OPEN = money("disputes_unreached_open").required();
    public static final Column<Integer> WAITING_CUSTOMERS = integer("waiting_customers").required();
    public static final Column<BigDecimal> WAITING_OPEN = money("waiting_open").required();
    public static final Column<Integer> COOLING_OFF_CUSTOMERS = integer("cooling_off_customers").required();
    public static final Column<BigDecimal> COOLING_OFF_OPEN = money("cooling_off_open").required();
    /** The currency of every amount of the row, as in {@link WorklistTables#CURRENCY}. */
    public static final Column<String> CURRENCY = WorklistTables.CURRENCY;
    /** The collector's page under {@link WorklistTables#PAGES}, as the team page links to it. */
    public static final Column<String> PAGE_FILE = text("page").required();

    /** One row per collector, then one for the customers with no collector. */
    public static final OutputTable TEAM = OutputTable.of("worklist-team", WorklistTables.AS_OF,
            WorklistTables.COLLECTOR, ASSIGNED, CAPACITY, TODAY_CUSTOMERS, SPARE_CAPACITY, TODAY_OPEN, TODAY_OVERDUE,
            DISPUTE_CAPACITY, DISPUTES_TODAY, DISPUTES_TODAY_OPEN, UNREACHED_CUSTOMERS, UNREACHED_OPEN,
            UNREACHED_OVERDUE, DISPUTES_UNREACHED, DISPUTES_UNREACHED_OPEN, WAITING_CUSTOMERS, WAITING_OPEN,
            COOLING_OFF_CUSTOMERS, COOLING_OFF_OPEN, CURRENCY, PAGE_FILE).keyedBy(WorklistTables.COLLECTOR);

    public static final Column<Integer> MOVE = integer("move").required();
    public static final Column<String> FROM_COLLECTOR = text("from_collector").required();
    public static final Column<String> TO_COLLECTOR = text("to_collector").required();

    /** The suggested moves, in the order the rule chose them. */
    public static final OutputTable REBALANCING = OutputTable.of("worklist-rebalancing", WorklistTables.AS_OF, MOVE,
            WorklistTables.CUSTOMER_ID, WorklistTables.CUSTOMER_NAME, FROM_COLLECTOR, TO_COLLECTOR,
            WorklistTables.OPEN_AMOUNT, WorklistTables.OVERDUE_AMOUNT, WorklistTables.PRIORITY_VALUE,
            WorklistTables.MAX_DAYS_PAST_DUE, CURRENCY).keyedBy(MOVE);

    /**
     * The customers holding credit on account with no open invoice ({@link IdleCredit}), the largest credit first,
     * as the team page lists them: no row of the collectors' lists carries them, since a row is an open invoice.
     */
    public static final OutputTable IDLE_CREDIT = OutputTable.of("worklist-idle-credit", WorklistTables.AS_OF,
            WorklistTables.COLLECTOR, WorklistTables.CUSTOMER_ID, WorklistTables.CUSTOMER_NAME,
            WorklistTables.ON_ACCOUNT_CREDIT, WorklistTables.LAST_PAYMENT_DATE, WorklistTables.CURRENCY)
            .keyedBy(WorklistTables.CUSTOMER_ID);

    /** Rows written per table. */
    public record Counts(long collectors, long moves, long idleCredit) {
    }

    private TeamTables() {
    }

    /**
     * Writes the team tables and page of the worklist in {@code output}, read back from its customer table.
     *
     * @param activity the collectors' collections activity for the page; null when the run had no ledger to measure
     *                 it on, and the page has no such section
     *
     * @throws IllegalStateException when a collector's page would be the team page's file, or the customer rows
     *                               hold more than one currency (the team's totals add amounts)
     */
    public static Counts write(SparkSession spark, String output, LocalDate day, WorklistConfig config,
            CollectorActivity activity) throws IOException {
        return write(spark, output, day, config, activity, null, null, CollectorNames.NONE);
    }

    /**
     * As {@link #write(SparkSession, String, LocalDate, WorklistConfig, CollectorActivity)}, the page showing the
     * customers' alerts since the last run ({@code alerts}, or null for none) and, when the model gate behind the
     * scores refused the model ({@code gate}, or null when unknown), that the lists rank by the baseline, and the
     * collectors as {@code names} shows them.
     */
    public static Counts write(SparkSession spark, String output, LocalDate day, WorklistConfig config,
            CollectorActivity activity, AlertList alerts, ModelGate gate, CollectorNames names) throws IOException {
        return write(spark, output, day, config, activity, alerts, gate, names, List.of(), null);
    }

    /**
     * As the method above, the page and {@link #IDLE_CREDIT} also listing the customers' credit with nothing open
     * ({@link IdleCredit}), in {@code creditCurrency}, the run's reporting currency (the customer rows may be none).
     */
    static Counts write(SparkSession spark, String output, LocalDate day, WorklistConfig config,
            CollectorActivity activity, AlertList alerts, ModelGate gate, CollectorNames names,
            List<IdleCredit.Line> idleCredit, String creditCurrency) throws IOException {
        List<TeamView.Customer> customers = new ArrayList<>();
        Set<String> currencies = new TreeSet<>();
        for (Row r : WorklistTables.CUSTOMERS.read(spark, output).collectAsList()) {
            currencies.add(WorklistTables.CURRENCY.of(r));
            customers.add(new TeamView.Customer(WorklistTables.COLLECTOR.of(r), WorklistTables.QUEUE.of(r),
                    WorklistTables.CUSTOMER_ID.of(r), WorklistTables.CUSTOMER_NAME.of(r),
                    WorklistTables.CUSTOMER_RANK.of(r), WorklistTables.IN_TODAY.of(r),
                    WorklistTables.ACTION_CODE.of(r), WorklistTables.OPEN_AMOUNT.of(r),
                    WorklistTables.OVERDUE_AMOUNT.of(r), WorklistTables.PRIORITY_VALUE.of(r),
                    WorklistTables.MAX_DAYS_PAST_DUE.of(r),
                    WorklistTables.COOLING_OFF.of(r), WorklistTables.PROMISE_STATUS.of(r) != null));
        }
        // A run reports in one currency (ReportingCurrency refuses several unconverted), so the rows hold one.
        if (currencies.size() > 1) {
            throw new IllegalStateException(WorklistTables.CUSTOMERS.name() + " holds amounts in " + currencies
                    + "; the team's totals need one currency");
        }
        String currency = currencies.isEmpty() ? null : currencies.iterator().next();
        TeamView view = TeamView.of(customers, config);
        Map<String, String> files = collectorFiles(customers.stream().map(TeamView.Customer::collector).toList());
        List<Row> team = new ArrayList<>();
        for (TeamView.Load l : view.loads()) {
            team.add(TEAM.row().set(WorklistTables.AS_OF, day).set(WorklistTables.COLLECTOR, l.collector())
                    .set(ASSIGNED, l.assigned()).set(CAPACITY, l.capacity()).set(TODAY_CUSTOMERS, l.todayCustomers())
                    .set(SPARE_CAPACITY, l.spare()).set(TODAY_OPEN, l.todayOpen()).set(TODAY_OVERDUE, l.todayOverdue())
                    .set(DISPUTE_CAPACITY, l.disputeCapacity()).set(DISPUTES_TODAY, l.disputesToday())
                    .set(DISPUTES_TODAY_OPEN, l.disputesTodayOpen()).set(UNREACHED_CUSTOMERS, l.unreachedCustomers())
                    .set(UNREACHED_OPEN, l.unreachedOpen()).set(UNREACHED_OVERDUE, l.unreachedOverdue())
                    .set(DISPUTES_UNREACHED, l.disputesUnreached())
                    .set(DISPUTES_UNREACHED_OPEN, l.disputesUnreachedOpen())
                    .set(WAITING_CUSTOMERS, l.waitingCustomers()).set(WAITING_OPEN, l.waitingOpen())
                    .set(COOLING_OFF_CUSTOMERS, l.coolingOffCustomers()).set(COOLING_OFF_OPEN, l.coolingOffOpen())
                    .set(CURRENCY, currency).set(PAGE_FILE, files.get(l.collector()) + ".html").build());
        }
        List<Row> moves = new ArrayList<>();
        for (TeamView.Move m : view.moves()) {
            moves.add(REBALANCING.row().set(WorklistTables.AS_OF, day).set(MOVE, m.order())
                    .set(WorklistTables.CUSTOMER_ID, m.customerId()).set(WorklistTables.CUSTOMER_NAME, m.customerName())
                    .set(FROM_COLLECTOR, m.from()).set(TO_COLLECTOR, m.to()).set(WorklistTables.OPEN_AMOUNT, m.open())
                    .set(WorklistTables.OVERDUE_AMOUNT, m.overdue()).set(WorklistTables.PRIORITY_VALUE, m.priority())
                    .set(WorklistTables.MAX_DAYS_PAST_DUE, m.maxDaysPastDue()).set(CURRENCY, currency).build());
        }
        long collectors = OutputFiles.writeTable(spark, TEAM.frame(spark, team), output, TEAM.name());
        long moved = OutputFiles.writeTable(spark, REBALANCING.frame(spark, moves), output, REBALANCING.name());
        List<Row> idle = new ArrayList<>();
        for (IdleCredit.Line l : idleCredit) {
            idle.add(IDLE_CREDIT.row().set(WorklistTables.AS_OF, day).set(WorklistTables.COLLECTOR, l.collector())
                    .set(WorklistTables.CUSTOMER_ID, l.customerId()).set(WorklistTables.CUSTOMER_NAME, l.customerName())
                    .set(WorklistTables.ON_ACCOUNT_CREDIT, l.credit())
                    .set(WorklistTables.LAST_PAYMENT_DATE, l.lastPayment()).set(CURRENCY, creditCurrency).build());
        }
        long idled = OutputFiles.writeTable(spark, IDLE_CREDIT.frame(spark, idle), output, IDLE_CREDIT.name());
        OutputFiles.writeText(spark, OutputFiles.child(OutputFiles.child(output, WorklistTables.PAGES), PAGE),
                TeamPage.render(view, files, day, config, currency, activity, alerts, gate, names, idleCredit));
        return new Counts(collectors, moved, idled);
    }
}
