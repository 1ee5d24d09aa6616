package io.arscope.metrics;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.ReportingCurrency;

import java.time.LocalDate;
import java.util.List;

/**
 * Configuration of a metrics run.
 *
 * @param input      the folder an ingest run wrote (it holds {@code canonical/})
 * @param output     where the metrics go
 * @param asOf       the as-of date; null for the latest business date in the data
 * @param buckets    aging bucket bounds
 * @param dimensions customer or invoice columns to slice every metric by, besides the total
 * @param dayCount   days per month in DSO-type ratios
 * @param graceDays  days after the due date still counted as on time
 * @param rollMonths how many recent months of roll rates the provision matrix averages (at least 12 is usual)
 * @param overlay    forward-looking factor on the expected credit loss (1 for none)
 * @param trends     trend statistics settings
 * @param reportingCurrency the currency amounts are reported in; null for the ledger's one currency
 */
public record MetricsOptions(String input, String output, LocalDate asOf, AgingBuckets buckets,
        List<String> dimensions, DayCount dayCount, int graceDays, int rollMonths, double overlay,
        TrendConfig trends, String reportingCurrency) implements io.arscope.job.JobOptions {

    /**
     * The dimensions sliced by when none are given, as the command's default text. Country is one of them because
     * real exports name it where they name nothing else to slice by (IBM's has a country code and no segment,
     * region, business unit or collector).
     */
    public static final String DEFAULT_DIMENSIONS_TEXT = "segment,region,country,business_unit,collector";
    public static final List<String> DEFAULT_DIMENSIONS = List.of(DEFAULT_DIMENSIONS_TEXT.split(","));

    public MetricsOptions {
        dimensions = List.copyOf(dimensions);
        if (graceDays < 0) {
            throw new IllegalArgumentException("grace days must be zero or more, was " + graceDays);
        }
        if (rollMonths < 1) {
            throw new IllegalArgumentException("roll-rate months must be at least 1, was " + rollMonths);
        }
        if (!(overlay > 0)) {
            throw new IllegalArgumentException("the ECL overlay factor must be above zero, was " + overlay);
        }
        ReportingCurrency.requireCode(reportingCurrency);
    }

    /** Options reporting in the ledger's one currency. */
    public MetricsOptions(String input, String output, LocalDate asOf, AgingBuckets buckets, List<String> dimensions,
            DayCount dayCount, int graceDays, int rollMonths, double overlay, TrendConfig trends) {
        this(input, output, asOf, buckets, dimensions, dayCount, graceDays, rollMonths, overlay, trends, null);
    }
}
