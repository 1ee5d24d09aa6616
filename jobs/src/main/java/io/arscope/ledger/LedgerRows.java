package io.arscope.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.arscope.model.CanonicalTable;

/**
 * The rows a job read of each canonical table, by the table's location: the inputs a job's manifest records, so
 * that a reader can tell what an output was computed from and compare it with what ingest wrote.
 */
public final class LedgerRows {

    private LedgerRows() {
    }

    /** The collection-activity tables: contacts, promises and plan instalments. */
    public static final List<CanonicalTable> ACTIVITY = List.of(CanonicalTable.CONTACTS, CanonicalTable.PROMISES,
            CanonicalTable.PLAN_INSTALMENTS);

    /** The exchange rates and the activity tables: what the jobs that value balances and read activity also read. */
    public static final List<CanonicalTable> RATES_AND_ACTIVITY = List.of(CanonicalTable.EXCHANGE_RATES,
            CanonicalTable.CONTACTS, CanonicalTable.PROMISES, CanonicalTable.PLAN_INSTALMENTS);

    /**
     * Rows of each canonical table of the ingest run at {@code ingestOutput}, as the job read them (before any
     * as-of cut), keyed by where they were read ({@link CanonicalSource#location}: {@code <ingestOutput>/canonical/<table>},
     * or a lake table and its version); then, of the tables in {@code alsoRead} (exchange rates, the activity tables)
     * that the run holds, their rows as stored. A table the run does not hold was not read, and is not named.
     */
    public static Map<String, Long> of(String ingestOutput, ReceivablesLedger ledger, List<CanonicalTable> alsoRead) {
        CanonicalSource source = CanonicalSource.at(ledger.invoices().sparkSession(),
                ingestOutput + "/" + ReceivablesLedger.CANONICAL);
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put(source.location(CanonicalTable.CUSTOMERS), ledger.customers().count());
        rows.put(source.location(CanonicalTable.INVOICES), ledger.invoices().count());
        rows.put(source.location(CanonicalTable.PAYMENTS), ledger.payments().count());
        rows.put(source.location(CanonicalTable.ADJUSTMENTS), ledger.adjustments().count());
        rows.put(source.location(CanonicalTable.DISPUTES), ledger.disputes().count());
        for (CanonicalTable table : alsoRead) {
            if (source.has(table)) {
                rows.put(source.location(table), source.read(table).count());
            }
        }
        return rows;
    }
}
