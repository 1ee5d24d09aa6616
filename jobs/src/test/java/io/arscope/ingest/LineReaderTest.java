package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.MappingException;
import io.arscope.ingest.mapping.SourceSpec;

/** A line of each format read into values by column name, before any mapping rule applies. */
class LineReaderTest {

    private static SourceSpec source(String options) throws MappingException {
        return Mapping.parse("sources:\n  - name: s\n    file: f\n" + options
                + "    produces:\n      disputes: {fields: {dispute_id: a, invoice_id: b, opened_date: c}}\n", "test")
                .sources().get(0);
    }

    /** The values in column order, so that missing ones (null) show too. */
    private static String shown(Map<String, String> values) {
        return new TreeMap<>(values).toString();
    }

    private static FieldProblem problem(LineReader reader, String line) {
        return assertThrows(FieldProblem.class, () -> reader.values(line));
    }

    @Test
    void aCsvFileStartsWithAHeaderUnlessTheMappingNamesItsColumns() throws MappingException {
        assertTrue(LineReader.startsWithHeader(source("")));
        assertFalse(LineReader.startsWithHeader(source("    columns: [a, b]\n")));
        assertFalse(LineReader.startsWithHeader(source("    format: jsonl\n")));
    }

    @Test
    void theHeaderNamesTheColumnsStripped() throws MappingException {
        assertEquals(List.of("Inv", "Cust", "Amt, USD"),
                LineReader.headerColumns(source(""), "Inv, Cust ,\"Amt, USD\""));
        assertEquals(List.of("a", "b"), LineReader.headerColumns(source("    delimiter: ';'\n"), "a;b"));
        assertEquals("field 2 has text after its closing quote (a quote inside a quoted field is written twice)",
                assertThrows(FieldProblem.class, () -> LineReader.headerColumns(source(""), "Inv,\"Cust\"omer"))
                        .getMessage());
    }

    /**
     * A NetSuite name padded with a no-break space (U+00A0), which {@link String#strip} keeps, would be a second
     * customer beside the same name without it: no-break spaces at either end go too, those inside stay.
     */
    @Test
    void noBreakSpacesAtEitherEndAreStrippedAsSpacesAre() throws MappingException {
        LineReader reader = new LineReader(source(""), List.of("a", "b", "c"));
        assertEquals("{a=CUST-0107 Harbour Foods Ltd, b=12\u00A0000, c=null}",
                shown(reader.values("CUST-0107 Harbour Foods Ltd\u00A0,\u202F12\u00A0000\u2007,\u00A0")));
        assertEquals(List.of("Name", "Amount"), LineReader.headerColumns(source(""), "\u00A0Name,Amount\u00A0"));
    }

    /** A source that never quotes reads a quote as the text it is, at a field's start or inside it. */
    @Test
    void aSourceThatNeverQuotesReadsAQuoteAsText() throws MappingException {
        LineReader reader = new LineReader(source("    delimiter: ';'\n    quotes: false\n"), List.of("a", "b", "c"));
        assertEquals("{a=x, b=\"damaged, c=12\" pipe}", shown(reader.values("x;\"damaged;12\" pipe")));
        assertEquals("{a=\"\", b=\"y\", c=null}", shown(reader.values("\"\";\"y\";")));
    }

    /** Rows without a quote are parsed to a line break, those with one to their end: both read the same. */
    @Test
    void aRowWithoutQuotesReadsAsOneWithQuotes() throws MappingException {
        LineReader reader = new LineReader(source(""), List.of("a", "b", "c"));
        assertEquals("{a=x, b=null, c=null}", shown(reader.values("x,,")));
        assertEquals("{a=x, b=null, c=null}", shown(reader.values("\"x\",,")));
        assertEquals("{a=x, b=y, c=z}", shown(reader.values(" x\t,y\u0000 ,z\r")));
        assertEquals("{a=x, b=y, c=z}", shown(reader.values(" \"x\"\t,y\u0000 ,z\r")));
        assertEquals("row has 4 fields, the header has 3", problem(reader, "w,x,y,z").getMessage());
        LineReader one = new LineReader(source(""), List.of("a"));
        assertEquals("{a=null}", shown(one.values(" \t\r")));
        assertEquals("{a=null}", shown(one.values(" \t\"\"\r")));
        assertEquals("{a=a\rb}", shown(one.values("a\rb")));
    }

    @Test
    void csvValuesAreStrippedEmptyIsMissingAndARepeatedColumnReadsItsFirst() throws MappingException {
        LineReader reader = new LineReader(source(""), List.of("Inv", "Cust", "Amt", "Inv"));
        assertEquals("{Amt=null, Cust=K1, Inv=A-1}", shown(reader.values(" A-1, K1 ,  ,B-2")));
        assertEquals("{Amt=1,5, Cust=null, Inv=A-2}", shown(reader.values("A-2,,\"1,5\",")));
    }

    @Test
    void aCsvLineOfTheWrongShapeIsMalformed() throws MappingException {
        LineReader reader = new LineReader(source(""), List.of("Inv", "Cust"));
        FieldProblem tooShort = problem(reader, "A-1");
        assertEquals(RejectReason.MALFORMED_ROW, tooShort.reason);
        assertNull(tooShort.field);
        assertEquals("row has 1 fields, the header has 2", tooShort.getMessage());
        assertEquals("field 1 has text after its closing quote (a quote inside a quoted field is written twice)",
                problem(reader, "\"A-1\"x,K1").getMessage());
        assertEquals("row has 3 fields, the header has 2", problem(reader, "A-1,K1,").getMessage());
        assertEquals("row has more than 512 fields", problem(reader, ",".repeat(600)).getMessage());
        assertEquals("row has 1 fields, the header has 2 (the row runs over 3 lines: a quoted field holds line "
                + "breaks)", problem(reader, "\"A-1\r\nK1\nK2\"").getMessage());
    }

    @Test
    void csvFieldsAreReadAsRfc4180Has() throws MappingException {
        LineReader reader = new LineReader(source(""), List.of("Inv", "Note", "Amt"));
        // A quoted field keeps its line breaks as written, a doubled quote is a quote, a quote inside an unquoted
        // field is text, a line starting with # is a row, and white space before an opening quote is skipped.
        assertEquals("{Amt=5\" screen, Inv=A-1, Note=two\r\nlines, \"quoted\"}",
                shown(reader.values("A-1,\"two\r\nlines, \"\"quoted\"\"\",5\" screen")));
        assertEquals("{Amt=x, Inv=#2, Note=a,b}", shown(reader.values("#2,  \"a,b\" ,x")));
        assertEquals("{Amt=null, Inv=null, Note=null}", shown(reader.values("\"\",,")));
    }

    @Test
    void jsonLinesValuesAreTheirTextNumbersWrittenPlain() throws MappingException {
        LineReader reader = new LineReader(source("    format: jsonl\n"), List.of());
        assertEquals("{Amt=20, Big=1500, Empty=null, Inv=A-2, Note=null, Paid=true, Rate=1.5}",
                shown(reader.values("{\"Inv\": \" A-2 \", \"Amt\": 20, \"Rate\": 1.50, \"Big\": 1.5E3, "
                        + "\"Paid\": true, \"Note\": null, \"Empty\": \"\"}")));
    }

    @Test
    void aJsonNumberWhosePlainFormIsHugeStaysAsWritten() throws MappingException {
        // Jackson's tree made 1E999999999 an infinite double, whose decimal value threw and ended the run; written
        // plainly it is a billion digits. The value parsers get it as written and reject it in an instant.
        LineReader reader = new LineReader(source("    format: jsonl\n"), List.of());
        assertEquals("{Huge=1E999999999, Tiny=1e-400, Wide=12345678901234567890123456789012345678901}",
                shown(reader.values("{\"Huge\": 1E999999999, \"Tiny\": 1e-400, "
                        + "\"Wide\": 12345678901234567890123456789012345678901}")));
    }

    @Test
    void aJsonLineThatIsNotOneFlatObjectIsMalformed() throws MappingException {
        LineReader reader = new LineReader(source("    format: jsonl\n"), List.of());
        FieldProblem nested = problem(reader, "{\"Inv\": {\"id\": 1}}");
        assertEquals(RejectReason.MALFORMED_ROW, nested.reason);
        assertEquals("Inv", nested.field);
        assertEquals("Inv holds a nested object or array; only flat rows are supported", nested.getMessage());
        assertEquals("a JSON Lines row must be one JSON object", problem(reader, "[1, 2]").getMessage());
        assertEquals("Inv appears twice in the object", problem(reader, "{\"Inv\": 1, \"Inv\": 2}").getMessage());
        assertEquals("text after the row's JSON object", problem(reader, "{\"Inv\": 1} {}").getMessage());
        FieldProblem broken = problem(reader, "{\"Inv\": ");
        assertEquals(RejectReason.MALFORMED_ROW, broken.reason);
        assertTrue(broken.getMessage().startsWith("not valid JSON: "), broken.getMessage());
    }

    @Test
    void onlyACsvSourceCanLackAColumnTheMappingNames() throws MappingException {
        List<String> named = List.of("Inv", "Paid", "Cust", "Flag");
        assertEquals(List.of("Paid", "Flag"), new LineReader(source(""), List.of("Cust", "Inv")).missing(named));
        assertEquals(List.of(), new LineReader(source("    format: jsonl\n"), List.of()).missing(named));
    }

    @Test
    void aDatabaseRowReadsAsALineWithTheSameValuesWould() {
        Map<String, String> row = new HashMap<>();
        row.put("a", " x ");
        row.put("b", "");
        row.put("c", null);
        assertEquals("{a=x, b=null, c=null}", shown(LineReader.values(row)));
    }
}
