package io.arscope.testing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent computation of the receivables figures an acceptance test compares Arscope with, in plain Java
 * over invoices and their reductions (payments, credit memos, reversals), written from the project's metric
 * definitions (shared/reference/metrics.md) and the documented meaning of the two business oddities, not from
 * Arscope's code:
 * <ul>
 * <li>an invoice due before it was issued is overdue from its issue date: it ages from max(due, issued);</li>
 * <li>a reduction dated before its invoice counts on the invoice's date.</li>
 * </ul>
 * Months count their calendar days. Money is exact; a day count is exact to {@link #PRECISION} before it is
 * turned into a double.
 */
public final class ReceivablesOracle {

    /** An invoice as the canonical model holds it. */
    public record Invoice(String id, LocalDate issued, LocalDate due, BigDecimal amount) {
    }

    /** Anything that reduces one invoice's open amount, dated as the export dates it. */
    public record Reduction(String invoiceId, LocalDate date, BigDecimal amount) {
    }

    private static final MathContext PRECISION = MathContext.DECIMAL128;
    /** Upper bounds of the aging buckets after current: 1-30, 31-60, 61-90, then 91+. */
    private static final int[] BUCKET_BOUNDS = {30, 60, 90};

    private final Map<String, Invoice> invoices = new LinkedHashMap<>();
    private final Map<String, List<Reduction>> reductions = new HashMap<>();

    public ReceivablesOracle(List<Invoice> invoices, List<Reduction> reductions) {
        for (Invoice i : invoices) {
            if (this.invoices.put(i.id(), i) != null) {
                throw new IllegalArgumentException("invoice " + i.id() + " given twice");
            }
        }
        for (Reduction r : reductions) {
            if (!this.invoices.containsKey(r.invoiceId())) {
                throw new IllegalArgumentException("reduction of unknown invoice " + r.invoiceId());
            }
            this.reductions.computeIfAbsent(r.invoiceId(), k -> new ArrayList<>()).add(r);
        }
    }

    public int invoiceCount() {
        return invoices.size();
    }

    public long reductionCount() {
        return reductions.values().stream().mapToLong(List::size).sum();
    }

    /** What an invoice still owes at the end of {@code day}; zero when it was not yet issued or is settled. */
    public BigDecimal open(Invoice invoice, LocalDate day) {
        if (invoice.issued().isAfter(day)) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal open = invoice.amount();
        for (Reduction r : reductions.getOrDefault(invoice.id(), List.of())) {
            LocalDate counts = r.date().isBefore(invoice.issued()) ? invoice.issued() : r.date();
            if (!counts.isAfter(day)) {
                open = open.subtract(r.amount());
            }
        }
        return open.max(BigDecimal.ZERO.setScale(2));
    }

    /** Total AR at the end of {@code day}. */
    public BigDecimal endingAr(LocalDate day) {
        return invoices.values().stream().map(i -> open(i, day)).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /**
     * AR at the end of {@code day} by aging bucket: index 0 is current (not past due), then 1-30, 31-60, 61-90 and
     * 91+ days past the later of the due and the issue date.
     */
    public List<BigDecimal> aging(LocalDate day) {
        List<BigDecimal> buckets = new ArrayList<>();
        for (int k = 0; k <= BUCKET_BOUNDS.length + 1; k++) {
            buckets.add(BigDecimal.ZERO.setScale(2));
        }
        for (Invoice i : invoices.values()) {
            BigDecimal open = open(i, day);
            if (open.signum() > 0) {
                LocalDate agesFrom = i.due().isBefore(i.issued()) ? i.issued() : i.due();
                int k = bucket(ChronoUnit.DAYS.between(agesFrom, day));
                buckets.set(k, buckets.get(k).add(open));
            }
        }
        return buckets;
    }

    private static int bucket(long daysPastDue) {
        if (daysPastDue <= 0) {
            return 0;
        }
        int k = 1;
        while (k <= BUCKET_BOUNDS.length && daysPastDue > BUCKET_BOUNDS[k - 1]) {
            k++;
        }
        return k;
    }

    /** Credit sales of a month: the invoices issued in it. */
    public BigDecimal creditSales(YearMonth month) {
        return invoices.values().stream().filter(i -> YearMonth.from(i.issued()).equals(month))
                .map(Invoice::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** The first month with an invoice. */
    public YearMonth firstMonth() {
        return invoices.values().stream().map(i -> YearMonth.from(i.issued())).min(YearMonth::compareTo)
                .orElseThrow();
    }

    /**
     * Countback DSO at the end of {@code month}: walking back from it, while the AR left covers a month's credit
     * sales, take them off and count the month's days; then add the share of the next month back that the rest
     * covers. Null when the months since {@code firstMonth} run out before the AR does.
     */
    public Double countbackDso(YearMonth month, YearMonth firstMonth) {
        BigDecimal remaining = endingAr(month.atEndOfMonth());
        BigDecimal days = BigDecimal.ZERO;
        for (YearMonth m = month; !m.isBefore(firstMonth); m = m.minusMonths(1)) {
            if (remaining.signum() <= 0) {
                return days.doubleValue();
            }
            BigDecimal sales = creditSales(m);
            BigDecimal length = BigDecimal.valueOf(m.lengthOfMonth());
            if (remaining.compareTo(sales) >= 0) {
                remaining = remaining.subtract(sales);
                days = days.add(length);
            } else {
                return days.add(remaining.divide(sales, PRECISION).multiply(length, PRECISION)).doubleValue();
            }
        }
        return remaining.signum() <= 0 ? days.doubleValue() : null;
    }
}
