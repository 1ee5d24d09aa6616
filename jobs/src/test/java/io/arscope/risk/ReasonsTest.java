package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Which features become reasons and how they read, with the examples of issue 22: "paying -6 days later recently
 * than usual", "raised 0 dispute(s) before", "invoiced on weekday 5", "falls due in month 12", and an invoice with
 * a blank reason (INV00004827).
 */
class ReasonsTest {

    /** The reason for one feature of an invoice billed in USD, its standardised value {@code z}. */
    private static Optional<String> reason(String feature, double value, double z) {
        Map<String, Double> f = new HashMap<>(Map.of("currency=USD", 1.0));
        f.put(feature, value);
        return Reasons.describe(feature, f, Map.of(feature, z), "USD");
    }

    @Test
    void aFeatureWhoseValueDoesNotArgueForTheRiskIsNoReason() {
        assertEquals(Optional.empty(), reason("hist_lateness_trend", -6, -1.2));
        assertEquals(Optional.empty(), reason("hist_lateness_trend", 0.4, 0.1));
        assertEquals(Optional.empty(), reason("hist_past_disputes", 0, -0.5));
        assertEquals(Optional.empty(), reason("hist_open_disputes", 0, -0.3));
        // A history better than the average argues against the risk, whatever the model's weight.
        assertEquals(Optional.empty(), reason("hist_late_share", 0.2, -0.4));
        assertEquals(Optional.empty(), reason("hist_mean_days_late", 0, -0.8));
        // Many earlier invoices, a long relationship: nothing to say against the customer.
        assertEquals(Optional.empty(), reason("hist_invoices", 238, 2.1));
        assertEquals(Optional.empty(), reason("tenure_days", 2741, 1.3));
        assertEquals(Optional.empty(), reason("amount_vs_usual", 0.9, 0.2));
    }

    @Test
    void calendarFeaturesAndTheCurrencyAreNeverReasons() {
        for (String feature : List.of("invoice_weekday=5", "invoice_month=12", "due_weekday=1", "due_month=12",
                "currency=USD")) {
            assertEquals(Optional.empty(), reason(feature, 1, 1), feature);
        }
    }

    @Test
    void aLevelTheDataDoesNotHoldIsNoReason() {
        // An export without billing channels or business units: every invoice's level is "(none)".
        assertEquals(Optional.empty(), reason("billing_channel=(none)", 1, 1));
        assertEquals(Optional.empty(), reason("business_unit=(none)", 1, 1));
        assertEquals(Optional.of("an invoice of business unit Retail"), reason("business_unit=Retail", 1, 1));
    }

    @Test
    void reasonsReadAsSentencesWithFormattedNumbers() {
        assertEquals(Optional.of("has lately paid 6 days later than its own average"),
                reason("hist_lateness_trend", 6.2, 0.9));
        assertEquals(Optional.of("raised 1 dispute before"), reason("hist_past_disputes", 1, 0.7));
        assertEquals(Optional.of("raised 3 disputes before"), reason("hist_past_disputes", 3, 2.0));
        assertEquals(Optional.of("has 1 open dispute"), reason("hist_open_disputes", 1, 1.5));
        assertEquals(Optional.of("invoice is in dispute"), reason(RiskFeatures.IN_DISPUTE, 1, 2.1));
        assertEquals(Optional.of("broke 2 promises to pay before"), reason("hist_promises_broken", 2, 1.4));
        assertEquals(Optional.of("missed 1 payment-plan instalment"), reason("hist_instalments_missed", 1, 0.8));
        assertEquals(Optional.of("needed 4 collection contacts in the last 90 days"),
                reason("hist_contacts_90d", 4, 1.1));
        // Kept promises argue against the risk; a usual number of contacts says nothing.
        assertEquals(Optional.empty(), reason("hist_promises_kept", 3, 0.5));
        assertEquals(Optional.empty(), reason("hist_contacts_90d", 1, -0.2));
        assertEquals(Optional.of("93% of its earlier invoices were late (paid late, or unpaid past due)"), reason("hist_late_share", 0.9312, 1.1));
        assertEquals(Optional.of("pays 46 days late on average"), reason("hist_mean_days_late", 45.6, 2.0));
        assertEquals(Optional.of("has USD 12,400.50 overdue on its other invoices"),
                reason("hist_overdue_balance_log", Math.log1p(12400.50), 1.0));
        assertEquals(Optional.of("a larger invoice than most: USD 17,781.17"),
                reason("log_amount", Math.log(17781.17), 1.4));
        assertEquals(Optional.of("3 earlier invoices to judge by, fewer than the average customer's"),
                reason("hist_invoices", 3, -1.1));
        assertEquals(Optional.of("a customer for 1,095 days, less than the average customer"), reason("tenure_days", 1095, -0.2));
        assertEquals(Optional.of("no payment for 1 day"), reason("days_since_last_payment", 1, 0.1));
        assertEquals(Optional.of("invoice is 4.6 times its usual amount"), reason("amount_vs_usual", 4.61, 3.0));
        assertEquals(Optional.of("uses 38% of its credit limit"), reason("credit_use", 0.3812, 0.4));
        assertEquals(Optional.of("billed on paper"), reason("billing_channel=paper", 1, 1));
        assertEquals(Optional.of("has paid each of its latest invoices about 7 days later than the one before"),
                reason("hist_days_late_slope", 6.9, 1.2));
        assertEquals(Optional.of("settles 9 days after its due dates on average"),
                reason("hist_settled_vs_due_days", 8.5, 0.8));
        assertEquals(Optional.of("paid 40% of its invoices in parts"), reason("hist_partial_payment_share", 0.4, 1.3));
        assertEquals(Optional.of("50% of its disputes ended in a credit"),
                reason("hist_disputes_credited_share", 0.5, 0.2));
        assertEquals(Optional.of("its disputes took 20 days to resolve on average"),
                reason("hist_dispute_days", 20, 0.6));
        assertEquals(Optional.of("has 2 other invoices open"), reason("hist_open_invoices", 2, 0.4));
        assertEquals(Optional.of("about 53% of its invoices are paid late (its record, weighed with its segment's)"),
                reason("hist_late_share_shrunk", 0.525, 1.0));
        assertEquals(Optional.of("in its segment, 30% of invoices are late"), reason("segment_late_share", 0.3, 0.2));
        assertEquals(Optional.of("has another invoice 10 days past due"),
                reason("hist_open_oldest_days_past_due", 10, 0.3));
        assertEquals(Optional.of("its other open invoices are 25 days old on average"),
                reason("hist_open_age_days", 24.5, 0.5));
        // Paying before the due date on average, or as usual, argues for nothing; the due date's place in its month
        // is calendar.
        assertEquals(Optional.empty(), reason("hist_settled_vs_due_days", -3, 0.5));
        assertEquals(Optional.empty(), reason("hist_open_invoices", 2, -0.1));
        assertEquals(Optional.empty(), reason("due_month_position", 1, 2));
    }

    @Test
    void theStrongestArguingFeaturesInOrderAndNeverNone() {
        List<String> names = List.of("hist_lateness_trend", "due_month=12", "hist_late_share", "credit_use",
                "invoice_weekday=5", "business_unit=Services");
        Map<String, Double> f = Map.of("hist_lateness_trend", -6.0, "due_month=12", 1.0, "hist_late_share", 0.5,
                "credit_use", 0.38, "invoice_weekday=5", 1.0, "business_unit=Services", 1.0, "currency=USD", 1.0);
        Map<String, Double> z = Map.of("hist_lateness_trend", -1.0, "hist_late_share", 0.6, "credit_use", 0.2);
        // The trend and the calendar push hardest but argue nothing; the business unit is the fourth that does.
        assertEquals(List.of(new Reasons.Reason("hist_late_share", "50% of its earlier invoices were late (paid late, or unpaid past due)"),
                new Reasons.Reason("credit_use", "uses 38% of its credit limit"),
                new Reasons.Reason("business_unit", "an invoice of business unit Services")),
                Reasons.strongest(names, new float[] {0.9f, 0.8f, 0.5f, 0.3f, 0.2f, 0.1f}, f, z, "USD"));
        // INV00004827 in issue 22 had a blank reason; an invoice nothing argues for says so.
        assertEquals(List.of(new Reasons.Reason("", Reasons.NOTHING_STANDS_OUT)),
                Reasons.strongest(names, new float[] {0.9f, 0.8f, -0.5f, -0.3f, 0.2f, -0.1f}, f, z, "USD"));
    }

    /**
     * IBM's 0688-XNJRO read "settles 14 days after its due dates on average; ... settles 11 days after its due dates
     * on average" (all its invoices, then its last 5), and others "pays 8 days late on average, weighted by amount;
     * pays 8 days late on average": one measure said twice. The strongest of a measure is said; the third reason
     * goes to something else.
     */
    @Test
    void oneMeasureOfDaysLateIsSaidOnce() {
        List<String> names = List.of("hist_amount_weighted_days_late", "hist_mean_days_late",
                "hist_settled_vs_due_days", "hist_recent_settled_vs_due_days", "hist_recent_days_late",
                "hist_past_disputes");
        Map<String, Double> f = Map.of("hist_amount_weighted_days_late", 8.2, "hist_mean_days_late", 7.9,
                "hist_settled_vs_due_days", 14.2, "hist_recent_settled_vs_due_days", 11.2, "hist_recent_days_late",
                11.4, "hist_past_disputes", 2.0);
        Map<String, Double> z = Map.of("hist_amount_weighted_days_late", 0.5, "hist_mean_days_late", 0.5,
                "hist_settled_vs_due_days", 0.7, "hist_recent_settled_vs_due_days", 0.6, "hist_recent_days_late",
                0.6, "hist_past_disputes", 0.9);
        assertEquals(List.of(new Reasons.Reason("hist_amount_weighted_days_late",
                        "pays 8 days late on average, weighted by amount"),
                new Reasons.Reason("hist_recent_settled_vs_due_days",
                        "settled its latest invoices 11 days after their due dates on average"),
                new Reasons.Reason("hist_past_disputes", "raised 2 disputes before")),
                Reasons.strongest(names, new float[] {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.1f}, f, z, "USD"));
    }

    /**
     * The sample's C000283 read "41% of its earlier invoices were late ...; judged with its segment, about 41% of its
     * invoices are late" on 90 of 285 customers: its late share said twice, once shrunk toward its segment's. The
     * customer's late share, the shrunk one and the segment's are one measure; the strongest is said.
     */
    @Test
    void howOftenACustomerPaysLateIsSaidOnce() {
        List<String> names = List.of("hist_late_share_shrunk", "segment_late_share", "hist_late_share",
                "hist_open_invoices");
        Map<String, Double> f = Map.of("hist_late_share_shrunk", 0.41, "segment_late_share", 0.33,
                "hist_late_share", 0.4137, "hist_open_invoices", 3.0);
        Map<String, Double> z = Map.of("hist_late_share_shrunk", 0.8, "segment_late_share", 0.2,
                "hist_late_share", 0.8, "hist_open_invoices", 0.5);
        assertEquals(List.of(new Reasons.Reason("hist_late_share_shrunk",
                        "about 41% of its invoices are paid late (its record, weighed with its segment's)"),
                new Reasons.Reason("hist_open_invoices", "has 3 other invoices open")),
                Reasons.strongest(names, new float[] {0.9f, 0.8f, 0.7f, 0.1f}, f, z, "USD"));
    }

    @Test
    void aProbabilityIsStoredWithFourDecimals() {
        // 0.9394888519032908 was Ironwood Farms' probability in issue 22, printed with 16 decimals.
        assertEquals(0.9395, ScoreTables.probability(0.9394888519032908));
        assertEquals(0.1072, ScoreTables.probability(0.1071797546056585));
        assertEquals(0.0005, ScoreTables.probability(4.62344509E-4));
    }
}
