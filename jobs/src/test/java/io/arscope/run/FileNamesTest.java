package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Names as file names, one file per name. The hashes are the first 8 hex digits of the SHA-256 of each name's
 * UTF-8 bytes, worked out with {@code printf '%s' NAME | sha256sum}.
 */
class FileNamesTest {

    private static final String NFC = "zo\u00eb";
    private static final String NFD = Normalizer.normalize(NFC, Normalizer.Form.NFD);

    @Test
    void aSafeNameIsItsOwnFileNameAndOthersGetTheirHash() {
        assertEquals("ana.ruiz", FileNames.stem("ana.ruiz"));
        assertEquals("zo\u00eb", FileNames.stem(NFC));
        assertEquals("zo\u00e9", FileNames.stem("zo\u00e9"));
        assertEquals("Ana_Ruiz~2e4e636a", FileNames.stem("Ana Ruiz"));
        assertEquals("x_y~bd3c9047", FileNames.stem("x/y"));
        assertEquals("_.hidden~16924190", FileNames.stem(".hidden"));
        // A name a shell tool would read as an option (rm -Delta...): printf 6543d5d5 '-Delta Minus Corp' | sha256sum.
        assertEquals("_-Delta_Minus_Corp~6543d5d5", FileNames.stem("-Delta Minus Corp"));
        assertEquals("_~e3b0c442", FileNames.stem(""));
        assertEquals("CON~a3dbc4b6", FileNames.stem("CON"));
        assertEquals("con.txt~d3bde286", FileNames.stem("con.txt"));
        // Windows drops a trailing dot: abc. would be the folder abc.
        assertEquals("abc.~5ac9481b", FileNames.stem("abc."));
    }

    @Test
    void theSameLetterInAnotherUnicodeFormIsAnotherName() {
        assertEquals(4, NFD.length());
        // Composed to NFC the stem reads as the NFC name; the hash of the NFD bytes keeps the two apart.
        assertEquals(Map.of(NFC, "zo\u00eb", NFD, "zo\u00eb~4cabdb66"), FileNames.of(List.of(NFC, NFD)));
    }

    @Test
    void aLongNameIsCutToAHundredBytesAndHashed() {
        assertEquals("a".repeat(100) + "~9835fa6b", FileNames.stem("a".repeat(300)));
        // Two bytes a letter: 50 letters fill the 100 bytes.
        String stem = FileNames.stem("\u00e9".repeat(60));
        assertEquals("\u00e9".repeat(50) + "~f989aaf5", stem);
        assertEquals(109, stem.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void namesThatDifferOnlyInCaseBothGetTheirHash() {
        assertEquals(Map.of("Ana", "Ana~dea210f0", "ana", "ana~24d4b96f", "bo", "bo"),
                FileNames.of(List.of("Ana", "ana", "bo", "ana")));
        // Dotless i, capital I and i are one letter to a file system that compares in upper case.
        assertEquals(Map.of("\u0131", "\u0131~544bc1a8", "I", "I~a83dd0cc", "i", "i~de7d1b72"),
                FileNames.of(List.of("\u0131", "I", "i")));
    }

    @Test
    void aNameWhoseFileTheFolderKeepsForItselfGetsItsHash() {
        // A collector named team beside the team page, team.html, in any case.
        assertEquals(Map.of("team", "team~ca8b22d0", "Team", "Team~5985039f", "ana", "ana"),
                FileNames.of(List.of("team", "Team", "ana"), Set.of("team")));
        assertEquals(Map.of("TEAM", "TEAM~f404d4ef", "teams", "teams"), FileNames.of(List.of("TEAM", "teams"),
                Set.of("team")));
    }
}
