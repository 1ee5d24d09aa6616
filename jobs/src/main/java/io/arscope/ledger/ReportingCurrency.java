package io.arscope.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

import io.arscope.model.CanonicalTable;
import io.arscope.model.FieldType;

/**
 * The one currency every amount is reported in, and the conversion into it. Each canonical amount (an invoice, a
 * payment, a credit memo, a write-off) is converted on its own: amount times the rate of its currency that applies
 * on the chosen day ({@link ExchangeRates#on}), rounded half up to the cent once, there; sums and balances add
 * converted cents. A flow is converted on its own date ({@link #flows}); a balance on the balance date
 * ({@link #valuedAt}, {@link #balance}). A payment or adjustment is in its own {@code currency}, which ingest fills
 * (its invoice's, or, on account, its customer's), else, in a canonical folder from before that column, in its
 * invoice's. With one currency in the ledger and it reported, nothing is converted and amounts stay exactly as
 * stored.
 */
public final class ReportingCurrency implements Serializable {

    /** The rule code of a row whose currency has no rate for its date (documented with the reject reasons). */
    public static final String MISSING_RATE = "MISSING_RATE";

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    private static final int MONEY_PRECISION = 18;

    private final String code;
    private final ExchangeRates rates;
    /** The ledger's other currencies, converted into {@link #code}; none when nothing is. */
    private final List<String> convertedFrom;

    /** The currency chosen, or why amounts cannot be reported in one: several and none named, or a rate missing. */
    public record Choice(ReportingCurrency currency, String refusal) {
        /** The currency; when refused, the exception {@code refused} makes of the refusal's message. */
        public <E extends Exception> ReportingCurrency orElseThrow(Function<String, E> refused) throws E {
            if (refusal != null) {
                throw refused.apply(refusal);
            }
            return currency;
        }
    }

    private ReportingCurrency(String code, ExchangeRates rates, List<String> convertedFrom) {
        this.code = code;
        this.rates = rates;
        this.convertedFrom = List.copyOf(convertedFrom);
    }

    /** Amounts as stored, converting none: for a ledger known to be in one currency. */
    public static ReportingCurrency asStored() {
        return new ReportingCurrency(null, ExchangeRates.of(List.of()), List.of());
    }

    /** Checks a requested reporting currency: null (none requested) or three upper-case letters. */
    public static void requireCode(String code) {
        if (code != null && !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("the reporting currency must be a three-letter ISO 4217 code in "
                    + "capitals such as USD, was '" + code + "'");
        }
    }

    /**
     * The reporting currency of {@code ledger} (already cut at the as-of date): {@code requested}, else the
     * ledger's one currency. Refused when the ledger holds several and none is named, when the rates give the
     * reporting currency itself a rate other than 1, and when a row of another currency is dated before that
     * currency's first rate: the message names each such currency, the date and the earliest row.
     */
    public static Choice choose(ReceivablesLedger ledger, ExchangeRates rates, String requested) {
        List<String> currencies = currencies(ledger);
        if (requested == null) {
            if (currencies.size() > 1) {
                return refused("the invoices are in " + currencies.size() + " currencies " + currencies
                        + "; name the one to report in with --reporting-currency (config key reporting-currency) "
                        + "and give rates into it in the exchange_rates table");
            }
            return new Choice(new ReportingCurrency(currencies.isEmpty() ? null : currencies.get(0), rates, List.of()),
                    null);
        }
        for (Map.Entry<LocalDate, BigDecimal> own : rates.of(requested).entrySet()) {
            if (own.getValue().compareTo(BigDecimal.ONE) != 0) {
                return refused("the exchange rates give " + requested + " a rate of "
                        + own.getValue().stripTrailingZeros().toPlainString() + " on " + own.getKey() + ", but "
                        + requested + " is the reporting currency: its rate is 1; are the rates into another "
                        + "currency?");
            }
        }
        List<String> others = currencies.stream().filter(c -> !c.equals(requested)).toList();
        Dataset<Row> rows = rowsByDay(ledger);
        if (!others.isEmpty()) {
            List<Row> unknown = rows.filter(col("currency").isNull()).orderBy("day", "kind", "id").limit(1)
                    .collectAsList();
            if (!unknown.isEmpty()) {
                Row first = unknown.get(0);
                return refused(first.getAs("kind") + " " + first.getAs("id") + " of " + first.getAs("day")
                        + " names no currency and no invoice of the ledger gives it one, so it cannot be converted "
                        + "into " + requested + "; ingest the ledger again: ingest gives every payment and adjustment "
                        + "its currency");
            }
        }
        List<String> missing = missingRates(rows, rates, others);
        if (!missing.isEmpty()) {
            return refused(String.join("; ", missing) + " (" + MISSING_RATE + "): amounts are not added "
                    + "unconverted; add the rates into " + requested + " to the exchange_rates table");
        }
        return new Choice(new ReportingCurrency(requested, rates, others), null);
    }

    /**
     * {@code known} (a ledger cut at some day on or after {@code day}) in the currency {@link #choose} gives it,
     * every amount at {@code day}'s rate: how the jobs that look at one day read the ledger (score, train, evaluate,
     * the worklist and each day of its backtest), so that a feature or balance is the same figure wherever it is
     * computed. Refused as {@link #choose} refuses.
     */
    public static <E extends Exception> ReceivablesLedger valuedOn(ReceivablesLedger known, LocalDate day,
            ExchangeRates rates, String requested, Function<String, E> refused) throws E {
        return choose(known, rates, requested).orElseThrow(refused).valuedAt(known, day);
    }

    private static Choice refused(String why) {
        return new Choice(null, why);
    }

    /** One line per currency with a row dated before its first rate, naming the earliest such row. */
    private static List<String> missingRates(Dataset<Row> rows, ExchangeRates rates, List<String> others) {
        if (others.isEmpty()) {
            return List.of();
        }
        Column uncovered = lit(false);
        for (String c : others) {
            Optional<LocalDate> first = rates.first(c);
            uncovered = uncovered.or(col("currency").equalTo(c)
                    .and(first.isEmpty() ? lit(true) : col("day").lt(lit(first.get()))));
        }
        Dataset<Row> items = rows.filter(uncovered);
        List<String> lines = new ArrayList<>();
        for (Row r : items.groupBy("currency").agg(count(lit(1)), min(struct(col("day"), col("kind"), col("id"))))
                .orderBy("currency").collectAsList()) {
            String c = r.getString(0);
            Row earliest = r.getStruct(2);
            LocalDate day = earliest.getAs("day");
            lines.add("no " + c + " exchange rate on or before " + day + ", the date of " + earliest.getAs("kind")
                    + " " + earliest.getAs("id") + " (" + r.getLong(1) + " rows in " + c + " are dated "
                    + rates.first(c).map(f -> "before its first rate, of " + f).orElse("while the rates hold none of "
                    + c) + ")");
        }
        return lines;
    }

    /**
     * The currencies of the ledger's rows, each in its {@link #ownCurrency}, in order. Read from the three tables'
     * own columns without joining a payment or adjustment to its invoice: a row naming no currency takes its
     * invoice's, which the invoices' own column already holds, so the set is the same; the join would shuffle every
     * payment to find nothing new.
     */
    private static List<String> currencies(ReceivablesLedger ledger) {
        return ledger.invoices().select(col("currency"))
                .unionByName(ledger.payments().select(col("currency")))
                .unionByName(ledger.adjustments().select(col("currency")))
                .filter(col("currency").isNotNull()).distinct().orderBy("currency").collectAsList().stream()
                .map(r -> r.getString(0)).toList();
    }

    /**
     * The ids ({@code customer_id}) of the customers whose every invoice, payment and adjustment is in {@code code},
     * each in its {@link #ownCurrency}: their amounts converted into {@code code} are the amounts as billed, so a
     * reminder can state them. A row whose currency is unknown leaves its customer out.
     */
    public static Dataset<Row> customersBilledOnlyIn(ReceivablesLedger ledger, String code) {
        Dataset<Row> owners = owners(ledger);
        Dataset<Row> rows = ledger.invoices().select(col("customer_id"), col("currency"))
                .unionByName(withOwner(ledger.payments(), owners).select(col("customer_id"),
                        ownCurrency().as("currency")))
                .unionByName(withOwner(ledger.adjustments(), owners).select(col("customer_id"),
                        ownCurrency().as("currency")));
        return rows.filter(col("customer_id").isNotNull()).groupBy("customer_id")
                .agg(functions.min(functions.coalesce(col("currency").equalTo(lit(code)), lit(false))).as("only"))
                .filter(col("only")).select("customer_id");
    }

    /** Every invoice, payment and adjustment as (currency, day, kind, id), each in its {@link #ownCurrency}. */
    private static Dataset<Row> rowsByDay(ReceivablesLedger ledger) {
        Dataset<Row> owners = owners(ledger);
        return ledger.invoices().select(col("currency"), col("invoice_date").as("day"), lit("invoice").as("kind"),
                        col("invoice_id").as("id"))
                .unionByName(withOwner(ledger.payments(), owners).select(ownCurrency().as("currency"),
                        col("payment_date").as("day"), lit("payment").as("kind"), col("payment_id").as("id")))
                .unionByName(withOwner(ledger.adjustments(), owners).select(ownCurrency().as("currency"),
                        col("adjustment_date").as("day"), col("kind"), col("adjustment_id").as("id")));
    }

    private static Dataset<Row> owners(ReceivablesLedger ledger) {
        return ledger.invoices().select(col("invoice_id").as("owner_id"), col("currency").as("owner_currency"));
    }

    private static Dataset<Row> withOwner(Dataset<Row> rows, Dataset<Row> owners) {
        return rows.join(owners, rows.col("invoice_id").equalTo(owners.col("owner_id")), "left_outer");
    }

    /** A payment's or adjustment's currency, joined {@link #withOwner}: its own, else its invoice's. */
    private static Column ownCurrency() {
        return functions.coalesce(col("currency"), col("owner_currency"));
    }

    /** The ISO code amounts are reported in; null only for a ledger with no invoice and none requested. */
    public String code() {
        return code;
    }

    /** The ledger's currencies converted into the reporting one, in order; none when nothing is converted. */
    public List<String> convertedFrom() {
        return convertedFrom;
    }

    /** Whether any amount is converted: false when the ledger is all in the reporting currency. */
    public boolean converts() {
        return !convertedFrom.isEmpty();
    }

    /**
     * {@code amount} of {@code currency} in the reporting currency at {@code day}'s rate, rounded half up to the
     * cent: the one place an amount is converted and rounded.
     */
    public BigDecimal convert(BigDecimal amount, String currency, LocalDate day) {
        if (amount == null || !converts() || currency.equals(code)) {
            return amount;
        }
        BigDecimal rate = rates.on(currency, day).orElseThrow(() -> new IllegalStateException("no " + currency
                + " rate on or before " + day + ", which choose() found"));
        BigDecimal converted = amount.multiply(rate).setScale(FieldType.MONEY_SCALE, RoundingMode.HALF_UP);
        if (converted.precision() > MONEY_PRECISION) {
            throw new ArithmeticException(amount.toPlainString() + " " + currency + " at " + rate.toPlainString()
                    + " is " + converted.toPlainString() + " " + code + ", beyond DECIMAL(18,2)");
        }
        return converted;
    }

    /**
     * A balance at {@code day}: {@code amount} converted, less the sum of {@code reductions} converted, each sum
     * rounded once. An invoice settled in its own currency is then settled in the reporting currency to the cent:
     * converted one by one, a USD invoice and the payments that settle it left a cent open or overpaid.
     * {@link #valuedAt} converts an invoice's reductions so that they add up to the same.
     */
    public BigDecimal balance(BigDecimal amount, List<BigDecimal> reductions, String currency, LocalDate day) {
        BigDecimal reduced = reductions.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return convert(amount, currency, day).subtract(convert(reduced, currency, day));
    }

    /** {@link #convert(BigDecimal, String, LocalDate)} as a Spark expression. */
    public Column convert(Column amount, Column currency, Column day) {
        if (!converts()) {
            return amount;
        }
        UDF3<BigDecimal, String, Object, BigDecimal> f = (a, c, d) -> convert(a, c,
                d instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) d);
        UserDefinedFunction udf = functions.udf(f, FieldType.MONEY.sparkType());
        return udf.apply(amount, currency, day);
    }

    /** The ledger with every amount converted at the rate of its own date: the flows (sales, cash, credits). */
    public ReceivablesLedger flows(ReceivablesLedger ledger) {
        if (!converts()) {
            return ledger;
        }
        Dataset<Row> invoices = ledger.invoices().withColumn("amount",
                convert(col("amount"), col("currency"), col("invoice_date")));
        Dataset<Row> owners = owners(ledger);
        return new ReceivablesLedger(ledger.customers(), invoices,
                inOwnCurrency(ledger.payments(), owners, CanonicalTable.PAYMENTS),
                inOwnCurrency(ledger.adjustments(), owners, CanonicalTable.ADJUSTMENTS),
                ledger.disputes(), ledger.ingestAsOf());
    }

    /**
     * The ledger with every amount converted at {@code day}'s rate: the open items and balances of that day. An
     * invoice's payments and adjustments are converted as steps of their running total in date order: the total
     * through each, converted, less the total before it, converted. What an invoice has been paid by any date then
     * adds up to its total converted once, so that its open amount is the {@link #balance} of that date.
     */
    public ReceivablesLedger valuedAt(ReceivablesLedger ledger, LocalDate day) {
        if (!converts()) {
            return ledger;
        }
        Column rateDay = lit(day);
        Dataset<Row> invoices = ledger.invoices().withColumn("amount",
                convert(col("amount"), col("currency"), rateDay));
        Dataset<Row> owners = owners(ledger);
        Dataset<Row> payments = withOwner(ledger.payments(), owners).withColumn("currency", ownCurrency());
        Dataset<Row> adjustments = withOwner(ledger.adjustments(), owners).withColumn("currency", ownCurrency());
        Dataset<Row> steps = steps(payments, CanonicalTable.PAYMENTS, "payment")
                .unionByName(steps(adjustments, CanonicalTable.ADJUSTMENTS, "adjustment"));
        WindowSpec runningTotal = Window.partitionBy("invoice_id", "currency").orderBy("date", "source", "id")
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        steps = steps.withColumn("through", functions.sum("amount").over(runningTotal))
                .withColumn("step", convert(col("through"), col("currency"), rateDay)
                        .minus(convert(col("through").minus(col("amount")), col("currency"), rateDay))
                        .cast(FieldType.MONEY.sparkType()));
        return new ReceivablesLedger(ledger.customers(), invoices,
                stepped(payments, steps, CanonicalTable.PAYMENTS, "payment", rateDay),
                stepped(adjustments, steps, CanonicalTable.ADJUSTMENTS, "adjustment", rateDay),
                ledger.disputes(), ledger.ingestAsOf());
    }

    /** A table's rows applied to an invoice as (source, id, invoice_id, currency, date, amount). */
    private static Dataset<Row> steps(Dataset<Row> rows, CanonicalTable table, String source) {
        return rows.filter(col("invoice_id").isNotNull()).select(lit(source).as("source"),
                col(table.keyField()).as("id"), col("invoice_id"), col("currency"),
                col(table.dateField().orElseThrow()).as("date"), col("amount"));
    }

    /** A table's rows with their converted steps; an item on account is converted on its own. */
    private Dataset<Row> stepped(Dataset<Row> rows, Dataset<Row> steps, CanonicalTable table, String source,
            Column rateDay) {
        Dataset<Row> own = steps.filter(col("source").equalTo(source)).select(col("id").as("stepped_id"),
                col("step"));
        return rows.join(own, rows.col(table.keyField()).equalTo(own.col("stepped_id")), "left_outer")
                .withColumn("amount", functions.when(col("invoice_id").isNotNull(), col("step"))
                        .otherwise(convert(col("amount"), col("currency"), rateDay)))
                .select(table.fields().stream().map(f -> col(f.name())).toArray(Column[]::new));
    }

    private Dataset<Row> inOwnCurrency(Dataset<Row> rows, Dataset<Row> owners, CanonicalTable table) {
        Column day = col(table.dateField().orElseThrow());
        return withOwner(rows, owners)
                .withColumn("currency", ownCurrency())
                .withColumn("amount", convert(col("amount"), col("currency"), day))
                .select(table.fields().stream().map(f -> col(f.name())).toArray(Column[]::new));
    }
}
