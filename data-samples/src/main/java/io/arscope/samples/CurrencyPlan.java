package io.arscope.samples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The currencies a generated history bills in: the first is the reporting currency, and each customer is billed in
 * one of them, chosen from its id (not from the random stream, so that the history is otherwise the same draw for
 * draw). With more than one, {@value #RATES_FILE} gives a rate into the reporting currency for each other currency
 * on the first day of every month, along a smooth deterministic path around a typical level.
 */
public record CurrencyPlan(List<String> currencies) {

    /** The rates file a multi-currency history comes with, in the canonical exchange_rates columns. */
    public static final String RATES_FILE = "exchange_rates.csv";

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    /** The bundled sample's: everything in USD, no rates. */
    public static final CurrencyPlan SINGLE = new CurrencyPlan(List.of("USD"));

    /** Typical value in USD of one unit, for the currencies whose level is known; others start at 1. */
    private static final Map<String, String> USD_LEVEL = Map.of("EUR", "1.08", "GBP", "1.27", "CAD", "0.74",
            "JPY", "0.0067", "CHF", "1.12", "AUD", "0.66");

    public CurrencyPlan {
        currencies = List.copyOf(currencies);
        if (currencies.isEmpty() || currencies.stream().anyMatch(c -> !CODE.matcher(c).matches())
                || currencies.stream().distinct().count() != currencies.size()) {
            throw new IllegalArgumentException("currencies must be distinct three-letter codes in capitals such as "
                    + "USD,EUR,GBP, were " + currencies);
        }
    }

    /** The currency amounts are reported in: the first. */
    public String reporting() {
        return currencies.get(0);
    }

    /** The currency a customer is billed in. */
    public String of(String customerId) {
        return currencies.get(Math.floorMod(customerId.hashCode(), currencies.size()));
    }

    /**
     * Writes {@value #RATES_FILE} into {@code dir} when there is more than one currency: for each month from
     * {@code start} to {@code end}, each other currency's level (relative to USD when the reporting currency is
     * USD, else 1) times 1 + 4% of a yearly wave, to four places.
     */
    void writeRates(Path dir, LocalDate start, LocalDate end) throws IOException {
        if (currencies.size() == 1) {
            return;
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(RATES_FILE), StandardCharsets.UTF_8)) {
            out.write("rate_date,currency,rate\n");
            int month = 0;
            for (LocalDate day = start; !day.isAfter(end); day = day.plusMonths(1), month++) {
                for (int k = 1; k < currencies.size(); k++) {
                    String c = currencies.get(k);
                    BigDecimal level = new BigDecimal(reporting().equals("USD") ? USD_LEVEL.getOrDefault(c, "1")
                            : "1");
                    double wave = 1 + 0.04 * Math.sin(2 * Math.PI * (month + 3 * k) / 12.0);
                    BigDecimal rate = level.multiply(BigDecimal.valueOf(wave));
                    out.write(day + "," + c + "," + rate.round(new java.math.MathContext(6, RoundingMode.HALF_UP))
                            .stripTrailingZeros().toPlainString() + "\n");
                }
            }
        }
    }
}
