package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.job.InputException;

/** A file's header checked against its mapping before any row is read ({@link SourceFiles#mapper}). */
class SourceHeaderTest {

    private static final LocalDate AS_OF = LocalDate.of(2024, 3, 31);

    private static SourceSpec source(String options) throws Exception {
        return Mapping.parse("sources:\n  - name: s\n    file: f.csv\n" + options
                + "    produces:\n      disputes: {fields: {dispute_id: Id, invoice_id: Invoice, opened_date: Date}}\n",
                "test").sources().get(0);
    }

    private static RecordFramer.Record header(byte[] bytes) {
        return new RecordFramer.Record(bytes, 1, false);
    }

    /**
     * NetSuite's saved searches can name two columns "Date" (created and transaction date): the mapping reading
     * "Date" would take the first, the wrong date on every row, without a word. The file is refused instead; a
     * column named twice that the mapping does not read is no one's concern.
     */
    @Test
    void aColumnTheMappingReadsThatTheHeaderNamesTwiceRefusesTheFile() throws Exception {
        InputException e = assertThrows(InputException.class, () -> SourceFiles.mapper(source(""), "export/f.csv",
                header("Date,Id,Invoice,Date,Memo,Memo".getBytes(StandardCharsets.UTF_8)), AS_OF,
                ValueBounds.DEFAULT));
        assertEquals("export/f.csv: the mapping (source 's') reads column(s) [Date] that the file names more than "
                + "once; its columns are [Date, Id, Invoice, Date, Memo, Memo]; rename them apart in the export",
                e.getMessage());
        assertEquals(List.of("Id", "Invoice", "Date"), SourceFiles.mapper(source(""), "export/f.csv",
                header("Id,Invoice,Date,Memo,Memo".getBytes(StandardCharsets.UTF_8)), AS_OF, ValueBounds.DEFAULT)
                .namedColumns());
    }

    /**
     * Excel's "Unicode text" and "UTF-16 CSV" exports: UTF-16 with a byte order mark either way round, or none. The
     * message says what the file is and what to save it as, not which bytes are not UTF-8.
     */
    @Test
    void aUtf16FileIsNamedAsSuchWithWhatToSaveItAs() throws Exception {
        String expected = "export/f.csv line 1: the file is UTF-16 text (Excel's \"Unicode text\" saves it so), "
                + "which Arscope does not read; save it as CSV UTF-8 and load it again";
        for (byte[] bytes : List.of("\uFEFFId,Invoice,Date".getBytes(StandardCharsets.UTF_16LE),
                "\uFEFFId,Invoice,Date".getBytes(StandardCharsets.UTF_16BE),
                "Id,Invoice,Date".getBytes(StandardCharsets.UTF_16LE))) {
            InputException e = assertThrows(InputException.class, () -> SourceFiles.mapper(source(""),
                    "export/f.csv", header(bytes), AS_OF, ValueBounds.DEFAULT));
            assertEquals(expected, e.getMessage());
        }
    }

    /**
     * A UTF-8 file with a byte order mark, read as windows-1252: the mark would be part of the first column's name
     * ("ï»¿Id") and every accented letter two wrong ones. The message says which encoding to set; read as UTF-8, the
     * mark is dropped.
     */
    @Test
    void aUtf8ByteOrderMarkUnderAnotherEncodingSaysWhichToSet() throws Exception {
        byte[] marked = ("\uFEFFId,Invoice,Date").getBytes(StandardCharsets.UTF_8);
        InputException e = assertThrows(InputException.class, () -> SourceFiles.mapper(
                source("    encoding: windows-1252\n"), "export/f.csv", header(marked), AS_OF, ValueBounds.DEFAULT));
        assertEquals("export/f.csv line 1: the file starts with a UTF-8 byte order mark, but the mapping (source 's') "
                + "reads it as windows-1252; set its encoding to UTF-8", e.getMessage());
    }
}
