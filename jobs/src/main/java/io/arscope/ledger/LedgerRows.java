package io.arscope.ledger;

import java.util.LinkedHashMap;
import java.util.Map;

import io.arscope.model.CanonicalTable;

/**
 * The rows a job read of each canonical table, by the table's location: the inputs a job's manifest records, so
 * that a reader can tell what an output was computed from and compare it with what ingest wrote.
 */
public final class LedgerRows {

    private LedgerRows() {
    }

    /**
     * Rows of each canonical table of the ingest run at {@code ingestOutput}, as the job read them (before any
     * as-of cut), keyed {@code <ingestOutput>/canonical/<table>}.
     */
    public static Map<String, Long> of(String ingestOutput, ReceivablesLedger ledger) {
        Map<String, Long> rows = new LinkedHashMap<>();
        String canonical = ingestOutput + "/" + ReceivablesLedger.CANONICAL + "/";
        rows.put(canonical + CanonicalTable.CUSTOMERS.tableName(), ledger.customers().count());
        rows.put(canonical + CanonicalTable.INVOICES.tableName(), ledger.invoices().count());
        rows.put(canonical + CanonicalTable.PAYMENTS.tableName(), ledger.payments().count());
        rows.put(canonical + CanonicalTable.ADJUSTMENTS.tableName(), ledger.adjustments().count());
        rows.put(canonical + CanonicalTable.DISPUTES.tableName(), ledger.disputes().count());
        return rows;
    }
}
