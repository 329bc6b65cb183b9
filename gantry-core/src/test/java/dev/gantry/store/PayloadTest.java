package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A release fact's payload is a flat JSON object of text, written and read back as it was. */
class PayloadTest {

    @Test
    void writesFieldsInOrderWithNullsAndEscapes() {
        String json = new Payload()
                .put("item", "backup")
                .put("note", null)
                .put("comment", "\"quoted\", ünïcode\n")
                .json();

        assertThat(json).isEqualTo("{\"item\":\"backup\",\"note\":null,\"comment\":\"\\\"quoted\\\", ünïcode\\n\"}");
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        Map<String, String> fields = Payload.read(new Payload()
                .put("item", "backup")
                .put("note", null)
                .put("comment", "\"quoted\", ünïcode\n")
                .json());

        Map<String, String> expected = new HashMap<>();
        expected.put("item", "backup");
        expected.put("note", null);
        expected.put("comment", "\"quoted\", ünïcode\n");
        assertThat(fields).isEqualTo(expected);
    }

    @Test
    void readsNumbersAndBooleansAsWrittenAndNestedValuesAsEmpty() throws IOException {
        assertThat(Payload.read("{\"n\":12,\"ok\":true,\"list\":[1,{\"a\":2}],\"o\":{\"b\":[]},\"last\":\"x\"}"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("n", "12", "ok", "true", "list", "", "o", "", "last", "x"));
    }

    @Test
    void valueThatIsNotAnObjectHasNoFields() throws IOException {
        assertThat(Payload.read("[1,2]")).isEmpty();
        assertThat(Payload.read("\"text\"")).isEmpty();
        assertThat(Payload.read("")).isEmpty();
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> Payload.read("{\"item\":")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Payload.read("<html>")).isInstanceOf(IOException.class);
    }
}
