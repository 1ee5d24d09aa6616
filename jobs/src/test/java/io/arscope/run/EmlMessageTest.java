package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arscope.testing.StrictEml;

class EmlMessageTest {

    private static final ZonedDateTime DAY = ZonedDateTime.of(2025, 3, 31, 0, 0, 0, 0, ZoneOffset.UTC);

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void aPlainAsciiMessageByteForByte() {
        assertEquals("Date: Mon, 31 Mar 2025 00:00:00 +0000\r\n"
                + "To: \"Acme Ltd\":;\r\n"
                + "Subject: Reminder\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "X-Unsent: 1\r\n"
                + "\r\n"
                + "Dear Acme,\r\n"
                + "\r\n"
                + "1 + 1 =3D 2=20\r\n", text(EmlMessage.of("Acme Ltd", DAY, "Reminder", "Dear Acme,\n\n1 + 1 = 2 ")));
    }

    @Test
    void quotedPrintableEncodesEqualsTrailingSpaceAndUtf8AndBreaksLongLines() {
        assertEquals("a=3Db =20", EmlMessage.quotedPrintable("a=b  "));
        assertEquals("M=C3=BCller", EmlMessage.quotedPrintable("M\u00fcller"));
        assertEquals("x".repeat(75) + "=\r\n" + "x".repeat(25), EmlMessage.quotedPrintable("x".repeat(100)));
        assertEquals("x".repeat(76), EmlMessage.quotedPrintable("x".repeat(76)));
        // An encoded byte is never split by a soft break.
        assertEquals("x".repeat(74) + "=\r\n=C3=BC", EmlMessage.quotedPrintable("x".repeat(74) + "\u00fc"));
    }

    @Test
    void nonAsciiIsInEncodedWordsOfWholeCharacters() {
        assertEquals("=?UTF-8?B?TcO8bGxlcg==?=", EmlMessage.encodedWords("M\u00fcller"));
        String longer = "Relance : 1\u00a0650,50\u00a0USD en retard pour Soci\u00e9t\u00e9 G\u00e9n\u00e9rale "
                + "\u00c9lectricit\u00e9 et Fils, compte num\u00e9ro 0042";
        String words = EmlMessage.encodedWords(longer);
        assertEquals(3, words.split(" ").length, words);
        byte[] eml = EmlMessage.of("Soci\u00e9t\u00e9 G\u00e9n\u00e9rale", DAY, longer, "Bonjour");
        // The first word is on the field's own line, not folded away from "Subject:".
        assertTrue(text(eml).contains("\r\nSubject: =?UTF-8?B?"), text(eml));
        assertTrue(text(eml).contains("\r\nTo: =?UTF-8?B?U29jacOpdMOpIEfDqW7DqXJhbGU=?= :;\r\n"), text(eml));
        StrictEml.Message m = StrictEml.parse(eml);
        assertEquals(longer, m.subject());
        assertEquals("Soci\u00e9t\u00e9 G\u00e9n\u00e9rale", m.to());
        assertEquals("Bonjour", m.body());
    }

    @Test
    void lineBreaksInANameOrSubjectAddNoHeader() {
        byte[] eml = EmlMessage.of("Evil\r\nBcc: victim@example.com", DAY, "Hi\nBcc: victim@example.com\r",
                "Body");
        StrictEml.Message m = StrictEml.parse(eml);
        assertEquals(List.of("date", "to", "subject", "mime-version", "content-type", "content-transfer-encoding",
                "x-unsent"), List.copyOf(m.fields().keySet()));
        assertEquals("Evil  Bcc: victim@example.com", m.to());
        assertEquals("Hi Bcc: victim@example.com", m.subject());
        // Not even a non-ASCII line break (U+2028) or a lone CR survives.
        assertEquals("\"a b c\":;", StrictEml.parse(EmlMessage.of("a\u2028b\rc", DAY, "s", "b")).fields().get("to"));
    }

    @Test
    void quotesAndBackslashesInANameAreEscaped() {
        StrictEml.Message m = StrictEml.parse(EmlMessage.of("Say \"hi\" \\ there", DAY, "s", "b"));
        assertEquals("\"Say \\\"hi\\\" \\\\ there\":;", m.fields().get("to"));
        assertEquals("Say \"hi\" \\ there", m.to());
    }

    @Test
    void longHeadersAreFoldedAndLongWordsEncoded() {
        String subject = "word ".repeat(30).strip();
        String name = "N".repeat(200);
        byte[] eml = EmlMessage.of(name, DAY, subject, "b");
        StrictEml.Message m = StrictEml.parse(eml);
        assertEquals(subject, m.subject());
        assertEquals(name, m.to());
        assertTrue(text(eml).contains("To: =?UTF-8?B?"), text(eml));
    }
}
