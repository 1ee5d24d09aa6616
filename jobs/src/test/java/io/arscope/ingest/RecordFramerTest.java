package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.MappingException;

/**
 * Where records start and end in a file's bytes and which line each starts on, read whole and read in byte ranges
 * cut at every possible place.
 */
class RecordFramerTest {

    private static RecordFramer framer(String options) throws MappingException {
        return RecordFramer.of(Mapping.parse("sources:\n  - name: s\n    file: f\n" + options
                + "    produces:\n      disputes: {fields: {dispute_id: a, invoice_id: b, opened_date: c}}\n", "test")
                .sources().get(0));
    }

    private static final RecordFramer CSV;

    static {
        try {
            CSV = framer("");
        } catch (MappingException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Each record as line:text, line breaks written \r and \n, and "(open)" after one whose quote never closed. */
    private static List<String> shown(List<RecordFramer.Record> records) {
        return records.stream().map(r -> r.line() + ":" + new String(r.bytes(), StandardCharsets.UTF_8)
                .replace("\r", "\\r").replace("\n", "\\n") + (r.quoteLeftOpen() ? " (open)" : "")).toList();
    }

    private static List<RecordFramer.Record> whole(RecordFramer framer, byte[] file) throws IOException {
        return range(framer, file, 0, Long.MAX_VALUE, RecordFramer.RECORD_START, 1);
    }

    private static List<RecordFramer.Record> range(RecordFramer framer, byte[] file, int start, long length,
            int state, long firstLine) throws IOException {
        boolean previous = start > 0;
        RecordFramer.Reader reader = framer.reader(new ByteArrayInputStream(file, previous ? start - 1 : 0,
                file.length), previous, length, state, firstLine);
        List<RecordFramer.Record> records = new ArrayList<>();
        for (RecordFramer.Record r = reader.next(); r != null; r = reader.next()) {
            records.add(r);
        }
        return records;
    }

    /** The file read as the job reads it in ranges of {@code size} bytes: summaries chained, then each range read. */
    private static List<RecordFramer.Record> inRanges(RecordFramer framer, byte[] file, int size) throws IOException {
        List<RecordFramer.Record> records = new ArrayList<>();
        int state = RecordFramer.RECORD_START;
        long line = 1;
        for (int start = 0; start == 0 || start < file.length; start += size) {
            int length = Math.min(size, file.length - start);
            records.addAll(range(framer, file, start, length, state, line));
            boolean previous = start > 0;
            RecordFramer.Summary summary = framer.summarize(new ByteArrayInputStream(file, previous ? start - 1 : 0,
                    file.length), previous, length);
            state = summary.endStates()[state];
            line += summary.lineBreaks();
        }
        return records;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aQuotedFieldHoldsLineBreaksOfEveryKindAndTheNextRecordKnowsItsLine() throws IOException {
        byte[] file = utf8("id,note\r\nA1,\"two\nlines\"\r\nA2,\"cr\rinside\"\nA3,\"crlf\r\ninside\"\nA4,x\n");
        assertEquals(List.of("1:id,note", "2:A1,\"two\\nlines\"", "4:A2,\"cr\\rinside\"", "6:A3,\"crlf\\r\\ninside\"",
                "8:A4,x"), shown(whole(CSV, file)));
    }

    @Test
    void doubledQuotesStayInsideTheFieldAndAQuoteInsideAnUnquotedFieldIsText() throws IOException {
        byte[] file = utf8("A5,\"say \"\"hi\nthere\"\"\",1\nB1,5\" screen,2\nB2,\"\",3");
        assertEquals(List.of("1:A5,\"say \"\"hi\\nthere\"\"\",1", "3:B1,5\" screen,2", "4:B2,\"\",3"),
                shown(whole(CSV, file)));
    }

    @Test
    void aByteOrderMarkOrWhiteSpaceBeforeAnOpeningQuoteLeavesItOpening() throws IOException, MappingException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = utf8("\"a,\nb\",c\n \t\"d\ne\",f\n");
        byte[] file = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, file, 0, 3);
        System.arraycopy(text, 0, file, 3, text.length);
        assertEquals(List.of("1:\uFEFF\"a,\\nb\",c", "3: \t\"d\\ne\",f"), shown(whole(CSV, file)));
        // In another encoding those bytes are text: the quote after them is inside a field, and no quote opens.
        assertEquals(3, whole(framer("    encoding: windows-1252\n"), file).size());
    }

    @Test
    void blankLinesAreRecordsOfTheirOwnAndAFinalLineBreakEndsNothing() throws IOException {
        assertEquals(List.of("1:a", "2:", "3: ", "4:", "5:b"), shown(whole(CSV, utf8("a\n\n \r\n\rb\r\n"))));
        assertEquals(List.of("1:a", "2:b"), shown(whole(CSV, utf8("a\rb\r"))));
        assertEquals(List.of(), whole(CSV, new byte[0]));
    }

    @Test
    void aQuoteThatNeverClosesRunsToTheEndOfTheFile() throws IOException {
        List<RecordFramer.Record> records = whole(CSV, utf8("a,b\nc,\"open\nd,e\r\n"));
        assertEquals(List.of("1:a,b", "2:c,\"open\\nd,e\\r\\n (open)"), shown(records));
        assertEquals(3, records.get(1).lastLine());
    }

    @Test
    void jsonLinesRecordsAreLinesWhateverTheirQuotes() throws IOException, MappingException {
        assertEquals(List.of("1:{\"a\": \"x,\\\"\"}", "2:{\"b\": \"\"}"),
                shown(whole(framer("    format: jsonl\n"), utf8("{\"a\": \"x,\\\"\"}\n{\"b\": \"\"}\n"))));
    }

    @Test
    void readInRangesCutAnywhereEveryRecordIsReadOnceWhole() throws IOException {
        // Every cut: inside a quoted line break (CR LF split), inside a doubled quote, in a BOM, in a plain CR LF.
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = utf8("\"h,1\",h2\r\nA1,\"x\r\n\"\"y\"\"\r\nz\"\r\n\rA2,\"\"\r\n\"B\n\",5\" tv\n\"C\",\"open\n");
        byte[] file = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, file, 0, 3);
        System.arraycopy(text, 0, file, 3, text.length);
        List<String> expected = List.of("1:\uFEFF\"h,1\",h2", "2:A1,\"x\\r\\n\"\"y\"\"\\r\\nz\"", "5:", "6:A2,\"\"",
                "7:\"B\\n\",5\" tv", "9:\"C\",\"open\\n (open)");
        assertEquals(expected, shown(whole(CSV, file)));
        for (int size = 1; size <= file.length; size++) {
            assertEquals(expected, shown(inRanges(CSV, file, size)), "ranges of " + size + " bytes");
        }
    }

    @Test
    void theMappingRefusesAnEncodingOrDelimiterWhoseBytesCouldNotBeFramed() throws MappingException {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                sources:
                  - file: a.csv
                    encoding: Shift_JIS
                    delimiter: '|'
                    produces: {customers: {fields: {customer_id: id}}}
                  - file: b.csv
                    encoding: ISO-2022-JP
                    produces: {customers: {fields: {customer_id: id}}}
                  - file: c.csv
                    delimiter: '§'
                    produces: {customers: {fields: {customer_id: id}}}
                """, "enc.yaml"));
        assertEquals("""
                mapping enc.yaml has 3 problem(s):
                  - source 'a.csv': encoding 'Shift_JIS' writes the byte of '|' inside other characters too, so \
                records cannot be found in the file's bytes; use another delimiter, or convert the file to UTF-8
                  - source 'b.csv': encoding 'ISO-2022-JP' writes the byte of '"' and ',' inside other characters \
                too, so records cannot be found in the file's bytes; use another delimiter, or convert the file to \
                UTF-8
                  - source 'c.csv': delimiter must be an ASCII character other than a quote or a line break, was \
                '§'""", e.getMessage());
        // Shift_JIS with a delimiter it never hides is read.
        assertEquals("Shift_JIS", Mapping.parse("sources: [{file: a.csv, encoding: Shift_JIS, delimiter: ';', "
                + "produces: {customers: {fields: {customer_id: id}}}}]", "ok.yaml").sources().get(0).encoding());
    }

    /**
     * A source that never quotes (SAP's downloads, {@code quotes: false}): a quote in a text field is text, so every
     * line is a record of its own, where a quoting source joins lines up to the next quote.
     */
    @Test
    void aSourceThatNeverQuotesEndsEveryRecordAtItsLineBreak() throws Exception {
        byte[] file = "a;\"damaged;1\r\nb;12\" pipe;2\nc;x;3\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("1:a;\"damaged;1", "2:b;12\" pipe;2", "3:c;x;3"),
                shown(whole(framer("    delimiter: ';'\n    quotes: false\n"), file)));
        // Quoting, the quote of "12\" pipe" closes the one before it: two lines one record, rejected as one row.
        assertEquals(List.of("1:a;\"damaged;1\\r\\nb;12\" pipe;2", "3:c;x;3"),
                shown(whole(framer("    delimiter: ';'\n"), file)));
    }
}
