package io.arscope.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the {@code .eml} files Arscope writes, to check them against RFC 5322 (syntax of a message),
 * RFC 2045 (MIME headers, quoted-printable) and RFC 2047 (encoded words) rather than against the writer's own
 * code: no mail library resolves offline here. Anything outside those grammars, or outside the single text/plain
 * UTF-8 part Arscope promises, fails with {@link IllegalArgumentException} naming the line.
 */
public final class StrictEml {

    /** Fields RFC 5322 (3.6) and RFC 2045 allow at most once. */
    private static final List<String> ONCE = List.of("date", "from", "sender", "reply-to", "to", "cc", "bcc",
            "message-id", "in-reply-to", "references", "subject", "mime-version", "content-type",
            "content-transfer-encoding");
    private static final Pattern FIELD_NAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]+");
    private static final Pattern DATE = Pattern.compile("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} "
            + "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
    private static final Pattern ATEXT = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+");

    /**
     * A message read back.
     *
     * @param fields  each field's name (lower case) and unfolded value, in order
     * @param to      the display name of the To group, decoded
     * @param subject the subject, decoded
     * @param body    the body, decoded, lines separated by {@code \n}
     */
    public record Message(Map<String, String> fields, String to, String subject, String body) {
    }

    private StrictEml() {
    }

    public static Message parse(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0 || bytes[i] == 0) {
                throw new IllegalArgumentException("byte " + i + " is not 7-bit ASCII text: " + bytes[i]);
            }
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.endsWith("\r\n")) {
            throw new IllegalArgumentException("the message does not end with CRLF");
        }
        String[] lines = text.substring(0, text.length() - 2).split("\r\n", -1);
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].indexOf('\r') >= 0 || lines[n].indexOf('\n') >= 0) {
                throw new IllegalArgumentException("line " + (n + 1) + " holds a bare CR or LF");
            }
            if (lines[n].length() > 78) {
                throw new IllegalArgumentException("line " + (n + 1) + " is longer than 78 characters");
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        int n = 0;
        String name = null;
        StringBuilder value = null;
        for (; n < lines.length && !lines[n].isEmpty(); n++) {
            String line = lines[n];
            if (line.startsWith(" ") || line.startsWith("\t")) {
                if (name == null) {
                    throw new IllegalArgumentException("line 1 is a continuation of no field");
                }
                if (line.isBlank()) {
                    throw new IllegalArgumentException("line " + (n + 1) + " is a fold of only white space");
                }
                value.append(line);
                continue;
            }
            put(fields, name, value);
            int colon = line.indexOf(':');
            if (colon <= 0 || !FIELD_NAME.matcher(line.substring(0, colon)).matches()) {
                throw new IllegalArgumentException("line " + (n + 1) + " is no header field: " + line);
            }
            name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            if (ONCE.contains(name) && fields.containsKey(name)) {
                throw new IllegalArgumentException("field " + name + " is given twice");
            }
            value = new StringBuilder(line.substring(colon + 1));
        }
        put(fields, name, value);
        if (n == lines.length) {
            throw new IllegalArgumentException("no empty line ends the header");
        }
        String date = required(fields, "date");
        if (!DATE.matcher(date).matches()) {
            throw new IllegalArgumentException("Date is not an RFC 5322 date-time: " + date);
        }
        DateTimeFormatter.RFC_1123_DATE_TIME.parse(date);
        if (!required(fields, "mime-version").equals("1.0")) {
            throw new IllegalArgumentException("MIME-Version is not 1.0");
        }
        if (!required(fields, "content-type").replace(" ", "").equalsIgnoreCase("text/plain;charset=UTF-8")) {
            throw new IllegalArgumentException("Content-Type is not text/plain; charset=UTF-8: "
                    + fields.get("content-type"));
        }
        if (!required(fields, "content-transfer-encoding").equalsIgnoreCase("quoted-printable")) {
            throw new IllegalArgumentException("Content-Transfer-Encoding is not quoted-printable");
        }
        String subject = unstructured(required(fields, "subject"));
        String to = group(required(fields, "to"));
        List<String> body = new ArrayList<>();
        for (int b = n + 1; b < lines.length; b++) {
            body.add(lines[b]);
        }
        return new Message(fields, to, subject, quotedPrintable(body));
    }

    private static void put(Map<String, String> fields, String name, StringBuilder value) {
        if (name != null) {
            fields.put(name, value.toString().strip());
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no " + name + " field");
        }
        return v;
    }

    /** An unstructured value: runs of white space as one space, adjacent encoded words joined (RFC 2047 6.2). */
    static String unstructured(String value) {
        String[] tokens = value.split("[ \t]+");
        StringBuilder out = new StringBuilder();
        boolean previousEncoded = false;
        for (String token : tokens) {
            Matcher m = ENCODED_WORD.matcher(token);
            boolean encoded = m.matches();
            if (!out.isEmpty() && !(encoded && previousEncoded)) {
                out.append(' ');
            }
            out.append(encoded ? decodeWord(m, token) : token);
            previousEncoded = encoded;
        }
        return out.toString();
    }

    /** The display name of a group with no address, {@code display-name ":" ";"}. */
    static String group(String value) {
        if (!value.endsWith(":;")) {
            throw new IllegalArgumentException("To is not an empty group: " + value);
        }
        String raw = value.substring(0, value.length() - 2);
        String name = raw.strip();
        if (!name.startsWith("\"") && !raw.endsWith(" ") && !raw.endsWith("\t")) {
            throw new IllegalArgumentException("To's name is not separated from ':' by white space: " + value);
        }
        if (name.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            int i = 1;
            for (; i < name.length() && name.charAt(i) != '"'; i++) {
                char c = name.charAt(i);
                if (c == '\\') {
                    i++;
                    c = name.charAt(i);
                }
                out.append(c);
            }
            if (i != name.length() - 1) {
                throw new IllegalArgumentException("To's quoted name does not end the name: " + value);
            }
            return out.toString();
        }
        for (String token : name.split("[ \t]+")) {
            if (!ENCODED_WORD.matcher(token).matches() && !ATEXT.matcher(token).matches()) {
                throw new IllegalArgumentException("To's name holds a word that is neither an atom nor encoded: "
                        + token);
            }
        }
        return unstructured(name);
    }

    private static String decodeWord(Matcher m, String token) {
        if (token.length() > 75) {
            throw new IllegalArgumentException("encoded word longer than 75 characters: " + token);
        }
        if (!m.group(1).equalsIgnoreCase("UTF-8")) {
            throw new IllegalArgumentException("encoded word not in UTF-8: " + token);
        }
        byte[] bytes;
        if (m.group(2).equalsIgnoreCase("B")) {
            bytes = Base64.getDecoder().decode(m.group(3));
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String q = m.group(3);
            for (int i = 0; i < q.length(); i++) {
                char c = q.charAt(i);
                if (c == '=') {
                    out.write(Integer.parseInt(q.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c == '_' ? ' ' : c);
                }
            }
            bytes = out.toByteArray();
        }
        return utf8(bytes, "encoded word " + token);
    }

    /** Quoted-printable lines (RFC 2045 6.7) decoded as UTF-8. */
    static String quotedPrintable(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.length() > 76) {
                throw new IllegalArgumentException("body line " + (n + 1) + " is longer than 76 characters");
            }
            boolean soft = line.endsWith("=");
            String content = soft ? line.substring(0, line.length() - 1) : line;
            if (!soft && (content.endsWith(" ") || content.endsWith("\t"))) {
                throw new IllegalArgumentException("body line " + (n + 1) + " ends in white space");
            }
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (c == '=') {
                    String hex = i + 3 <= content.length() ? content.substring(i + 1, i + 3) : "";
                    if (!hex.matches("[0-9A-F]{2}")) {
                        throw new IllegalArgumentException("body line " + (n + 1) + ": '=' not followed by two "
                                + "upper-case hex digits");
                    }
                    out.write(Integer.parseInt(hex, 16));
                    i += 2;
                } else if (c == ' ' || c == '\t' || (c >= 33 && c <= 126)) {
                    out.write(c);
                } else {
                    throw new IllegalArgumentException("body line " + (n + 1) + " holds character " + (int) c);
                }
            }
            if (!soft && n < lines.size() - 1) {
                out.write('\n');
            }
        }
        return utf8(out.toByteArray(), "the body");
    }

    private static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not UTF-8", e);
        }
    }
}
