package io.arscope.samples;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What becomes of one invoice, drawn before any of it is booked: its dispute, credit memo, payments and write-off,
 * dated also after the export date. Collections activity moves its payments; the simulation then books what the
 * export can see, in the order a history without activity always booked it (dispute, credit memo, payments,
 * write-off).
 *
 * <p>Payments stay in date order and always add up to what the invoice owes after its credit memo and write-off, so
 * moving one never settles an invoice twice.
 */
final class InvoiceFate {

    /** A dispute, open from {@code opened} until {@code resolved}. */
    record Dispute(LocalDate opened, LocalDate resolved, String reason) {
    }

    /** A credit memo or write-off. */
    record Adjustment(LocalDate date, long cents, String kind, String reason) {
    }

    /**
     * A payment; {@code method} is null until it is drawn, which a payment the export can see from the start has
     * been; {@code committed} when a promise or a plan made it, so it names its invoice and is never on account.
     */
    record Payment(LocalDate date, long cents, String method, boolean committed) {
    }

    final String invoiceId;
    final String customerId;
    final LocalDate dueDate;
    Dispute dispute;
    Adjustment creditMemo;
    Adjustment writeOff;
    final List<Payment> payments = new ArrayList<>();

    InvoiceFate(String invoiceId, String customerId, LocalDate dueDate) {
        this.invoiceId = invoiceId;
        this.customerId = customerId;
        this.dueDate = dueDate;
    }

    /** Whether activity can move its payments: no dispute to settle first, no credit memo, no write-off. */
    boolean movable() {
        return dispute == null && creditMemo == null && writeOff == null;
    }

    /** Whether a dispute is open on {@code day}. */
    boolean disputedOn(LocalDate day) {
        return dispute != null && !day.isBefore(dispute.opened()) && day.isBefore(dispute.resolved());
    }

    /** The day the invoice is settled: its last payment or its write-off. */
    LocalDate settled() {
        LocalDate last = writeOff == null ? null : writeOff.date();
        for (Payment p : payments) {
            if (last == null || p.date().isAfter(last)) {
                last = p.date();
            }
        }
        if (last == null) {
            throw new IllegalStateException(invoiceId + " is neither paid nor written off");
        }
        return last;
    }

    /** What is paid from {@code day} on. */
    long paidFrom(LocalDate day) {
        long sum = 0;
        for (Payment p : payments) {
            if (!p.date().isBefore(day)) {
                sum += p.cents();
            }
        }
        return sum;
    }

    /** Whether no payment falls on the days from {@code from} to {@code to}, both included. */
    boolean noPaymentBetween(LocalDate from, LocalDate to) {
        for (Payment p : payments) {
            if (!p.date().isBefore(from) && !p.date().isAfter(to)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Brings every payment after {@code day} forward by {@code share} of its days from {@code day}, to the nearest
     * day and at least a day after it.
     */
    void bringForward(LocalDate day, double share) {
        for (int i = 0; i < payments.size(); i++) {
            Payment p = payments.get(i);
            long days = ChronoUnit.DAYS.between(day, p.date());
            if (days > 0) {
                long sooner = Math.max(1, Math.round(days * (1 - share)));
                payments.set(i, new Payment(day.plusDays(sooner), p.cents(), p.method(), p.committed()));
            }
        }
    }

    /**
     * Pays {@code cents} on {@code day} that were to be paid after it: taken from the latest payments first, those
     * emptied dropped, as a payment committed by a promise or plan.
     *
     * @throws IllegalStateException when less than {@code cents} is to be paid after {@code day}
     */
    void payEarly(LocalDate day, long cents) {
        long left = cents;
        for (int i = payments.size() - 1; i >= 0 && left > 0; i--) {
            Payment p = payments.get(i);
            if (!p.date().isAfter(day)) {
                break;
            }
            long taken = Math.min(left, p.cents());
            left -= taken;
            if (taken == p.cents()) {
                payments.remove(i);
            } else {
                payments.set(i, new Payment(p.date(), p.cents() - taken, p.method(), p.committed()));
            }
        }
        if (left > 0) {
            throw new IllegalStateException(invoiceId + ": " + cents + " cents cannot be paid early on " + day
                    + ", only " + (cents - left) + " are to be paid after it");
        }
        int at = 0;
        while (at < payments.size() && !payments.get(at).date().isAfter(day)) {
            at++;
        }
        payments.add(at, new Payment(day, cents, null, true));
    }
}
