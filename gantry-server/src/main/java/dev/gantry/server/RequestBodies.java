package dev.gantry.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.gantry.server.api.ApiJson;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Reads a request's JSON body into its record, strictly ({@link ApiJson}), and says what is wrong with one it cannot
 * take: the field and the type it expects, a key given twice, content after the document, too deep, too big.
 */
final class RequestBodies {

    /** The most bytes a request's body may have; evidence uploads have their own limit. */
    static final long MOST_BYTES = 1_000_000;

    /** Jackson's words for a value it would not coerce: {@code Cannot coerce String value ("true") to ...}. */
    private static final java.util.regex.Pattern COERCED =
            java.util.regex.Pattern.compile("^Cannot coerce \\w+(?: value)? \\((.{1,60})\\) to ");

    private RequestBodies() {}

    static <T> T read(Context ctx, Class<T> type, String shape) {
        long length = ctx.req().getContentLengthLong();
        if (length > MOST_BYTES) throw tooLarge(length);
        try {
            T body = ctx.bodyAsClass(type);
            if (body == null) throw ApiException.badRequest("the request's body is " + shape);
            return body;
        } catch (ApiException e) {
            throw e;
        } catch (ContentTooLargeResponse e) {
            throw tooLarge(length);
        } catch (Exception e) { // Jackson's own exceptions are checked, and pass through Javalin's Kotlin unchecked
            if (e instanceof JsonProcessingException json) throw ApiException.badRequest(message(json, shape));
            throw ApiException.badRequest("the request's body is " + shape);
        }
    }

    static ApiException tooLarge(long length) {
        return new ApiException(
                413,
                length > 0
                        ? "the request's body is " + length + " bytes, over the " + MOST_BYTES
                                + " bytes the server takes"
                        : "the request's body is over the " + MOST_BYTES + " bytes the server takes");
    }

    /** What is wrong with a body Jackson refused, in the API's words; {@code shape} when nothing more is known. */
    static String message(JsonProcessingException e, String shape) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (deep(e)) {
            return "the request's body nests objects and lists deeper than " + ApiJson.MOST_DEPTH + " levels";
        }
        if (original.startsWith("Duplicate field")) {
            String field = original.substring(original.indexOf('\'') + 1, original.lastIndexOf('\''));
            String where = e.getProcessor() instanceof JsonParser p
                    ? place(
                            p.getParsingContext().getParent() == null
                                    ? ""
                                    : p.getParsingContext()
                                            .getParent()
                                            .pathAsPointer()
                                            .toString())
                    : "";
            return (where.isEmpty() ? "" : where + ".") + field + ": given twice; give each key once";
        }
        if (original.startsWith("Trailing token")) {
            return "the request's body goes on after its JSON document: send one document, " + shape;
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty() && m.getTargetType() != null) {
            return path(m) + ": expected " + expected(m.getTargetType()) + ", got " + got(m);
        }
        return "the request's body is " + shape;
    }

    /** Whether the body nests deeper than the mapper reads, however Jackson wrapped saying so. */
    private static boolean deep(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException
                    && String.valueOf(cause.getMessage()).contains("nesting depth")) return true;
        }
        return false;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                if (path.length() > 0) path.append('.');
                path.append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A JSON pointer such as {@code /settings/strategies/0} as the API's errors name a place: settings.strategies[0]. */
    private static String place(String pointer) {
        StringBuilder place = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) continue;
            if (part.chars().allMatch(Character::isDigit))
                place.append('[').append(part).append(']');
            else place.append(place.length() > 0 ? "." : "").append(part);
        }
        return place.toString();
    }

    private static String expected(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "text";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class)
            return "a whole number";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT))
                            .collect(Collectors.joining(", "));
        }
        return "an object";
    }

    /** The value the body gave, as it was written: 1, "true", an object. */
    private static String got(MismatchedInputException e) {
        if (e instanceof InvalidFormatException f && f.getValue() != null) {
            return f.getValue() instanceof String text ? quoted(text) : String.valueOf(f.getValue());
        }
        // Otherwise Jackson's message names the value, or the token where a value belongs.
        String message = String.valueOf(e.getOriginalMessage());
        java.util.regex.Matcher coerced = COERCED.matcher(message);
        if (coerced.find()) return coerced.group(1);
        if (message.contains("JsonToken.START_ARRAY")) return "a list";
        if (message.contains("JsonToken.START_OBJECT")) return "an object";
        if (message.contains("JsonToken.VALUE_NUMBER")) return "a number";
        if (message.contains("JsonToken.VALUE_STRING")) return "text";
        if (e.getProcessor() instanceof JsonParser p && p.currentToken() != null) {
            try {
                return switch (p.currentToken()) {
                    case VALUE_STRING -> quoted(p.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> p.getText();
                    case START_ARRAY, END_ARRAY -> "a list";
                    case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
                    default -> "something else";
                };
            } catch (java.io.IOException unreadable) {
                return "something else";
            }
        }
        return "something else";
    }

    private static String quoted(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
