package dev.gantry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The body of an HTTP answer read as JSON, strictly: a page of HTML or a truncated answer is not JSON. */
public final class JsonBody {

    /** The body is not JSON; the message says why, in a few words. */
    public static final class NotJson extends Exception {
        NotJson(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_REASON = 160;
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() {}

    public static JsonNode parse(byte[] body) throws NotJson {
        if (body.length == 0) throw new NotJson("the body is empty, not JSON");
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || tree.isMissingNode()) throw new NotJson("the body is blank, not JSON");
            return tree;
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            if (reason.length() > MAX_REASON) reason = reason.substring(0, MAX_REASON) + "…";
            throw new NotJson("the body is not JSON: " + reason);
        } catch (IOException e) {
            throw new NotJson("the body cannot be read: " + e.getMessage());
        }
    }
}
