package io.arscope.risk;

import java.util.Map;

/**
 * A model's strongest reasons for a score, in words a collector understands. Each reason names the feature
 * that pushed the probability up the most and says what the data shows about it for this invoice.
 */
public final class Reasons {

    private Reasons() {
    }

    /** The sentence for a feature, given the invoice's feature values. */
    public static String describe(String feature, Map<String, Double> f) {
        String name = feature.contains("=") ? feature.substring(0, feature.indexOf('=')) : feature;
        String level = feature.contains("=") ? feature.substring(feature.indexOf('=') + 1) : null;
        double v = f.getOrDefault(feature, 0.0);
        return switch (name) {
            case "hist_late_share" -> String.format("paid %.0f%% of earlier invoices late", 100 * v);
            case "hist_mean_days_late" -> String.format("pays %.0f days late on average", v);
            case "hist_recent_days_late" -> String.format("paid its last invoices %.0f days late on average", v);
            case "hist_lateness_trend" -> String.format("paying %.0f days later recently than usual", v);
            case "hist_amount_weighted_days_late" -> String.format("large invoices paid %.0f days late on average", v);
            case "hist_overdue_balance_log" -> String.format("already has %,.0f overdue", Math.expm1(v));
            case "hist_overdue_share" -> String.format("%.0f%% of its open balance is overdue", 100 * v);
            case "hist_open_balance_log" -> String.format("has %,.0f open on other invoices", Math.expm1(v));
            case "hist_open_disputes" -> String.format("has %.0f open dispute(s)", v);
            case "hist_past_disputes" -> String.format("raised %.0f dispute(s) before", v);
            case "hist_on_account_log" -> String.format("holds %,.0f on account", Math.expm1(v));
            case "hist_on_account_cover" -> String.format("its credit on account covers %.0f%% of its open balance",
                    100 * v);
            case "hist_invoices" -> String.format("only %.0f earlier invoice(s) to judge by", v);
            case "no_history" -> "new customer: no payment history yet";
            case "no_payment_yet" -> "has never paid an invoice yet";
            case "days_since_last_payment" -> String.format("no payment for %.0f days", v);
            case "credit_use" -> String.format("uses %.0f%% of its credit limit", 100 * v);
            case "tenure_days" -> String.format("customer for %.0f days", v);
            case "amount_vs_usual" -> String.format("invoice is %.1f times its usual amount", v);
            case "log_amount" -> String.format("invoice amount %,.0f", Math.exp(v));
            case "terms_days" -> String.format("payment terms of %.0f days", v);
            case "billing_channel" -> "billed on " + level;
            case "business_unit" -> "business unit " + level;
            case "currency" -> "billed in " + level;
            case "invoice_month" -> "invoiced in month " + level;
            case "due_month" -> "falls due in month " + level;
            case "invoice_weekday" -> "invoiced on weekday " + level;
            case "due_weekday" -> "falls due on weekday " + level;
            default -> feature;
        };
    }
}
