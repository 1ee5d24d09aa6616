package io.arscope.worklist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

import io.arscope.job.Column;

/**
 * The collectors' workbook ({@code worklist.xlsx}): a sheet per collector holding that collector's invoice rows in
 * the order of its CSV (collection queue, then disputes; customers and invoices in rank order), under a frozen
 * header row with filters. Cells are typed: text as text (a customer named {@code =1+1} is that text, never a
 * formula), amounts as numbers formatted {@code #,##0.00} beside their currency, dates as dates, probabilities as
 * whole percentages, counts
 * and days as whole numbers, flags as TRUE/FALSE; an empty value is an empty cell. Streamed (SXSSF): only a window
 * of rows is in memory, the rest in a temporary file until the workbook is written.
 */
public final class WorklistWorkbook implements AutoCloseable {

    /** The columns of a sheet: those of {@link WorklistTables#INVOICES} but the collector, which the sheet is. */
    public static final List<Column<?>> COLUMNS = WorklistTables.INVOICES.columns().stream()
            .filter(c -> !c.equals(WorklistTables.COLLECTOR)).toList();
    /** The longest text a cell holds. */
    static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    /** Rows a sheet holds under its header. */
    static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;
    private static final int ROWS_IN_MEMORY = 500;

    private final SXSSFWorkbook book = new SXSSFWorkbook(ROWS_IN_MEMORY);
    private final Map<String, String> sheetNames;
    private final CellStyle header;
    private final CellStyle money;
    private final CellStyle date;
    private final CellStyle percent;
    private final CellStyle decimal;
    private final CellStyle whole;
    /**
     * The workbook's default style, set on text and yes/no cells all the same: a cell without a style makes POI
     * look up its column's default style in the sheet's XML on every write, which took most of the workbook's time.
     */
    private final CellStyle plain;

    /** @param sheetNames the sheet of each collector ({@link io.arscope.run.SheetNames}) */
    public WorklistWorkbook(Map<String, String> sheetNames) {
        this.sheetNames = Map.copyOf(sheetNames);
        book.setCompressTempFiles(true);
        Font bold = book.createFont();
        bold.setBold(true);
        header = book.createCellStyle();
        header.setFont(bold);
        money = format("#,##0.00");
        date = format("yyyy-mm-dd");
        percent = format("0%");
        decimal = format("0.00");
        whole = format("0");
        plain = book.getCellStyleAt(0);
    }

    private CellStyle format(String pattern) {
        CellStyle style = book.createCellStyle();
        style.setDataFormat(book.createDataFormat().getFormat(pattern));
        return style;
    }

    /**
     * Adds the collector's sheet.
     *
     * @return the invoice rows written
     */
    public long add(CollectorQueue queue) {
        String name = sheetNames.get(queue.collector());
        if (name == null) {
            throw new IllegalStateException("no sheet name for the collector " + queue.collector());
        }
        long invoices = queue.invoiceCount();
        if (invoices > MAX_ROWS) {
            throw new IllegalStateException("collector " + queue.collector() + " has " + invoices + " open invoices, "
                    + "more than the " + MAX_ROWS + " rows a sheet holds; use the collector's CSV instead");
        }
        SXSSFSheet sheet = book.createSheet(name);
        SXSSFRow top = sheet.createRow(0);
        for (int c = 0; c < COLUMNS.size(); c++) {
            SXSSFCell cell = top.createCell(c);
            cell.setCellValue(COLUMNS.get(c).name());
            cell.setCellStyle(header);
            sheet.setColumnWidth(c, 256 * width(COLUMNS.get(c)));
        }
        int r = 0;
        for (CollectorQueue.Customer customer : queue.customers()) {
            for (Row invoice : customer.invoices()) {
                r++;
                SXSSFRow row = sheet.createRow(r);
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Object value = invoice.get(invoice.fieldIndex(COLUMNS.get(c).name()));
                    if (value != null) {
                        set(row.createCell(c), COLUMNS.get(c), value);
                    }
                }
            }
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, r, 0, COLUMNS.size() - 1));
        return r;
    }

    private void set(SXSSFCell cell, Column<?> column, Object value) {
        if (column.type() instanceof DecimalType) {
            // An amount of 18 digits with 2 decimals; a double holds each cent exactly up to 2^53 cents.
            cell.setCellValue(((BigDecimal) value).doubleValue());
            cell.setCellStyle(money);
        } else if (column.type().equals(DataTypes.DateType)) {
            cell.setCellValue((LocalDate) value);
            cell.setCellStyle(date);
        } else if (column.type().equals(DataTypes.DoubleType)) {
            cell.setCellValue((Double) value);
            cell.setCellStyle(column.equals(WorklistTables.PROBABILITY_LATE) ? percent : decimal);
        } else if (column.type().equals(DataTypes.IntegerType)) {
            cell.setCellValue((Integer) value);
            cell.setCellStyle(whole);
        } else if (column.type().equals(DataTypes.BooleanType)) {
            cell.setCellValue((Boolean) value);
            cell.setCellStyle(plain);
        } else {
            cell.setCellValue(fitted((String) value));
            cell.setCellStyle(plain);
        }
    }

    /**
     * The text as a cell holds it: one longer than Excel's {@value #MAX_TEXT} characters (a name that swallowed the
     * lines after an unclosed quote, say) is cut, saying so and where it is whole, rather than withholding the day's
     * worklist for one cell.
     */
    static String fitted(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        String note = String.format(Locale.ROOT, " [cut from %,d characters; the CSV holds it whole]", text.length());
        int end = MAX_TEXT - note.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + note;
    }

    /** A column's width in characters. */
    private static int width(Column<?> column) {
        if (column.type().equals(DataTypes.StringType)) {
            return List.of(WorklistTables.CUSTOMER_NAME, WorklistTables.NEXT_ACTION, WorklistTables.REASON_1,
                    WorklistTables.REASON_2, WorklistTables.REASON_3).contains(column) ? 36 : 16;
        }
        return 14;
    }

    /**
     * Writes the workbook so that the same worklist gives the same bytes: its creation date is the worklist's day
     * and every entry of the zip carries that day's midnight as its time. POI stamps both with the clock, and a
     * resumed or repeated run must write what a clean run wrote.
     */
    public void write(OutputStream out, LocalDate day) throws IOException {
        book.getXSSFWorkbook().getProperties().getCoreProperties()
                .setCreated(Optional.of(Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant())));
        java.nio.file.Path written = Files.createTempFile("arscope-worklist", ".xlsx");
        try {
            try (OutputStream file = Files.newOutputStream(written)) {
                book.write(file);
            }
            try (ZipFile in = new ZipFile(written.toFile())) {
                // Finished, not closed: the stream is the caller's to close.
                ZipOutputStream zip = new ZipOutputStream(out);
                for (ZipEntry entry : Collections.list(in.entries())) {
                    ZipEntry fixed = new ZipEntry(entry.getName());
                    fixed.setTimeLocal(day.atStartOfDay());
                    zip.putNextEntry(fixed);
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(zip);
                    }
                    zip.closeEntry();
                }
                zip.finish();
            }
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /** Deletes the temporary files. */
    @Override
    public void close() throws IOException {
        try {
            book.dispose();
        } finally {
            book.close();
        }
    }
}
