package dev.gantry.gate.checks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the JSON files checks judge, turning every way a file can be wrong into one sentence. */
final class JsonFiles {

    /** The file cannot be read as JSON; the message names it and says why. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    // NaN is allowed in the text so that a benchmark that measured nothing is reported as such, not as bad JSON.
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(EvidenceFile.MAX_DEPTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final int MAX_SHOWN = 60;
    private static final Pattern LIMIT = Pattern.compile("^(.+?) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    private JsonFiles() {}

    /** The JSON of {@code file}. */
    static JsonNode read(EvidenceFile file) throws Unreadable {
        String name = file.name();
        try (InputStream in = file.open("a JSON file")) {
            JsonNode node = JSON.readTree(in);
            if (node == null || node.isMissingNode()) throw new Unreadable(name + " is empty, expected JSON");
            return node;
        } catch (EvidenceFile.Refused e) {
            throw new Unreadable(e.getMessage());
        } catch (StreamConstraintsException e) {
            throw new Unreadable(name + where(e) + ": " + limit(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new Unreadable(name + where(e) + ": malformed JSON: " + problem(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Unreadable("cannot read " + name + ": " + ReportFiles.reason(e));
        }
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    /** Which of Jackson's limits the file passed, said without Jackson's names for them. */
    private static String limit(String message) {
        String text = message == null ? "" : message;
        if (text.contains("nesting depth")) {
            return "nested deeper than " + EvidenceFile.MAX_DEPTH + " levels, more than a check reads";
        }
        Matcher m = LIMIT.matcher(text);
        if (m.find()) {
            String what =
                    switch (m.group(1)) {
                        case "Number value length" -> "a number of " + m.group(2) + " digits";
                        case "String value length" -> "a text of " + m.group(2) + " characters";
                        case "Name length" -> "a name of " + m.group(2) + " characters";
                        default -> m.group(1).toLowerCase(Locale.ROOT) + " " + m.group(2);
                    };
            return what + ", more than the " + m.group(3) + " a check reads";
        }
        return "beyond what a check reads: " + problem(text);
    }

    /** A value of a JSON file as its text, cut short: quoted in messages, where a whole subtree says nothing. */
    static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
    }

    /** Jackson's message without the source it quotes, which says nothing to a user. */
    private static String problem(String message) {
        String text = message == null ? "not JSON" : message.strip();
        text = text.replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]", "line $1, column $2");
        text = text.replaceAll("\\s+", " ");
        if (text.length() > 1 && !Character.isUpperCase(text.charAt(1))) {
            text = text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
        }
        return text;
    }
}
