package io.arscope.audit;

/**
 * How long after a recommendation its follow-up is looked for.
 *
 * @param actedWithinDays a contact dated from the recommendation's day to this many days later acts on it
 * @param cashWithinDays  payments dated from the day after the recommendation's to this many days later followed it
 */
public record FollowUpWindows(int actedWithinDays, int cashWithinDays) {

    public static final FollowUpWindows DEFAULT = new FollowUpWindows(7, 30);

    public FollowUpWindows {
        if (actedWithinDays < 0 || cashWithinDays < 1) {
            throw new IllegalArgumentException("the days to act on a recommendation must be 0 or more, and the days "
                    + "of cash after it 1 or more; were " + actedWithinDays + " and " + cashWithinDays);
        }
    }

    /** Days from the recommendation's day to the end of the later window. */
    public int days() {
        return Math.max(actedWithinDays, cashWithinDays);
    }
}
