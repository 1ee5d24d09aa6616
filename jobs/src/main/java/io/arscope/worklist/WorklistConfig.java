package io.arscope.worklist;

import java.io.Serializable;

import io.arscope.ledger.AgingBuckets;

/**
 * How worklists are built: the daily capacity of a collector, the urgency curve that turns days past due into a
 * weight, the aging buckets shown, and the dunning strategy.
 *
 * <p>Priority is the expected value of acting today: open amount x the chance it is overdue and unpaid at the end
 * of the planning horizon ({@link UnpaidAtHorizon}) x urgency. Urgency is {@code notDueUrgency} before the due
 * date and {@code 1 + daysPastDue / urgencyDays}, capped at {@code maxUrgency}, after it: an overdue amount grows
 * harder to collect the longer it waits.
 *
 * @param capacity        customers a collector can work in a day (collection queue)
 * @param disputeCapacity disputes a collector can work in a day (dispute queue)
 * @param notDueUrgency   urgency of an invoice not yet due
 * @param urgencyDays     days past due that add one to the urgency
 * @param maxUrgency      the cap on urgency
 * @param buckets         aging buckets shown beside each invoice
 * @param strategy        the dunning strategy that names the next action
 * @param coolOffDays     days after a contact before the customer is put on today's list again (0: no cool-off);
 *                        see {@link Worklist} for the exception
 * @param horizonDays     the planning horizon of the priority, in days; {@link UnpaidAtHorizon#NONE} ranks by the
 *                        probability of paying late alone
 */
public record WorklistConfig(int capacity, int disputeCapacity, double notDueUrgency, int urgencyDays,
        double maxUrgency, AgingBuckets buckets, DunningStrategy strategy, int coolOffDays, int horizonDays)
        implements Serializable {

    /** Three days: a customer contacted on Monday is not on the list again before Thursday. */
    public static final int DEFAULT_COOL_OFF_DAYS = 3;

    /**
     * Urgency is off by default (priority = open amount x chance of being unpaid at the horizon): in the backtests on
     * generated and IBM data, run when the priority was open amount x probability late, an urgency curve favouring
     * older debt (0.5 before due, +1 per 30 days, cap 4) reached less of the money overdue 30 days later.
     */
    public static final WorklistConfig DEFAULT = new WorklistConfig(25, 10, 1.0, 30, 1.0, AgingBuckets.DEFAULT,
            DunningStrategy.DEFAULT, DEFAULT_COOL_OFF_DAYS);

    /**
     * Thirty days: a month's calls. In the worklist backtests (notebooks-docs/worklists.md) ranking by the money
     * overdue and unpaid at its end reached more of the money overdue 30 days later than ranking by the probability
     * of paying late, on generated and on IBM data.
     */
    public static final int DEFAULT_HORIZON_DAYS = 30;

    /**
     * Who is cooling off, in words: a customer contacted 3 days ago is back on the list with the default, so "in the
     * last 3 days" would say it was held back.
     */
    public String coolingOffWords() {
        return coolOffDays == 1 ? "contacted today" : "contacted fewer than " + coolOffDays + " days ago";
    }

    /** A configuration with the default horizon. */
    public WorklistConfig(int capacity, int disputeCapacity, double notDueUrgency, int urgencyDays,
            double maxUrgency, AgingBuckets buckets, DunningStrategy strategy, int coolOffDays) {
        this(capacity, disputeCapacity, notDueUrgency, urgencyDays, maxUrgency, buckets, strategy, coolOffDays,
                DEFAULT_HORIZON_DAYS);
    }

    /** A configuration with the default cool-off. */
    public WorklistConfig(int capacity, int disputeCapacity, double notDueUrgency, int urgencyDays,
            double maxUrgency, AgingBuckets buckets, DunningStrategy strategy) {
        this(capacity, disputeCapacity, notDueUrgency, urgencyDays, maxUrgency, buckets, strategy,
                DEFAULT_COOL_OFF_DAYS);
    }

    public WorklistConfig {
        if (capacity < 1 || disputeCapacity < 1) {
            throw new IllegalArgumentException("capacities must be at least 1, were " + capacity + " and "
                    + disputeCapacity);
        }
        if (!(notDueUrgency >= 0) || urgencyDays < 1 || !(maxUrgency >= 1)) {
            throw new IllegalArgumentException("urgency needs not-due urgency >= 0, urgency days >= 1 and a cap >= 1");
        }
        if (coolOffDays < 0) {
            throw new IllegalArgumentException("cool-off days must be 0 or more, not " + coolOffDays);
        }
        if (horizonDays < 0) {
            throw new IllegalArgumentException("the priority horizon must be 0 days (none) or more, not "
                    + horizonDays);
        }
    }

    /** Urgency of an invoice this many days past due (negative: days before its due date). */
    public double urgency(int daysPastDue) {
        if (daysPastDue <= 0) {
            return notDueUrgency;
        }
        return Math.min(maxUrgency, 1.0 + (double) daysPastDue / urgencyDays);
    }

    public WorklistConfig withCapacity(int newCapacity, int newDisputeCapacity) {
        return new WorklistConfig(newCapacity, newDisputeCapacity, notDueUrgency, urgencyDays, maxUrgency, buckets,
                strategy, coolOffDays, horizonDays);
    }

    public WorklistConfig withStrategy(DunningStrategy newStrategy) {
        return new WorklistConfig(capacity, disputeCapacity, notDueUrgency, urgencyDays, maxUrgency, buckets,
                newStrategy, coolOffDays, horizonDays);
    }

    public WorklistConfig withBuckets(AgingBuckets newBuckets) {
        return new WorklistConfig(capacity, disputeCapacity, notDueUrgency, urgencyDays, maxUrgency, newBuckets,
                strategy, coolOffDays, horizonDays);
    }

    public WorklistConfig withCoolOffDays(int days) {
        return new WorklistConfig(capacity, disputeCapacity, notDueUrgency, urgencyDays, maxUrgency, buckets,
                strategy, days, horizonDays);
    }

    public WorklistConfig withHorizonDays(int days) {
        return new WorklistConfig(capacity, disputeCapacity, notDueUrgency, urgencyDays, maxUrgency, buckets,
                strategy, coolOffDays, days);
    }
}
