package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.model.CanonicalTable;

/**
 * A ledger that came out of ingest with invoices long due and not one payment. Every row check passes when a payments
 * export failed, was filtered to nothing, or was written with its header only, and every job then reads customers as
 * having paid nothing: AR, DSO and the worklist swell with no error anywhere. A business whose customers have never
 * paid an invoice is far rarer than an export that failed, so ingest warns (exit 7, published with warnings) when the
 * mapping has a source of payments, the ledger holds none, and at least {@value #OVERDUE_INVOICES} invoices fell due
 * {@value #DAYS_PAST_DUE} days or more before the as-of date. A young ledger, with little yet due, is not warned of.
 * Merging into a lake, the ledger is the lake: a day's export of changes may hold no payment, the lake should not.
 */
final class NoPayments {

    /** Invoices long enough past due that none of them being paid, in part or in full, is not believable. */
    static final int OVERDUE_INVOICES = 10;
    /** A month past due: beyond the usual lateness, so a paying customer base would have paid some. */
    static final int DAYS_PAST_DUE = 30;

    private NoPayments() {
    }

    /**
     * The warning, if the ledger warrants one.
     *
     * @param paymentSources the mapping's sources producing payments, as the warning names them; none for a mapping
     *                       without payments (it then asks for no warning: it never read any)
     * @param payments       the ledger's payments, as stored
     * @param invoices       the ledger's invoices, as stored
     * @param asOf           the as-of date; null for the latest invoice date
     */
    static Optional<String> warning(List<String> paymentSources, Dataset<Row> payments, Dataset<Row> invoices,
            LocalDate asOf) {
        if (paymentSources.isEmpty() || !payments.isEmpty()) {
            return Optional.empty();
        }
        LocalDate day = asOf;
        if (day == null) {
            Row latest = invoices.agg(max(col("invoice_date"))).first();
            if (latest.isNullAt(0)) {
                return Optional.empty();
            }
            day = latest.getAs(0);
        }
        long overdue = invoices.filter(col("due_date").leq(lit(day.minusDays(DAYS_PAST_DUE)))).count();
        if (overdue < OVERDUE_INVOICES) {
            return Optional.empty();
        }
        return Optional.of(String.format("no payment at all from %s, while %,d invoices fell due %d days or more "
                + "before %s: if the payments export failed or was filtered to nothing, every invoice reads unpaid "
                + "and AR, DSO and the worklist are overstated; check the payments export before reading them",
                String.join(", ", paymentSources), overdue, DAYS_PAST_DUE, day));
    }

    /** The mapping's sources that produce payments, by name. */
    static List<String> sources(io.arscope.ingest.mapping.Mapping mapping) {
        return mapping.sources().stream().filter(s -> s.produces().containsKey(CanonicalTable.PAYMENTS.tableName()))
                .map(s -> s.file() != null ? s.file() : s.name()).toList();
    }
}
