package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.ExitCode;
import io.arscope.testing.ExportRun;
import io.arscope.testing.TestSpark;

/**
 * One workbook holding a small ledger on three sheets, read by three sources that name them: each sheet's rows are
 * counted, checked and rejected under the file and the sheet, so that row 3 of one sheet is never taken for row 3
 * of another.
 */
// Runs the ingest through the command line: the integration tier.
@Tag("integration")
class WorkbookIngestTest {

    @TempDir
    Path dir;

    private static final String MAPPING = """
            sources:
              - file: ledger.xlsx
                format: xlsx
                sheet: Customers
                produces: {customers: {fields: {customer_id: Customer, name: Name}}}
              - file: ledger.xlsx
                format: xlsx
                sheet: Invoices
                produces:
                  invoices:
                    fields: {invoice_id: Invoice, customer_id: Customer, invoice_date: Date, due_date: Due,
                             amount: Amount, currency: {value: EUR}}
              - file: ledger.xlsx
                format: xlsx
                sheet: Payments
                produces:
                  payments:
                    fields: {payment_id: Payment, customer_id: Customer, invoice_id: Invoice, payment_date: Date,
                             amount: Amount}
            """;

    /**
     * Customers C1 and C2; invoices I1 (row 2) and I2 (row 3); payments P1 of I1 (row 2) and, on row 3, P2 naming
     * an invoice the ledger lacks: rejected as row 3 of the Payments sheet, and the Invoices sheet's row 3 is
     * accepted. Hostile values: P3's customer is a formula, kept as text and flagged (I2 is C2's); P4's amount,
     * typed as the text 1E999999999, is rejected as out of range without being expanded. (Two rejects in four rows
     * are above the default share; the test allows half.)
     */
    @Test
    void eachSheetIsReadAndReconciledUnderItsOwnName() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(export.resolve(
                "ledger.xlsx"))) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("d-mmm-yy"));
            sheet(wb, "Customers", date, List.of("Customer", "Name"), List.of("C1", "Alder Ltd"),
                    List.of("C2", "Birch GmbH"));
            sheet(wb, "Invoices", date, List.of("Invoice", "Customer", "Date", "Due", "Amount"),
                    List.of("I1", "C1", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31), 1200.5),
                    List.of("I2", "C2", LocalDate.of(2024, 3, 5), LocalDate.of(2024, 4, 4), 80.0));
            sheet(wb, "Payments", date, List.of("Payment", "Customer", "Invoice", "Date", "Amount"),
                    List.of("P1", "C1", "I1", LocalDate.of(2024, 3, 20), 1200.5),
                    List.of("P2", "C2", "I9", LocalDate.of(2024, 3, 21), 80.0),
                    List.of("P3", "=cmd|' /C calc'!A0", "I2", LocalDate.of(2024, 3, 22), 5.0),
                    List.of("P4", "C2", "I2", LocalDate.of(2024, 3, 22), "1E999999999"));
            wb.write(out);
        }
        Path mapping = Files.writeString(dir.resolve("ledger.yaml"), MAPPING);
        ExportRun.Command run = ExportRun.arscope("ingest", "--input", export.toString(), "--mapping",
                mapping.toString(), "--output", dir.resolve("out").toString(), "--as-of", "2024-03-25",
                "--max-reject-share", "0.5", "--progress", "off");
        assertEquals(ExitCode.OK, run.code(), run.err());
        List<String> reconciliation = Files.readAllLines(dir.resolve("out/reconciliation.csv"));
        assertEquals(List.of("source_file,reason_code,read,accepted,flagged,rejected,ignored",
                "ledger.xlsx [Customers],ALL,2,2,0,0,0",
                "ledger.xlsx [Invoices],ALL,2,2,0,0,0",
                "ledger.xlsx [Payments],ALL,4,2,1,2,0",
                "ledger.xlsx [Payments],AMOUNT_OUT_OF_RANGE,,,,1,",
                "ledger.xlsx [Payments],UNKNOWN_INVOICE,,,,1,",
                "ledger.xlsx [Payments],CUSTOMER_MISMATCH,,,1,,"), reconciliation);
        List<String> rejects = Files.readAllLines(dir.resolve("out/rejects.csv"));
        assertEquals(List.of("source_file,line,table,record_id,field,reason_code,reason,raw",
                "ledger.xlsx [Payments],3,payments,P2,invoice_id,UNKNOWN_INVOICE,invoice_id I9 is in no input row,"
                        + "\"P2,C2,I9,2024-03-21,80\"",
                "ledger.xlsx [Payments],5,payments,P4,amount,AMOUNT_OUT_OF_RANGE,\"amount '1E999999999' is beyond "
                        + "999,999,999,999.99, the largest amount accepted (column Amount)\",\"P4,C2,I2,2024-03-22,1E999999999\""),
                rejects);
        // A formula typed as a customer is text in the ledger, kept as written and flagged as not I2's customer.
        assertEquals("=cmd|' /C calc'!A0", TestSpark.session().read().parquet(dir.resolve("out/canonical/payments")
                .toString()).filter("payment_id = 'P3'").first().getAs("customer_id"));
        assertEquals(new BigDecimal("1200.50"), TestSpark.session().read().parquet(dir.resolve(
                "out/canonical/invoices").toString()).filter("invoice_id = 'I1'").first().getAs("amount"));
    }

    private static void sheet(XSSFWorkbook wb, String name, CellStyle date, List<String> header,
            List<?>... rows) {
        XSSFSheet sheet = wb.createSheet(name);
        Row head = sheet.createRow(0);
        for (int i = 0; i < header.size(); i++) {
            head.createCell(i).setCellValue(header.get(i));
        }
        for (int r = 0; r < rows.length; r++) {
            Row row = sheet.createRow(r + 1);
            for (int i = 0; i < rows[r].size(); i++) {
                Object v = rows[r].get(i);
                if (v instanceof LocalDate d) {
                    row.createCell(i).setCellValue(d);
                    row.getCell(i).setCellStyle(date);
                } else if (v instanceof Double n) {
                    row.createCell(i).setCellValue(n);
                } else {
                    row.createCell(i).setCellValue((String) v);
                }
            }
        }
    }
}
