package io.arscope.activity;

import java.io.Serializable;

/**
 * How promises and plan instalments are judged against the payments.
 *
 * @param graceDays days after a promised or instalment date on which a payment still counts as on time: cash
 *                  reaches the ledger a few days after the customer pays (bank value dates, posting lag)
 */
public record ActivityConfig(int graceDays) implements Serializable {

    /** Three days' grace. */
    public static final ActivityConfig DEFAULT = new ActivityConfig(3);

    public ActivityConfig {
        if (graceDays < 0) {
            throw new IllegalArgumentException("grace days must be 0 or more, not " + graceDays);
        }
    }
}
