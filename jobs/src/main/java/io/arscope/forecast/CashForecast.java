package io.arscope.forecast;

import java.util.List;
import java.util.Map;

/**
 * Expected cash by day after an origin date: from the invoices open at the origin, each share of its open amount
 * taken from the settlement curve of its segment at its days past due, and from the sales expected after the
 * origin, collected along the curve of new invoices. Credit memos and write-offs expected on the same terms are
 * kept beside, since they lower receivables without bringing cash (the DSO forecast needs them).
 *
 * @param openCash  expected cash on day t+1 after the origin from invoices open at the origin
 * @param newCash   expected cash on day t+1 from invoices issued after the origin
 * @param openCreditMemos expected credit memos on day t+1 on invoices open at the origin
 * @param newCreditMemos  expected credit memos on day t+1 on new invoices
 * @param openWriteOffs   expected write-offs on day t+1 on invoices open at the origin
 * @param newWriteOffs    expected write-offs on day t+1 on new invoices
 * @param newSales  expected credit sales on day t+1
 */
public record CashForecast(double[] openCash, double[] newCash, double[] openCreditMemos, double[] newCreditMemos,
        double[] openWriteOffs, double[] newWriteOffs, double[] newSales) {

    /** Amount open at the origin in one segment at one offset (days past due, negative before the due date). */
    public record OpenBalance(String segment, int offset, double amount) {
    }

    /**
     * @param dueCurves  settlement curves anchored on the due date, by segment
     * @param fallback   the curve of all segments together, for segments without one of their own
     * @param open       balances open at the origin
     * @param newInvoice settlement curve of new invoices, anchored on the invoice date (offset 0)
     * @param dailySales expected credit sales per day after the origin
     * @param days       days after the origin to forecast
     */
    public static CashForecast of(Map<String, SettlementCurve> dueCurves, SettlementCurve fallback,
            List<OpenBalance> open, SettlementCurve newInvoice, double dailySales, int days) {
        double[] openCash = new double[days];
        double[] openCreditMemos = new double[days];
        double[] openWriteOffs = new double[days];
        for (OpenBalance b : open) {
            SettlementCurve curve = dueCurves.getOrDefault(b.segment(), fallback);
            if (b.amount() <= 0 || b.offset() > curve.maxOffset()) {
                continue;
            }
            addScaled(openCash, curve.cashShares(b.offset(), days), b.amount());
            addScaled(openCreditMemos, curve.creditMemoShares(b.offset(), days), b.amount());
            addScaled(openWriteOffs, curve.writeOffShares(b.offset(), days), b.amount());
        }
        double[] cashCurve = newInvoice.cashSharesFromStart(days);
        double[] creditMemoCurve = newInvoice.creditMemoSharesFromStart(days);
        double[] writeOffCurve = newInvoice.writeOffSharesFromStart(days);
        double[] newCash = new double[days];
        double[] newCreditMemos = new double[days];
        double[] newWriteOffs = new double[days];
        double[] sales = new double[days];
        for (int issued = 0; issued < days; issued++) {
            sales[issued] = dailySales;
            for (int t = issued; t < days; t++) {
                newCash[t] += dailySales * cashCurve[t - issued];
                newCreditMemos[t] += dailySales * creditMemoCurve[t - issued];
                newWriteOffs[t] += dailySales * writeOffCurve[t - issued];
            }
        }
        return new CashForecast(openCash, newCash, openCreditMemos, newCreditMemos, openWriteOffs, newWriteOffs,
                sales);
    }

    private static void addScaled(double[] into, double[] shares, double amount) {
        for (int t = 0; t < into.length; t++) {
            into[t] += shares[t] * amount;
        }
    }

    /** Sum of {@code daily} over days {@code from} (1-based, inclusive) to {@code to}. */
    public static double sum(double[] daily, int from, int to) {
        double s = 0;
        for (int d = from; d <= Math.min(to, daily.length); d++) {
            s += daily[d - 1];
        }
        return s;
    }

    /** Expected cash in week {@code week} (1-based: days 7(week-1)+1 to 7 week) from open invoices. */
    public double openCashInWeek(int week) {
        return sum(openCash, 7 * (week - 1) + 1, 7 * week);
    }

    public double newCashInWeek(int week) {
        return sum(newCash, 7 * (week - 1) + 1, 7 * week);
    }
}
