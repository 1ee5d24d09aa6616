package io.arscope.worklist;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.arscope.activity.PlanStatus;
import io.arscope.activity.PromiseStatus;

/**
 * The languages reminder drafts are written in, and what a draft says in each beyond its template: amounts, dates,
 * the invoice table's headings and states, and the sentences of a promise to pay and a plan instalment.
 */
public enum DraftLanguage {
    EN("en", ",", ".", true, DateTimeFormatter.ofPattern("uuuu-MM-dd"),
            List.of("Invoice", "Due date", "Amount due", "Status"),
            "%d day overdue", "%d days overdue", "due today", "due in %d day", "due in %d days",
            "You promised to pay %s by %s.",
            "You promised to pay %s by %s; we have received only part of it.",
            "You promised to pay %s by %s; we have not received this payment.",
            "The instalment of %s under your payment plan is due on %s.",
            "The instalment of %s under your payment plan, due on %s, has not been received.",
            "Invoice %s is left out of this reminder, as you have promised payment on it by %s.",
            "Invoices %s are left out of this reminder, as you have promised payment on them by %s.", "and",
            "Invoice %s (%s, due on %s) is not yet due, so it is not part of this reminder.",
            "%d further invoices (%s in total, the first due on %s) are not yet due, so they are not part of this "
                    + "reminder.",
            "Accounts Receivable"),
    FR("fr", "\u00a0", ",", false, DateTimeFormatter.ofPattern("dd/MM/uuuu"),
            List.of("Facture", "Échéance", "Montant dû", "Situation"),
            "en retard de %d jour", "en retard de %d jours", "échue aujourd'hui", "échue dans %d jour",
            "échue dans %d jours",
            "Vous vous êtes engagé à régler %s au plus tard le %s.",
            "Vous vous étiez engagé à régler %s au plus tard le %s ; nous n'en avons reçu qu'une partie.",
            "Vous vous étiez engagé à régler %s au plus tard le %s ; nous n'avons pas reçu ce paiement.",
            "L'échéance de %s de votre plan de paiement est due le %s.",
            "L'échéance de %s de votre plan de paiement, due le %s, n'a pas été reçue.",
            "La facture %s ne figure pas dans ce rappel, puisque vous vous êtes engagé à un règlement au plus tard "
                    + "le %s.",
            "Les factures %s ne figurent pas dans ce rappel, puisque vous vous êtes engagé à un règlement au plus "
                    + "tard le %s.", "et",
            "La facture %s (%s, échéance le %s) n'est pas encore échue et ne fait pas partie de ce rappel.",
            "%d autres factures (%s au total, première échéance le %s) ne sont pas encore échues et ne font pas "
                    + "partie de ce rappel.",
            "Service comptabilité clients");

    private final String code;
    private final String grouping;
    private final String decimalMark;
    private final boolean currencyFirst;
    private final DateTimeFormatter dates;
    private final List<String> headings;
    private final String overdueOne;
    private final String overdueMany;
    private final String dueToday;
    private final String dueInOne;
    private final String dueInMany;
    private final String promisePending;
    private final String promisePartlyKept;
    private final String promiseBroken;
    private final String instalmentDue;
    private final String instalmentMissed;
    private final String promisedOne;
    private final String promisedMany;
    private final String and;
    private final String notYetDueOne;
    private final String notYetDueMany;
    private final String team;

    DraftLanguage(String code, String grouping, String decimalMark, boolean currencyFirst, DateTimeFormatter dates,
            List<String> headings, String overdueOne, String overdueMany, String dueToday, String dueInOne,
            String dueInMany, String promisePending, String promisePartlyKept, String promiseBroken,
            String instalmentDue, String instalmentMissed, String promisedOne, String promisedMany, String and,
            String notYetDueOne, String notYetDueMany, String team) {
        this.code = code;
        this.grouping = grouping;
        this.decimalMark = decimalMark;
        this.currencyFirst = currencyFirst;
        this.dates = dates;
        this.headings = headings;
        this.overdueOne = overdueOne;
        this.overdueMany = overdueMany;
        this.dueToday = dueToday;
        this.dueInOne = dueInOne;
        this.dueInMany = dueInMany;
        this.promisePending = promisePending;
        this.promisePartlyKept = promisePartlyKept;
        this.promiseBroken = promiseBroken;
        this.instalmentDue = instalmentDue;
        this.instalmentMissed = instalmentMissed;
        this.promisedOne = promisedOne;
        this.promisedMany = promisedMany;
        this.and = and;
        this.notYetDueOne = notYetDueOne;
        this.notYetDueMany = notYetDueMany;
        this.team = team;
    }

    /** Who signs a reminder of a customer no collector is assigned to: the receivables team, not "unassigned". */
    String team() {
        return team;
    }

    /** The language's code, as {@code --draft-language} takes it and its templates' folder is named. */
    public String code() {
        return code;
    }

    /** The language of a code; refused with the codes there are. */
    public static DraftLanguage of(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("draft language '" + code + "' is not one of "
                        + Arrays.stream(values()).map(DraftLanguage::code).toList()));
    }

    /** {@code USD 1,234.50} in English, {@code 1 234,50 USD} (no-break spaces) in French. */
    public String money(BigDecimal amount, String currency) {
        BigDecimal cents = amount.setScale(2, RoundingMode.UNNECESSARY);
        String digits = cents.abs().toPlainString();
        String whole = digits.substring(0, digits.length() - 3);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append(grouping);
            }
            grouped.append(whole.charAt(i));
        }
        String number = (cents.signum() < 0 ? "-" : "") + grouped + decimalMark + digits.substring(digits.length() - 2);
        return currencyFirst ? currency + " " + number : number + "\u00a0" + currency;
    }

    public String date(LocalDate day) {
        return dates.format(day);
    }

    /** The invoice table's column headings: invoice, due date, amount due, status. */
    List<String> headings() {
        return headings;
    }

    /** Where an invoice stands on the as-of day: so many days overdue, due today, or due in so many days. */
    String status(int daysPastDue) {
        if (daysPastDue == 0) {
            return dueToday;
        }
        int days = Math.abs(daysPastDue);
        String pattern = daysPastDue > 0 ? (days == 1 ? overdueOne : overdueMany) : (days == 1 ? dueInOne : dueInMany);
        return String.format(Locale.ROOT, pattern, days);
    }

    /** The sentence of a promise to pay; empty for a kept promise, which there is nothing to remind of. */
    String promise(ReminderDraft.Promise p) {
        String pattern = switch (p.status()) {
            case PromiseStatus.PENDING -> promisePending;
            case PromiseStatus.PARTLY_KEPT -> promisePartlyKept;
            case PromiseStatus.BROKEN -> promiseBroken;
            case PromiseStatus.KEPT -> null;
            default -> throw new IllegalArgumentException("promise status '" + p.status() + "' is not one of "
                    + PromiseStatus.STATUSES);
        };
        return pattern == null ? "" : String.format(Locale.ROOT, pattern, money(p.amount(), p.currency()),
                date(p.date()));
    }

    /**
     * The sentence on invoices a reminder leaves out because a pending promise covers them until {@code by}:
     * "Invoices I12 (USD 400.00) and I14 (USD 10.00) are left out of this reminder, as you have promised payment on
     * them by 2025-04-04."
     *
     * @param invoices each an invoice id with its amount due, as plain text
     */
    String promised(List<String> invoices, LocalDate by) {
        String listed = invoices.size() == 1 ? invoices.get(0)
                : String.join(", ", invoices.subList(0, invoices.size() - 1)) + " " + and + " "
                        + invoices.get(invoices.size() - 1);
        return String.format(Locale.ROOT, invoices.size() == 1 ? promisedOne : promisedMany, listed, date(by));
    }

    /**
     * The sentence on open invoices a reminder does not ask for because they are not due yet and no written step
     * has reached them: "Invoice I9 (USD 20.00, due on 2025-05-01) is not yet due, so it is not part of this
     * reminder."; with several, their count, total and first due date.
     *
     * @param invoices the invoices, by due date
     * @param total    their total, with the currency (several separated by commas)
     */
    String notYetDue(List<ReminderDraft.Invoice> invoices, String total, String firstId) {
        return invoices.size() == 1
                ? String.format(Locale.ROOT, notYetDueOne, firstId, total, date(invoices.get(0).dueDate()))
                : String.format(Locale.ROOT, notYetDueMany, invoices.size(), total, date(invoices.get(0).dueDate()));
    }

    /** The sentence of a plan instalment that is due or missed. */
    String instalment(ReminderDraft.Instalment i) {
        String pattern = switch (i.status()) {
            case PlanStatus.DUE -> instalmentDue;
            case PlanStatus.MISSED -> instalmentMissed;
            default -> throw new IllegalArgumentException("plan instalment status '" + i.status() + "' is not one of "
                    + List.of(PlanStatus.DUE, PlanStatus.MISSED));
        };
        return String.format(Locale.ROOT, pattern, money(i.amount(), i.currency()), date(i.due()));
    }
}
