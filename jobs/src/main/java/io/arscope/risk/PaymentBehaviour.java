package io.arscope.risk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How a customer has been paying, as known on the scoring day t, beside the {@code hist_*} features of
 * {@link RiskFeatures}: from its other invoices issued before t and only what was dated before t. Invoice features
 * only: the customer model keeps its own.
 *
 * <ul>
 * <li>{@code hist_days_late_slope}: the least-squares slope of days late over its last (up to
 * {@value #SLOPE_INVOICES}) invoices settled before t, in settlement order, in days per invoice; at least 3.</li>
 * <li>{@code hist_settled_vs_due_days}, {@code hist_recent_settled_vs_due_days}: the mean of settlement date minus due
 * date, signed (early payments count below 0, where days late stop at 0), over those invoices and over the last
 * {@value #RECENT} of them: how close to its due dates the customer pays.</li>
 * <li>{@code hist_late_share_decayed}: its late share over the outcomes known by t (as {@code hist_late_share} counts
 * them), each weighted by 0.5^(days since it became known / {@value #HALF_LIFE_DAYS}): a customer's habits
 * drift, and its latest outcomes say most about its next.</li>
 * <li>{@code hist_partial_payment_share}: of its invoices with a payment before t, the share paid in parts: a payment
 * before t left part of the invoice open.</li>
 * <li>{@code hist_disputes_credited_share}, {@code hist_dispute_days}: of its disputes resolved before t, the share
 * whose invoice received a credit memo before t (the customer was granted something), and the mean days from
 * opening to resolution.</li>
 * <li>{@code hist_open_invoices}: its other invoices open on t (not settled before t); {@code hist_open_age_days}:
 * their mean days since issue; {@code hist_open_oldest_days_past_due}: the most days past due of those past due on
 * t.</li>
 * <li>{@code due_month_position}: the due date's day in its month, from 0 (the 1st) to 1 (the last day).</li>
 * </ul>
 * Each history feature is absent when there is nothing to compute it from, never 0 in its place.
 */
final class PaymentBehaviour {

    static final int SLOPE_INVOICES = 10;
    static final int RECENT = 5;
    static final double HALF_LIFE_DAYS = 180;

    private PaymentBehaviour() {
    }

    static void add(Map<String, Double> f, RiskFeatures.Invoice target, List<RiskFeatures.Invoice> customerInvoices,
            LocalDate t, int graceDays) {
        int due = target.due().getDayOfMonth();
        f.put("due_month_position", (due - 1.0) / (target.due().lengthOfMonth() - 1));
        List<Settled> settled = new ArrayList<>();
        int paid = 0;
        int paidInParts = 0;
        int resolved = 0;
        int credited = 0;
        long disputeDays = 0;
        int open = 0;
        long openAge = 0;
        long oldestPastDue = 0;
        double weighted = 0;
        double weightedLate = 0;
        for (RiskFeatures.Invoice o : customerInvoices) {
            if (!o.issued().isBefore(t) || o == target) {
                continue;
            }
            SegmentPriors.Outcome outcome = SegmentPriors.outcome(o, graceDays);
            if (!outcome.knownFrom().isAfter(t)) {
                double w = Math.pow(0.5, ChronoUnit.DAYS.between(outcome.knownFrom(), t) / HALF_LIFE_DAYS);
                weighted += w;
                weightedLate += outcome.late() ? w : 0;
            }
            LocalDate settledOn = o.settledBefore(t);
            if (settledOn != null) {
                settled.add(new Settled(o, settledOn));
            } else {
                open++;
                openAge += ChronoUnit.DAYS.between(o.issued(), t);
                oldestPastDue = Math.max(oldestPastDue, ChronoUnit.DAYS.between(o.due(), t));
            }
            int payments = 0;
            boolean inParts = false;
            BigDecimal left = o.amount();
            LocalDate creditMemo = null;
            for (int i = 0; i < o.eventDates().size(); i++) {
                LocalDate d = o.eventDates().get(i);
                if (!d.isBefore(t)) {
                    continue;
                }
                left = left.subtract(o.eventAmounts().get(i));
                if ("payment".equals(o.eventKinds().get(i)) && o.eventAmounts().get(i).signum() > 0) {
                    payments++;
                    inParts |= left.signum() > 0;
                } else if ("credit_memo".equals(o.eventKinds().get(i))) {
                    creditMemo = d;
                }
            }
            if (payments > 0) {
                paid++;
                paidInParts += inParts ? 1 : 0;
            }
            for (LocalDate[] dispute : o.disputes()) {
                if (dispute[1] != null && dispute[1].isBefore(t)) {
                    resolved++;
                    credited += creditMemo != null ? 1 : 0;
                    disputeDays += ChronoUnit.DAYS.between(dispute[0], dispute[1]);
                }
            }
        }
        settled.sort(Comparator.comparing(Settled::on).thenComparing(s -> s.invoice().issued())
                .thenComparing(s -> s.invoice().id()));
        if (!settled.isEmpty()) {
            f.put("hist_settled_vs_due_days", settled.stream().mapToDouble(Settled::vsDue).average().orElseThrow());
            f.put("hist_recent_settled_vs_due_days", settled.subList(Math.max(0, settled.size() - RECENT),
                    settled.size()).stream().mapToDouble(Settled::vsDue).average().orElseThrow());
        }
        if (settled.size() >= 3) {
            List<Settled> last = settled.subList(Math.max(0, settled.size() - SLOPE_INVOICES), settled.size());
            double[] y = last.stream().mapToDouble(s -> s.invoice().daysLate(s.on())).toArray();
            f.put("hist_days_late_slope", slope(y));
        }
        if (weighted > 0) {
            f.put("hist_late_share_decayed", weightedLate / weighted);
        }
        if (paid > 0) {
            f.put("hist_partial_payment_share", (double) paidInParts / paid);
        }
        if (resolved > 0) {
            f.put("hist_disputes_credited_share", (double) credited / resolved);
            f.put("hist_dispute_days", (double) disputeDays / resolved);
        }
        f.put("hist_open_invoices", (double) open);
        if (open > 0) {
            f.put("hist_open_age_days", (double) openAge / open);
            if (oldestPastDue > 0) {
                f.put("hist_open_oldest_days_past_due", (double) oldestPastDue);
            }
        }
    }

    /**
     * An invoice settled before the scoring day, and on which day as then known ({@link
     * RiskFeatures.Invoice#settledBefore}).
     */
    private record Settled(RiskFeatures.Invoice invoice, LocalDate on) {
        double vsDue() {
            return ChronoUnit.DAYS.between(invoice.due(), on);
        }
    }

    /** Least-squares slope of y against 0, 1, ..., n - 1. */
    static double slope(double[] y) {
        int n = y.length;
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double v : y) {
            meanY += v / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - meanX) * (y[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        return sxy / sxx;
    }
}
