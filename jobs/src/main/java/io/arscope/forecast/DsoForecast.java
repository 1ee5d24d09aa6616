package io.arscope.forecast;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard DSO (ending AR / credit sales of the month x days in the month, as the metrics job computes it) at the
 * next month-ends, from receivables rolled forward day by day: today's AR plus expected sales, less expected cash
 * and expected credit memos and write-offs.
 */
public final class DsoForecast {

    /** One month-end ahead: its expected ending AR, the month's credit sales (booked so far plus expected) and DSO. */
    public record MonthEnd(LocalDate monthEnd, int daysAhead, double creditSales, double expectedCollections,
            double endingAr, int daysInMonth, Double dso) {
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
        double ar = arAtOrigin;
        int day = 0;
        for (LocalDate end : monthEnds(asOf, months)) {
            int endDay = (int) ChronoUnit.DAYS.between(asOf, end);
            LocalDate monthStart = end.withDayOfMonth(1);
            double sales = monthStart.isAfter(asOf) ? 0 : salesBookedInMonth;
            double collections = 0;
            for (int d = day + 1; d <= endDay; d++) {
                double cash = forecast.openCash()[d - 1] + forecast.newCash()[d - 1];
                ar += forecast.newSales()[d - 1] - cash - forecast.openOther()[d - 1] - forecast.newOther()[d - 1];
                sales += forecast.newSales()[d - 1];
                collections += cash;
            }
            day = endDay;
            int daysInMonth = end.getDayOfMonth();
            out.add(new MonthEnd(end, endDay, sales, collections, ar, daysInMonth,
                    sales > 0 ? ar / sales * daysInMonth : null));
        }
        return out;
    }
}
