package io.arscope.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Names taken from data (collectors, say) as file names, one file per name. A name is put in Unicode NFC; its
 * letters, digits, {@code .}, {@code -} and {@code _} are kept and every other character becomes {@code _}; it is
 * cut to {@value #MAX_BYTES} bytes of UTF-8. When the result is not the name itself (a character replaced, the
 * name cut or not in NFC, a leading dot or dash, a trailing dot, a name Windows reserves such as {@code CON}), or
 * when it equals another name's result once case is ignored (as macOS and Windows compare file names), {@code ~} and the first 8 hex
 * digits of the SHA-256 of the name's UTF-8 bytes are appended. So {@code ana.ruiz} stays {@code ana.ruiz},
 * {@code zoë} and {@code zoé} stay themselves, and {@code Ana Ruiz} becomes {@code Ana_Ruiz~} and its hash. Two
 * different names never get one file: that is checked, and a clash fails the write. A file the folder keeps for
 * itself is not a name's either: a collector named {@code team} gets its hash beside the team page.
 */
public final class FileNames {

    /** The longest stem before the hash, in bytes of UTF-8; with the hash and an extension well under 255. */
    public static final int MAX_BYTES = 100;
    private static final int HASH_HEX = 8;
    private static final Pattern WINDOWS_RESERVED = Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\\..*)?");

    private FileNames() {
    }

    /**
     * The file name (without extension) of each name, all different even where case is ignored.
     *
     * @throws IllegalStateException if two names would still share a file (two hashes alike)
     */
    public static Map<String, String> of(Collection<String> names) {
        return unique(names, FileNames::stem, "file");
    }

    /**
     * As {@link #of(Collection)}, where a name whose file would be one of {@code reserved} (a file the same folder
     * holds for itself, such as the team page beside the collectors' pages; compared ignoring case) gets the hash too.
     */
    public static Map<String, String> of(Collection<String> names, Set<String> reserved) {
        Set<String> taken = reserved.stream().map(FileNames::key).collect(Collectors.toSet());
        return unique(names, n -> {
            String s = stem(n);
            return taken.contains(key(s)) ? s + "~" + hash(n) : s;
        }, "file");
    }

    /**
     * Each name's {@code stem}, a stem that is the name itself getting {@code ~} and the name's hash when another
     * stem equals it once case is ignored; checked all different where case is ignored.
     *
     * @param what what the results name, for the message when two would still be alike
     */
    static Map<String, String> unique(Collection<String> names, UnaryOperator<String> stem, String what) {
        Map<String, List<String>> byKey = names.stream().distinct()
                .collect(Collectors.groupingBy(n -> key(stem.apply(n)), TreeMap::new, Collectors.toList()));
        Map<String, String> results = new TreeMap<>();
        for (List<String> alike : byKey.values()) {
            for (String name : alike) {
                String s = stem.apply(name);
                results.put(name, alike.size() > 1 && s.equals(name) ? s + "~" + hash(name) : s);
            }
        }
        Map<String, String> taken = new HashMap<>();
        results.forEach((name, result) -> {
            String other = taken.putIfAbsent(key(result), name);
            if (other != null) {
                throw new IllegalStateException("the names '" + other + "' and '" + name + "' would both be written "
                        + "to the " + what + " " + result + "; rename one of them");
            }
        });
        return results;
    }

    /** The name as a file name, without regard to other names. */
    static String stem(String name) {
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < nfc.length(); ) {
            int c = nfc.codePointAt(i);
            i += Character.charCount(c);
            String ch = Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? Character.toString(c) : "_";
            bytes += ch.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                break;
            }
            kept.append(ch);
        }
        String stem = kept.toString();
        // A leading dot hides the file; a leading dash makes rm, tar or grep read it as an option.
        if (stem.isEmpty() || stem.startsWith(".") || stem.startsWith("-")) {
            stem = "_" + stem;
        }
        // Windows drops a trailing dot, so abc. and abc would be one folder there.
        boolean faithful = stem.equals(name) && !WINDOWS_RESERVED.matcher(stem).matches() && !stem.endsWith(".");
        return faithful ? stem : stem + "~" + hash(name);
    }

    /** How a case-insensitive file system compares two names. */
    private static String key(String file) {
        return file.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** The first 8 hex digits of the SHA-256 of the name's UTF-8 bytes. */
    static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < HASH_HEX / 2; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
