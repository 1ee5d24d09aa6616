package io.arscope.samples;

import java.time.LocalDate;

/**
 * What the synthetic history generator makes: how many invoices (approximately), over which months, for
 * how many customers, from which seed. The same configuration always gives byte-identical files.
 *
 * @param seed      seed of the single random stream every draw comes from
 * @param invoices  expected number of invoices; the realised count varies by a fraction of a percent
 * @param customers customers over the whole history, those present at the start and those arriving later
 * @param start     first day of the history (invoices are issued from this month on)
 * @param months    length of the history in months; the export is taken on the last day of the last month
 * @param onAccountShare share of payments booked on account (naming no invoice) and, separately, of credit memos
 *                  left unallocated, 0 to 1; 0 (the default, and the bundled sample's) makes none
 * @param activity  the collections activity simulated, or null for none (the default of this class; {@code arscope
 *                  generate} simulates {@link CollectionsActivity#DEFAULT} unless told {@code --no-activity}). Overdue
 *                  invoices are contacted by their customer's collector along fixed dunning steps (an email from 3
 *                  days past due, calls from 10, letters from 35), each carried out with chance {@code contactShare}
 *                  (default 0.8); an invoice's first contact brings its remaining payments forward by
 *                  {@code upliftShare} (0.3) of their remaining days with chance {@code upliftChance} (0.5); a share
 *                  {@code promiseShare} (0.35) of calls ends in a promise to pay 3 to 10 days later, kept with chance
 *                  {@code keptShare} (0.6), partly kept with {@code partlyKeptShare} (0.15), broken otherwise; a call
 *                  from 21 days past due agrees a plan of 2 to 4 monthly instalments with chance {@code planShare}
 *                  (0.5) when the customer was not going to pay sooner, met to the end with chance
 *                  {@code planKeptShare} (0.7). Nothing is contacted after the export date or once the invoice is
 *                  settled. The activity draws come from a stream of their own, so customers, invoices, disputes and
 *                  (with nothing on account) adjustments are those of the same configuration without activity; with
 *                  none, the files are byte-identical to those made before activity existed, and there are no
 *                  activity files
 */
public record GeneratorConfig(long seed, long invoices, int customers, LocalDate start, int months,
        double onAccountShare, CollectionsActivity activity) {

    /** Invoices a typical customer receives over three years: sets the customer count when none is given. */
    static final int INVOICES_PER_CUSTOMER = 15;

    public GeneratorConfig {
        if (invoices < 1) {
            throw new IllegalArgumentException("invoices must be at least 1, was " + invoices);
        }
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, was " + customers);
        }
        if (months < 1) {
            throw new IllegalArgumentException("months must be at least 1, was " + months);
        }
        if (start.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("start must be the first day of a month, was " + start);
        }
        if (!(onAccountShare >= 0 && onAccountShare <= 1)) {
            throw new IllegalArgumentException("the on-account share must be within 0..1, was " + onAccountShare);
        }
    }

    /** A history with nothing on account and no collections activity. */
    public GeneratorConfig(long seed, long invoices, int customers, LocalDate start, int months) {
        this(seed, invoices, customers, start, months, 0, null);
    }

    /** The same history with {@code share} of its payments and of its credit memos on account. */
    public GeneratorConfig withOnAccountShare(double share) {
        return new GeneratorConfig(seed, invoices, customers, start, months, share, activity);
    }

    /** The same history with {@code activity} simulated, or with none when it is null. */
    public GeneratorConfig withActivity(CollectionsActivity activity) {
        return new GeneratorConfig(seed, invoices, customers, start, months, onAccountShare, activity);
    }

    /** A configuration whose customer count follows from the invoice count. */
    public static GeneratorConfig of(long seed, long invoices, LocalDate start, int months) {
        int customers = (int) Math.max(20, Math.min(Integer.MAX_VALUE, invoices / INVOICES_PER_CUSTOMER));
        return new GeneratorConfig(seed, invoices, customers, start, months);
    }

    /** The day the export is taken: nothing dated after it is written. */
    public LocalDate exportDate() {
        return start.plusMonths(months).minusDays(1);
    }
}
