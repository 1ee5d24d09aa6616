package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import io.arscope.testing.TestSpark;

/**
 * Converted rows as the customers were billed them, worked by hand. Reported in GBP: D1 (Dublin Bay) owes EUR
 * 1,000.00 (overdue, 3 days) and EUR 250.50 (not due) on its collection row, shown as GBP 860.00 and 215.43; its
 * dispute row holds EUR 100.00 (overdue); M1 is billed in EUR and USD on one row, which has no single figure as
 * billed; G1 is billed in GBP, as reported.
 */
class BilledAmountsTest {

    private static final StructType ROWS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("collector", DataTypes.StringType, false),
            DataTypes.createStructField("queue", DataTypes.StringType, false),
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("currency", DataTypes.StringType, false)));
    private static final StructType INVOICES = ROWS.add("invoice_id", DataTypes.StringType, false)
            .add("days_past_due", DataTypes.IntegerType, false);
    private static final StructType BILLED = DataTypes.createStructType(List.of(
            DataTypes.createStructField("b_invoice_id", DataTypes.StringType, false),
            DataTypes.createStructField("b_currency", DataTypes.StringType, false),
            DataTypes.createStructField("b_open", DataTypes.createDecimalType(20, 2), false)));

    @Test
    void aRowBilledInOneOtherCurrencyGetsItsAmountsAsBilled() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> customers = spark.createDataFrame(List.of(
                RowFactory.create("ana", "collect", "D1", "GBP"), RowFactory.create("ana", "dispute", "D1", "GBP"),
                RowFactory.create("ana", "collect", "M1", "GBP"), RowFactory.create("ana", "collect", "G1", "GBP")),
                ROWS);
        Dataset<Row> invoices = spark.createDataFrame(List.of(
                RowFactory.create("ana", "collect", "D1", "GBP", "D-1", 3),
                RowFactory.create("ana", "collect", "D1", "GBP", "D-2", -10),
                RowFactory.create("ana", "dispute", "D1", "GBP", "D-3", 40),
                RowFactory.create("ana", "collect", "M1", "GBP", "M-1", 5),
                RowFactory.create("ana", "collect", "M1", "GBP", "M-2", 5),
                RowFactory.create("ana", "collect", "G1", "GBP", "G-1", 5)), INVOICES);
        Dataset<Row> billed = spark.createDataFrame(List.of(
                RowFactory.create("D-1", "EUR", new BigDecimal("1000.00")),
                RowFactory.create("D-2", "EUR", new BigDecimal("250.50")),
                RowFactory.create("D-3", "EUR", new BigDecimal("100.00")),
                RowFactory.create("M-1", "EUR", new BigDecimal("10.00")),
                RowFactory.create("M-2", "USD", new BigDecimal("20.00")),
                RowFactory.create("G-1", "GBP", new BigDecimal("30.00"))), BILLED);
        List<String> shown = BilledAmounts.onRows(customers, invoices, billed)
                .orderBy("customer_id", "queue").collectAsList().stream()
                .map(r -> r.getAs("customer_id") + " " + r.getAs("queue") + ":" + BilledAmounts.asBilled(r, false)
                        + " /" + BilledAmounts.asBilled(r, true))
                .toList();
        assertEquals(List.of("D1 collect: (EUR 1,250.50 as billed) / (EUR 1,000.00 as billed)",
                "D1 dispute: (EUR 100.00 as billed) / (EUR 100.00 as billed)", "G1 collect: /", "M1 collect: /"),
                shown);
        // Nothing converted: the columns are there, empty.
        Row plain = BilledAmounts.onRows(customers, invoices, null).first();
        assertEquals(List.of(true, true, true), List.of(plain.isNullAt(plain.fieldIndex("billed_currency")),
                plain.isNullAt(plain.fieldIndex("billed_open_amount")),
                plain.isNullAt(plain.fieldIndex("billed_overdue_amount"))));
    }
}
