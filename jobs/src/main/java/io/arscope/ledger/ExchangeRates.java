package io.arscope.ledger;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.model.CanonicalTable;

/**
 * The canonical exchange rates, by currency and day: the rate that applies on a day is the currency's latest rate
 * on or before it, however old (there is no staleness limit: a rate holds until the currency's next one). Small
 * enough to live on the driver and travel with a task.
 */
public final class ExchangeRates implements Serializable {

    private final Map<String, TreeMap<LocalDate, BigDecimal>> byCurrency;

    private ExchangeRates(Map<String, TreeMap<LocalDate, BigDecimal>> byCurrency) {
        this.byCurrency = byCurrency;
    }

    /** Rates from rows of (rate_date, currency, rate), as the canonical table holds them. */
    public static ExchangeRates of(List<Row> rows) {
        Map<String, TreeMap<LocalDate, BigDecimal>> byCurrency = new TreeMap<>();
        for (Row r : rows) {
            byCurrency.computeIfAbsent(r.getAs("currency"), c -> new TreeMap<>())
                    .put(r.getAs("rate_date"), r.getAs("rate"));
        }
        return new ExchangeRates(byCurrency);
    }

    /** The exchange rates an ingest run wrote under {@code ingestOutput}. */
    public static ExchangeRates ofIngest(SparkSession spark, String ingestOutput) throws java.io.IOException {
        return read(spark, ingestOutput + "/" + ReceivablesLedger.CANONICAL);
    }

    /**
     * The canonical {@code exchange_rates} under {@code canonicalDir}; none when the folder has no such table (an
     * ingest run from before the table existed holds one currency and needs none).
     */
    public static ExchangeRates read(SparkSession spark, String canonicalDir) throws java.io.IOException {
        CanonicalSource source = CanonicalSource.at(spark, canonicalDir);
        if (!source.has(CanonicalTable.EXCHANGE_RATES)) {
            return of(List.of());
        }
        return of(source.read(CanonicalTable.EXCHANGE_RATES).select("rate_date", "currency", "rate").collectAsList());
    }

    /** The rate of {@code currency} that applies on {@code day}: its latest on or before it; empty if none. */
    public Optional<BigDecimal> on(String currency, LocalDate day) {
        TreeMap<LocalDate, BigDecimal> rates = byCurrency.get(currency);
        Map.Entry<LocalDate, BigDecimal> latest = rates == null ? null : rates.floorEntry(day);
        return Optional.ofNullable(latest).map(Map.Entry::getValue);
    }

    /** The day of the currency's first rate; empty when the rates have none of it. */
    public Optional<LocalDate> first(String currency) {
        TreeMap<LocalDate, BigDecimal> rates = byCurrency.get(currency);
        return rates == null ? Optional.empty() : Optional.of(rates.firstKey());
    }

    /** Every rate of {@code currency}, by day. */
    public Map<LocalDate, BigDecimal> of(String currency) {
        return byCurrency.getOrDefault(currency, new TreeMap<>());
    }
}
