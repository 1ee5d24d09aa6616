package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A text longer than a workbook cell holds is cut to fit, saying so, rather than failing the worklist. */
class WorklistWorkbookTest {

    @Test
    void aTextLongerThanACellHoldsIsCutSayingSo() {
        String fits = "N".repeat(32_767);
        assertSame(fits, WorklistWorkbook.fitted(fits));
        String cut = WorklistWorkbook.fitted("N".repeat(40_000));
        String note = " [cut from 40,000 characters; the CSV holds it whole]";
        assertEquals(32_767, cut.length());
        assertTrue(cut.equals("N".repeat(32_767 - note.length()) + note), () -> cut.substring(cut.length() - 60));
        // A character of two UTF-16 units is not split at the cut: x and 16,356 whole smiles, one unit short.
        String cutSmiles = WorklistWorkbook.fitted("x" + "\uD83D\uDE00".repeat(20_000));
        String smilesNote = " [cut from 40,001 characters; the CSV holds it whole]";
        assertEquals(32_766, cutSmiles.length());
        assertTrue(cutSmiles.equals("x" + "\uD83D\uDE00".repeat(16_356) + smilesNote),
                () -> cutSmiles.substring(cutSmiles.length() - 60));
    }
}
