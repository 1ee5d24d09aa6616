package io.arscope.audit;

import static io.arscope.job.Column.count;
import static io.arscope.job.Column.date;
import static io.arscope.job.Column.flag;
import static io.arscope.job.Column.money;
import static io.arscope.job.Column.share;
import static io.arscope.job.Column.text;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.job.Column;
import io.arscope.job.OutputTable;
import io.arscope.worklist.ActionsLogTables;
import io.arscope.worklist.WorklistTables;

/**
 * The tables {@code arscope actions-summary} writes, declared once: each recommendation of the actions log with what
 * followed it, and the monthly summary of recommended against done. Columns are defined in
 * notebooks-docs/actions-log.md.
 */
public final class ActionsSummaryTables {

    public static final String MANIFEST = "actions-summary-run.json";

    /** Whether the customer was contacted (any channel, outcome or collector) within the window after the day. */
    public static final Column<Boolean> ACTED_ON = flag("acted_on").required();
    /** Contacts of the customer within that window. */
    public static final Column<Long> CONTACTS = count("contacts").required();
    public static final Column<LocalDate> FIRST_CONTACT_DATE = date("first_contact_date");
    public static final Column<String> FIRST_CONTACT_CHANNEL = text("first_contact_channel");
    public static final Column<String> FIRST_CONTACT_OUTCOME = text("first_contact_outcome");
    /** Who made the first contact: the contact's collector, who may not be the one the worklist named. */
    public static final Column<String> FIRST_CONTACT_COLLECTOR = text("first_contact_collector");
    /** Whether the customer made a promise to pay (the promises table) within the window to act. */
    public static final Column<Boolean> PROMISE_FOLLOWED = flag("promise_followed").required();
    /** Payments of the customer in the row's currency dated in the cash window after the day, up to the as-of day. */
    public static final Column<BigDecimal> CASH_FOLLOWED = money("cash_followed").required();
    /** The last day of the later window: until then what followed may still grow. */
    public static final Column<LocalDate> FOLLOW_UP_ENDS = date("follow_up_ends").required();
    /** Whether the as-of day is on or after {@link #FOLLOW_UP_ENDS}: the row's figures are final. */
    public static final Column<Boolean> FOLLOW_UP_OVER = flag("follow_up_over").required();

    /** Each recommendation (a row on a collector's list that day, in_today) of the runs counted, and what followed. */
    public static final OutputTable FOLLOWED = OutputTable.of("actions-followed", ActionsLogTables.RUN_ID,
            WorklistTables.AS_OF, ActionsLogTables.MODEL_VERSION, WorklistTables.COLLECTOR, WorklistTables.QUEUE,
            WorklistTables.CUSTOMER_ID, WorklistTables.CUSTOMER_NAME, WorklistTables.CURRENCY,
            WorklistTables.PRIORITY_VALUE, WorklistTables.CUSTOMER_RANK, WorklistTables.ACTION_CODE, ACTED_ON,
            CONTACTS, FIRST_CONTACT_DATE, FIRST_CONTACT_CHANNEL, FIRST_CONTACT_OUTCOME, FIRST_CONTACT_COLLECTOR,
            PROMISE_FOLLOWED, CASH_FOLLOWED, FOLLOW_UP_ENDS, FOLLOW_UP_OVER)
            .keyedBy(ActionsLogTables.RUN_ID, WorklistTables.COLLECTOR, WorklistTables.QUEUE,
                    WorklistTables.CUSTOMER_ID, WorklistTables.CURRENCY);

    /** The first day of the month of the recommendations' as-of day. */
    public static final Column<LocalDate> MONTH = date("month").required();
    /** The collector the worklist named; empty on the row of all collectors together. */
    public static final Column<String> COLLECTOR = text("collector");
    public static final Column<Long> RECOMMENDATIONS = count("recommendations").required();
    public static final Column<Long> ACTED_ON_COUNT = count("acted_on").required();
    /** acted_on / recommendations, rounded half up to 4 decimals. */
    public static final Column<Double> SHARE_ACTED_ON = share("share_acted_on").required();
    /** Recommendations followed by a promise to pay within the window to act. */
    public static final Column<Long> PROMISED = count("promised").required();
    /** Recommendations whose follow-up had not ended by the as-of day: their acted_on and cash may still grow. */
    public static final Column<Long> FOLLOW_UP_OPEN = count("follow_up_open").required();

    /**
     * Per month, collector and currency, and per month and currency for all collectors together: recommendations
     * made, acted on, the share acted on and the cash that followed. Amounts of two currencies are never summed.
     */
    public static final OutputTable SUMMARY = OutputTable.of("actions-summary", MONTH, COLLECTOR,
            WorklistTables.CURRENCY, RECOMMENDATIONS, ACTED_ON_COUNT, SHARE_ACTED_ON, PROMISED, CASH_FOLLOWED,
            FOLLOW_UP_OPEN)
            .keyedBy(MONTH, COLLECTOR, WorklistTables.CURRENCY);

    /** The options of a run, as its manifest records them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOptions(String input, String actionsLog, String asOf, int actedWithinDays, int cashWithinDays) {
    }

    /**
     * Rows written, and how the log's rows reconcile: {@code logRows = countedRows + supersededRows + laterRows}.
     *
     * @param countedRows    rows of the runs counted: for each as-of day up to the as-of date, its last logged run
     * @param supersededRows rows of earlier runs for a day that a later run logged again
     * @param laterRows      rows of runs for days after the as-of date
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOutputs(@JsonProperty("actions-followed") long followed,
            @JsonProperty("actions-summary") long summary, long logRows, long countedRows, long supersededRows,
            long laterRows) {
    }

    private ActionsSummaryTables() {
    }
}
