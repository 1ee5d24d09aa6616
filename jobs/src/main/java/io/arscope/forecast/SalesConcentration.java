package io.arscope.forecast;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.NavigableMap;

/**
 * One invoice that is most of the credit sales whose daily mean the forecast takes as its new sales: the forecast then
 * expects that invoice's amount to be sold again within the trailing weeks, which whoever reads the cash from new
 * sales must be told. An exceptional contract, or an amount mistyped in the export, over 13 weeks of ordinary
 * invoices made the forecast's 13 weeks expect more cash than the whole receivables.
 *
 * @param invoiceId   the largest invoice of the window
 * @param issued      its invoice date
 * @param amount      its amount
 * @param windowSales the window's credit sales, that invoice included
 * @param weeks       the window's length in weeks ({@code --sales-weeks})
 * @param asOf        the window's last day
 */
public record SalesConcentration(String invoiceId, LocalDate issued, double amount, double windowSales, int weeks,
        LocalDate asOf) {

    /** More than this share of the window's sales in one invoice is said. */
    public static final double SHARE = 0.5;

    /** The day's credit sales and its largest invoice. */
    public record Day(double sales, double largest, String largestInvoice) {
    }

    /**
     * The largest invoice of the {@code weeks} to {@code asOf}, when it is more than {@value #SHARE} of their sales;
     * null otherwise, or when nothing was sold.
     */
    static SalesConcentration of(NavigableMap<LocalDate, Day> days, LocalDate asOf, int weeks) {
        NavigableMap<LocalDate, Day> window = days.subMap(asOf.minusDays(7L * weeks), false, asOf, true);
        double sales = window.values().stream().mapToDouble(Day::sales).sum();
        var largest = window.entrySet().stream().max(Comparator.comparingDouble(e -> e.getValue().largest()))
                .orElse(null);
        if (largest == null || sales <= 0 || largest.getValue().largest() <= SHARE * sales) {
            return null;
        }
        return new SalesConcentration(largest.getValue().largestInvoice(), largest.getKey(),
                largest.getValue().largest(), sales, weeks, asOf);
    }

    /** In words, for the job's warning and the report. */
    public String describe() {
        return String.format(Locale.ROOT, "one invoice, %s of %s for %,.2f, is %.1f%% of the %,.2f of credit sales in "
                + "the %d weeks to %s whose daily mean the forecast takes as its new sales: it expects that amount "
                + "to be sold again within %d weeks; check the invoice, and read the cash from new sales without it",
                invoiceId, issued, amount, 100 * amount / windowSales, windowSales, weeks, asOf, weeks);
    }
}
