package io.arscope.ingest;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.function.IntUnaryOperator;

/**
 * Turns the bytes of one record of a file (a line, or several when a quoted field holds line breaks) into text in
 * its source's encoding, strictly. A byte the encoding does not define (a Latin-1 {@code é} in a UTF-8 file, a
 * cut-off multi-byte character) is reported rather than replaced by U+FFFD, so the record is rejected as
 * {@link RejectReason#BAD_ENCODING} instead of accepted with its text changed; so is a NUL, which no text export holds
 * (it marks a UTF-16 file or a damaged one), and a C1 control character (a Windows file read as ISO-8859-1). A
 * rejected record is shown with each such byte as {@code \xHH} and the rest as read. A byte order mark opening the
 * record is dropped: it opens each file glued into a concatenated export.
 */
final class LineDecoder implements Serializable {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String encoding;
    private transient CharsetDecoder decoder;

    /** @param encoding a charset name Java knows, such as UTF-8 or windows-1252 */
    LineDecoder(String encoding) {
        this.encoding = encoding;
    }

    /** A line as text, or, when it cannot be read, as shown in rejects with the problem that rejects it. */
    record Decoded(String text, FieldProblem problem) {
    }

    /**
     * @param record    the record's bytes, without the line break that ends it
     * @param firstLine the line it starts on, to name the line of a problem on another
     */
    Decoded decode(byte[] record, long firstLine) {
        String text;
        try {
            text = decoder().decode(ByteBuffer.wrap(record)).toString();
        } catch (CharacterCodingException e) {
            return shownWithBadBytes(record, firstLine);
        }
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        int control = firstControl(text);
        if (control < 0) {
            return new Decoded(text, null);
        }
        String read = text;
        Place at = Place.of(control, read::charAt, firstLine);
        String where = " at character " + at.column() + (at.line() == firstLine ? "" : " of line " + at.line());
        char c = text.charAt(control);
        if (c == '\0') {
            return new Decoded(shown(text), new FieldProblem(RejectReason.BAD_ENCODING, null, "a NUL character"
                    + where + ", which no text export holds: is the file UTF-16, or damaged?"));
        }
        // ISO-8859-1 reads bytes 0x80-0x9F as control characters; in a Windows export they are ’ “ ” – € and the
        // like, which would reach names and reminders as invisible characters.
        return new Decoded(shown(text), new FieldProblem(RejectReason.BAD_ENCODING, null, String.format(
                "a control character U+%04X%s, which no text export holds: %s", (int) c, where,
                Charset.forName(encoding).equals(java.nio.charset.StandardCharsets.ISO_8859_1)
                        ? "a file said to be ISO-8859-1 that has one is windows-1252 (set encoding: windows-1252)"
                        : "is the source's encoding (" + encoding + ") the file's?")));
    }

    /** Where the first {@link #control} character is, or -1. */
    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (control(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code c} is a NUL or a C1 control character (U+0080 to U+009F), which no text export holds. */
    private static boolean control(char c) {
        return c == '\0' || c >= '\u0080' && c <= '\u009F';
    }

    /** A rejected line as shown: a NUL as {@code \x00} and a C1 control as {@code \u0092}. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!control(c)) {
                out.append(c);
            } else {
                out.append(c == '\0' ? "\\x00" : String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    /** Decodes again, this time writing each byte the encoding does not define as {@code \xHH}. */
    private Decoded shownWithBadBytes(byte[] line, long firstLine) {
        CharsetDecoder d = decoder().reset();
        ByteBuffer in = ByteBuffer.wrap(line);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(line.length * (double) d.maxCharsPerByte()) + 1);
        StringBuilder shown = new StringBuilder();
        int firstBad = -1;
        String firstBytes = null;
        while (true) {
            CoderResult result = d.decode(in, out, true);
            shown.append(out.flip());
            out.clear();
            if (result.isUnderflow()) {
                break;
            }
            if (result.isError()) {
                if (firstBad < 0) {
                    firstBad = in.position();
                }
                StringBuilder bytes = new StringBuilder();
                for (int i = 0; i < result.length(); i++) {
                    bytes.append(String.format("\\x%02X", in.get() & 0xFF));
                }
                if (firstBytes == null) {
                    firstBytes = bytes.toString();
                }
                shown.append(bytes);
            }
        }
        d.flush(out);
        shown.append(out.flip());
        Place at = Place.of(firstBad, i -> line[i], firstLine);
        return new Decoded(shown(shown.toString()), new FieldProblem(RejectReason.BAD_ENCODING, null,
                "byte(s) " + firstBytes + " at byte " + at.column() + " of " + (at.line() == firstLine ? "the line"
                        : "line " + at.line()) + " are not " + encoding
                        + " (the source's encoding; set 'encoding' in its mapping if the file is in another)"));
    }

    /** Where in a record of several lines a byte or character is: its line, and its place in that line from 1. */
    private record Place(long line, int column) {
        static Place of(int index, IntUnaryOperator at, long firstLine) {
            long line = firstLine;
            int lineStart = 0;
            for (int i = 0; i < index; i++) {
                int c = at.applyAsInt(i);
                if (c == '\n' || c == '\r' && at.applyAsInt(i + 1) != '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new Place(line, index - lineStart + 1);
        }
    }

    private CharsetDecoder decoder() {
        if (decoder == null) {
            decoder = Charset.forName(encoding).newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        return decoder;
    }
}
