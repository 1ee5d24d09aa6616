package io.arscope.risk;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.ledger.ReceivablesLedger;

/**
 * The rows of {@link ScoreTables#CUSTOMER_SCORES}: every customer observed on the scoring day
 * ({@link CustomerFeatures}) scored by the customer model, with its reasons and its suggested credit limit
 * ({@link CreditLimitRule}), riskiest exposure first. Scored on the executors a batch at a time, as the invoices
 * are: a portfolio can hold hundreds of thousands of customers.
 */
public final class CustomerScores {

    private CustomerScores() {
    }

    /**
     * @param ledger   the ledger cut at the history's day, amounts in {@code currency}
     * @param history  the ledger's {@link CustomerHistory} at that day
     * @param currency the reporting currency, or null for amounts as stored (one currency)
     */
    public static Dataset<Row> of(SparkSession spark, ReceivablesLedger ledger, CustomerHistory history,
            CustomerRiskModel model, String currency, int graceDays) {
        LocalDate day = history.labelAsOf();
        Dataset<Row> observed = CustomerFeatures.observe(history, List.of(day), graceDays);
        Dataset<Row> customers = ledger.customers().select(col("customer_id").as("c_id"), col("name"),
                col("credit_limit"), col("terms_days"));
        Broadcast<CustomerRiskModel> shared = spark.sparkContext().broadcast(model,
                scala.reflect.ClassTag$.MODULE$.apply(CustomerRiskModel.class));
        return observed.join(customers, col("customer_id").equalTo(col("c_id")), "left")
                .mapPartitions(Batched.of(RiskScoring.BATCH, batch -> scored(shared.value(), batch, day, currency)),
                        Encoders.row(ScoreTables.CUSTOMER_SCORES.schema()))
                // Held before the sort, which reads its input twice (once to sample the ranges).
                .localCheckpoint()
                .orderBy(ScoreTables.EXPOSURE_AT_RISK.col().desc(), ScoreTables.CUSTOMER_ID.col());
    }

    private static List<Row> scored(CustomerRiskModel model, List<Row> batch, LocalDate day, String currency) {
        List<Map<String, Double>> features = batch.stream().map(r -> r.<String, Double>getJavaMap(
                r.fieldIndex("features"))).toList();
        double[] p = model.probabilities(features);
        List<List<Reasons.Reason>> reasons = model.reasons(features, currency);
        List<Row> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Double pastDue = features.get(i).get(MAX_DAYS_PAST_DUE);
            if (pastDue != null && pastDue >= PAST_60_TOMORROW) {
                out.add(row(batch.get(i), 1.0, pastSixty(pastDue.intValue(), reasons.get(i)), day, currency));
            } else {
                out.add(row(batch.get(i), ScoreTables.probability(p[i]), reasons.get(i), day, currency));
            }
        }
        return out;
    }

    private static final String MAX_DAYS_PAST_DUE = "max_days_past_due";
    /**
     * Days past due at the end of the scoring day from which an open invoice is more than 60 days past due the next
     * day: the customer's outcome is then known, not forecast, unless it pays that invoice in full tomorrow.
     */
    static final int PAST_60_TOMORROW = 60;

    /**
     * The reasons of a customer already past 60 days: that fact first, then the model's others. A logistic
     * regression fitted on month-ends of a small ledger scored a customer 97 days past due, whose every earlier
     * invoice was late, at 0.04 (low band, a suggested limit of 38,000): the model weighs features, the label is a
     * fact already met.
     */
    static List<Reasons.Reason> pastSixty(int days, List<Reasons.Reason> model) {
        List<Reasons.Reason> out = new ArrayList<>(List.of(new Reasons.Reason(MAX_DAYS_PAST_DUE, "has an invoice "
                + Reasons.days(days) + " past due already: more than 60 days unless it is paid in full tomorrow")));
        model.stream().filter(r -> !r.feature().equals(MAX_DAYS_PAST_DUE)).limit(2).forEach(out::add);
        return out;
    }

    static Row row(Row r, double probability, List<Reasons.Reason> reasons, LocalDate day, String reportedIn) {
        String currencies = r.getAs("currencies");
        String currency = reportedIn != null ? reportedIn : currencies.isEmpty() ? null : currencies;
        BigDecimal exposure = ((BigDecimal) r.getAs("exposure")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal current = r.getAs("credit_limit");
        Integer terms = r.getAs("terms_days");
        CreditLimitRule.Suggestion s = CreditLimitRule.suggest(r.getAs("sales"), r.<Integer>getAs("sales_days"),
                r.<Integer>getAs("sales_invoices"), terms != null ? terms : r.<Integer>getAs("latest_terms_days"),
                exposure, probability, current, currencies.equals(currency), currency);
        return ScoreTables.CUSTOMER_SCORES.row().set(ScoreTables.CUSTOMER_ID, r.getAs("customer_id"))
                .set(ScoreTables.NAME, r.getAs("name")).set(ScoreTables.AS_OF, day)
                .set(ScoreTables.CURRENCY, currency).set(ScoreTables.EXPOSURE, exposure)
                .set(ScoreTables.MAX_DAYS_PAST_DUE, r.<Integer>getAs("max_days_past_due"))
                .set(ScoreTables.PROBABILITY_60DPD_90D, probability)
                .set(ScoreTables.RISK_BAND, CustomerRiskModel.band(probability))
                .set(ScoreTables.EXPOSURE_AT_RISK, exposure.multiply(BigDecimal.valueOf(probability))
                        .setScale(2, RoundingMode.HALF_UP))
                .set(ScoreTables.REASON_1, reasons.get(0).words())
                .set(ScoreTables.REASON_2, reasons.size() > 1 ? reasons.get(1).words() : null)
                .set(ScoreTables.REASON_3, reasons.size() > 2 ? reasons.get(2).words() : null)
                .set(ScoreTables.CREDIT_LIMIT, current).set(ScoreTables.SUGGESTED_CREDIT_LIMIT, s.suggested())
                .set(ScoreTables.CREDIT_LIMIT_CHANGE, s.change()).set(ScoreTables.CREDIT_LIMIT_BASIS, s.basis())
                .build();
    }
}
