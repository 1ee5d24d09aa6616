package io.arscope.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Redaction of secrets from everything Arscope writes or prints: manifests ({@link #json}), step logs and the
 * command line's output ({@link #redacting}), and log lines ({@link RedactedLogConverter}); Spark's own redaction is
 * set to the same words ({@link #SPARK_KEY_REGEX}, {@link #SPARK_STRING_REGEX}). A secret is:
 * <ul>
 * <li>the password in a URL's user-info ({@code s3a://key:secret@bucket}, {@code jdbc:mysql://user:secret@host}), and
 * in Oracle's {@code jdbc:oracle:thin:user/secret@host};</li>
 * <li>the value of a key named like a secret ({@link #SECRET_WORDS}) given as {@code key=value} or {@code key: value}:
 * JDBC URL parameters ({@code ?password=}, {@code ;password=}, {@code ;PWD=}), properties, YAML, JSON;</li>
 * <li>the value of an environment variable named like a secret ({@code ARSCOPE_JDBC_PASSWORD}), and of a command
 * line option named like one ({@code --password x}), wherever it appears.</li>
 * </ul>
 * Each is replaced by {@value #MASK}; the rest of the text stays, so a recorded URL still names its host and database.
 */
public final class Secrets {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /** Words that make a key, option, setting or variable name a secret's, as a regular expression. */
    static final String SECRET_WORDS =
            "password|passwd|secret|token|credential|(?:access|account|private|api)[._-]?key";

    /** Spark's {@code spark.redaction.regex}: its default, (?i)secret|password|token|access[.]?key, and more. */
    public static final String SPARK_KEY_REGEX = "(?i)" + SECRET_WORDS + "|pwd";

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(?:" + SECRET_WORDS + ").*");

    /*
     * The value ends at what ends a URL parameter, a record's field or a JSON or YAML value; quoted or braced (SQL
     * Server's {a;b}) it is masked whole. A secret holding a comma, bracket or quote is masked up to that character.
     * The lookahead after the word start only says what the rest requires (the whole word, then = or :); it spares
     * trying every secret word at every split of every word, which made Spark's redaction of its plan strings (each
     * query's, several times per query) a sixth of a small run's driver time.
     */
    private static final Pattern KEY_VALUE = Pattern.compile("(?i)(?<![\\w.-])(?=[\\w.-]++[\"']?\\s*[=:])"
            + "((?:[\\w.-]{0,64}(?:" + SECRET_WORDS
            + ")[\\w.-]{0,64}|pwd)[\"']?)(\\s*=\\s*|\\s*:(?:\\s+|(?=[\"'])))"
            + "(\\{[^}]*}|\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s&;#\"'<>(){}\\[\\],]+)");

    // The last @ before the host: a password written unencoded may hold one.
    private static final Pattern USER_INFO = Pattern.compile("(?<=//)([^/?#@;\\s:]*):([^/?#;\\s]*)@");

    // The first lookbehind is the second's last character, checked once instead of at 16 lengths per position.
    private static final Pattern ORACLE = Pattern.compile("(?i)(?<=:)(?<=jdbc:oracle:\\w{1,16}:)([^/@:\\s]+)/([^@\\s]+)@");

    /**
     * Spark's {@code spark.sql.redaction.string.regex}, for its explain output and UI: the same forms as
     * {@link #redact}, though Spark masks the whole match, key and user included.
     */
    public static final String SPARK_STRING_REGEX = Stream.of(KEY_VALUE, USER_INFO, ORACLE).map(Pattern::pattern)
            .collect(Collectors.joining("|"));

    // Shorter values are too likely to occur in ordinary text to be masked wherever they appear.
    private static final int MIN_LITERAL_LENGTH = 6;

    private static final Secrets AMBIENT = of(System.getenv());

    private final List<String> literals;

    private Secrets(List<String> literals) {
        this.literals = literals.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** The secrets of this process: the values of its environment variables named like secrets. */
    public static Secrets ambient() {
        return AMBIENT;
    }

    /** The secrets of an environment. */
    static Secrets of(Map<String, String> environment) {
        return new Secrets(environment.entrySet().stream().filter(e -> SECRET_NAME.matcher(e.getKey()).matches())
                .map(Map.Entry::getValue).filter(v -> v.length() >= MIN_LITERAL_LENGTH).toList());
    }

    /**
     * These secrets and the values of the options named like secrets in a command line ({@code --token x},
     * {@code --token=x}), which a command that does not know the option would echo in its error.
     */
    public Secrets withArguments(String... args) {
        List<String> more = new ArrayList<>(literals);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!SECRET_NAME.matcher(name).matches()) {
                continue;
            }
            if (equals >= 0) {
                more.add(arg.substring(equals + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                more.add(args[i + 1]);
            }
        }
        return new Secrets(more.stream().filter(v -> !v.isEmpty()).toList());
    }

    /** The text with every secret in it replaced by {@value #MASK}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String literal : literals) {
            redacted = redacted.replace(literal, MASK);
        }
        redacted = USER_INFO.matcher(redacted).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        redacted = ORACLE.matcher(redacted).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "/" + MASK + "@"));
        return KEY_VALUE.matcher(redacted).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2)
                + masked(m.group(3))));
    }

    /**
     * Whether a text carries a secret in one of the written forms (a URL's password, a key named like a secret):
     * how a JDBC URL that holds a password is refused.
     */
    public static boolean carriesCredentials(String text) {
        return Stream.of(KEY_VALUE, USER_INFO, ORACLE).anyMatch(p -> p.matcher(text).find());
    }

    private static String masked(String value) {
        char first = value.charAt(0);
        return switch (first) {
            case '"', '\'' -> first + MASK + first;
            case '{' -> "{" + MASK + "}";
            default -> MASK;
        };
    }

    /**
     * A writer that passes each line on redacted. Lines are held until they end, or until the writer is flushed, so
     * that a secret printed in pieces is still whole when it is redacted.
     */
    public PrintWriter redacting(Writer target) {
        return new PrintWriter(new RedactingWriter(target, this), true);
    }

    private static final class RedactingWriter extends Writer {
        private final Writer target;
        private final Secrets secrets;
        private final StringBuilder line = new StringBuilder();

        RedactingWriter(Writer target, Secrets secrets) {
            this.target = target;
            this.secrets = secrets;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                line.append(chars[i]);
                if (chars[i] == '\n') {
                    pass();
                }
            }
        }

        private void pass() throws IOException {
            target.write(secrets.redact(line.toString()));
            line.setLength(0);
        }

        @Override
        public void flush() throws IOException {
            pass();
            target.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            target.close();
        }
    }

    /** A Jackson module that writes every string value redacted, with the secrets of this process. */
    public static Module json() {
        return new SimpleModule("arscope-secrets").addSerializer(String.class, new RedactedString());
    }

    private static final class RedactedString extends StdSerializer<String> {
        RedactedString() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(AMBIENT.redact(value));
        }
    }
}
