package io.arscope.risk;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;

/**
 * The currency an invoice's amounts are in, as its data says: the level of the {@code currency} feature the
 * invoice was scored with, which {@link RiskFeatures} takes from the invoice's {@code currency} field; and an amount
 * as people read it, with that currency. Scores, reasons and worklists take the currency from here and nowhere
 * else.
 */
public final class InvoiceCurrency {

    private static final String FEATURE = "currency=";

    private InvoiceCurrency() {
    }

    /** The invoice's currency, or null for features without one. */
    public static String of(Map<String, Double> features) {
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
