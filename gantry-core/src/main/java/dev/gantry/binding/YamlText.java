package dev.gantry.binding;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The text of a YAML file turned into nodes, within bounds: the bytes must be UTF-8, the characters printable, the
 * nesting at most {@link #MAX_DEPTH} deep and aliases of lists and mappings few. Each refusal is a plan error at the
 * place in the file that caused it.
 */
final class YamlText {

    /**
     * A plan nests about eight levels deep; deeper nesting only serves to exhaust the stack of the composer, which
     * descends one call per level.
     */
    static final int MAX_DEPTH = 64;

    /** A plan names a list or mapping by alias a few times; thousands are a "billion laughs" of nodes. */
    static final int MAX_COLLECTION_ALIASES = 50;

    /** The most characters a plan may have; the file's size is bounded before it is read, this bounds a string. */
    static final int MAX_CODE_POINTS = 1 << 20;

    private YamlText() {}

    /** The bytes of {@code file} as text; an invalid byte is an error at its line and column. */
    static String decode(Path file, byte[] bytes) throws PlanException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            String before = out.flip().toString();
            throw new PlanException(List.of(new PlanError(
                    positionAfter(file, before),
                    "",
                    String.format("the file is not UTF-8 text: invalid byte 0x%02X", bytes[in.position()] & 0xFF))));
        }
        return out.flip().toString();
    }

    /** The nodes of the one document in {@code content}; an empty document is an empty mapping. */
    static Node compose(Path file, String content) throws PlanException {
        // The core schema, not snakeyaml's default JSON one, so that "~" and "Null" are null as in YAML 1.2;
        // non-scalar keys are let through to be reported with their position.
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                .setSchema(new CoreSchema())
                .setAllowNonScalarKeys(true)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        Tracked parser = new Tracked(new ParserImpl(settings, new StreamReader(settings, content)));
        try {
            return new DepthBound(settings, parser)
                    .getSingleNode()
                    .filter(node -> !Nodes.isNull(node))
                    .orElseGet(() -> new MappingNode(Tag.MAP, List.of(), FlowStyle.BLOCK));
        } catch (TooDeep e) {
            throw error(
                    e.at == null ? new Position(file, 1, 1) : position(file, e.at),
                    "invalid YAML: nested deeper than " + MAX_DEPTH + " levels");
        } catch (MarkedYamlEngineException e) {
            Position at = e.getProblemMark()
                    .or(e::getContextMark)
                    .map(mark -> position(file, mark))
                    .orElse(new Position(file, 1, 1));
            throw error(at, Nodes.syntaxProblem(e.getContext(), e.getProblem()));
        } catch (ReaderException e) {
            throw error(
                    firstUnprintable(file, content),
                    String.format("invalid YAML: the character U+%04X cannot be in a YAML file", e.getCodePoint()));
        } catch (YamlEngineException e) {
            Position at = parser.last()
                    .flatMap(Event::getStartMark)
                    .map(mark -> position(file, mark))
                    .orElse(new Position(file, 1, 1));
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("Number of aliases")) {
                message = "more than " + MAX_COLLECTION_ALIASES + " aliases of lists and mappings";
            }
            throw error(at, "invalid YAML: " + message);
        }
    }

    private static PlanException error(Position at, String message) {
        return new PlanException(List.of(new PlanError(at, "", message)));
    }

    static Position position(Path file, Mark mark) {
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Where the first character YAML does not allow is, counted as snakeyaml counts lines and columns. */
    private static Position firstUnprintable(Path file, String content) {
        int offset = 0;
        while (offset < content.length()) {
            int c = content.codePointAt(offset);
            if (!StreamReader.isPrintable(c)) break;
            offset += Character.charCount(c);
        }
        return positionAfter(file, content.substring(0, Math.min(offset, content.length())));
    }

    /** The position of the character that follows {@code before}: lines end at \n, \r\n or \r. */
    private static Position positionAfter(Path file, String before) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < before.length(); ) {
            int c = before.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n' || (c == '\r' && (i >= before.length() || before.charAt(i) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new Position(file, line, column);
    }

    /** Nesting past {@link #MAX_DEPTH}, found where the list or mapping that goes too deep starts. */
    private static final class TooDeep extends RuntimeException {
        private final Mark at;

        TooDeep(Mark at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    /** The parser, remembering the last event it gave: where the composer was when it gave up without a mark. */
    private static final class Tracked implements Parser {
        private final Parser parser;
        private Event last;

        Tracked(Parser parser) {
            this.parser = parser;
        }

        Optional<Event> last() {
            return Optional.ofNullable(last);
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return parser.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public Event next() {
            last = parser.next();
            return last;
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }
    }

    /** The composer, counting the lists and mappings it is inside of: it descends one call per level. */
    private static final class DepthBound extends Composer {
        private int depth;

        DepthBound(LoadSettings settings, Parser parser) {
            super(settings, parser);
        }

        @Override
        protected SequenceNode composeSequenceNode(Optional<Anchor> anchor) {
            enter();
            try {
                return super.composeSequenceNode(anchor);
            } finally {
                depth--;
            }
        }

        @Override
        protected Node composeMappingNode(Optional<Anchor> anchor) {
            enter();
            try {
                return super.composeMappingNode(anchor);
            } finally {
                depth--;
            }
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                Optional<Mark> start = parser.peekEvent().getStartMark();
                throw new TooDeep(start.orElse(null));
            }
        }
    }
}
