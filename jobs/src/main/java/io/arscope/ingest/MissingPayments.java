package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.model.CanonicalTable;

/**
 * Payments missing from a ledger whose invoices are there. Every row check passes when a payments export failed, was
 * filtered to nothing, was written with its header only, or stopped updating while the invoices' went on; every job
 * then reads the invoices paid since as unpaid, and AR, DSO and the worklist swell with no error anywhere. The
 * freshness check does not see it: the invoices keep the export's latest date recent. Ingest warns (exit 7,
 * published with warnings) when the mapping has a source of payments and either
 * <ul>
 * <li>the ledger holds no payment at all while at least {@value #OVERDUE_INVOICES} invoices fell due
 * {@value #DAYS_PAST_DUE} days or more before the as-of date (a young ledger, with little yet due, is not warned of);
 * or</li>
 * <li>it holds payments, but none names an invoice, under the same condition: a mapping that leaves every payment on
 * account (an Odoo or QuickBooks export whose payments name no invoice) keeps every invoice open, so gross AR, its
 * aging, DSO and CEI read as if nothing was ever paid, and only net AR is right; or</li>
 * <li>the payments stop: the days from the latest payment to the as-of date are more than {@value #MIN_GAP_DAYS} and
 * more than any gap between payment days in the {@value #HABIT_DAYS} days before it, invoices are dated after it, and
 * that period had at least {@value #HABIT_PAYMENT_DAYS} payment days to show the ledger's habit. A business paid
 * once a month is not warned of a month without payment; one paid every few days is, after a week and more.</li>
 * </ul>
 * Merging into a lake, the ledger is the lake: a day's export of changes may hold no payment, the lake should not.
 */
final class MissingPayments {

    /** Invoices long enough past due that none of them being paid, in part or in full, is not believable. */
    static final int OVERDUE_INVOICES = 10;
    /** A month past due: beyond the usual lateness, so a paying customer base would have paid some. */
    static final int DAYS_PAST_DUE = 30;
    /** Shorter silences are weekends, holidays and bank runs, not a stopped export. */
    static final int MIN_GAP_DAYS = 7;
    /** The period whose gaps between payment days show the ledger's habit: about six months. */
    static final int HABIT_DAYS = 182;
    /** Fewer payment days than this in the period show no habit to judge a silence by. */
    static final int HABIT_PAYMENT_DAYS = 10;

    private MissingPayments() {
    }

    /**
     * The warning, if the ledger warrants one.
     *
     * @param paymentSources the mapping's sources producing payments, as the warning names them ({@link #sources});
     *                       none for a mapping without payments, which is never warned of
     * @param payments       the ledger's payments, as stored
     * @param invoices       the ledger's invoices, as stored
     * @param asOf           the as-of date; null for the latest invoice date
     */
    static Optional<String> warning(List<String> paymentSources, Dataset<Row> payments, Dataset<Row> invoices,
            LocalDate asOf) {
        if (paymentSources.isEmpty()) {
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
        String from = String.join(", ", paymentSources);
        // How many payments there are and the latest on or before the day, in one pass.
        Row seen = payments.agg(count(lit(1)), max(when(col("payment_date").leq(lit(day)), col("payment_date"))),
                count(col("invoice_id"))).first();
        if (seen.getLong(0) > 0 && seen.getLong(2) == 0) {
            long overdue = invoices.filter(col("due_date").leq(lit(day.minusDays(DAYS_PAST_DUE)))).count();
            return overdue < OVERDUE_INVOICES ? Optional.empty() : Optional.of(String.format("none of the %,d "
                    + "payments from %s names an invoice, while %,d invoices fell due %d days or more before %s: "
                    + "every payment is on account, so every invoice reads unpaid; gross AR, its aging, DSO, CEI, the "
                    + "risk model and the worklist read as if nothing was ever paid, and only net AR (less the "
                    + "on-account items) is right; map the invoice each payment pays (notebooks-docs/mappings.md) "
                    + "before reading them", seen.getLong(0), from, overdue, DAYS_PAST_DUE, day));
        }
        if (seen.getLong(0) == 0) {
            long overdue = invoices.filter(col("due_date").leq(lit(day.minusDays(DAYS_PAST_DUE)))).count();
            return overdue < OVERDUE_INVOICES ? Optional.empty() : Optional.of(String.format("no payment at all "
                    + "from %s, while %,d invoices fell due %d days or more before %s: if the payments export failed "
                    + "or was filtered to nothing, every invoice reads unpaid and AR, DSO and the worklist are "
                    + "overstated; check the payments export before reading them", from, overdue, DAYS_PAST_DUE, day));
        }
        return seen.isNullAt(1) ? Optional.empty() : stopped(from, payments, invoices, seen.getAs(1), day);
    }

    private static Optional<String> stopped(String from, Dataset<Row> payments, Dataset<Row> invoices,
            LocalDate latest, LocalDate day) {
        long silence = ChronoUnit.DAYS.between(latest, day);
        if (silence <= MIN_GAP_DAYS) {
            return Optional.empty();
        }
        Column date = col("payment_date");
        List<LocalDate> days = payments.select(date).filter(date.geq(lit(latest.minusDays(HABIT_DAYS)))
                        .and(date.leq(lit(latest)))).distinct().orderBy(date).collectAsList().stream()
                .map(r -> r.<LocalDate>getAs(0)).toList();
        if (days.size() < HABIT_PAYMENT_DAYS) {
            return Optional.empty();
        }
        long longest = 0;
        for (int i = 1; i < days.size(); i++) {
            longest = Math.max(longest, ChronoUnit.DAYS.between(days.get(i - 1), days.get(i)));
        }
        if (silence <= longest) {
            return Optional.empty();
        }
        Row latestInvoice = invoices.filter(col("invoice_date").leq(lit(day))).agg(max(col("invoice_date"))).first();
        if (latestInvoice.isNullAt(0) || !latestInvoice.<LocalDate>getAs(0).isAfter(latest)) {
            return Optional.empty();
        }
        return Optional.of(String.format("payments from %s stop on %s, %d days before %s, while invoices run to %s, "
                + "and in the %d days before it payments never went more than %s without one: if the payments "
                + "export stopped early, invoices paid since read unpaid and AR, DSO and the worklist are overstated; "
                + "check the payments export before reading them", from, latest, silence, day,
                latestInvoice.<LocalDate>getAs(0), HABIT_DAYS, longest == 1 ? "a day" : longest + " days"));
    }

    /** The mapping's sources that produce payments: their file, or their name for a database source. */
    static List<String> sources(Mapping mapping) {
        return mapping.sources().stream().filter(s -> s.produces().containsKey(CanonicalTable.PAYMENTS.tableName()))
                .map(s -> s.file() != null ? s.file() : s.name()).toList();
    }
}
