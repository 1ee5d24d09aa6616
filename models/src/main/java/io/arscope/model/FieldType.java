package io.arscope.model;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The value types a canonical field can have. Money is always an exact decimal with two places, never a
 * double, and so is an exchange rate (ten places); dates are calendar dates without time or zone.
 */
public enum FieldType {
    TEXT(DataTypes.StringType),
    DATE(DataTypes.DateType),
    /** Exact money: DECIMAL(18,2), enough for a trillion with cents. */
    MONEY(DataTypes.createDecimalType(18, 2)),
    /** A whole number of days, such as payment terms. */
    DAYS(DataTypes.IntegerType),
    /**
     * An exchange rate: DECIMAL(18,10), up to eight whole digits and ten places, so that a rate into a currency
     * of small units (1 JPY = 0.0066946123 USD) keeps its eight significant digits and an amount times a rate
     * fits Spark's 38 digits with no loss.
     */
    RATE(DataTypes.createDecimalType(18, 10));

    /** Scale of {@link #MONEY}: amounts with more decimal places are rejected, not rounded. */
    public static final int MONEY_SCALE = 2;
    /** Scale of {@link #RATE}: rates with more decimal places are rejected, not rounded. */
    public static final int RATE_SCALE = 10;

    private final DataType sparkType;

    FieldType(DataType sparkType) {
        this.sparkType = sparkType;
    }

    public DataType sparkType() {
        return sparkType;
    }
}
