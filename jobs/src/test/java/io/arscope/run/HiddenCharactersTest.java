package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

/**
 * Characters that change how text is shown without being seen, made visible wherever a person reads a value from an
 * export: the pages and report (HTML), the summaries (Markdown), the reminder drafts and the workbook's sheet names.
 */
class HiddenCharactersTest {

    /** A customer named so reads "Acme dloc.exe Ltd" with the override applied, and its id after it reversed too. */
    private static final String OVERRIDE = "Acme \u202Eexe.cod Ltd";

    @Test
    void eachHiddenCharacterIsShownAsItsCodePoint() {
        assertEquals("Acme <U+202E>exe.cod Ltd", HiddenCharacters.shown(OVERRIDE));
        assertEquals("Ac<U+200B>me <U+2066>x<U+2069> <U+200F><U+FEFF>", HiddenCharacters.shown(
                "Ac\u200Bme \u2066x\u2069 \u200F\uFEFF"));
        // Joiners stay: an emoji family and a Persian half-space need them.
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
        assertSame(family, HiddenCharacters.shown(family));
    }

    @Test
    void everyPlaceThatShowsAnExportsTextShowsThemToo() {
        assertEquals("Acme &lt;U+202E&gt;exe\\.cod Ltd", MarkdownText.escape(OVERRIDE));
        assertEquals("Acme &lt;U+202E&gt;exe.cod Ltd", HtmlText.escape(OVERRIDE));
        String eml = new String(EmlMessage.of(OVERRIDE, ZonedDateTime.of(2026, 10, 31, 9, 0, 0, 0, ZoneOffset.UTC),
                "Invoice for " + OVERRIDE, "Dear " + OVERRIDE), StandardCharsets.US_ASCII);
        assertTrue(eml.contains("To: \"Acme <U+202E>exe.cod Ltd\":;\r\n"), eml);
        assertTrue(eml.contains("Subject: Invoice for Acme <U+202E>exe.cod Ltd\r\n"), eml);
        assertTrue(eml.contains("\r\n\r\nDear Acme <U+202E>exe.cod Ltd\r\n"), eml);
        // A sheet name cannot say it, so the character becomes _ and the name gets its hash (printf | sha256sum).
        assertEquals("evil_gnp.exe~b9e8c097", SheetNames.stem("evil\u202Egnp.exe"));
    }
}
