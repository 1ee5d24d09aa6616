package io.arscope.run;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names taken from data (collectors, say) as the names of a workbook's sheets, one sheet per name. Excel allows 31
 * characters, none of {@code : \ / ? * [ ]}, no apostrophe first or last, compares sheet names ignoring case and
 * keeps {@code History} for itself. The name is put in Unicode NFC; each of those characters, every control
 * character, every hidden one ({@link HiddenCharacters}) and a leading apostrophe or dot (which Apache POI's formulas cannot read) become {@code _}; the result is cut to {@value #MAX_CHARS} UTF-16 units (as
 * Excel counts). When it is not the name itself (a character replaced, the name cut or not in NFC, empty, an
 * apostrophe last, {@code History}), or when it equals another name's result once case is ignored, {@code ~} and
 * the first 8 hex digits of the SHA-256 of the name's UTF-8 bytes are appended, as {@link FileNames} does. So
 * {@code ana.ruiz} stays {@code ana.ruiz}, {@code Ana Ruiz} too (spaces are allowed), and {@code a/b} becomes
 * {@code a_b~} and its hash. Two different names never get one sheet: that is checked.
 */
public final class SheetNames {

    /** The longest stem before the hash: with {@code ~} and 8 hex digits, Excel's 31. */
    public static final int MAX_CHARS = 22;
    private static final Pattern FORBIDDEN = Pattern.compile(
            "[:\\\\/?*\\[\\]\\p{Cntrl}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u2060\uFEFF]");

    private SheetNames() {
    }

    /**
     * The sheet name of each name, all different even where case is ignored.
     *
     * @throws IllegalStateException if two names would still share a sheet (two hashes alike)
     */
    public static Map<String, String> of(Collection<String> names) {
        return FileNames.unique(names, SheetNames::stem, "sheet");
    }

    /** The name as a sheet name, without regard to other names. */
    static String stem(String name) {
        String replaced = FORBIDDEN.matcher(Normalizer.normalize(name, Normalizer.Form.NFC)).replaceAll("_");
        int end = Math.min(replaced.length(), MAX_CHARS);
        if (end < replaced.length() && Character.isHighSurrogate(replaced.charAt(end - 1))) {
            end--;
        }
        String cut = replaced.substring(0, end);
        // POI writes a filter's range with a leading dot unquoted, then cannot read it back (.hidden!$A$1).
        if (cut.startsWith("'") || cut.startsWith(".")) {
            cut = "_" + cut.substring(1);
        }
        boolean faithful = cut.equals(name) && !cut.isEmpty() && !cut.endsWith("'")
                && !cut.equalsIgnoreCase("History");
        return faithful ? cut : cut + "~" + FileNames.hash(name);
    }
}
