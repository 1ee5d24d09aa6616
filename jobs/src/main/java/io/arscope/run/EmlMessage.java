package io.arscope.run;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text message as a standard {@code .eml} file (RFC 5322, MIME): UTF-8 text, quoted-printable, a subject
 * in encoded words (RFC 2047) when it is not plain ASCII, lines ending CRLF and never longer than 78 characters.
 * The recipient is named by an empty group ({@code To: "Name":;}): a valid address field that holds no address,
 * for a person to complete. There is no {@code From}: the mail program fills it with the account that sends the
 * draft; {@code X-Unsent: 1} makes Outlook open the file as a draft to send. Names and subjects from data never
 * add a header: every control character in them (CR and LF among them) becomes a space before they are written.
 */
public final class EmlMessage {

    private static final String CRLF = "\r\n";
    private static final int MAX_LINE = 76;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM uuuu HH:mm:ss Z",
            Locale.ROOT);

    private EmlMessage() {
    }

    /**
     * The message's bytes, all ASCII.
     *
     * @param to      the recipient's name (an empty group of that name)
     * @param date    the message's date
     * @param subject one line
     * @param body    lines separated by {@code \n}
     */
    public static byte[] of(String to, ZonedDateTime date, String subject, String body) {
        StringBuilder m = new StringBuilder();
        m.append("Date: ").append(DATE.format(date)).append(CRLF);
        String name = phrase(oneLine(HiddenCharacters.shown(to)));
        // An encoded word is kept apart from the special ':' by a space (RFC 2047 5.3).
        m.append(fold("To: " + name + (name.startsWith("\"") ? ":;" : " :;"))).append(CRLF);
        m.append(fold("Subject: " + unstructured(oneLine(HiddenCharacters.shown(subject)).strip()))).append(CRLF);
        m.append("MIME-Version: 1.0").append(CRLF);
        m.append("Content-Type: text/plain; charset=UTF-8").append(CRLF);
        m.append("Content-Transfer-Encoding: quoted-printable").append(CRLF);
        m.append("X-Unsent: 1").append(CRLF);
        m.append(CRLF);
        for (String line : HiddenCharacters.shown(body).split("\n", -1)) {
            m.append(quotedPrintable(line)).append(CRLF);
        }
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The text with every control character as a space: one line, whatever the data held. */
    public static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? ' ' : c));
        return out.toString();
    }

    /** A display name: a quoted string when it is printable ASCII that folds, else encoded words. */
    static String phrase(String name) {
        if (printableAscii(name) && folds(name)) {
            return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return encodedWords(name);
    }

    /** A subject: as it is when printable ASCII, else encoded words. */
    static String unstructured(String text) {
        return printableAscii(text) && folds(text) && !text.contains("=?") ? text : encodedWords(text);
    }

    /** Whether text can be folded into lines of 78 characters: no run of more than 60 without a space. */
    private static boolean folds(String text) {
        return java.util.Arrays.stream(text.split(" ")).allMatch(w -> w.length() <= 60);
    }

    private static boolean printableAscii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /**
     * RFC 2047 B-encoded UTF-8 words, separated by spaces (where the header is folded), each at most 75 characters
     * and holding whole characters.
     */
    static String encodedWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        // 42 bytes are 56 base64 characters, a word of 68: "Subject: " and the first word fit on the first line.
        int maxBytes = 42;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            String ch = Character.toString(c);
            if (bytes(chunk.toString()) + bytes(ch) > maxBytes) {
                words.add(word(chunk.toString()));
                chunk.setLength(0);
            }
            chunk.append(ch);
            i += Character.charCount(c);
        }
        if (!chunk.isEmpty() || words.isEmpty()) {
            words.add(word(chunk.toString()));
        }
        return String.join(" ", words);
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String word(String s) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** A header field folded before a space where a line would pass 78 characters. */
    static String fold(String field) {
        StringBuilder out = new StringBuilder();
        String rest = field;
        while (rest.length() > 78) {
            int at = rest.lastIndexOf(' ', 78);
            if (at <= 0 || rest.substring(0, at).isBlank()) {
                at = rest.indexOf(' ', 79);
                if (at < 0) {
                    break;
                }
            }
            out.append(rest, 0, at).append(CRLF);
            rest = rest.substring(at);
        }
        return out.append(rest).toString();
    }

    /** One line of text in quoted-printable (RFC 2045 6.7): encoded lines of at most 76 characters. */
    static String quotedPrintable(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        int width = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean last = i == bytes.length - 1;
            String piece = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last)
                    ? Character.toString(b) : String.format("=%02X", b);
            // Room for the piece and, unless it ends the line, a soft break '='.
            if (width + piece.length() > (last ? MAX_LINE : MAX_LINE - 1)) {
                out.append('=').append(CRLF);
                width = 0;
            }
            out.append(piece);
            width += piece.length();
        }
        return out.toString();
    }
}
