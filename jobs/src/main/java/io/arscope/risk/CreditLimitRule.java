package io.arscope.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The suggested credit limit of a customer, by one documented rule (notebooks-docs/risk-model.md): what it needs on
 * credit, scaled down by its probability of going more than 60 days past due. What it needs is the larger of its
 * usual need, what it buys on credit in a month times the months its terms and a {@value #BUFFER_DAYS}-day buffer
 * keep that open, and what it owes now: a customer billed in large, lumpy invoices owes more than a month of average
 * sales. A customer in the low band ({@link CustomerRiskModel#band}) is never suggested less than it owes, since a
 * limit below the balance of a sound customer would only stop its next order; one in the medium or high band may be,
 * and the basis then says to hold new orders until it pays down.
 *
 * <pre>
 * usual     = sales / sales_days × 30 × (terms_days + 15) / 30
 * suggested = max(usual, exposure) × (1 − p)             (at least exposure in the low band)
 * </pre>
 *
 * rounded half up to a step of 1,000 ({@value #SMALL_STEP} below 10,000), or up to the step when the balance is the
 * floor. {@code sales} are the invoices issued in
 * the last 365 days ({@code sales_days}; fewer days for a newer customer). A customer with fewer than
 * {@value #MIN_DAYS} days or {@value #MIN_INVOICES} invoices of history, or whose limit would round to nothing (too
 * small a buyer, or so risky that (1 − p) takes it all), gets no suggestion, with the reason: never a limit of 0.
 */
public final class CreditLimitRule {

    public static final int BUFFER_DAYS = 15;
    public static final int MIN_DAYS = 180;
    public static final int MIN_INVOICES = 3;
    public static final int SMALL_STEP = 100;
    private static final BigDecimal LARGE_STEP = BigDecimal.valueOf(1000);
    private static final BigDecimal LARGE = BigDecimal.valueOf(10000);
    private static final BigDecimal MONTH = BigDecimal.valueOf(30);

    /**
     * A suggestion.
     *
     * @param suggested the suggested limit, or null when the rule gives none
     * @param change    suggested minus the current limit, or null when either is absent or they are in different
     *                  currencies
     * @param basis     how the suggestion was worked out, or why there is none, in words
     */
    public record Suggestion(BigDecimal suggested, BigDecimal change, String basis) {
    }

    private static final String LOW_BAND = "low";

    private CreditLimitRule() {
    }

    /** {@code amount} to a multiple of 1,000, or of {@value #SMALL_STEP} below 10,000. */
    private static BigDecimal rounded(BigDecimal amount, RoundingMode mode) {
        BigDecimal step = amount.compareTo(LARGE) >= 0 ? LARGE_STEP : BigDecimal.valueOf(SMALL_STEP);
        return amount.divide(step, 0, mode).multiply(step).setScale(2);
    }

    /**
     * @param sales         invoices issued in the sales window, in {@code currency}
     * @param salesDays     days of the sales window: 365, or since the first invoice when newer
     * @param invoices      invoices issued in the window
     * @param termsDays     the customer's payment terms
     * @param exposure      what the customer owes now (its open amount), in {@code currency}
     * @param probability   the customer's probability of going more than 60 days past due, as stored
     * @param current       the customer's current limit, or null for none
     * @param sameCurrency  whether the current limit is in {@code currency} (the customer invoices in it)
     * @param currency      the currency of the sales and of the suggestion
     */
    public static Suggestion suggest(BigDecimal sales, int salesDays, int invoices, int termsDays, BigDecimal exposure,
            double probability, BigDecimal current, boolean sameCurrency, String currency) {
        if (salesDays < MIN_DAYS) {
            return new Suggestion(null, null, String.format(Locale.ROOT,
                    "too little history: first invoice %d days ago (the rule needs %d)", salesDays, MIN_DAYS));
        }
        if (invoices < MIN_INVOICES) {
            return new Suggestion(null, null, String.format(Locale.ROOT,
                    "too little history: %d invoices in the last %d days (the rule needs %d)", invoices, salesDays,
                    MIN_INVOICES));
        }
        BigDecimal monthly = sales.multiply(MONTH).divide(BigDecimal.valueOf(salesDays), 2, RoundingMode.HALF_UP);
        BigDecimal p = BigDecimal.valueOf(probability);
        BigDecimal usual = monthly.multiply(BigDecimal.valueOf(termsDays + BUFFER_DAYS)).divide(MONTH, 2,
                RoundingMode.HALF_UP);
        boolean owesMore = exposure.compareTo(usual) > 0;
        BigDecimal raw = (owesMore ? exposure : usual).multiply(BigDecimal.ONE.subtract(p))
                .setScale(2, RoundingMode.HALF_UP);
        boolean floored = LOW_BAND.equals(CustomerRiskModel.band(probability)) && raw.compareTo(exposure) < 0;
        BigDecimal suggested = floored ? rounded(exposure, RoundingMode.CEILING) : rounded(raw, RoundingMode.HALF_UP);
        String basis = String.format(Locale.ROOT, "%s a month (%s over %d days) × (%d + %d) / 30 days = %s%s; "
                + "× (1 − %s)", InvoiceCurrency.shown(monthly, currency), InvoiceCurrency.shown(sales, currency),
                salesDays, termsDays, BUFFER_DAYS, InvoiceCurrency.shown(usual, currency), owesMore
                        ? ", less than the " + InvoiceCurrency.shown(exposure, currency) + " it owes now, which counts"
                        : "", p.toPlainString());
        if (floored) {
            basis += " = " + InvoiceCurrency.shown(raw, currency) + ", raised to what it owes, rounded up: a low-band "
                    + "customer is never cut below its balance";
        } else if (suggested.signum() > 0 && suggested.compareTo(exposure) < 0) {
            basis += "; below the " + InvoiceCurrency.shown(exposure, currency) + " it owes: hold new orders until "
                    + "it pays down";
        }
        if (suggested.signum() == 0) {
            return new Suggestion(null, null, "no limit: " + basis + " rounds to 0; sell on prepayment or review "
                    + "the account");
        }
        String compared = current == null ? "; no current limit"
                : sameCurrency ? "" : "; the current limit is in the customer's own currency, not compared";
        return new Suggestion(suggested, current != null && sameCurrency ? suggested.subtract(current) : null,
                basis + compared);
    }
}
