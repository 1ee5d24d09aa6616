package io.arscope.ledger;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.UnscaledValue;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;

/**
 * Money as whole cents in a long: exact, and summed far faster than decimals, whose sums Spark widens past 18 digits
 * into arbitrary-precision arithmetic. A canonical amount (two decimals, at most 18 digits) is its unscaled value,
 * read as it is stored; multiplying it by 100 would widen it past 18 digits as well.
 */
public final class Cents {

    private Cents() {
    }

    /** The column {@code amount} of {@code rows} in whole cents. */
    public static Column of(Dataset<Row> rows, String amount) {
        if (rows.schema().apply(amount).dataType() instanceof DecimalType d && d.scale() == 2
                && d.precision() <= Decimal.MAX_LONG_DIGITS()) {
            return new Column(new UnscaledValue(rows.col(amount).expr()));
        }
        return rows.col(amount).multiply(100).cast("long");
    }
}
