package io.arscope.model;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The value types a canonical field can have. Money is always an exact decimal with two places, never a
 * double; dates are calendar dates without time or zone.
 */
public enum FieldType {
    TEXT(DataTypes.StringType),
    DATE(DataTypes.DateType),
    /** Exact money: DECIMAL(18,2), enough for a trillion with cents. */
    MONEY(DataTypes.createDecimalType(18, 2)),
    /** A whole number of days, such as payment terms. */
    DAYS(DataTypes.IntegerType);

    /** Scale of {@link #MONEY}: amounts with more decimal places are rejected, not rounded. */
    public static final int MONEY_SCALE = 2;

    private final DataType sparkType;

    FieldType(DataType sparkType) {
        this.sparkType = sparkType;
    }

    public DataType sparkType() {
        return sparkType;
    }
}
