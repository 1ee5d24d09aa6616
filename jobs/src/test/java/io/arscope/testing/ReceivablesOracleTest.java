package io.arscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The oracle the shape tests trust, checked on figures worked by hand. */
class ReceivablesOracleTest {

    private static ReceivablesOracle.Invoice invoice(String id, String issued, String due, String amount) {
        return new ReceivablesOracle.Invoice(id, LocalDate.parse(issued), LocalDate.parse(due), new BigDecimal(amount));
    }

    private static ReceivablesOracle.Reduction reduction(String id, String on, String amount) {
        return new ReceivablesOracle.Reduction(id, LocalDate.parse(on), new BigDecimal(amount));
    }

    /**
     * metrics.md's countback example in calendar months: sales April, May, June 2024 of 90,000, 100,000 and
     * 120,000; A paid in full in May, B paid 70,000 in June: AR at the end of June 30,000 + 120,000 = 150,000.
     * 150,000 - 120,000 = 30,000 left, less than May's sales: 30 + 30,000 / 100,000 x 31 = 39.3 days.
     */
    @Test
    void countbackDsoWalksBackThroughTheMonthsSales() {
        ReceivablesOracle oracle = new ReceivablesOracle(List.of(invoice("A", "2024-04-10", "2024-05-10", "90000.00"),
                invoice("B", "2024-05-15", "2024-06-14", "100000.00"),
                invoice("C", "2024-06-20", "2024-07-20", "120000.00")),
                List.of(reduction("A", "2024-05-20", "90000.00"), reduction("B", "2024-06-25", "70000.00")));
        assertEquals(new BigDecimal("150000.00"), oracle.endingAr(LocalDate.of(2024, 6, 30)));
        assertEquals(new BigDecimal("100000.00"), oracle.endingAr(LocalDate.of(2024, 5, 31)));
        assertEquals(YearMonth.of(2024, 4), oracle.firstMonth());
        assertEquals(39.3, oracle.countbackDso(YearMonth.of(2024, 6), oracle.firstMonth()), 1e-12);
        // May: 100,000 left covers exactly May's 100,000: 31 days and nothing left.
        assertEquals(31.0, oracle.countbackDso(YearMonth.of(2024, 5), oracle.firstMonth()), 1e-12);
        // April: 90,000 open, April's sales 90,000, then history ends with nothing left: 30 days.
        assertEquals(30.0, oracle.countbackDso(YearMonth.of(2024, 4), oracle.firstMonth()), 1e-12);
        // June: current is C (due 20 July), B is 16 days past due.
        assertEquals(List.of(new BigDecimal("120000.00"), new BigDecimal("30000.00"), BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)), oracle.aging(LocalDate.of(2024, 6, 30)));
    }

    /** June has no sales: its 30 days count whole, then May's and April's, which 190,000 covers exactly: 91. */
    @Test
    void aMonthWithoutSalesCountsWhole() {
        ReceivablesOracle oracle = new ReceivablesOracle(List.of(invoice("A", "2024-04-10", "2024-05-10", "90000.00"),
                invoice("B", "2024-05-15", "2024-06-14", "100000.00")), List.of());
        assertEquals(61.0, oracle.countbackDso(YearMonth.of(2024, 5), oracle.firstMonth()), 1e-12);
        assertEquals(91.0, oracle.countbackDso(YearMonth.of(2024, 6), oracle.firstMonth()), 1e-12);
        assertEquals(null, oracle.countbackDso(YearMonth.of(2024, 6), YearMonth.of(2024, 5)),
                "history cut at May leaves 90,000 uncounted");
    }

    /**
     * X is issued 15 March, due 15 February, and 400.00 of it was paid on 1 March. The payment counts on 15 March:
     * nothing is owed before X is issued, 600.00 after. At the end of March X is 16 days past its issue date
     * (1-30), not 45 days past its due date.
     */
    @Test
    void oddDatesCountFromTheIssueDate() {
        ReceivablesOracle oracle = new ReceivablesOracle(List.of(invoice("X", "2024-03-15", "2024-02-15", "1000.00")),
                List.of(reduction("X", "2024-03-01", "400.00")));
        assertEquals(new BigDecimal("0.00"), oracle.endingAr(LocalDate.of(2024, 3, 14)));
        assertEquals(new BigDecimal("600.00"), oracle.endingAr(LocalDate.of(2024, 3, 15)));
        assertEquals(List.of(BigDecimal.ZERO.setScale(2), new BigDecimal("600.00"), BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)), oracle.aging(LocalDate.of(2024, 3, 31)));
    }
}
