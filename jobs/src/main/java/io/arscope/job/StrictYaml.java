package io.arscope.job;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * How every configuration file (config file, mapping, dunning strategy) is read: YAML, or JSON which is YAML. A
 * key given twice in one map is an error, not "the last one wins", and a key the file's reader does not know is
 * an error naming the nearest known key, not ignored: a misspelt setting must not silently keep its default.
 */
public final class StrictYaml {
    // Not YAMLFactory.builder(): in this Jackson version it starts without the YAML parser's default features,
    // and an empty value would read as "" instead of null.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'$");

    private StrictYaml() {
    }

    /** The file's text as a tree; a duplicate key is refused. */
    public static JsonNode tree(String text) throws JsonProcessingException {
        return YAML.readTree(text);
    }

    /** The file's text as a {@code type}; a duplicate key, or a key {@code type} has no property for, is refused. */
    public static <T> T read(String text, Class<T> type) throws JsonProcessingException {
        return YAML.readValue(text, type);
    }

    /**
     * What is wrong with the text, in words and without Jackson's class names: the key given twice and its line,
     * the unknown key with where it is and the nearest known one, or the parser's own message and its line.
     */
    public static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<JsonMappingException.Reference> path = unknown.getPath();
            String where = path.size() < 2 ? "" : " at " + where(path.subList(0, path.size() - 1));
            return unknownKey(unknown.getPropertyName(), where, unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).toList());
        }
        String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        if (e instanceof JsonMappingException m && String.valueOf(m.getOriginalMessage()).contains(
                "from boolean value")) {
            // YAML reads an unquoted yes, no, on, off, true or false as a truth value: a column named "No" (an
            // invoice number's heading) or "On" would otherwise meet Jackson's "no boolean/Boolean-argument
            // constructor".
            String where = m.getPath().isEmpty() ? "" : " at " + where(m.getPath());
            return "a value" + where + line + " reads as true or false (YAML takes an unquoted yes, no, on, off, "
                    + "true or false so); quote it if it is a name: 'No'";
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.matches()) {
            return "key '" + duplicate.group(1) + "' is given twice in one map" + line + "; give each key once";
        }
        return e.getOriginalMessage() + line;
    }

    /** "unknown key 'x' {where}; did you mean 'y'?", or the known keys when none is near. */
    public static String unknownKey(String key, String where, Collection<String> known) {
        return "unknown key '" + key + "'" + where + "; " + ClosestName.hint(key, known);
    }

    /** A path in the file: keys, and list entries by their number from 1 ({@code sources > entry 2 > produces}). */
    private static String where(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (!text.isEmpty()) {
                text.append(" > ");
            }
            text.append(step.getFieldName() != null ? step.getFieldName() : "entry " + (step.getIndex() + 1));
        }
        return text.toString();
    }
}
