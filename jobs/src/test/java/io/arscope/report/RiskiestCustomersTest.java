package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import io.arscope.testing.TestSpark;

/** The report's customers with the most money expected late: one line per customer, whatever its queues. */
class RiskiestCustomersTest {

    private static final StructType ROWS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("collector", DataTypes.StringType, false),
            DataTypes.createStructField("queue", DataTypes.StringType, false),
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("customer_name", DataTypes.StringType, true),
            DataTypes.createStructField("open_amount", DataTypes.createDecimalType(18, 2), false),
            DataTypes.createStructField("overdue_amount", DataTypes.createDecimalType(18, 2), true),
            DataTypes.createStructField("probability_late", DataTypes.DoubleType, false),
            DataTypes.createStructField("max_days_past_due", DataTypes.IntegerType, false),
            DataTypes.createStructField("next_action", DataTypes.StringType, false)));

    private static Row row(String queue, String customer, String open, String overdue, double p, int days,
            String action) {
        return RowFactory.create("ana", queue, customer, customer.equals("C1") ? "Acme" : null, new BigDecimal(open),
                overdue == null ? null : new BigDecimal(overdue), p, days, action);
    }

    @Test
    void aCustomerInBothQueuesIsOneLineAddingItsQueues() {
        // C1: 1,000.00 at 0.5 in collection and 3,000.00 at 0.9 in dispute: expected late 500 + 2,700 = 3,200,
        // P(late) 3,200 / 4,000 = 0.8; C2 in collection only: 2,500.00 at 0.6, 1,500 expected late, with its
        // overdue amount left empty by the worklist; C3: 10,000.00 at 0.1, 1,000.
        List<ReportData.RiskyCustomer> top = ReportInputs.riskiest(TestSpark.session().createDataFrame(List.of(
                row("collect", "C1", "1000.00", "400.00", 0.5, 12, "Call the customer"),
                row("dispute", "C1", "3000.00", "3000.00", 0.9, 45, "Resolve the dispute (pricing)"),
                row("collect", "C2", "2500.00", null, 0.6, 3, "Send a polite reminder"),
                row("collect", "C3", "10000.00", "0.00", 0.1, 0, "No action yet")), ROWS));
        assertEquals(3, top.size());
        ReportData.RiskyCustomer c1 = top.get(0);
        assertEquals(List.of("C1", "Acme", "ana", "collect, dispute"), List.of(c1.customerId(), c1.name(),
                c1.collector(), c1.queue()));
        assertEquals(4000.0, c1.openAmount());
        assertEquals(3400.0, c1.overdueAmount());
        assertEquals(0.8, c1.probabilityLate(), 1e-12);
        assertEquals(3200.0, c1.expectedLate(), 1e-9);
        assertEquals(45, c1.maxDaysPastDue());
        assertEquals("Call the customer; Resolve the dispute (pricing)", c1.nextAction());
        assertEquals("C2", top.get(1).customerId());
        assertEquals(null, top.get(1).overdueAmount());
        assertEquals(1500.0, top.get(1).expectedLate(), 1e-9);
        assertEquals("C3", top.get(2).customerId());
    }
}
