package io.arscope.samples;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

import io.arscope.samples.HistoryWriter.ActivityTruth;
import io.arscope.samples.HistoryWriter.ContactRow;
import io.arscope.samples.HistoryWriter.PlanInstalmentRow;
import io.arscope.samples.HistoryWriter.PromiseRow;

/**
 * The dunning of one overdue invoice by its customer's collector: the contacts along {@link #STEPS}, the promises to
 * pay and payment plans they obtain, and what those change in the invoice's {@link InvoiceFate}. Writes the activity
 * rows and returns what it changed.
 *
 * <p>Guarantees: a contact is dated on a weekday, after the due date, on or before the export date and before the
 * invoice is settled; a promise is kept, partly kept or broken in the payments themselves (counting payments of the
 * invoice from the day it was made to {@link #GRACE_DAYS} after the promised date), and a plan's instalments are met
 * or missed the same way, so statuses derived from the payments are the ones drawn. Every draw comes from its own
 * stream, in a fixed order.
 */
final class CollectionsProcess {

    /** One dunning step: a contact by {@code channel} on a day drawn from {@code fromDay} to {@code toDay} past due. */
    record Step(String channel, int fromDay, int toDay, boolean offersPlan) {
    }

    /** Email early, calls later, letters late; the calls from 45 days past due may agree a payment plan. */
    static final List<Step> STEPS = List.of(
            new Step("email", 3, 7, false),
            new Step("call", 10, 16, false),
            new Step("call", 21, 28, true),
            new Step("letter", 35, 42, false),
            new Step("call", 45, 52, true),
            new Step("call", 65, 75, true),
            new Step("letter", 90, 100, false));

    /** Days after a promised or instalment date that a payment still counts for it (bank and posting lag). */
    static final int GRACE_DAYS = 3;
    /** A promise is to pay this many days after the call at the soonest, {@link #PROMISE_LATEST} at the latest. */
    private static final int PROMISE_SOONEST = 3;
    private static final int PROMISE_LATEST = 10;
    /** Chance that a promise is for the whole amount still owed rather than part of it. */
    private static final double WHOLE_PROMISE = 0.7;
    private static final long PLAN_MINIMUM_CENTS = 500_00;

    private final CollectionsActivity activity;
    private final SplittableRandom random;
    private final LocalDate exportDate;
    private final HistoryWriter out;

    private long contactSeq;
    private long promiseSeq;
    private long planSeq;

    CollectionsProcess(CollectionsActivity activity, SplittableRandom random, LocalDate exportDate, HistoryWriter out) {
        this.activity = activity;
        this.random = random;
        this.exportDate = exportDate;
        this.out = out;
    }

    /** Works {@code fate}'s invoice along the dunning steps, moving its payments; returns what changed. */
    ActivityTruth work(InvoiceFate fate, String collector) throws IOException {
        LocalDate settledWithout = fate.settled();
        int contacts = 0;
        String promiseOutcome = null;
        Integer planMet = null;
        LocalDate quietUntil = null;
        for (Step step : STEPS) {
            LocalDate day = weekday(fate.dueDate.plusDays(step.fromDay() + random.nextInt(step.toDay()
                    - step.fromDay() + 1)));
            boolean carriedOut = random.nextDouble() < activity.contactShare();
            if (day.isAfter(exportDate) || !day.isBefore(fate.settled())) {
                break;
            }
            // While a promise runs, the collector waits for it.
            if (!carriedOut || quietUntil != null && !day.isAfter(quietUntil)) {
                continue;
            }
            contacts++;
            if (contacts == 1 && fate.movable() && random.nextDouble() < activity.upliftChance()) {
                fate.bringForward(day, activity.upliftShare());
            }
            String contactId = HistorySimulation.id("CNT", ++contactSeq, 9);
            Integer met = step.offersPlan() && !fate.disputedOn(day) ? plan(fate, day) : null;
            if (met != null) {
                planMet = met;
                out.write(new ContactRow(contactId, fate.customerId, fate.invoiceId, day, step.channel(), "reached",
                        collector));
                // Under a plan, dunning stops.
                break;
            }
            String outcome;
            if (!step.channel().equals("call")) {
                outcome = writtenOutcome(step.channel());
            } else if (fate.disputedOn(day)) {
                outcome = "disputed";
            } else {
                double u = random.nextDouble();
                if (u < activity.promiseShare()) {
                    LocalDate promisedDate = day.plusDays(PROMISE_SOONEST
                            + random.nextInt(PROMISE_LATEST - PROMISE_SOONEST + 1));
                    // A customer who pays within the promise's window anyway says so: no promise is needed.
                    boolean canPromise = fate.movable() && promiseOutcome == null
                            && fate.noPaymentBetween(day, promisedDate.plusDays(GRACE_DAYS));
                    outcome = canPromise ? "promised" : "reached";
                    if (canPromise) {
                        promiseOutcome = promise(fate, day, promisedDate, collector);
                        quietUntil = promisedDate.plusDays(GRACE_DAYS);
                    }
                } else {
                    outcome = callOutcome((u - activity.promiseShare()) / (1 - activity.promiseShare()));
                }
            }
            out.write(new ContactRow(contactId, fate.customerId, fate.invoiceId, day, step.channel(), outcome,
                    collector));
        }
        return new ActivityTruth(contacts, settledWithout, ChronoUnit.DAYS.between(fate.settled(), settledWithout),
                promiseOutcome, planMet);
    }

    /**
     * A promise made on {@code day} to pay by {@code promisedDate}, on an invoice with nothing to pay until after
     * its window: written, and kept, partly kept or broken in the payments; returns which.
     */
    private String promise(InvoiceFate fate, LocalDate day, LocalDate promisedDate, String collector)
            throws IOException {
        long owed = fate.paidFrom(day);
        long amount = owed;
        if (random.nextDouble() >= WHOLE_PROMISE && owed >= 200) {
            // Part of it, in whole currency units.
            amount = Math.max(100, (long) (owed * (0.4 + 0.5 * random.nextDouble())) / 100 * 100);
        }
        out.write(new PromiseRow(HistorySimulation.id("PRM", ++promiseSeq, 8), fate.customerId, fate.invoiceId, day,
                promisedDate, amount, collector));
        double u = random.nextDouble();
        LocalDate paidOn = promisedDate.minusDays(random.nextInt(3));
        if (u < activity.keptShare()) {
            fate.payEarly(paidOn, amount);
            return "kept";
        }
        if (u < activity.keptShare() + activity.partlyKeptShare()) {
            long part = Math.max(1, Math.min(amount - 1, Math.round(amount * (0.3 + 0.5 * random.nextDouble()))));
            fate.payEarly(paidOn, part);
            return "partly_kept";
        }
        return "broken";
    }

    /**
     * A payment plan agreed on {@code day}, when the invoice qualifies and the draw says so: its instalments written
     * and those met paid; returns how many were met, or null when there is no plan.
     */
    private Integer plan(InvoiceFate fate, LocalDate day) throws IOException {
        int instalments = 2 + random.nextInt(3);
        boolean agreed = random.nextDouble() < activity.planShare();
        // As many of the instalments drawn as end before the customer would have paid anyway.
        while (instalments >= 2 && !fate.noPaymentBetween(day, day.plusMonths(instalments).plusDays(GRACE_DAYS))) {
            instalments--;
        }
        long owed = fate.paidFrom(day);
        if (!agreed || instalments < 2 || !fate.movable() || owed < PLAN_MINIMUM_CENTS) {
            return null;
        }
        String planId = HistorySimulation.id("PLN", ++planSeq, 8);
        long each = owed / instalments;
        int met = random.nextDouble() < activity.planKeptShare() ? instalments : random.nextInt(instalments);
        for (int k = 1; k <= instalments; k++) {
            long amount = k < instalments ? each : owed - each * (instalments - 1);
            LocalDate due = day.plusMonths(k);
            out.write(new PlanInstalmentRow(planId, k, fate.customerId, fate.invoiceId, day, due, amount));
            if (k <= met) {
                fate.payEarly(due.minusDays(random.nextInt(4)), amount);
            }
        }
        return met;
    }

    /** What came back from an email (a reply, a bounce, or nothing) or a letter (returned, or nothing known). */
    private String writtenOutcome(String channel) {
        double u = random.nextDouble();
        if (u < 0.03) {
            return "wrong_contact";
        }
        if (channel.equals("email")) {
            return u < 0.23 ? "reached" : "no_answer";
        }
        return null;
    }

    /** A call's outcome other than a promise, from {@code u} uniform in 0..1. */
    private static String callOutcome(double u) {
        return u < 0.35 ? "reached" : u < 0.65 ? "no_answer" : u < 0.90 ? "left_message" : u < 0.95 ? "refused"
                : "wrong_contact";
    }

    /** {@code day}, or the Monday after when it falls on a weekend. */
    private static LocalDate weekday(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d == DayOfWeek.SATURDAY ? day.plusDays(2) : d == DayOfWeek.SUNDAY ? day.plusDays(1) : day;
    }
}
