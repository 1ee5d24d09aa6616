package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.arscope.job.ExitCode;

/**
 * README.md's "Exit codes" table, which schedulers are written from, says what {@link ExitCode} does: exactly the
 * codes of {@link ExitCode#MEANINGS}, each row starting with the words it gives the code.
 */
class ExitCodeDocTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern ROW = Pattern.compile("\\| (\\d+) \\| (.+) \\|");

    @Test
    void readmeTableHasExactlyTheCodesAndTheirWords() throws IOException {
        Map<Integer, String> rows = table(Files.readString(README));
        assertEquals(ExitCode.MEANINGS.keySet(), rows.keySet());
        ExitCode.MEANINGS.forEach((code, words) -> assertTrue(rows.get(code).startsWith(words),
                () -> "README's row " + code + " must start with '" + words + "': " + rows.get(code)));
    }

    @Test
    void everyCommandsHelpGivesTheSameWords() {
        ExitCode.MEANINGS.forEach((code, words) -> assertTrue(Arscope.EXIT_CODES.contains(code + " " + words),
                () -> "the help's exit codes must give " + code + " as '" + words + "': " + Arscope.EXIT_CODES));
    }

    /** The rows of the table under the heading "### Exit codes", by code. */
    private static Map<Integer, String> table(String readme) {
        int at = readme.indexOf("\n### Exit codes\n");
        assertTrue(at >= 0, "README.md has no '### Exit codes' section");
        List<String> lines = readme.substring(at).lines().skip(2).dropWhile(String::isBlank)
                .takeWhile(l -> l.startsWith("|")).toList();
        assertEquals(List.of("| code | meaning |", "|---|---|"), lines.subList(0, 2));
        Map<Integer, String> rows = new TreeMap<>();
        for (String line : lines.subList(2, lines.size())) {
            Matcher row = ROW.matcher(line);
            assertTrue(row.matches(), () -> "not a row of code and meaning: " + line);
            assertNull(rows.put(Integer.valueOf(row.group(1)), row.group(2)), () -> "code twice: " + line);
        }
        return rows;
    }
}
