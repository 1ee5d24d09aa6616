package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.util.WorkbookUtil;
import org.junit.jupiter.api.Test;

/**
 * Names as sheet names, one sheet per name. The hashes are the first 8 hex digits of the SHA-256 of each name's
 * UTF-8 bytes, worked out with {@code printf '%s' NAME | sha256sum}.
 */
class SheetNamesTest {

    private static final String SMILE = "a".repeat(21) + "\uD83D\uDE00b";

    @Test
    void aNameExcelAcceptsIsItsOwnSheetNameAndOthersGetTheirHash() {
        assertEquals("ana.ruiz", SheetNames.stem("ana.ruiz"));
        assertEquals("Ana Ruiz", SheetNames.stem("Ana Ruiz"));
        assertEquals("a_b~c14cddc0", SheetNames.stem("a/b"));
        assertEquals("North_East _B__ __~d60d79c6", SheetNames.stem("North/East [B]: *?"));
        assertEquals("History~0e769600", SheetNames.stem("History"));
        assertEquals("_quoted'~bb8897de", SheetNames.stem("'quoted'"));
        // A leading dot: Apache POI cannot read back the filter range it writes for such a sheet.
        assertEquals("_hidden~16924190", SheetNames.stem(".hidden"));
        assertEquals("~e3b0c442", SheetNames.stem(""));
        // Put in NFC, the name written with a separate diaeresis reads as zoë; its hash keeps the two apart.
        assertEquals("zo\u00eb", SheetNames.stem("zo\u00eb"));
        assertEquals("zo\u00eb~4cabdb66", SheetNames.stem(Normalizer.normalize("zo\u00eb", Normalizer.Form.NFD)));
    }

    @Test
    void aLongNameIsCutToTwentyTwoUnitsWithoutSplittingACharacter() {
        assertEquals("x".repeat(22) + "~bd913ff6", SheetNames.stem("x".repeat(40)));
        assertEquals("Collections team North~e8ee27e1", SheetNames.stem("Collections team North-East region"));
        // 21 letters, then a character of two UTF-16 units: cut before it, not through it.
        assertEquals("a".repeat(21) + "~50ba68c7", SheetNames.stem(SMILE));
    }

    @Test
    void namesAlikeButForCaseGetTheirHashesAndEveryResultIsAValidSheetName() {
        Map<String, String> sheets = SheetNames.of(List.of("ANA", "ana", "ana.ruiz", "North/East [B]: *?", "History",
                "'quoted'", "", "x".repeat(40), SMILE));
        assertEquals("ANA~482673bd", sheets.get("ANA"));
        assertEquals("ana~24d4b96f", sheets.get("ana"));
        assertEquals("ana.ruiz", sheets.get("ana.ruiz"));
        for (String sheet : sheets.values()) {
            WorkbookUtil.validateSheetName(sheet);
            assertTrue(sheet.length() <= 31, sheet);
        }
        assertEquals(sheets.size(), sheets.values().stream().map(String::toLowerCase).distinct().count());
    }
}
