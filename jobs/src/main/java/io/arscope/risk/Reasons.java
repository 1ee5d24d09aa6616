package io.arscope.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A model's strongest reasons for a score, in words a collector can say on the phone. A feature becomes a reason
 * only when it pushed the probability up and its value argues for the risk: a history figure worse than the
 * training invoices' average (more days late, fewer earlier invoices, a shorter relationship than most), a count that is not
 * zero, a category the invoice has. Calendar features (weekday and month of issue and due date) and the currency
 * are never reasons: they are true of every invoice of their kind, and nobody can say them to a customer.
 */
public final class Reasons {

    /** The reason of an invoice none of whose features argues for its risk, so that no reason is blank. */
    public static final String NOTHING_STANDS_OUT = "no single factor stands out";
    /**
     * Features about the customer's open and overdue balance on its other invoices: said of the customer as a whole,
     * they are its own open and overdue amounts, not "another invoice".
     */
    public static final Set<String> BALANCE = Set.of("hist_overdue_share", "hist_overdue_balance_log",
            "hist_open_balance_log", "hist_open_invoices", "hist_open_age_days", "hist_open_oldest_days_past_due");
    /** Features about the customer's last payment. */
    public static final Set<String> LAST_PAYMENT = Set.of("days_since_last_payment", "no_payment_yet");
    /** Features about the invoice itself rather than its customer. */
    public static final Set<String> INVOICE = Set.of("log_amount", "amount_vs_usual", "terms_days",
            "billing_channel", "business_unit");
    private static final int MAX = 3;
    /**
     * Features that measure one thing, the customer's days late, in ways a customer hears as the same sentence:
     * only the strongest of a family is said ("pays 8 days late on average" twice, once weighted by amount, said
     * nothing more).
     */
    private static final List<Set<String>> SAME_MEASURE = List.of(
            Set.of("hist_mean_days_late", "hist_amount_weighted_days_late", "hist_settled_vs_due_days"),
            Set.of("hist_recent_days_late", "hist_recent_settled_vs_due_days"),
            // The customer's late share, the same shrunk toward its segment's, and the segment's: one fact about how
            // often it pays late, which said twice took a third of a row's reasons.
            Set.of("hist_late_share", "hist_late_share_shrunk", "segment_late_share"));

    /**
     * One reason.
     *
     * @param feature the model feature's name without its one-hot level ({@code billing_channel}, not
     *                {@code billing_channel=paper})
     * @param words   what a collector reads
     */
    public record Reason(String feature, String words) {
    }

    private Reasons() {
    }

    /**
     * Up to three reasons, strongest first, from each feature's contribution to the log-odds of paying late; the
     * one reason {@link #NOTHING_STANDS_OUT} when no feature argues for the risk.
     *
     * @param names        the model's feature names, by feature id
     * @param contribution by feature id
     * @param f            the invoice's features
     * @param z            the same, standardised on the training invoices
     * @param currency     the currency its amounts are in ({@link InvoiceCurrency#of})
     */
    public static List<Reason> strongest(List<String> names, float[] contribution, Map<String, Double> f,
            Map<String, Double> z, String currency) {
        List<Integer> order = IntStream.range(0, names.size()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> -contribution[j]).thenComparingInt(j -> j)).toList();
        List<Reason> out = new ArrayList<>();
        for (int j : order) {
            if (out.size() == MAX || contribution[j] <= 0) {
                break;
            }
            String feature = names.get(j);
            describe(feature, f, z, currency).map(words -> new Reason(base(feature), words))
                    .filter(r -> out.stream().noneMatch(o -> o.words().equals(r.words())
                            || sameMeasure(o.feature(), r.feature())))
                    .ifPresent(out::add);
        }
        return out.isEmpty() ? List.of(new Reason("", NOTHING_STANDS_OUT)) : out;
    }

    private static boolean sameMeasure(String a, String b) {
        return SAME_MEASURE.stream().anyMatch(family -> family.contains(a) && family.contains(b));
    }

    /**
     * The sentence for a feature of an invoice, or empty when the invoice does not have the feature or its value
     * does not argue for the risk; amounts are said in {@code currency}.
     */
    public static Optional<String> describe(String feature, Map<String, Double> f, Map<String, Double> z,
            String currency) {
        if (!f.containsKey(feature)) {
            return Optional.empty();
        }
        String name = base(feature);
        String level = feature.contains("=") ? feature.substring(feature.indexOf('=') + 1) : null;
        double v = f.get(feature);
        boolean aboveUsual = z.getOrDefault(feature, 0.0) > 0;
        boolean belowUsual = z.getOrDefault(feature, 0.0) < 0;
        String words = switch (name) {
            case "hist_late_share" -> aboveUsual && v > 0 ? percent(v)
                    + " of its earlier invoices were late (paid late, or unpaid past due)"
                    : null;
            case "hist_mean_days_late" -> aboveUsual && whole(v) > 0 ? "pays " + days(whole(v)) + " late on average"
                    : null;
            case "hist_recent_days_late" -> aboveUsual && whole(v) > 0
                    ? "paid its latest invoices " + days(whole(v)) + " late on average" : null;
            case "hist_lateness_trend" -> whole(v) > 0
                    ? "has lately paid " + days(whole(v)) + " later than its own average" : null;
            case "hist_amount_weighted_days_late" -> aboveUsual && whole(v) > 0
                    ? "pays " + days(whole(v)) + " late on average, weighted by amount" : null;
            case "hist_late_share_shrunk" -> aboveUsual && v > 0
                    ? "about " + percent(v) + " of its invoices are paid late (its record, weighed with its segment's)" : null;
            case "segment_late_share" -> aboveUsual && v > 0 ? "in its segment, " + percent(v) + " of invoices are late"
                    : null;
            case "hist_days_late_slope" -> whole(v) > 0
                    ? "has paid each of its latest invoices about " + days(whole(v)) + " later than the one before" : null;
            case "hist_settled_vs_due_days" -> aboveUsual && whole(v) > 0
                    ? "settles " + days(whole(v)) + " after its due dates on average" : null;
            case "hist_recent_settled_vs_due_days" -> aboveUsual && whole(v) > 0
                    ? "settled its latest invoices " + days(whole(v)) + " after their due dates on average" : null;
            case "hist_partial_payment_share" -> aboveUsual && v > 0
                    ? "paid " + percent(v) + " of its invoices in parts" : null;
            case "hist_disputes_credited_share" -> v > 0
                    ? percent(v) + " of its disputes ended in a credit" : null;
            case "hist_dispute_days" -> aboveUsual && whole(v) > 0
                    ? "its disputes took " + days(whole(v)) + " to resolve on average" : null;
            case "hist_open_invoices" -> aboveUsual && whole(v) > 0
                    ? "has " + plural(whole(v), "other invoice") + " open" : null;
            case "hist_open_oldest_days_past_due" -> whole(v) > 0
                    ? "has another invoice " + days(whole(v)) + " past due" : null;
            case "hist_open_age_days" -> aboveUsual && whole(v) > 0
                    ? "its other open invoices are " + days(whole(v)) + " old on average" : null;
            case "hist_overdue_balance_log" -> cents(Math.expm1(v)) > 0
                    ? "has " + money(Math.expm1(v), currency) + " overdue on its other invoices" : null;
            case "hist_overdue_share" -> v > 0 ? percent(v) + " of its balance on other invoices is overdue" : null;
            case "hist_open_balance_log" -> aboveUsual && cents(Math.expm1(v)) > 0
                    ? "has " + money(Math.expm1(v), currency) + " open on its other invoices" : null;
            case RiskFeatures.IN_DISPUTE -> v > 0 ? "invoice is in dispute" : null;
            case "hist_open_disputes" -> whole(v) > 0 ? "has " + plural(whole(v), "open dispute") : null;
            case "hist_past_disputes" -> whole(v) > 0 ? "raised " + plural(whole(v), "dispute") + " before" : null;
            case "hist_on_account_log" -> cents(Math.expm1(v)) > 0
                    ? "holds " + money(Math.expm1(v), currency) + " on account, applied to no invoice" : null;
            case "hist_on_account_cover" -> v > 0
                    ? "its credit on account covers " + percent(v) + " of its other open balance" : null;
            case "hist_invoices" -> belowUsual && whole(v) > 0
                    ? plural(whole(v), "earlier invoice") + " to judge by, fewer than the average customer's" : null;
            case "hist_promises_broken" -> whole(v) > 0 ? "broke " + plural(whole(v), "promise") + " to pay before"
                    : null;
            case "hist_instalments_missed" -> whole(v) > 0
                    ? "missed " + plural(whole(v), "payment-plan instalment") : null;
            case "hist_contacts_90d" -> aboveUsual && whole(v) > 0
                    ? "needed " + plural(whole(v), "collection contact") + " in the last 90 days" : null;
            case "no_history" -> v > 0 ? "new customer: no payment record to judge by yet" : null;
            case "no_payment_yet" -> v > 0 ? "has never paid an invoice" : null;
            case "days_since_last_payment" -> aboveUsual ? "no payment for " + days(whole(v)) : null;
            case "max_days_past_due" -> whole(v) > 0 ? "has an invoice " + days(whole(v)) + " past due" : null;
            case "credit_use" -> aboveUsual && v > 0 ? "uses " + percent(v) + " of its credit limit" : null;
            case "tenure_days" -> belowUsual ? "a customer for " + days(whole(v)) + ", less than the average customer" : null;
            case "amount_vs_usual" -> aboveUsual && Math.round(v * 10) > 10
                    ? "invoice is " + decimal(v) + " times its usual amount" : null;
            case "log_amount" -> aboveUsual ? "a larger invoice than most: " + money(Math.exp(v), currency) : null;
            case "terms_days" -> aboveUsual ? "long payment terms: " + days(whole(v)) : null;
            // A level the data does not hold ("billed on (none)") is nothing a collector can say to a customer.
            case "billing_channel" -> v > 0 && !RiskFeatures.NO_LEVEL.equals(level) ? "billed on " + level : null;
            case "business_unit" -> v > 0 && !RiskFeatures.NO_LEVEL.equals(level)
                    ? "an invoice of business unit " + level : null;
            default -> null;
        };
        return Optional.ofNullable(words);
    }

    /**
     * A reason said of a customer as a whole rather than of one of its invoices: its balance is on its invoices, not
     * on its "other" invoices.
     */
    public static Reason ofCustomer(Reason r) {
        return new Reason(r.feature(), r.words().replace("on its other invoices", "on its invoices")
                .replace("of its balance on other invoices", "of its open balance")
                .replace("of its other open balance", "of its open balance"));
    }

    /** A feature's name without its one-hot level. */
    static String base(String feature) {
        return feature.contains("=") ? feature.substring(0, feature.indexOf('=')) : feature;
    }

    /** 0.3279 as "33%". */
    public static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    /** An amount as "USD 2,387.47". */
    private static String money(double amount, String currency) {
        return InvoiceCurrency.shown(BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP), currency);
    }

    private static long cents(double amount) {
        return Math.round(amount * 100);
    }

    private static long whole(double v) {
        return Math.round(v);
    }

    /** "1 day", "95 days", "1,095 days". */
    public static String days(long n) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "day" : "days");
    }

    private static String plural(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }
}
