package io.arscope.worklist;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
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

    private final DatedWorkbook book = new DatedWorkbook();
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
        // A zip entry's time is a local date and time: midnight where the JVM runs is 00:00 in every time zone.
        book.entryTime = day.atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli();
        // POI finishes the zip without closing the stream, which is the caller's to close.
        book.write(out);
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

    /**
     * A streamed workbook whose zip entries all carry one time. POI stamps each entry as it writes it; setting the time
     * there spares writing the workbook once and then compressing all of it again to restamp it.
     */
    private static final class DatedWorkbook extends SXSSFWorkbook {
        private static final int BUFFER = 1 << 16;
        private long entryTime;

        DatedWorkbook() {
            super(ROWS_IN_MEMORY);
        }

        /**
         * Sheets wait in temporary files compressed at the fastest level: uncompressed they take about 1.6 KB a row
         * (280 MB for 175,000 rows), and POI's own compression ({@code setCompressTempFiles}) took as long as
         * writing the rows.
         */
        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            return new SheetDataWriter() {
                @Override
                protected OutputStream decorateOutputStream(FileOutputStream file) {
                    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
                    return new DeflaterOutputStream(file, deflater, BUFFER) {
                        @Override
                        public void close() throws IOException {
                            try {
                                super.close();
                            } finally {
                                deflater.end();
                            }
                        }
                    };
                }

                @Override
                protected InputStream decorateInputStream(FileInputStream file) {
                    Inflater inflater = new Inflater();
                    return new InflaterInputStream(file, inflater, BUFFER) {
                        @Override
                        public void close() throws IOException {
                            try {
                                super.close();
                            } finally {
                                inflater.end();
                            }
                        }
                    };
                }
            };
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out) {
                @Override
                public void putArchiveEntry(ArchiveEntry entry) throws IOException {
                    ((ZipArchiveEntry) entry).setTime(entryTime);
                    super.putArchiveEntry(entry);
                }
            };
            // Plain zip, as Excel writes: a sheet holds at most a million rows, far under zip's 4 GB an entry, and
            // POI's zip64 headers on a stream break readers such as Java's own ZipInputStream.
            zip.setUseZip64(Zip64Mode.Never);
            return zip;
        }
    }
}
