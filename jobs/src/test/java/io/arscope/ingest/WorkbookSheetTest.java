package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.InputException;

/** Cells of hand-made workbooks read as the text a person would type for them, rows numbered as Excel shows them. */
class WorkbookSheetTest {

    @TempDir
    Path dir;

    private Path save(Workbook wb, String name) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        wb.close();
        return file;
    }

    private static CellStyle format(Workbook wb, String format) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(wb.createDataFormat().getFormat(format));
        return s;
    }

    /**
     * Row 1 a header; row 2 left out (Excel writes no empty row); row 3 a date shown as 03/15/24, a formula whose
     * double is 0.30000000000000004, an amount shown as (1,250.00), a number id, a flag and an error; row 5 text
     * with a gap before it.
     */
    @Test
    void cellsReadAsTheirValuesAndRowsKeepExcelsNumbers() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        XSSFSheet sheet = wb.createSheet("Invoices");
        Row header = sheet.createRow(0);
        List.of("Date", "Noise", "Amount", "Num", "Paid", "Check").forEach(h -> header.createCell(header
                .getPhysicalNumberOfCells()).setCellValue(h));
        Row r = sheet.createRow(2);
        Cell date = r.createCell(0);
        date.setCellValue(LocalDate.of(2024, 3, 15));
        date.setCellStyle(format(wb, "mm/dd/yy"));
        r.createCell(1).setCellFormula("0.1+0.2");
        Cell amount = r.createCell(2);
        amount.setCellValue(-1250);
        amount.setCellStyle(format(wb, "#,##0.00;(#,##0.00)"));
        r.createCell(3).setCellValue(1001);
        r.createCell(4).setCellValue(true);
        r.createCell(5).setCellFormula("NA()");
        Row text = sheet.createRow(4);
        text.createCell(2).setCellValue("  Dunmore & Sons ");
        wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        WorkbookSheet.Sheet read = WorkbookSheet.read(save(wb, "a.xlsx"), "a.xlsx", null, ".");
        assertEquals("Invoices", read.name());
        List<WorkbookSheet.SheetRow> rows = read.rows();
        assertEquals(List.of(1L, 3L, 5L), rows.stream().map(WorkbookSheet.SheetRow::number).toList());
        assertArrayEquals(new String[] {"2024-03-15", "0.3", "-1250", "1001", "TRUE", "#N/A"}, rows.get(1).cells());
        assertArrayEquals(new String[] {null, null, "  Dunmore & Sons "}, rows.get(2).cells());
        assertEquals(",,  Dunmore & Sons ", rows.get(2).asCsv());
    }

    /**
     * A date that lost its format reads as the serial number it holds, as in a CSV saved from it; a workbook
     * counting from 1904 still gives the day shown; amounts take the source's decimal mark; the largest amount a
     * ledger holds keeps every digit.
     */
    @Test
    void serialsThe1904SystemDecimalCommasAndFifteenDigits() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        var properties = wb.getCTWorkbook();
        (properties.isSetWorkbookPr() ? properties.getWorkbookPr() : properties.addNewWorkbookPr()).setDate1904(true);
        XSSFSheet sheet = wb.createSheet("S");
        Row r = sheet.createRow(0);
        Cell shown = r.createCell(0);
        shown.setCellValue(LocalDate.of(2024, 3, 1));
        shown.setCellStyle(format(wb, "d.m.yyyy"));
        r.createCell(1).setCellValue(45352);
        r.createCell(2).setCellValue(1234.56);
        r.createCell(3).setCellValue(999_999_999_999.99);
        List<WorkbookSheet.SheetRow> rows = WorkbookSheet.read(save(wb, "b.xlsx"), "b.xlsx", null, ",").rows();
        assertArrayEquals(new String[] {"2024-03-01", "45352", "1234,56", "999999999999,99"}, rows.get(0).cells());
    }

    /** The sheet named is read; one the workbook lacks is named with the sheets it has. */
    @Test
    void aSheetIsChosenByItsName() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        wb.createSheet("Summary").createRow(0).createCell(0).setCellValue("totals");
        wb.createSheet("Detail").createRow(6).createCell(1).setCellValue("INV-1");
        Path file = save(wb, "c.xlsx");
        assertArrayEquals(new String[] {"totals"}, WorkbookSheet.read(file, "c.xlsx", null, ".").rows().get(0)
                .cells());
        WorkbookSheet.SheetRow detail = WorkbookSheet.read(file, "c.xlsx", "Detail", ".").rows().get(0);
        assertEquals(7, detail.number());
        assertArrayEquals(new String[] {null, "INV-1"}, detail.cells());
        InputException e = assertThrows(InputException.class, () -> WorkbookSheet.read(file, "c.xlsx", "Aging",
                "."));
        assertEquals("c.xlsx: the workbook has no sheet 'Aging'; its sheets are [Summary, Detail]", e.getMessage());
    }

    /** The workbook with its first sheet's XML replaced by {@code xml}. */
    private Path withSheetXml(String name, String xml) throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook();
        wb.createSheet("S").createRow(0).createCell(0).setCellValue("x");
        Path plain = save(wb, "plain-" + name);
        Path edited = dir.resolve(name);
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(plain));
                var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(edited))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                out.write(entry.getName().equals("xl/worksheets/sheet1.xml")
                        ? xml.getBytes(java.nio.charset.StandardCharsets.UTF_8) : in.readAllBytes());
                out.closeEntry();
            }
        }
        return edited;
    }

    /**
     * Hostile workbooks stop the ingest with a message, never with a file's contents read: an external entity, a
     * shared string that does not exist, a cut-off file, a sheet that inflates a thousandfold. A number of a billion
     * digits is passed on as written, never expanded, for the value parsers to reject.
     */
    @Test
    void hostileWorkbooksAreRefused() throws Exception {
        String head = "<?xml version=\"1.0\"?>";
        String ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
        Path entity = withSheetXml("xxe.xlsx", head + "<!DOCTYPE w [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
                + "<worksheet " + ns + "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c>"
                + "</row></sheetData></worksheet>");
        String xxe = assertThrows(InputException.class, () -> WorkbookSheet.read(entity, "xxe.xlsx", null, "."))
                .getMessage();
        assertTrue(xxe.startsWith("xxe.xlsx: the workbook cannot be read: DOCTYPE is disallowed"), xxe);
        Path missing = withSheetXml("strings.xlsx", head + "<worksheet " + ns + "><sheetData><row r=\"1\">"
                + "<c r=\"A1\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>");
        String strings = assertThrows(InputException.class, () -> WorkbookSheet.read(missing, "strings.xlsx", null,
                ".")).getMessage();
        assertEquals("strings.xlsx: the workbook cannot be read: row 1 names text 7 of the 1 the workbook holds",
                strings);
        Path huge = withSheetXml("huge.xlsx", head + "<worksheet " + ns + "><sheetData><row r=\"1\"><c r=\"A1\">"
                + "<v>1E999999999</v></c><c r=\"B1\"><v>12abc</v></c><c r=\"C1\"><v>1.5E3</v></c></row></sheetData>"
                + "</worksheet>");
        assertArrayEquals(new String[] {"1E999999999", "12abc", "1500"}, WorkbookSheet.read(huge, "huge.xlsx", null,
                ".").rows().get(0).cells());
        // A cell at XFD, Excel's last column, costs one entry, and a reject shows the first 256 columns.
        Path far = withSheetXml("far.xlsx", head + "<worksheet " + ns + "><sheetData><row r=\"1\"><c r=\"A1\" "
                + "t=\"inlineStr\"><is><t>I1</t></is></c><c r=\"XFD1\"><v>5</v></c></row></sheetData></worksheet>");
        WorkbookSheet.SheetRow farRow = WorkbookSheet.read(far, "far.xlsx", null, ".").rows().get(0);
        assertEquals("5", farRow.cell(16_383));
        assertEquals(null, farRow.cell(1));
        assertEquals("I1" + ",".repeat(255) + " ... and 1 cell(s) beyond column 256", farRow.asCsv());
        for (String ref : List.of("XFE1", "AAAAAAA1")) {
            Path beyond = withSheetXml("beyond.xlsx", head + "<worksheet " + ns + "><sheetData><row r=\"1\">"
                    + "<c r=\"" + ref + "\"><v>5</v></c></row></sheetData></worksheet>");
            assertEquals("beyond.xlsx: the workbook cannot be read: row 1: cell " + ref + " lies beyond Excel's last "
                    + "column, XFD, or before a cell it follows", assertThrows(InputException.class,
                    () -> WorkbookSheet.read(beyond, "beyond.xlsx", null, ".")).getMessage());
        }
        Path whole = withSheetXml("whole.xlsx", head + "<worksheet " + ns + "><sheetData/></worksheet>");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.xlsx"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        String truncated = assertThrows(InputException.class, () -> WorkbookSheet.read(cut, "cut.xlsx", null, "."))
                .getMessage();
        assertTrue(truncated.startsWith("cut.xlsx: the workbook cannot be read: ") && truncated.endsWith(
                "(Truncated ZIP file)"), truncated);
        Path bomb = withSheetXml("bomb.xlsx", head + "<worksheet " + ns + "><sheetData>" + " ".repeat(20_000_000)
                + "</sheetData></worksheet>");
        String inflated = assertThrows(InputException.class, () -> WorkbookSheet.read(bomb, "bomb.xlsx", null, "."))
                .getMessage();
        assertTrue(inflated.startsWith("bomb.xlsx: the workbook cannot be read: Zip bomb detected!"), inflated);
    }

    /** A sheet is named after its file; a line break in a hand-made name cannot forge a log line. */
    @Test
    void aSheetsLabelNamesItsFileAndCannotBreakALine() {
        assertEquals("ledger.xlsx [Payments]", new WorkbookSheet.Sheet("Payments", List.of()).label("ledger.xlsx"));
        assertEquals("ledger.xlsx [Pay?INFO ok]", new WorkbookSheet.Sheet("Pay\nINFO ok", List.of())
                .label("ledger.xlsx"));
    }

    /** An .xls workbook, a web page or XML named .xls, and a text file are refused with what they are. */
    @Test
    void whatIsNoXlsxWorkbookIsRefusedSayingWhatItIs() throws Exception {
        HSSFWorkbook xls = new HSSFWorkbook();
        xls.createSheet("S").createRow(0).createCell(0).setCellValue("x");
        Path old = save(xls, "old.xls");
        assertEquals("old.xls: the file is an Excel 97-2003 workbook (.xls) or a password-protected one, which "
                + "Arscope does not read; save it as an unprotected .xlsx workbook or as CSV UTF-8",
                assertThrows(InputException.class, () -> WorkbookSheet.read(old, "old.xls", null, ".")).getMessage());
        Path page = Files.writeString(dir.resolve("SavedSearch.xls"), "<html><body><table><tr><td>Internal ID</td>"
                + "</tr></table></body></html>");
        assertEquals("SavedSearch.xls: the file is a web page (HTML), not an .xlsx workbook, as some ERPs' Excel "
                + "downloads are; open it in Excel and save it as .xlsx or as CSV UTF-8", assertThrows(
                InputException.class, () -> WorkbookSheet.read(page, "SavedSearch.xls", null, ".")).getMessage());
        Path xml = Files.writeString(dir.resolve("export.xls"), "<?xml version=\"1.0\"?>\n<Workbook xmlns="
                + "\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet/></Workbook>");
        assertEquals("export.xls: the file is XML text, such as an Excel 2003 XML spreadsheet, not an .xlsx workbook, "
                + "as some ERPs' Excel downloads are; open it in Excel and save it as .xlsx or as CSV UTF-8",
                assertThrows(InputException.class, () -> WorkbookSheet.read(xml, "export.xls", null, "."))
                        .getMessage());
        Path csv = Files.writeString(dir.resolve("renamed.xlsx"), "invoice_id,amount\nI1,10.00\n");
        assertEquals("renamed.xlsx: the file is not an .xlsx workbook (the mapping's format is xlsx)",
                assertThrows(InputException.class, () -> WorkbookSheet.read(csv, "renamed.xlsx", null, "."))
                        .getMessage());
    }
}
