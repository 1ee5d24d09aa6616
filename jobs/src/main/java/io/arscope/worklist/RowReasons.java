package io.arscope.worklist;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.arscope.risk.InvoiceCurrency;
import io.arscope.risk.Reasons;

/**
 * The model's reasons as a worklist row says them: about that row's own invoice or customer, with that row's
 * figures. The score explains an invoice with what was known before the as-of day; a row shows the day's end.
 * So a reason about the customer's last payment is said from the row's last payment date (a customer who paid on
 * the day is not "without payment"); and a customer row, whose reasons are those of its top invoice, says the
 * customer's overdue balance from its own open and overdue amounts, and names the invoice a reason is about.
 */
final class RowReasons implements Serializable {

    private RowReasons() {
    }

    /**
     * The model's reasons for one invoice, from the score.
     *
     * @param words    reason_1..3 of the score, without the empty ones
     * @param features the score's reason_features, split (empty when no feature stands out)
     */
    record Scored(List<String> words, List<String> features) implements Serializable {

        static Scored of(String features, String... words) {
            List<String> said = new ArrayList<>();
            for (String w : words) {
                if (w != null && !w.isBlank()) {
                    said.add(w);
                }
            }
            return new Scored(said, features == null || features.isEmpty() ? List.of() : List.of(features.split(",")));
        }

        /** The feature behind the i-th reason, or "" when none does. */
        String feature(int i) {
            return i < features.size() ? features.get(i) : "";
        }
    }

    /** An invoice row's reasons: its score's, the last payment said from the row. */
    static List<String> ofInvoice(Scored scored, LocalDate lastPayment, LocalDate asOf) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < scored.words().size(); i++) {
            String feature = scored.feature(i);
            add(out, Reasons.LAST_PAYMENT.contains(feature) ? lastPayment(lastPayment, asOf)
                    : scored.words().get(i));
        }
        return orNothing(out);
    }

    /**
     * A customer row's reasons, from its top invoice's score: the overdue balance from the row's amounts, a
     * reason about the invoice itself prefixed with the invoice, the last payment from the row. A customer's
     * dispute-queue row holds its disputed invoices only, and says so: beside its collection row, "of its USD
     * 12,322.37 open" read as a second, smaller figure of all it owes.
     */
    static List<String> ofCustomer(Scored top, String topInvoice, BigDecimal open, BigDecimal overdue, String currency,
            boolean disputed, LocalDate lastPayment, LocalDate asOf) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < top.words().size(); i++) {
            String feature = top.feature(i);
            if (Reasons.BALANCE.contains(feature)) {
                add(out, disputed ? overdueInDispute(open, overdue, currency) : overdue(open, overdue, currency));
            } else if (Reasons.LAST_PAYMENT.contains(feature)) {
                add(out, lastPayment(lastPayment, asOf));
            } else if (Reasons.INVOICE.contains(feature)) {
                add(out, topInvoice + ": " + top.words().get(i));
            } else {
                add(out, top.words().get(i));
            }
        }
        return orNothing(out);
    }

    /** "USD 782.83 of its USD 2,387.47 open is overdue (33%)", or null when nothing is overdue. */
    static String overdue(BigDecimal open, BigDecimal overdue, String currency) {
        return overdue(open, overdue, currency, " of its " + InvoiceCurrency.shown(open, currency) + " open");
    }

    /** "USD 782.83 of the USD 2,387.47 it disputes is overdue (33%)", or null when nothing is overdue. */
    static String overdueInDispute(BigDecimal open, BigDecimal overdue, String currency) {
        return overdue(open, overdue, currency, " of the " + InvoiceCurrency.shown(open, currency) + " it disputes");
    }

    private static String overdue(BigDecimal open, BigDecimal overdue, String currency, String ofWhat) {
        if (overdue.signum() <= 0 || open.signum() <= 0) {
            return null;
        }
        double share = overdue.divide(open, 10, RoundingMode.HALF_UP).doubleValue();
        return InvoiceCurrency.shown(overdue, currency) + ofWhat + " is overdue (" + Reasons.percent(share) + ")";
    }

    /** "has never paid an invoice", "no payment for 95 days", or null when it paid on the as-of day. */
    private static String lastPayment(LocalDate lastPayment, LocalDate asOf) {
        if (lastPayment == null) {
            return "has never paid an invoice";
        }
        long days = ChronoUnit.DAYS.between(lastPayment, asOf);
        return days > 0 ? "no payment for " + Reasons.days(days) : null;
    }

    private static void add(List<String> out, String reason) {
        if (reason != null && !out.contains(reason)) {
            out.add(reason);
        }
    }

    private static List<String> orNothing(List<String> reasons) {
        return reasons.isEmpty() ? List.of(Reasons.NOTHING_STANDS_OUT) : reasons;
    }
}
