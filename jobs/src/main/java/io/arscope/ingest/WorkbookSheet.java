package io.arscope.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidOperationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import io.arscope.job.InputException;
import io.arscope.run.CsvCells;

/**
 * One sheet of an Excel workbook (.xlsx) as rows of text, each numbered as Excel numbers it, so that the mapping
 * reads a workbook's rows exactly as it reads a CSV file's lines. A cell becomes the text a person would type for
 * it: a text cell its text; a number in plain notation to 15 significant digits, as Excel shows and saves it (a
 * formula's 1234.5600000000002 is 1234.56), with the source's decimal mark; a date cell its day as
 * {@value #DATE_FORMAT}, whatever format the cell shows (the mapping reads that form in every workbook source);
 * a formula its last computed value; TRUE or FALSE; an error its code ({@code #N/A}), which no field reads. The
 * sheet's XML is read as a stream by POI's event API, never built into a document tree, and POI's readers refuse
 * external entities and zip bombs; its rows, kept sparse, are held for the mapping.
 */
final class WorkbookSheet {

    /** The form of a date cell's text. */
    static final String DATE_FORMAT = "yyyy-MM-dd";

    /** Excel keeps 15 significant digits: more are the binary fraction's noise, which no amount holds. */
    private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    /**
     * A row of the sheet: its number (from 1, as Excel shows it) and the cells it holds, by column (from 0, in
     * order) and text. Kept sparse: a cell far to the right costs one entry, not the empty cells before it.
     */
    record SheetRow(long number, int[] columns, String[] values) implements Serializable {

        /** Whether no cell holds anything but white space. */
        boolean blank() {
            return Arrays.stream(values).allMatch(c -> c == null || c.isBlank());
        }

        /** The cell in column {@code i} (from 0), or null where the row holds none. */
        String cell(int i) {
            int at = Arrays.binarySearch(columns, i);
            return at >= 0 ? values[at] : null;
        }

        /** Every column to the row's last cell, null where it holds none. */
        String[] cells() {
            String[] dense = new String[columns.length == 0 ? 0 : columns[columns.length - 1] + 1];
            for (int k = 0; k < columns.length; k++) {
                dense[columns[k]] = values[k];
            }
            return dense;
        }

        /**
         * The row as a CSV line, which is how a rejected row is shown: its first {@value #SHOWN_COLUMNS} columns,
         * then how many cells lie beyond, if any (a hand-made file may put one at column XFD).
         */
        String asCsv() {
            // Built for every row, rejected or not, as a file's line is kept: one pass over the cells held.
            StringBuilder out = new StringBuilder();
            int commas = 0;
            int k = 0;
            for (; k < columns.length && columns[k] < SHOWN_COLUMNS; k++) {
                out.append(",".repeat(columns[k] - commas)).append(CsvCells.field(values[k]));
                commas = columns[k];
            }
            int beyond = columns.length - k;
            if (beyond == 0) {
                return out.toString();
            }
            return out.append(",".repeat(SHOWN_COLUMNS - 1 - commas)).append(" ... and ").append(beyond)
                    .append(" cell(s) beyond column ").append(SHOWN_COLUMNS).toString();
        }
    }

    /** The columns a rejected row shows. */
    static final int SHOWN_COLUMNS = 256;
    /** Excel's last column, XFD, from 0. */
    static final int LAST_COLUMN = 16_383;

    /** The sheet read: its name, as its tab shows it, and its rows. */
    record Sheet(String name, List<SheetRow> rows) {

        /**
         * How rows, rejects and the reconciliation name the sheet of the file shown so: {@code ledger.xlsx
         * [Payments]}. A control character, which Excel does not allow in a name but a hand-made file may hold, is
         * shown as {@code ?}, so that a name cannot break a log line or forge one.
         */
        String label(String shown) {
            return shown + " [" + name.replaceAll("\\p{Cntrl}", "?") + "]";
        }
    }

    private WorkbookSheet() {
    }

    /**
     * The sheet named {@code sheet} (the first when null) of the workbook at {@code file}, its rows in order; rows
     * the sheet does not hold are absent.
     *
     * @param shown            how messages name the file
     * @param decimalSeparator the decimal mark numbers are written with, as the source reads amounts
     * @throws InputException when the file is no xlsx workbook or has no such sheet
     */
    static Sheet read(Path file, String shown, String sheet, String decimalSeparator)
            throws InputException, IOException {
        FileMagic magic;
        try (InputStream in = FileMagic.prepareToCheckMagic(Files.newInputStream(file))) {
            magic = FileMagic.valueOf(in);
        }
        if (magic == FileMagic.OLE2) {
            throw new InputException(shown + ": the file is an Excel 97-2003 workbook (.xls) or a password-protected "
                    + "one, which Arscope does not read; save it as an unprotected .xlsx workbook or as CSV UTF-8");
        }
        if (magic == FileMagic.HTML || magic == FileMagic.XML) {
            // NetSuite's and SAP GUI's "Excel" downloads are often a web page or an Excel 2003 XML file named .xls.
            throw new InputException(shown + ": the file is " + (magic == FileMagic.HTML ? "a web page (HTML)"
                    : "XML text, such as an Excel 2003 XML spreadsheet") + ", not an .xlsx workbook, as some ERPs' "
                    + "Excel downloads are; open it in Excel and save it as .xlsx or as CSV UTF-8");
        }
        if (magic != FileMagic.OOXML) {
            throw new InputException(shown + ": the file is not an .xlsx workbook (the mapping's format is xlsx)");
        }
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            boolean date1904 = date1904(reader);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream data = sheets.next()) {
                    names.add(sheets.getSheetName());
                    if (sheet == null || sheet.equals(sheets.getSheetName())) {
                        Rows rows = new Rows(strings, styles, date1904, decimalSeparator);
                        parse(data, rows);
                        return new Sheet(sheets.getSheetName(), rows.rows);
                    }
                }
            }
            throw new InputException(shown + ": the workbook has no sheet '" + sheet + "'; its sheets are " + names);
        } catch (OpenXML4JException | IllegalArgumentException | IllegalStateException | SAXException | IOException
                | POIXMLException | InvalidOperationException e) {
            // A cut-off or hostile file (a zip bomb, an external entity) as much as a damaged one.
            throw new InputException(shown + ": the workbook cannot be read: " + e.getMessage()
                    + (e.getCause() != null && e.getCause() != e ? " (" + e.getCause().getMessage() + ")" : ""));
        }
    }

    /** Whether the workbook counts its dates from 1904, as Excel for the Mac once did, rather than from 1900. */
    private static boolean date1904(XSSFReader reader) throws IOException, OpenXML4JException, SAXException {
        boolean[] found = {false};
        try (InputStream workbook = reader.getWorkbookData()) {
            parse(workbook, new DefaultHandler() {
                @Override
                public void startElement(String uri, String local, String qName, Attributes a) {
                    if ("workbookPr".equals(local)) {
                        String v = a.getValue("date1904");
                        found[0] = "1".equals(v) || "true".equalsIgnoreCase(v);
                    }
                }
            });
        }
        return found[0];
    }

    private static void parse(InputStream xml, DefaultHandler handler) throws IOException, SAXException {
        XMLReader parser;
        try {
            parser = XMLHelper.newXMLReader();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser", e);
        }
        parser.setContentHandler(handler);
        parser.parse(new InputSource(xml));
    }

    /** Collects a sheet's rows from its XML (ECMA-376 part 1, 18.3: {@code row}, {@code c}, {@code v}, {@code is}). */
    private static final class Rows extends DefaultHandler {
        private final ReadOnlySharedStringsTable strings;
        private final StylesTable styles;
        private final boolean date1904;
        private final String decimalSeparator;
        final List<SheetRow> rows = new ArrayList<>();

        private long rowNumber;
        private final List<Integer> columns = new ArrayList<>();
        private final List<String> values = new ArrayList<>();
        private int column;
        private String type;
        private String style;
        private final StringBuilder text = new StringBuilder();
        private boolean inValue;
        private boolean inInlineText;
        private boolean inPhonetic;

        Rows(ReadOnlySharedStringsTable strings, StylesTable styles, boolean date1904, String decimalSeparator) {
            this.strings = strings;
            this.styles = styles;
            this.date1904 = date1904;
            this.decimalSeparator = decimalSeparator;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) {
            switch (local) {
                case "row" -> {
                    String r = a.getValue("r");
                    rowNumber = r != null ? Long.parseLong(r) : rowNumber + 1;
                    columns.clear();
                    values.clear();
                    column = -1;
                }
                case "c" -> {
                    String ref = a.getValue("r");
                    column = ref != null ? columnIndex(ref) : column + 1;
                    if (column > LAST_COLUMN || (!columns.isEmpty() && column <= columns.get(columns.size() - 1))) {
                        throw new IllegalArgumentException("row " + rowNumber + ": cell " + (ref != null ? ref
                                : "after " + columns.get(columns.size() - 1)) + " lies beyond Excel's last column, "
                                + "XFD, or before a cell it follows");
                    }
                    type = a.getValue("t");
                    style = a.getValue("s");
                    text.setLength(0);
                }
                case "v" -> inValue = true;
                // Phonetic guides (rPh) hold a reading of the text beside it, not text of the cell.
                case "rPh" -> inPhonetic = true;
                case "t" -> inInlineText = !inPhonetic;
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue || inInlineText) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            switch (local) {
                case "v" -> inValue = false;
                case "t" -> inInlineText = false;
                case "rPh" -> inPhonetic = false;
                case "c" -> {
                    String value = value(text.toString());
                    if (value != null) {
                        columns.add(column);
                        values.add(value);
                    }
                }
                case "row" -> rows.add(new SheetRow(rowNumber, columns.stream().mapToInt(Integer::intValue)
                        .toArray(), values.toArray(String[]::new)));
                default -> { }
            }
        }

        private String value(String raw) {
            if (raw.isEmpty()) {
                return null;
            }
            if (type == null || "n".equals(type)) {
                return number(raw);
            }
            return switch (type) {
                case "s" -> sharedString(Integer.parseInt(raw.trim()));
                case "b" -> "1".equals(raw.trim()) ? "TRUE" : "FALSE";
                // A date in ISO 8601 (strict Open XML): its day.
                case "d" -> raw.length() >= DATE_FORMAT.length() ? raw.substring(0, DATE_FORMAT.length()) : raw;
                // inlineStr, str (a formula's text) and e (an error's code) hold their text as it is.
                default -> raw;
            };
        }

        private String sharedString(int index) {
            if (index < 0 || index >= strings.getCount()) {
                throw new IllegalArgumentException("row " + rowNumber + " names text " + index + " of the "
                        + strings.getCount() + " the workbook holds");
            }
            return strings.getItemAt(index).getString();
        }

        private String number(String raw) {
            BoundedDecimal.Reading reading = BoundedDecimal.read(raw.trim());
            if (reading.kind() != BoundedDecimal.Kind.NUMBER) {
                // A hand-made file's 1E999999999 or junk: given as written, for the value parsers to reject.
                return raw;
            }
            BigDecimal n = reading.value();
            if (style != null && isDate(Integer.parseInt(style))) {
                double serial = n.doubleValue();
                if (DateUtil.isValidExcelDate(serial)) {
                    LocalDateTime when = DateUtil.getLocalDateTime(serial, date1904);
                    if (when != null) {
                        return when.toLocalDate().toString();
                    }
                }
            }
            String plain = n.round(EXCEL_DIGITS).stripTrailingZeros().toPlainString();
            return ".".equals(decimalSeparator) ? plain : plain.replace(".", decimalSeparator);
        }

        private boolean isDate(int styleIndex) {
            if (styles == null || styleIndex >= styles.getNumCellStyles()) {
                return false;
            }
            XSSFCellStyle s = styles.getStyleAt(styleIndex);
            return s != null && DateUtil.isADateFormat(s.getDataFormat(), s.getDataFormatString());
        }

        /** The column of a cell reference such as {@code AB12}, from 0. */
        private static int columnIndex(String ref) {
            int n = 0;
            // Past four letters a reference is beyond XFD whatever follows: stop before the count overflows.
            for (int i = 0; i < ref.length() && i < 4 && Character.isLetter(ref.charAt(i)); i++) {
                n = n * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            }
            return ref.length() > 4 && Character.isLetter(ref.charAt(4)) ? Integer.MAX_VALUE : n - 1;
        }
    }
}
