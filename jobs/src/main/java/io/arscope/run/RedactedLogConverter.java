package io.arscope.run;

import java.util.List;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;

/**
 * The log4j pattern {@code %redacted{pattern}}: the inner pattern's text with its secrets masked by {@link Secrets}.
 * Arscope's log configuration wraps the message and the stack trace in it, so that what Spark, Hadoop or a JDBC
 * driver logs about a URL or a setting never shows a password.
 */
@Plugin(name = "RedactedLogConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"redacted"})
public final class RedactedLogConverter extends LogEventPatternConverter {
    private final List<PatternFormatter> inner;

    private RedactedLogConverter(List<PatternFormatter> inner) {
        super("redacted", null);
        this.inner = inner;
    }

    /** Called by log4j with the pattern's options: the first is the inner pattern. */
    public static RedactedLogConverter newInstance(Configuration config, String[] options) {
        if (options == null || options.length != 1) {
            throw new IllegalArgumentException("%redacted takes one pattern: %redacted{%m}");
        }
        return new RedactedLogConverter(PatternLayout.createPatternParser(config).parse(options[0]));
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        StringBuilder text = new StringBuilder();
        inner.forEach(f -> f.format(event, text));
        toAppendTo.append(Secrets.ambient().redact(text.toString()));
    }

    /** True when the inner pattern prints the stack trace, so that the layout does not print it again unredacted. */
    @Override
    public boolean handlesThrowable() {
        return inner.stream().anyMatch(PatternFormatter::handlesThrowable);
    }
}
