package io.arscope.risk;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;

/**
 * The currency an invoice's amounts are in, as the data says: the reporting currency when the ledger was converted
 * into one ({@code io.arscope.ledger.ReportingCurrency}), else the invoice's own, the level of the {@code currency}
 * feature it was scored with (which {@link RiskFeatures} takes from the invoice's {@code currency} field); and an
 * amount as people read it, with that currency. Scores, reasons and worklists take the currency from here and
 * nowhere else.
 */
public final class InvoiceCurrency {

    private static final String FEATURE = "currency=";

    private InvoiceCurrency() {
    }

    /**
     * The currency of the invoice's amounts.
     *
     * @param reportedIn the reporting currency the amounts were converted into, or null for amounts as stored
     */
    public static String of(Map<String, Double> features, String reportedIn) {
        return reportedIn != null ? reportedIn : own(features);
    }

    /** The invoice's own currency, or null for features without one. */
    private static String own(Map<String, Double> features) {
        for (String name : features.keySet()) {
            if (name.startsWith(FEATURE)) {
                return name.substring(FEATURE.length());
            }
        }
        return null;
    }

    /** An amount as people read it: "USD 2,387.47"; "2,387.47" when the currency is not known. */
    public static String shown(BigDecimal amount, String currency) {
        String figure = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
        return currency == null ? figure : currency + " " + figure;
    }
}
