package io.arscope.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * One invoice that is most of the trailing weeks' credit sales, worked by hand on a window of 2 weeks to 2026-10-31
 * (2026-10-17 excluded, 2026-10-31 included).
 */
class SalesConcentrationTest {

    private static final LocalDate AS_OF = LocalDate.parse("2026-10-31");

    private static TreeMap<LocalDate, SalesConcentration.Day> days(double large) {
        TreeMap<LocalDate, SalesConcentration.Day> days = new TreeMap<>();
        // Outside the window: a day's sales of 1,000,000 on 2026-10-17 do not count.
        days.put(LocalDate.parse("2026-10-17"), new SalesConcentration.Day(1_000_000, 1_000_000, "OLD"));
        days.put(LocalDate.parse("2026-10-20"), new SalesConcentration.Day(600 + large, large, "BIG"));
        days.put(LocalDate.parse("2026-10-31"), new SalesConcentration.Day(400, 250, "I9"));
        return days;
    }

    @Test
    void anInvoiceOfMoreThanHalfTheWindowsSalesIsSaid() {
        // 1,001 of 600 + 1,001 + 400 = 2,001 is 50.02%.
        SalesConcentration c = SalesConcentration.of(days(1001), AS_OF, 2);
        assertEquals(new SalesConcentration("BIG", LocalDate.parse("2026-10-20"), 1001, 2001, 2, AS_OF), c);
        assertEquals("one invoice, BIG of 2026-10-20 for 1,001.00, is 50.0% of the 2,001.00 of credit sales in the 2 "
                + "weeks to 2026-10-31 whose daily mean the forecast takes as its new sales: it expects that amount to "
                + "be sold again within 2 weeks; check the invoice, and read the cash from new sales without it",
                c.describe());
    }

    @Test
    void halfOrLessIsNotAndNeitherIsAWindowWithoutSales() {
        // 1,000 of 2,000 is half: not more.
        assertNull(SalesConcentration.of(days(1000), AS_OF, 2));
        assertNull(SalesConcentration.of(new TreeMap<>(), AS_OF, 2));
    }
}
