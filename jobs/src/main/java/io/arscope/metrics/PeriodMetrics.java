package io.arscope.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.arscope.ledger.OnAccountItems;

/**
 * Period metrics of one slice from its monthly figures: for each month, quarter and year, the balances, flows,
 * the DSO family (standard, average-balance, countback; best possible and delinquent by the same method), ADD,
 * CEI (CRF form), collection ratio, on-time rates, dispute rate, bad-debt ratio, and the billing cohort's days to
 * pay with the share still open. Pure arithmetic on sums, following the project's metric definitions.
 *
 * <p>Ending AR is gross, the open invoices; the period's on-account balance ({@link OnAccountItems}) and the net
 * ending AR (gross less it, as a general ledger shows AR) stand beside it. Every DSO, CEI and ADD figure uses the
 * gross: current AR, the buckets and past-due AR are invoice figures (an on-account item has no due date), and a
 * DSO less a BPDSO must be taken on one basis, so netting only the DSO would mix two.
 */
public final class PeriodMetrics {

    /** The additive figures of one slice and month (see {@link MonthlyFigures}). */
    public record Month(YearMonth month, BigDecimal creditSales, BigDecimal collections, BigDecimal creditMemos,
            BigDecimal writeOffs, BigDecimal endingAr, BigDecimal currentAr, List<BigDecimal> buckets,
            BigDecimal pastDueDayAmount, BigDecimal disputedAr, long invoicesIssued, long invoicesDisputed,
            long dueCount, BigDecimal dueAmount, long onTimeCount, BigDecimal onTimeAmount, BigDecimal cohortPaid,
            BigDecimal cohortPayDaysAmount, BigDecimal cohortLateDaysAmount, BigDecimal cohortOpen,
            BigDecimal onAccount) {

        /** A month with no activity and nothing open. */
        public static Month empty(YearMonth month, int buckets) {
            BigDecimal z = BigDecimal.ZERO;
            return new Month(month, z, z, z, z, z, z, java.util.Collections.nCopies(buckets, z), z, z, 0, 0, 0, z, 0,
                    z, z, z, z, z, z);
        }
    }

    /** One period's metrics. Money is exact; day counts and ratios are doubles, null where undefined. */
    public record Period(String periodType, String period, LocalDate start, LocalDate end, int months,
            BigDecimal creditSales, BigDecimal collections, BigDecimal creditMemos, BigDecimal writeOffs,
            BigDecimal beginningAr, BigDecimal endingAr, BigDecimal currentAr, BigDecimal pastDueAr,
            List<BigDecimal> buckets, BigDecimal disputedAr, int days, Double dsoStandard, Double dsoAverage,
            Double dsoCountback, Double bpdsoStandard, Double bpdsoCountback, Double ddsoStandard,
            Double ddsoCountback, Double addPastDue, Double addAllAr, Double cei, Double collectionRatio,
            long invoicesIssued, long invoicesDisputed, Double disputeRate, Double badDebtRatio, long dueCount,
            long onTimeCount, Double onTimeRateCount, BigDecimal dueAmount, BigDecimal onTimeAmount,
            Double onTimeRateAmount, Double avgDaysToPay, Double wadl, Double cohortOpenShare, BigDecimal onAccount,
            BigDecimal netEndingAr) {
    }

    /** The period type of a month's figures; quarters and years add up months. */
    public static final String MONTH = "month";

    private PeriodMetrics() {
    }

    /**
     * @param months   the slice's months, consecutive, oldest first, from the first month with any invoice
     * @param dayCount how many days a month counts for
     */
    public static List<Period> of(List<Month> months, DayCount dayCount) {
        List<Period> out = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            out.add(period(MONTH, months.get(i).month().toString(), months, i, i, dayCount));
        }
        SortedMap<String, int[]> quarters = new TreeMap<>();
        SortedMap<String, int[]> years = new TreeMap<>();
        for (int i = 0; i < months.size(); i++) {
            YearMonth m = months.get(i).month();
            String q = m.getYear() + "-Q" + ((m.getMonthValue() - 1) / 3 + 1);
            quarters.computeIfAbsent(q, k -> new int[] {Integer.MAX_VALUE, -1});
            years.computeIfAbsent(String.valueOf(m.getYear()), k -> new int[] {Integer.MAX_VALUE, -1});
            for (int[] range : List.of(quarters.get(q), years.get(String.valueOf(m.getYear())))) {
                range[0] = Math.min(range[0], i);
                range[1] = Math.max(range[1], i);
            }
        }
        for (Map.Entry<String, int[]> q : quarters.entrySet()) {
            out.add(period("quarter", q.getKey(), months, q.getValue()[0], q.getValue()[1], dayCount));
        }
        for (Map.Entry<String, int[]> y : years.entrySet()) {
            out.add(period("year", y.getKey(), months, y.getValue()[0], y.getValue()[1], dayCount));
        }
        return out;
    }

    private static Period period(String type, String label, List<Month> months, int from, int to, DayCount dayCount) {
        Month last = months.get(to);
        BigDecimal sales = BigDecimal.ZERO;
        BigDecimal collections = BigDecimal.ZERO;
        BigDecimal memos = BigDecimal.ZERO;
        BigDecimal writeOffs = BigDecimal.ZERO;
        BigDecimal dueAmount = BigDecimal.ZERO;
        BigDecimal onTimeAmount = BigDecimal.ZERO;
        BigDecimal cohortPaid = BigDecimal.ZERO;
        BigDecimal payDays = BigDecimal.ZERO;
        BigDecimal lateDays = BigDecimal.ZERO;
        BigDecimal cohortOpen = BigDecimal.ZERO;
        long issued = 0;
        long disputed = 0;
        long dueCount = 0;
        long onTimeCount = 0;
        int days = 0;
        for (int i = from; i <= to; i++) {
            Month m = months.get(i);
            sales = sales.add(m.creditSales());
            collections = collections.add(m.collections());
            memos = memos.add(m.creditMemos());
            writeOffs = writeOffs.add(m.writeOffs());
            dueAmount = dueAmount.add(m.dueAmount());
            onTimeAmount = onTimeAmount.add(m.onTimeAmount());
            cohortPaid = cohortPaid.add(m.cohortPaid());
            payDays = payDays.add(m.cohortPayDaysAmount());
            lateDays = lateDays.add(m.cohortLateDaysAmount());
            cohortOpen = cohortOpen.add(m.cohortOpen());
            issued += m.invoicesIssued();
            disputed += m.invoicesDisputed();
            dueCount += m.dueCount();
            onTimeCount += m.onTimeCount();
            days += dayCount.days(m.month());
        }
        BigDecimal beginning = from == 0 ? BigDecimal.ZERO : months.get(from - 1).endingAr();
        BigDecimal ending = last.endingAr();
        BigDecimal current = last.currentAr();
        BigDecimal pastDue = ending.subtract(current);
        int n = to - from + 1;

        List<Double> salesBack = new ArrayList<>();
        List<Integer> daysBack = new ArrayList<>();
        for (int i = to; i >= 0; i--) {
            salesBack.add(months.get(i).creditSales().doubleValue());
            daysBack.add(dayCount.days(months.get(i).month()));
        }
        Double dso = perDay(ending, sales, days);
        Double bpdso = perDay(current, sales, days);
        Double dsoCountback = CountbackDso.days(ending.doubleValue(), salesBack, daysBack);
        Double bpdsoCountback = CountbackDso.days(current.doubleValue(), salesBack, daysBack);
        Double dsoAverage = perDay(beginning.add(ending).divide(BigDecimal.valueOf(2)), sales, days);

        // CRF form: over N months the period's sales count once per month on average.
        double salesPerMonth = sales.doubleValue() / n;
        double ceiDenominator = beginning.doubleValue() + salesPerMonth - current.doubleValue();
        Double cei = ceiDenominator == 0 ? null
                : (beginning.doubleValue() + salesPerMonth - ending.doubleValue()) / ceiDenominator * 100;

        LocalDate start = months.get(from).month().atDay(1);
        return new Period(type, label, start, last.month().atEndOfMonth(), n, sales, collections, memos, writeOffs,
                beginning, ending, current, pastDue, last.buckets(), last.disputedAr(), days, dso, dsoAverage,
                dsoCountback, bpdso, bpdsoCountback, difference(dso, bpdso), difference(dsoCountback, bpdsoCountback),
                ratio(last.pastDueDayAmount(), pastDue), ratio(last.pastDueDayAmount(), ending), cei,
                ratio(collections, beginning.add(sales)), issued, disputed, ratio(disputed, issued),
                ratio(writeOffs, sales), dueCount, onTimeCount, ratio(onTimeCount, dueCount), dueAmount, onTimeAmount,
                ratio(onTimeAmount, dueAmount), ratio(payDays, cohortPaid), ratio(lateDays, cohortPaid),
                ratio(cohortOpen, sales), last.onAccount(), ending.subtract(last.onAccount()));
    }

    private static Double perDay(BigDecimal balance, BigDecimal sales, int days) {
        return sales.signum() == 0 ? null : balance.doubleValue() / sales.doubleValue() * days;
    }

    private static Double difference(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }

    static Double ratio(BigDecimal numerator, BigDecimal denominator) {
        return denominator.signum() == 0 ? null
                : numerator.divide(denominator, 12, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
