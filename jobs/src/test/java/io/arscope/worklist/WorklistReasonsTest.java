package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.arscope.risk.InvoiceCurrency;
import io.arscope.testing.PipelineOutputs;
import io.arscope.testing.TestSpark;

/**
 * Issue 22 over a generated portfolio, scored by a trained model: no reason is blank, none contradicts the row it
 * stands on (the overdue share a customer row states is that row's own overdue over open, the days without
 * payment are those since the row's last payment), every amount in a reason carries the row's currency, and none
 * of the phrases the review found ("paying -6 days later", "raised 0 dispute(s)", "weekday 5", "month 12").
 */
@Tag("integration")
class WorklistReasonsTest {

    private static final Pattern OVERDUE = Pattern.compile(
            "(\\S+) ([\\d,]+\\.\\d\\d) of (?:its|the) (\\S+) ([\\d,]+\\.\\d\\d) (open|it disputes) is overdue "
                    + "\\((\\d+)%\\)");
    private static final Pattern NO_PAYMENT = Pattern.compile("no payment for ([\\d,]+) days?");
    private static final Pattern AMOUNT = Pattern.compile("(\\S+) [\\d,]+\\.\\d\\d");
    /** A negative number, a count of zero ("raised 0 disputes"), "(s)", the calendar, a number without separators. */
    private static final Pattern NONSENSE = Pattern.compile("-\\d|(?<![\\d.,])0 |\\(s\\)|weekday|month|\\d{4,}");
    private static List<Row> invoices;
    private static List<Row> customers;

    @BeforeAll
    static void read() throws Exception {
        SparkSession spark = TestSpark.session();
        String worklist = PipelineOutputs.get().worklist();
        invoices = WorklistTables.INVOICES.read(spark, worklist).collectAsList();
        customers = WorklistTables.CUSTOMERS.read(spark, worklist).collectAsList();
    }

    private static List<String> reasons(Row r) {
        List<String> out = new ArrayList<>();
        for (var column : List.of(WorklistTables.REASON_1, WorklistTables.REASON_2, WorklistTables.REASON_3)) {
            out.add(column.of(r));
        }
        return out;
    }

    /** Checks that hold on any row: no blank reason, no gap, no nonsense, amounts in the row's currency. */
    private static void checkWords(Row r, String row) {
        List<String> reasons = reasons(r);
        assertNotNull(reasons.get(0), row);
        for (int i = 0; i < 3; i++) {
            String reason = reasons.get(i);
            if (reason == null) {
                assertTrue(i == 2 || reasons.get(i + 1) == null, row + ": a gap before reason " + (i + 2));
                continue;
            }
            assertFalse(reason.isBlank(), row + ": blank reason_" + (i + 1));
            // A customer row names the invoice a reason is about: "INV00004889: invoice is 1.8 times ...".
            String top = r.schema().getFieldIndex("top_invoice_id").isDefined() ? WorklistTables.TOP_INVOICE_ID.of(r)
                    : null;
            String words = top != null && reason.startsWith(top + ": ") ? reason.substring(top.length() + 2) : reason;
            assertFalse(NONSENSE.matcher(words).find(), row + ": " + reason);
            Matcher amount = AMOUNT.matcher(reason);
            while (amount.find()) {
                assertEquals(WorklistTables.CURRENCY.of(r), amount.group(1), row + ": " + reason);
            }
            Matcher noPayment = NO_PAYMENT.matcher(reason);
            if (noPayment.find()) {
                LocalDate last = WorklistTables.LAST_PAYMENT_DATE.of(r);
                assertNotNull(last, row + ": " + reason);
                assertEquals(ChronoUnit.DAYS.between(last, WorklistTables.AS_OF.of(r)),
                        Long.parseLong(noPayment.group(1).replace(",", "")), row + ": " + reason);
            }
            if (reason.equals("has never paid an invoice")) {
                assertEquals(null, WorklistTables.LAST_PAYMENT_DATE.of(r), row);
            }
        }
    }

    @Test
    void noInvoiceRowHasABlankOrSenselessReason() {
        assertTrue(invoices.size() > 100, invoices.size() + " invoices");
        for (Row r : invoices) {
            checkWords(r, WorklistTables.INVOICE_ID.of(r));
            // The percentage of an invoice row is about the customer's other invoices, and says so.
            for (String reason : reasons(r)) {
                assertFalse(reason != null && reason.contains("of its open balance"), reason);
            }
        }
    }

    @Test
    void aCustomerRowsOverdueShareIsItsOwn() {
        int checked = 0;
        for (Row r : customers) {
            String row = WorklistTables.CUSTOMER_ID.of(r) + " " + WorklistTables.QUEUE.of(r);
            checkWords(r, row);
            for (String reason : reasons(r)) {
                Matcher m = reason == null ? null : OVERDUE.matcher(reason);
                if (m == null || !m.find()) {
                    continue;
                }
                BigDecimal open = WorklistTables.OPEN_AMOUNT.of(r);
                BigDecimal overdue = WorklistTables.OVERDUE_AMOUNT.of(r);
                assertEquals(InvoiceCurrency.shown(overdue, WorklistTables.CURRENCY.of(r)),
                        m.group(1) + " " + m.group(2), row);
                assertEquals(InvoiceCurrency.shown(open, WorklistTables.CURRENCY.of(r)), m.group(3) + " " + m.group(4),
                        row);
                assertEquals(overdue.multiply(BigDecimal.valueOf(100)).divide(open, 0, RoundingMode.HALF_UP).intValue(),
                        Integer.parseInt(m.group(6)), row + ": " + reason);
                // A dispute-queue row holds the disputed invoices alone, and says so.
                assertEquals(Worklist.DISPUTE.equals(WorklistTables.QUEUE.of(r)) ? "it disputes" : "open",
                        m.group(5), row + ": " + reason);
                checked++;
            }
            assertFalse(String.valueOf(reasons(r)).contains("on other invoices"), row + ": " + reasons(r));
        }
        assertTrue(checked > 0, "no customer row states its overdue share: the check above checked nothing");
    }

    @Test
    void probabilitiesHaveFourDecimalsAndSeverityAscends() {
        for (Row r : invoices) {
            double p = WorklistTables.PROBABILITY_LATE.of(r);
            assertEquals(p, BigDecimal.valueOf(p).setScale(4, RoundingMode.HALF_UP).doubleValue(), 0.0);
            boolean none = DunningStrategy.NO_ACTION.equals(WorklistTables.ACTION_CODE.of(r));
            assertEquals(none, WorklistTables.ACTION_SEVERITY.of(r) == 0, WorklistTables.INVOICE_ID.of(r));
        }
        for (Row r : customers) {
            double p = WorklistTables.PROBABILITY_LATE.of(r);
            assertEquals(p, BigDecimal.valueOf(p).setScale(4, RoundingMode.HALF_UP).doubleValue(), 0.0);
        }
    }
}
