package io.arscope.risk;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ledger.ReceivablesLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * The customers' history hands each customer's rows to a function once and whole, from rows held partitioned by
 * customer: on a hand-made ledger of three customers (A with invoices 1 and 2, B with 3, C with 4, 5 and 6; invoice
 * 7 of A issued after the day, so unknown), each customer is called once with exactly its known invoices.
 */
class CustomerHistoryTest {

    @TempDir
    Path dir;

    private static final StructType SEEN = DataTypes.createStructType(List.of(
            DataTypes.createStructField("customer", DataTypes.StringType, false),
            DataTypes.createStructField("invoices", DataTypes.StringType, false)));

    @Test
    void eachCustomerIsCalledOnceWithAllItsRows() {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("A", "retail").customer("B", "retail").customer("C", "wholesale")
                .invoice("1", "A", "2025-01-02", "2025-02-01", "100").payment("1", "A", "2025-01-20", "100")
                .invoice("2", "A", "2025-02-03", "2025-03-05", "80")
                .invoice("3", "B", "2025-01-06", "2025-02-05", "50")
                .invoice("4", "C", "2025-01-07", "2025-02-06", "10").invoice("5", "C", "2025-01-08", "2025-02-07", "20")
                .invoice("6", "C", "2025-02-09", "2025-03-11", "30")
                .invoice("7", "A", "2025-04-01", "2025-05-01", "90")
                .write(spark, dir);
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("canonical").toString());
        CustomerHistory history = CustomerHistory.of(ledger, null, d("2025-03-31"));

        FlatMapGroupsFunction<String, Row, Row> seen = (customer, rows) -> {
            List<String> ids = new ArrayList<>();
            rows.forEachRemaining(r -> ids.add(r.getAs("invoice_id")));
            ids.sort(null);
            Iterator<Row> one = List.of(RowFactory.create(customer, String.join(",", ids))).iterator();
            return one;
        };
        List<String> calls = history.perCustomer(seen, SEEN).collectAsList().stream()
                .map(r -> r.getString(0) + ":" + r.getString(1)).sorted().toList();
        assertEquals(List.of("A:1,2", "B:3", "C:4,5,6"), calls);
    }
}
