package io.arscope.ledger;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;

/**
 * Aging buckets by days past due (as-of date minus due date). The first bucket is always "current": not yet due
 * under the invoice's own terms (days past due zero or less). The configured upper bounds then split the past
 * due: bounds 30, 60, 90 give current, 1-30, 31-60, 61-90 and 91+.
 */
public record AgingBuckets(List<Integer> upperBounds) implements Serializable {
    private static final String COLUMN_PREFIX = "aging_";

    public static final AgingBuckets DEFAULT = new AgingBuckets(List.of(30, 60, 90));

    public AgingBuckets {
        upperBounds = List.copyOf(upperBounds);
        int previous = 0;
        for (int bound : upperBounds) {
            if (bound <= previous) {
                throw new IllegalArgumentException("aging bucket bounds must be positive and increasing, were "
                        + upperBounds);
            }
            previous = bound;
        }
    }

    /** Parses "30,60,90". */
    public static AgingBuckets parse(String bounds) {
        List<Integer> values = new ArrayList<>();
        for (String part : bounds.split(",")) {
            try {
                values.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("aging bucket bounds must be whole days like 30,60,90, were '"
                        + bounds + "'");
            }
        }
        return new AgingBuckets(values);
    }

    public int count() {
        return upperBounds.size() + 2;
    }

    /** Labels in order: current, 1-30, ..., 91+. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        labels.add("current");
        int low = 1;
        for (int bound : upperBounds) {
            labels.add(low + "-" + bound);
            low = bound + 1;
        }
        labels.add(low + "+");
        return labels;
    }

    /** The bucket index (0 = current) of a number of days past due. */
    public int index(long daysPastDue) {
        if (daysPastDue <= 0) {
            return 0;
        }
        for (int i = 0; i < upperBounds.size(); i++) {
            if (daysPastDue <= upperBounds.get(i)) {
                return i + 1;
            }
        }
        return upperBounds.size() + 1;
    }

    /** {@link #index(long)} as a Spark expression. */
    public Column index(Column daysPastDue) {
        Column index = when(daysPastDue.leq(0), lit(0));
        for (int i = 0; i < upperBounds.size(); i++) {
            index = index.when(daysPastDue.leq(upperBounds.get(i)), lit(i + 1));
        }
        return index.otherwise(lit(upperBounds.size() + 1));
    }

    /** The bucket label of a bucket index expression. */
    public Column label(Column index) {
        List<String> labels = labels();
        Column label = when(index.equalTo(0), lit(labels.get(0)));
        for (int i = 1; i < labels.size(); i++) {
            label = label.when(index.equalTo(i), lit(labels.get(i)));
        }
        return label;
    }

    /** The column of a bucket in the outputs: aging_current, aging_1_30, aging_91_plus. */
    public static String column(String label) {
        return COLUMN_PREFIX + label.replace("-", "_").replace("+", "_plus");
    }

    /** The label of a bucket's column, back: aging_1_30 to 1-30, aging_91_plus to 91+. */
    public static String label(String column) {
        return column.substring(COLUMN_PREFIX.length()).replace("_plus", "+").replace('_', '-');
    }

    /** Whether an output column is a bucket's. */
    public static boolean isColumn(String column) {
        return column.startsWith(COLUMN_PREFIX);
    }
}
