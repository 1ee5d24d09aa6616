package io.arscope.samples;

/**
 * How the generator's collectors work overdue invoices and what it changes: the parameters of the simulated
 * contacts, promises to pay and payment plans, and of their effect on when the invoice is paid. The dunning steps
 * themselves (which channel how many days past due) are fixed; notebooks-docs/generator.md lists them.
 *
 * <p>Only an invoice with neither a dispute, nor a credit memo, nor a write-off is moved by activity (a dispute has
 * to be settled first, a write-off was never going to be paid); the others are contacted all the same.
 *
 * @param contactShare    chance that a dunning step is carried out for an invoice still unpaid on its day
 * @param upliftChance    chance that an invoice's first contact brings its payment forward
 * @param upliftShare     by how much it does: every payment still to come on the invoice comes that share of its
 *                        remaining days sooner (0.3: a payment due 20 days after the contact comes 14 days after it)
 * @param promiseShare    share of calls that end in a promise to pay, when the customer was not already about to
 *                        pay (no payment of the invoice from the call to 3 days after the date it would promise) and
 *                        made no promise for it before; a call whose draw falls in this share otherwise reaches the
 *                        customer without a promise
 * @param keptShare       chance that a promise is kept: the promised amount is paid on one of the last three days up
 *                        to the promised date
 * @param partlyKeptShare chance that a promise is partly kept: 30% to 80% of the amount is paid that way, the rest
 *                        when the invoice would have been paid anyway; the remaining chance, a broken promise, pays
 *                        nothing before then
 * @param planShare       share of calls from 21 days past due that agree a payment plan of 2 to 4 monthly
 *                        instalments (as many of those drawn as end before the customer would have paid anyway; no
 *                        plan when fewer than 2 do), when the invoice still owes at least 500.00
 * @param planKeptShare   chance that a plan is met to the end: each monthly instalment paid at most three days before
 *                        it is due; otherwise the customer stops at an instalment drawn uniformly and pays the rest
 *                        when it would have paid it anyway
 */
public record CollectionsActivity(double contactShare, double upliftChance, double upliftShare, double promiseShare,
        double keptShare, double partlyKeptShare, double planShare, double planKeptShare) {

    /** The defaults of {@code arscope generate} and of the bundled sample. */
    public static final CollectionsActivity DEFAULT = new CollectionsActivity(0.8, 0.5, 0.3, 0.35, 0.6, 0.15, 0.5,
            0.7);

    public CollectionsActivity {
        share("contactShare", contactShare);
        share("upliftChance", upliftChance);
        share("upliftShare", upliftShare);
        share("promiseShare", promiseShare);
        share("keptShare", keptShare);
        share("partlyKeptShare", partlyKeptShare);
        share("planShare", planShare);
        share("planKeptShare", planKeptShare);
        if (keptShare + partlyKeptShare > 1) {
            throw new IllegalArgumentException("keptShare + partlyKeptShare must be at most 1, was "
                    + (keptShare + partlyKeptShare));
        }
    }

    /** The same activity, with calls that never end in a promise or a plan: only the first contact's effect. */
    public CollectionsActivity withoutCommitments() {
        return new CollectionsActivity(contactShare, upliftChance, upliftShare, 0, keptShare, partlyKeptShare, 0,
                planKeptShare);
    }

    private static void share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1, was " + value);
        }
    }
}
