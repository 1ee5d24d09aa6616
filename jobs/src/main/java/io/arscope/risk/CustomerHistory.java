package io.arscope.risk;

import java.time.LocalDate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ReceivablesLedger;

/**
 * Every invoice known at the end of a day, with its events, disputes, its customer's on-account items and
 * collection activity ({@link RiskFeatures#history}): what the invoice features ({@link RiskFeatures}) and the
 * customer features ({@link CustomerFeatures}) both read, one customer at a time. Computed once and held, so that a
 * job scoring invoices and customers on the same day joins the whole ledger once, not twice.
 *
 * @param rows      the history rows, held once computed
 * @param labelAsOf the day they are known at
 */
public record CustomerHistory(Dataset<Row> rows, LocalDate labelAsOf) {

    /** @param activity the customers' collection activity, or null for none */
    public static CustomerHistory of(ReceivablesLedger ledger, CollectionActivity activity, LocalDate labelAsOf) {
        return new CustomerHistory(RiskFeatures.history(ledger, activity, labelAsOf).localCheckpoint(false),
                labelAsOf);
    }
}
