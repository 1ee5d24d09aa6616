package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A line's bytes made text strictly: bytes the encoding does not define reject the line, shown as \xHH. */
class LineDecoderTest {

    private static final LineDecoder UTF8 = new LineDecoder("UTF-8");

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    private static String shown(LineDecoder.Decoded d) {
        return d.text() + " | " + (d.problem() == null ? "ok" : d.problem().reason + ": " + d.problem().getMessage());
    }

    @Test
    void validUtf8IsReadAsItIs() {
        LineDecoder.Decoded d = UTF8.decode("C1,Zoë Café,€12".getBytes(StandardCharsets.UTF_8), 1);
        assertEquals("C1,Zoë Café,€12", d.text());
        assertNull(d.problem());
    }

    @Test
    void aLatin1ByteInAUtf8FileRejectsTheLineInsteadOfBecomingAReplacementCharacter() {
        // "Caf\xE9" as Windows-1252 or Latin-1 writes it: once silently read as "Caf\uFFFD".
        assertEquals("C1,Caf\\xE9 Lyon,12.00 | BAD_ENCODING: byte(s) \\xE9 at byte 7 of the line are not UTF-8 (the "
                + "source's encoding; set 'encoding' in its mapping if the file is in another)",
                shown(UTF8.decode(concat("C1,Caf", bytes(0xE9), " Lyon,12.00"), 1)));
        assertEquals("\\xFFa\\xFE | BAD_ENCODING: byte(s) \\xFF at byte 1 of the line are not UTF-8 (the source's "
                + "encoding; set 'encoding' in its mapping if the file is in another)",
                shown(UTF8.decode(bytes(0xFF, 'a', 0xFE), 1)));
    }

    @Test
    void cutOffOverlongAndSurrogateSequencesAreNotUtf8() {
        // The first two bytes of a three-byte euro sign, at the end of the line.
        assertEquals("12\\xE2\\x82", UTF8.decode(concat("12", bytes(0xE2, 0x82), ""), 1).text());
        // An overlong NUL (C0 80) and an encoded UTF-16 surrogate (ED A0 80) are both malformed in UTF-8.
        assertEquals("a\\xC0\\x80b", UTF8.decode(concat("a", bytes(0xC0, 0x80), "b"), 1).text());
        assertEquals(RejectReason.BAD_ENCODING, UTF8.decode(concat("a", bytes(0xED, 0xA0, 0x80), "b"), 1).problem()
                .reason);
    }

    @Test
    void aBadByteOrNulOnALaterLineOfARecordIsPlacedOnThatLine() {
        // A record from line 40 whose quoted field holds two line breaks (CR LF, then LF): the bad byte is the 3rd of
        // line 42, the NUL the 2nd character of line 41.
        assertEquals("A1,\"one\r\ntwo\nx\\xE9\" | BAD_ENCODING: byte(s) \\xE9 at byte 2 of line 42 are not UTF-8 (the "
                + "source's encoding; set 'encoding' in its mapping if the file is in another)",
                shown(UTF8.decode(concat("A1,\"one\r\ntwo\nx", bytes(0xE9), "\""), 40)));
        assertEquals("A1,\"one\ra\\x00\" | BAD_ENCODING: a NUL character at character 2 of line 41, which no text "
                + "export holds: is the file UTF-16, or damaged?", shown(UTF8.decode(concat("A1,\"one\ra", bytes(0),
                "\""), 40)));
    }

    /** Found by IngestFuzzTest (seed 20261453): a NUL and a bad byte on one line left the NUL in the rejects. */
    @Test
    void aNulBesideABadByteIsShownEscapedToo() {
        assertEquals("C1,A\\x00c\\xC3 | BAD_ENCODING: byte(s) \\xC3 at byte 7 of the line are not UTF-8 (the source's "
                + "encoding; set 'encoding' in its mapping if the file is in another)",
                shown(UTF8.decode(concat("C1,A", bytes(0, 'c', 0xC3), ""), 1)));
    }

    @Test
    void aNulCharacterRejectsTheLineAndIsShownEscaped() {
        assertEquals("C1,Ac\\x00me | BAD_ENCODING: a NUL character at character 6, which no text export holds: is the "
                + "file UTF-16, or damaged?", shown(UTF8.decode(concat("C1,Ac", bytes(0), "me"), 1)));
    }

    @Test
    void aByteOrderMarkOpeningALineIsDropped() {
        assertEquals("a,b | ok", shown(UTF8.decode(concat("", bytes(0xEF, 0xBB, 0xBF), "a,b"), 1)));
        assertEquals("a,\uFEFFb | ok", shown(UTF8.decode("a,\uFEFFb".getBytes(StandardCharsets.UTF_8), 1)));
    }

    @Test
    void anotherEncodingReadsItsOwnBytesAndRejectsTheBytesItLeavesUndefined() {
        LineDecoder windows1252 = new LineDecoder("windows-1252");
        assertEquals("Café €5 | ok", shown(windows1252.decode(concat("Caf", bytes(0xE9, ' ', 0x80), "5"), 1)));
        // 0x81 is one of the five bytes Windows-1252 does not define.
        assertEquals("a\\x81 | BAD_ENCODING: byte(s) \\x81 at byte 2 of the line are not windows-1252 (the source's "
                + "encoding; set 'encoding' in its mapping if the file is in another)",
                shown(windows1252.decode(bytes('a', 0x81), 1)));
    }

    /**
     * A Windows file said to be ISO-8859-1 ("O’Brien – €") was accepted with U+0092, U+0096 and U+0080 in the
     * customer's name: control characters that show as nothing or as boxes in a reminder. ISO-8859-1 defines those
     * bytes as C1 controls, which no text export holds, so the line is rejected saying which encoding it is; the
     * same characters in UTF-8 (C2 92) are as suspect.
     */
    @Test
    void aC1ControlCharacterRejectsTheLineNamingTheLikelyEncoding() {
        LineDecoder latin1 = new LineDecoder("ISO-8859-1");
        assertEquals("C1,O\\u0092Brien \\u0096 \\u00805 | BAD_ENCODING: a control character U+0092 at character 5, "
                + "which no text export holds: a file said to be ISO-8859-1 that has one is windows-1252 (set "
                + "encoding: windows-1252)", shown(latin1.decode(concat("C1,O", bytes(0x92, 'B', 'r', 'i', 'e', 'n',
                        ' ', 0x96, ' ', 0x80), "5"), 1)));
        assertEquals("C1,Caf\u00e9 | ok", shown(latin1.decode(concat("C1,Caf", bytes(0xE9), ""), 1)));
        assertEquals("C1,a\\u0092b | BAD_ENCODING: a control character U+0092 at character 5, which no text export "
                + "holds: is the source's encoding (UTF-8) the file's?", shown(UTF8.decode(concat("C1,a",
                        bytes(0xC2, 0x92), "b"), 1)));
    }
}
