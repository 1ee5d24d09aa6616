package io.arscope.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.arscope.ingest.mapping.SourceSpec;

/**
 * Finds where each record of a source file starts and ends, in the file's bytes, before they are decoded, and the
 * line each starts on (as an editor numbers lines: a line break is LF, CR LF or a lone CR).
 *
 * <p>A line break ends a record unless it is inside a quoted CSV field, as RFC 4180 has it. The quote rules are
 * those of the parser that then splits the record into fields ({@link LineReader}, univocity): a quote opens a
 * field only at its start, after white space if any; inside, two quotes are one; anywhere else a quote is text. A
 * UTF-8 byte order mark opening a record is no part of its first field. JSON Lines records are lines. Bytes suffice
 * because every encoding a mapping accepts writes quotes, delimiters and line breaks as their ASCII bytes and uses
 * those bytes for nothing else (see Mapping), so a byte the encoding rejects cannot move a record's end either.
 *
 * <p>A large file is read in parallel, in byte ranges ({@link FileSplits}). Whether a range starts inside a quoted
 * field depends on all the bytes before it, so {@link #summarize} tells, for each state the range's first byte
 * might be read in, the state after its last, and how many line breaks it holds; chained from the file's start,
 * the summaries give every range its true state and first line number, from which {@link #reader} reads exactly
 * the records that start inside the range, finishing the last one past the range's end.
 */
final class RecordFramer implements Serializable {

    /** The previous byte ended a record, or the file starts here. */
    static final int RECORD_START = 0;
    private static final int FIELD_START = 1;
    private static final int UNQUOTED = 2;
    private static final int QUOTED = 3;
    /** A quote inside a quoted field: the field's end, or the first of two that are one quote. */
    private static final int QUOTE_IN_QUOTED = 4;
    /** A CR ended a record; an LF right after it is part of that line break. */
    private static final int AFTER_CR = 5;
    private static final int AFTER_BOM_1 = 6;
    private static final int AFTER_BOM_2 = 7;
    static final int STATES = 8;

    private static final int STATE = 0x0F;
    /** The byte is a line break that ends a record. */
    private static final int ENDS = 0x10;
    /** The byte is the LF of a CR LF whose CR ended a record. */
    private static final int SKIP = 0x20;
    private static final int BUFFER = 1 << 16;

    /** One record: its bytes without the line break that ends it, the line it starts on, from 1. */
    record Record(byte[] bytes, long line, boolean quoteLeftOpen) {
        /**
         * The line the record ends on: later than its first when a quoted field holds line breaks. A line break
         * closing the bytes (a quote left open to the end of the file) ends that line rather than starting one.
         */
        long lastLine() {
            return line + lines().size() - 1;
        }

        /** The record's bytes line by line, {@link #lastLine()} - {@link #line()} + 1 of them, without the breaks. */
        List<byte[]> lines() {
            int end = bytes.length;
            if (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end -= end > 1 && bytes[end - 1] == '\n' && bytes[end - 2] == '\r' ? 2 : 1;
            }
            List<byte[]> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < end; i++) {
                if (lineBreak(i == 0 ? -1 : bytes[i - 1], bytes[i])) {
                    out.add(Arrays.copyOfRange(bytes, start, i));
                    start = i + 1;
                } else if (bytes[i] == '\n') {
                    start = i + 1;
                }
            }
            out.add(Arrays.copyOfRange(bytes, start, end));
            return out;
        }
    }

    /**
     * What a byte range does to the framing: {@code endStates[s]} is the state after its last byte when its first
     * is read in state s; {@code lineBreaks} how many line breaks it holds.
     */
    record Summary(byte[] endStates, long lineBreaks) implements Serializable {
    }

    /** Next state and flags, by {@code state << 8 | byte}. */
    private final byte[] table;

    private RecordFramer(byte[] table) {
        this.table = table;
    }

    /** The framer of a source's files: quote-aware for CSV (unless it never quotes), by line for JSON Lines. */
    static RecordFramer of(SourceSpec source) {
        boolean utf8 = Charset.forName(source.encodingOrDefault()).equals(StandardCharsets.UTF_8);
        return source.isJsonLines() ? new RecordFramer(table(-1, false, utf8))
                : new RecordFramer(table(source.delimiter().charAt(0), source.quotes(), utf8));
    }

    private static byte[] table(int delimiter, boolean quotes, boolean byteOrderMark) {
        byte[] table = new byte[STATES << 8];
        for (int state = 0; state < STATES; state++) {
            for (int b = 0; b < 256; b++) {
                table[state << 8 | b] = (byte) next(state, b, delimiter, quotes, byteOrderMark);
            }
        }
        return table;
    }

    private static int next(int state, int b, int delimiter, boolean quotes, boolean byteOrderMark) {
        if (state == QUOTED) {
            return b == '"' ? QUOTE_IN_QUOTED : QUOTED;
        }
        if (b == '\n') {
            return state == AFTER_CR ? RECORD_START | SKIP : RECORD_START | ENDS;
        }
        if (b == '\r') {
            return AFTER_CR | ENDS;
        }
        boolean recordStart = state == RECORD_START || state == AFTER_CR;
        if (byteOrderMark && (recordStart && b == 0xEF || state == AFTER_BOM_1 && b == 0xBB)) {
            return recordStart ? AFTER_BOM_1 : AFTER_BOM_2;
        }
        if (byteOrderMark && state == AFTER_BOM_2 && b == 0xBF || b == delimiter) {
            return FIELD_START;
        }
        if (!quotes) {
            return UNQUOTED;
        }
        if (state == QUOTE_IN_QUOTED) {
            return b == '"' ? QUOTED : UNQUOTED;
        }
        boolean fieldStart = recordStart || state == FIELD_START;
        if (fieldStart && b == '"') {
            return QUOTED;
        }
        // The parser skips white space before a field, control characters included, so a quote after it opens.
        return fieldStart && b > 0 && b <= ' ' ? FIELD_START : UNQUOTED;
    }

    /** Whether {@code b} after {@code previous} starts a new line: an LF not after a CR, or a CR. */
    private static boolean lineBreak(int previous, int b) {
        return b == '\r' || b == '\n' && previous != '\r';
    }

    /**
     * The summary of {@code length} bytes.
     *
     * @param in       the bytes, from the one before the range when there is one
     * @param previous whether {@code in} starts with the byte before the range, which only tells whether an LF
     *                 opening the range completes a CR LF
     */
    Summary summarize(InputStream in, boolean previous, long length) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int last = previous ? in.read() : -1;
        // The states reached from each start state, kept once each: they soon fall together, into two in a file
        // without quotes (inside a quoted field to its end, or not).
        int[] reached = new int[STATES];
        int[] from = new int[STATES];
        for (int s = 0; s < STATES; s++) {
            reached[s] = s;
            from[s] = s;
        }
        int distinct = STATES;
        long breaks = 0;
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the file ended " + left + " bytes early; did it change while being read?");
            }
            for (int i = 0; i < n; i++) {
                int b = buffer[i] & 0xFF;
                for (int k = 0; k < distinct; k++) {
                    reached[k] = table[reached[k] << 8 | b] & STATE;
                }
                if (lineBreak(last, b)) {
                    breaks++;
                    distinct = merge(reached, from, distinct);
                }
                last = b;
            }
            left -= n;
        }
        byte[] ends = new byte[STATES];
        for (int s = 0; s < STATES; s++) {
            ends[s] = (byte) reached[from[s]];
        }
        return new Summary(ends, breaks);
    }

    /** Keeps each reached state once, {@code from} pointing each start state at its own; returns how many remain. */
    private static int merge(int[] reached, int[] from, int distinct) {
        int[] index = new int[STATES];
        Arrays.fill(index, -1);
        int kept = 0;
        int[] moved = new int[distinct];
        for (int k = 0; k < distinct; k++) {
            if (index[reached[k]] < 0) {
                index[reached[k]] = kept;
                reached[kept++] = reached[k];
            }
            moved[k] = index[reached[k]];
        }
        for (int s = 0; s < STATES; s++) {
            from[s] = moved[from[s]];
        }
        return kept;
    }

    /**
     * A reader of the records that start in a range.
     *
     * @param in        the bytes, from the one before the range when there is one, on to the end of the file
     * @param previous  whether {@code in} starts with the byte before the range
     * @param length    the range's length; {@link Long#MAX_VALUE} for the whole rest of the file
     * @param state     the state the range's first byte is read in ({@link #RECORD_START} at the file's start)
     * @param firstLine the number of the line the range's first byte is on
     */
    Reader reader(InputStream in, boolean previous, long length, int state, long firstLine) throws IOException {
        return new Reader(in, previous ? in.read() : -1, length, state, firstLine);
    }

    /** Reads records one at a time; it does not close its stream. */
    final class Reader {
        private final InputStream in;
        private final long length;
        private final byte[] buffer = new byte[BUFFER];
        private int filled;
        private int at;
        /** Bytes of the range read before the buffer's first. */
        private long offsetOfBuffer;
        private int state;
        private int last;
        private long line;
        /** Where the record being read starts, from the range's start; -1 before the first record's start. */
        private long recordStart;
        private long recordLine;
        /** The record's bytes read into earlier buffers; its bytes in this one start at {@code sliceStart}. */
        private byte[] earlier = new byte[0];
        private int earlierLength;
        private int sliceStart;
        private boolean ended;

        private Reader(InputStream in, int last, long length, int state, long firstLine) {
            this.in = in;
            this.last = last;
            this.length = length;
            this.state = state;
            this.line = firstLine;
            // A range that does not start a record begins inside the one before: that range reads it.
            this.recordStart = state == RECORD_START || state == AFTER_CR ? 0 : -1;
            this.recordLine = firstLine;
        }

        /** The next record starting in the range, or null when there is none. */
        Record next() throws IOException {
            while (!ended) {
                if (at == filled && !fill()) {
                    ended = true;
                    long position = offsetOfBuffer + at;
                    if (recordStart >= 0 && recordStart < length && position > recordStart) {
                        return record(at, state == QUOTED);
                    }
                    return null;
                }
                int b = buffer[at] & 0xFF;
                int next = table[state << 8 | b];
                if (lineBreak(last, b)) {
                    line++;
                }
                last = b;
                state = next & STATE;
                at++;
                if ((next & (ENDS | SKIP)) != 0) {
                    Record done = (next & ENDS) != 0 && recordStart >= 0 ? record(at - 1, false) : null;
                    recordStart = offsetOfBuffer + at;
                    recordLine = line;
                    sliceStart = at;
                    earlierLength = 0;
                    if (recordStart >= length) {
                        ended = true;
                    }
                    if (done != null) {
                        return done;
                    }
                }
            }
            return null;
        }

        private Record record(int end, boolean quoteLeftOpen) {
            byte[] bytes;
            if (earlierLength == 0) {
                bytes = Arrays.copyOfRange(buffer, sliceStart, end);
            } else {
                bytes = Arrays.copyOf(earlier, earlierLength + end - sliceStart);
                System.arraycopy(buffer, sliceStart, bytes, earlierLength, end - sliceStart);
            }
            return new Record(bytes, recordLine, quoteLeftOpen);
        }

        /** Reads the next buffer, keeping the part of the record read so far; false at the end of the file. */
        private boolean fill() throws IOException {
            if (recordStart >= 0 && filled > sliceStart) {
                int more = filled - sliceStart;
                if (earlierLength + more > earlier.length) {
                    earlier = Arrays.copyOf(earlier, Math.max(earlierLength + more, 2 * earlier.length));
                }
                System.arraycopy(buffer, sliceStart, earlier, earlierLength, more);
                earlierLength += more;
            }
            offsetOfBuffer += filled;
            at = 0;
            sliceStart = 0;
            filled = 0;
            int n = in.read(buffer);
            if (n <= 0) {
                return false;
            }
            filled = n;
            return true;
        }
    }
}
