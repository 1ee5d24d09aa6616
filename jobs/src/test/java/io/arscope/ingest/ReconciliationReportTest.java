package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The reconciliation as the ingest prints it: columns aligned however long a file's name is. */
class ReconciliationReportTest {

    @Test
    void aLongNameWidensTheFileColumnAndTheColumnsStayAligned() {
        String workbook = "transaction-list-by-customer.xlsx [Transaction List by Customer]";
        Reconciliation r = new Reconciliation(List.of(
                new Reconciliation.FileCounts("payments.csv", 10, 9, 0, 1, 2, Map.of("UNKNOWN_INVOICE", 1L),
                        Map.of(), Map.of()),
                new Reconciliation.FileCounts(workbook, 33, 22, 0, 0, 0, Map.of(), Map.of(),
                        Map.of("Status is 'Voided'", 1L))));
        String pad = " ".repeat(workbook.length() - "payments.csv".length());
        String under = " ".repeat(workbook.length() - 4 - "UNKNOWN_INVOICE (rejected)".length());
        assertEquals(String.join("\n",
                "file" + " ".repeat(workbook.length() - 4) + "       read   accepted    flagged   rejected    share",
                "payments.csv" + pad + "         10          9          0          1   10.00%",
                "    UNKNOWN_INVOICE (rejected)" + under + "          1",
                "    (blank lines, not rows)" + " ".repeat(workbook.length() - 4 - 23) + "          2",
                workbook + "         33         22          0          0    0.00%",
                "    (ignored by the mapping)" + " ".repeat(workbook.length() - 4 - 24)
                        + "          1  Status is 'Voided'",
                "total" + " ".repeat(workbook.length() - 5) + "         43         31          0          1", ""),
                r.report().replace(System.lineSeparator(), "\n"));
    }
}
