package io.arscope.forecast;

/**
 * How open receivables leave, day by day, as an amount-weighted life table: for each day offset from an anchor
 * (the due date for open invoices, the invoice date for new sales) the amount still open at the start of that day
 * (at risk), and how much of it left that day as cash, as credit memos and as write-offs. Invoices still open at the
 * origin leave the table unpaid (censored) after their last observed day, so an unfinished history does not read
 * as a failure to pay. The daily hazards give, for an amount open at the end of some offset, the expected share
 * collected in cash on each later day.
 */
public final class SettlementCurve {

    private final int minOffset;
    private final double[] atRisk;
    private final double[] cashHazard;
    private final double[] creditMemoHazard;
    private final double[] writeOffHazard;
    private final long invoices;

    private SettlementCurve(int minOffset, double[] atRisk, double[] cashHazard, double[] creditMemoHazard,
            double[] writeOffHazard, long invoices) {
        this.minOffset = minOffset;
        this.atRisk = atRisk;
        this.cashHazard = cashHazard;
        this.creditMemoHazard = creditMemoHazard;
        this.writeOffHazard = writeOffHazard;
        this.invoices = invoices;
    }

    /** Accumulates the day-offset sums one group of invoices contributes. */
    public static final class Builder {
        private final int minOffset;
        private final double[] entered;
        private final double[] cash;
        private final double[] creditMemos;
        private final double[] writeOffs;
        private final double[] censored;
        private long invoices;

        /** Offsets run from {@code minOffset} to {@code maxOffset} inclusive; callers clamp lower offsets up. */
        public Builder(int minOffset, int maxOffset) {
            this.minOffset = minOffset;
            int n = maxOffset - minOffset + 1;
            entered = new double[n];
            cash = new double[n];
            creditMemos = new double[n];
            writeOffs = new double[n];
            censored = new double[n];
        }

        /**
         * @param offset   day offset from the anchor; offsets past the table's end are ignored
         * @param entered  amounts of invoices whose history starts that day
         * @param cash     payments received that day
         * @param creditMemos credit memos dated that day
         * @param writeOffs   write-offs dated that day
         * @param censored    amounts still open at the origin whose last observed day this is
         * @param invoices    invoices whose history starts that day
         */
        public Builder add(int offset, double entered, double cash, double creditMemos, double writeOffs,
                double censored, long invoices) {
            int i = offset - minOffset;
            if (i < 0) {
                throw new IllegalArgumentException("offset " + offset + " is before the table's first day " + minOffset);
            }
            if (i >= this.entered.length) {
                return this;
            }
            this.entered[i] += entered;
            this.cash[i] += cash;
            this.creditMemos[i] += creditMemos;
            this.writeOffs[i] += writeOffs;
            this.censored[i] += censored;
            this.invoices += invoices;
            return this;
        }

        public long invoices() {
            return invoices;
        }

        public SettlementCurve build() {
            int n = entered.length;
            double[] risk = new double[n];
            double[] hc = new double[n];
            double[] hm = new double[n];
            double[] hw = new double[n];
            double open = 0;
            for (int i = 0; i < n; i++) {
                // Amounts enter at the start of their first day and leave at the end of the day they left on.
                open += entered[i];
                risk[i] = open;
                if (open > 0) {
                    hc[i] = Math.min(1, Math.max(0, cash[i] / open));
                    hm[i] = Math.min(1 - hc[i], Math.max(0, creditMemos[i] / open));
                    hw[i] = Math.min(1 - hc[i] - hm[i], Math.max(0, writeOffs[i] / open));
                }
                open -= cash[i] + creditMemos[i] + writeOffs[i] + censored[i];
            }
            return new SettlementCurve(minOffset, risk, hc, hm, hw, invoices);
        }
    }

    public int maxOffset() {
        return minOffset + atRisk.length - 1;
    }

    /** Invoices whose histories the table was estimated from. */
    public long invoices() {
        return invoices;
    }

    public double atRisk(int offset) {
        return atRisk[offset - minOffset];
    }

    public double cashHazard(int offset) {
        return cashHazard[offset - minOffset];
    }

    /**
     * Expected share of an amount open at the end of day {@code offset} that is collected in cash on each of the
     * next {@code days} days (element 0 is the day after). Past the table's last day nothing more is expected.
     */
    public double[] cashShares(int offset, int days) {
        return shares(offset, days, cashHazard);
    }

    /** As {@link #cashShares}, for credit memos. */
    public double[] creditMemoShares(int offset, int days) {
        return shares(offset, days, creditMemoHazard);
    }

    /** As {@link #cashShares}, for write-offs. */
    public double[] writeOffShares(int offset, int days) {
        return shares(offset, days, writeOffHazard);
    }

    /**
     * Expected share of an amount that enters on day offset {@code minOffset()} (a new invoice on its invoice date)
     * collected in cash on each day from that day on: element d is day offset minOffset() + d.
     */
    public double[] cashSharesFromStart(int days) {
        return shares(minOffset - 1, days, cashHazard);
    }

    /** As {@link #cashSharesFromStart}, for credit memos. */
    public double[] creditMemoSharesFromStart(int days) {
        return shares(minOffset - 1, days, creditMemoHazard);
    }

    /** As {@link #cashSharesFromStart}, for write-offs. */
    public double[] writeOffSharesFromStart(int days) {
        return shares(minOffset - 1, days, writeOffHazard);
    }

    private double[] shares(int offset, int days, double[] hazard) {
        double[] out = new double[days];
        double stillOpen = 1;
        for (int t = 0; t < days; t++) {
            int i = offset + 1 + t - minOffset;
            if (i < 0) {
                continue;
            }
            if (i >= hazard.length) {
                break;
            }
            out[t] = stillOpen * hazard[i];
            stillOpen *= 1 - cashHazard[i] - creditMemoHazard[i] - writeOffHazard[i];
        }
        return out;
    }
}
