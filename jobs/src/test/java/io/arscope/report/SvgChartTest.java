package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The report's DSO and CEI charts over 24 months labelled every second month from the oldest, 2024-11 to 2026-09:
 * the latest month, the one a reader looks for, had no label. The labels are counted back from it.
 */
class SvgChartTest {

    private static final Pattern TICK = Pattern.compile("class=\"tick\">(\\d{4}-\\d{2})</text>");

    @Test
    void theLatestMonthIsAlwaysLabelled() {
        List<String> months = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int m = 0; m < 24; m++) {
            months.add(java.time.YearMonth.of(2024, 11).plusMonths(m).toString());
            values.add(30.0 + m);
        }
        String svg = SvgChart.lines("DSO", months, List.of(new SvgChart.Series("DSO", "#000", values)), false);
        List<String> labelled = new ArrayList<>();
        Matcher tick = TICK.matcher(svg);
        while (tick.find()) {
            labelled.add(tick.group(1));
        }
        assertEquals(List.of("2024-12", "2025-02", "2025-04", "2025-06", "2025-08", "2025-10", "2025-12", "2026-02",
                "2026-04", "2026-06", "2026-08", "2026-10"), labelled);
    }
}
