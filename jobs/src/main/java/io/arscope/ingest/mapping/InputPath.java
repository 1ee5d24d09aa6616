package io.arscope.ingest.mapping;

import java.util.regex.Pattern;

/**
 * A source's {@code file} as a mapping gives it: a path or glob relative to the input folder (--input), which must
 * stay inside that folder, so that a mapping cannot read, and copy into rejects and messages, files it was not
 * given. Checked on the text here, before anything is read; the files a glob matches are checked again once listed.
 */
final class InputPath {
    /** A URI scheme ({@code hdfs:}, {@code file:}) or a drive letter: a location of its own, not one under --input. */
    private static final Pattern LOCATION = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private InputPath() {
    }

    /** Why {@code file} would not name a file inside the input folder, or null when it does. */
    static String problem(String file) {
        if (file.startsWith("/") || file.startsWith("\\")) {
            return "is an absolute path; give it relative to the input folder (--input)";
        }
        if (LOCATION.matcher(file).find()) {
            return "names a location of its own; give a path relative to the input folder (--input)";
        }
        int depth = 0;
        for (String segment : file.split("/")) {
            if (segment.equals("..")) {
                depth--;
                if (depth < 0) {
                    return "leaves the input folder; give a path inside it (--input)";
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
        }
        return depth == 0 ? "names the input folder itself, not a file in it" : null;
    }
}
