package io.arscope.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard DSO (ending AR / credit sales of the month x days in the month, as the metrics job computes it) at the
 * next month-ends, from receivables rolled forward day by day: today's AR plus expected sales, less expected cash,
 * expected credit memos and expected write-offs. Each month's movements are rounded to the cent once, and its
 * ending AR is the opening AR plus them, so that every row closes exactly: opening + expected sales - expected
 * collections - expected credit memos - expected write-offs = ending AR, and each month opens with the previous
 * one's ending AR.
 */
public final class DsoForecast {

    /**
     * One month-end ahead. {@code openingAr} is the AR the month's forecast starts from (at the as-of date for the
     * first month, else the previous month's ending AR); {@code creditSales}, the month's sales that DSO divides by,
     * is {@code expectedSales} plus what was booked in the month up to the as-of date, which the opening AR holds.
     */
    public record MonthEnd(LocalDate monthEnd, int daysAhead, BigDecimal openingAr, BigDecimal expectedSales,
            BigDecimal expectedCollections, BigDecimal expectedCreditMemos, BigDecimal expectedWriteOffs,
            BigDecimal endingAr,
            BigDecimal creditSales, int daysInMonth, Double dso) {
    }

    private DsoForecast() {
    }

    /** Days from {@code asOf} to the last of the next {@code months} month-ends after it. */
    public static int daysToCover(LocalDate asOf, int months) {
        return (int) ChronoUnit.DAYS.between(asOf, monthEnds(asOf, months).get(months - 1));
    }

    static List<LocalDate> monthEnds(LocalDate asOf, int months) {
        List<LocalDate> ends = new ArrayList<>();
        YearMonth m = YearMonth.from(asOf);
        if (m.atEndOfMonth().equals(asOf)) {
            m = m.plusMonths(1);
        }
        for (int i = 0; i < months; i++) {
            ends.add(m.plusMonths(i).atEndOfMonth());
        }
        return ends;
    }

    /**
     * @param asOf            the origin
     * @param arAtOrigin      receivables open at the end of the origin day
     * @param forecast        daily expectations after the origin, covering {@link #daysToCover}
     * @param salesBookedInMonth credit sales of the origin's month up to and including the origin day
     * @param months          month-ends to forecast
     */
    public static List<MonthEnd> of(LocalDate asOf, double arAtOrigin, CashForecast forecast,
            double salesBookedInMonth, int months) {
        List<MonthEnd> out = new ArrayList<>();
        BigDecimal ar = cents(arAtOrigin);
        int day = 0;
        for (LocalDate end : monthEnds(asOf, months)) {
            int endDay = (int) ChronoUnit.DAYS.between(asOf, end);
            LocalDate monthStart = end.withDayOfMonth(1);
            double sales = 0;
            double collections = 0;
            double creditMemos = 0;
            double writeOffs = 0;
            for (int d = day + 1; d <= endDay; d++) {
                sales += forecast.newSales()[d - 1];
                collections += forecast.openCash()[d - 1] + forecast.newCash()[d - 1];
                creditMemos += forecast.openCreditMemos()[d - 1] + forecast.newCreditMemos()[d - 1];
                writeOffs += forecast.openWriteOffs()[d - 1] + forecast.newWriteOffs()[d - 1];
            }
            day = endDay;
            BigDecimal expectedSales = cents(sales);
            BigDecimal creditSales = monthStart.isAfter(asOf) ? expectedSales
                    : expectedSales.add(cents(salesBookedInMonth));
            BigDecimal expectedCollections = cents(collections);
            BigDecimal expectedCreditMemos = cents(creditMemos);
            BigDecimal expectedWriteOffs = cents(writeOffs);
            BigDecimal ending = ar.add(expectedSales).subtract(expectedCollections).subtract(expectedCreditMemos)
                    .subtract(expectedWriteOffs);
            out.add(new MonthEnd(end, endDay, ar, expectedSales, expectedCollections, expectedCreditMemos,
                    expectedWriteOffs, ending,
                    creditSales, end.getDayOfMonth(),
                    creditSales.signum() > 0
                            ? ending.doubleValue() / creditSales.doubleValue() * end.getDayOfMonth() : null));
            ar = ending;
        }
        return out;
    }

    private static BigDecimal cents(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
    }
}
