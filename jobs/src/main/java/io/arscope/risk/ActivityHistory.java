package io.arscope.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.CollectionActivity;
import io.arscope.activity.PlanStatus;
import io.arscope.activity.PromiseStatus;
import io.arscope.ledger.ReceivablesLedger;

/**
 * A customer's collection activity as risk features: what collectors did and what the customer promised, each
 * counted from the day it became known. A contact is known on its day; whether a promise was kept or an instalment
 * met only once its window (the promised or due date plus the grace days) has closed, so a promise still open on
 * the scoring day counts for nothing. Features appear only when non-zero, so a ledger without activity gives the
 * features it gave before.
 */
final class ActivityHistory {

    /** Array of struct(date, kind) on each invoice row: its customer's activity events, or null. */
    static final String EVENTS = "activity_events";
    /** Days back from the scoring day in which contacts count. */
    static final int CONTACT_DAYS = 90;

    private static final String CONTACT = "contact";
    private static final String PROMISE = "promise_";
    private static final String INSTALMENT = "instalment_";

    private ActivityHistory() {
    }

    /** One event of a customer's activity. */
    record Event(LocalDate date, String kind) implements Serializable {
    }

    /**
     * The customers' events as known at the end of {@code asOf}: {@code activity_customer} and {@link #EVENTS}.
     */
    static Dataset<Row> byCustomer(CollectionActivity activity, ReceivablesLedger known, LocalDate asOf) {
        CollectionActivity seen = activity.asOf(asOf);
        int grace = ActivityConfig.DEFAULT.graceDays();
        Dataset<Row> contacts = seen.contacts().select(col("customer_id"), col("contact_date").as("date"),
                lit(CONTACT).as("kind"));
        Dataset<Row> promises = PromiseStatus.of(seen.promises(), known.payments(), known.invoices(), asOf,
                        ActivityConfig.DEFAULT).filter(col("status").notEqual(PromiseStatus.PENDING))
                .select(col("customer_id"), date_add(col("promised_date"), grace).as("date"),
                        concat(lit(PROMISE), col("status")).as("kind"));
        Dataset<Row> instalments = PlanStatus.of(seen.planInstalments(), known.payments(), known.invoices(), asOf,
                        ActivityConfig.DEFAULT).filter(col("status").isin(PlanStatus.MET, PlanStatus.MISSED))
                .select(col("customer_id"), date_add(col("due_date"), grace).as("date"),
                        concat(lit(INSTALMENT), col("status")).as("kind"));
        return contacts.unionByName(promises).unionByName(instalments)
                .groupBy(col("customer_id").as("activity_customer"))
                .agg(collect_list(struct(col("date"), col("kind"))).as(EVENTS));
    }

    /** The events on a customer's invoice row. */
    static List<Event> events(Row r) {
        List<Event> events = new ArrayList<>();
        int index = r.fieldIndex(EVENTS);
        if (!r.isNullAt(index)) {
            for (Row e : r.<Row>getList(index)) {
                events.add(new Event(e.getAs("date"), e.getAs("kind")));
            }
        }
        return events;
    }

    /**
     * Adds the activity features of scoring day {@code t}: {@code hist_contacts_90d}, contacts in the 90 days
     * before it; {@code hist_promises_kept}, {@code hist_promises_broken} (partly kept ones included) and
     * {@code hist_instalments_missed}, of windows closed before it.
     */
    static void addFeatures(Map<String, Double> f, List<Event> events, LocalDate t) {
        double contacts = 0;
        double kept = 0;
        double broken = 0;
        double missed = 0;
        for (Event e : events) {
            if (!e.date().isBefore(t)) {
                continue;
            }
            switch (e.kind()) {
                case CONTACT -> contacts += ChronoUnit.DAYS.between(e.date(), t) <= CONTACT_DAYS ? 1 : 0;
                case PROMISE + PromiseStatus.KEPT -> kept++;
                case PROMISE + PromiseStatus.BROKEN, PROMISE + PromiseStatus.PARTLY_KEPT -> broken++;
                case INSTALMENT + PlanStatus.MISSED -> missed++;
                default -> {
                }
            }
        }
        putIfAny(f, "hist_contacts_90d", contacts);
        putIfAny(f, "hist_promises_kept", kept);
        putIfAny(f, "hist_promises_broken", broken);
        putIfAny(f, "hist_instalments_missed", missed);
    }

    private static void putIfAny(Map<String, Double> f, String name, double value) {
        if (value > 0) {
            f.put(name, value);
        }
    }
}
