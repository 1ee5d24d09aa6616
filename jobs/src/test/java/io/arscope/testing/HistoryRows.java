package io.arscope.testing;

import static io.arscope.testing.LedgerBuilder.d;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import io.arscope.ledger.InvoiceHistory;

/**
 * Hand-made {@link InvoiceHistory} rows sliced by one dimension, {@code segment}: for testing what reads invoice
 * histories on its own, without a ledger to build them from. Events and disputes attach to the last invoice added.
 */
public final class HistoryRows {

    private static final StructType EVENT = DataTypes.createStructType(List.of(
            DataTypes.createStructField("date", DataTypes.DateType, true),
            DataTypes.createStructField("amount", DataTypes.createDecimalType(18, 2), true),
            DataTypes.createStructField("kind", DataTypes.StringType, true)));
    private static final StructType DISPUTE = DataTypes.createStructType(List.of(
            DataTypes.createStructField("opened", DataTypes.DateType, true),
            DataTypes.createStructField("resolved", DataTypes.DateType, true)));
    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("invoice_id", DataTypes.StringType, false),
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("invoice_date", DataTypes.DateType, false),
            DataTypes.createStructField("due_date", DataTypes.DateType, false),
            DataTypes.createStructField("amount", DataTypes.createDecimalType(18, 2), false),
            DataTypes.createStructField(InvoiceHistory.EVENTS, DataTypes.createArrayType(EVENT, false), false),
            DataTypes.createStructField(InvoiceHistory.DISPUTES, DataTypes.createArrayType(DISPUTE, false), false),
            DataTypes.createStructField("segment", DataTypes.StringType, false)));

    private record Invoice(String id, String segment, String issued, String due, String amount, List<Row> events,
            List<Row> disputes) {
    }

    private final List<Invoice> invoices = new ArrayList<>();

    public HistoryRows invoice(String id, String segment, String issued, String due, String amount) {
        invoices.add(new Invoice(id, segment, issued, due, amount, new ArrayList<>(), new ArrayList<>()));
        return this;
    }

    /** A payment, credit_memo or write_off on the last invoice. */
    public HistoryRows event(String kind, String date, String amount) {
        last().events().add(RowFactory.create(d(date), money(amount), kind));
        return this;
    }

    /** A dispute of the last invoice; {@code resolved} null while it is open. */
    public HistoryRows dispute(String opened, String resolved) {
        last().disputes().add(RowFactory.create(d(opened), resolved == null ? null : d(resolved)));
        return this;
    }

    public Dataset<Row> frame(SparkSession spark) {
        return spark.createDataFrame(invoices.stream().map(i -> RowFactory.create(i.id(), "K-" + i.segment(),
                d(i.issued()), d(i.due()), money(i.amount()), i.events(), i.disputes(), i.segment())).toList(),
                SCHEMA);
    }

    private Invoice last() {
        return invoices.get(invoices.size() - 1);
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2);
    }
}
