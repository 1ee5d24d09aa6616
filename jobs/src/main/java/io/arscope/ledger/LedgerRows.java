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
     * as-of cut), keyed by where they were read ({@link CanonicalSource#location}: {@code <ingestOutput>/canonical/<table>},
     * or a lake table and its version).
     */
    public static Map<String, Long> of(String ingestOutput, ReceivablesLedger ledger) {
        CanonicalSource source = CanonicalSource.at(ledger.invoices().sparkSession(),
                ingestOutput + "/" + ReceivablesLedger.CANONICAL);
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put(source.location(CanonicalTable.CUSTOMERS), ledger.customers().count());
        rows.put(source.location(CanonicalTable.INVOICES), ledger.invoices().count());
        rows.put(source.location(CanonicalTable.PAYMENTS), ledger.payments().count());
        rows.put(source.location(CanonicalTable.ADJUSTMENTS), ledger.adjustments().count());
        rows.put(source.location(CanonicalTable.DISPUTES), ledger.disputes().count());
        return rows;
    }
}
