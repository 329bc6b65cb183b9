package dev.gantry.binding;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Binds a YAML file to records, keeping the position of every bound record, list and map. All errors of the
 * file are collected: a part that fails binds as null and its parent is not built, while its siblings are
 * still checked.
 */
public final class YamlBinder {

    private final Path file;
    private final Registries registries;
    private final Position fileStart;
    private final List<PlanError> errors = new ArrayList<>();
    private final Positions positions;

    private YamlBinder(Path file, Registries registries) {
        this.file = file;
        this.registries = registries;
        this.fileStart = new Position(file, 1, 1);
        this.positions = new Positions(fileStart);
    }

    /** Binds the bytes of the file at {@code file}, choosing the records of {@link Variants} from {@code registries}. */
    public static <T extends Record> Bound<T> bind(Path file, byte[] content, Class<T> type, Registries registries)
            throws PlanException {
        return bind(file, YamlText.decode(file, content), type, registries);
    }

    /** Binds {@code content} as if read from {@code file}, which only names the positions. */
    public static <T extends Record> Bound<T> bind(Path file, String content, Class<T> type, Registries registries)
            throws PlanException {
        YamlBinder binder = new YamlBinder(file, registries);
        Object value = binder.bindRecord(YamlText.compose(file, content), type, "");
        if (!binder.errors.isEmpty()) throw new PlanException(binder.errors);
        return new Bound<>(type.cast(value), binder.positions);
    }

    private Object bindValue(Node node, Type type, String path) {
        if (type instanceof ParameterizedType generic) {
            Type raw = generic.getRawType();
            Type[] arguments = generic.getActualTypeArguments();
            if (raw == List.class) return bindList(node, arguments[0], path);
            if (raw == Map.class && arguments[0] == String.class) return bindMap(node, arguments[1], path);
            if (raw == Optional.class) return Optional.ofNullable(bindValue(node, arguments[0], path));
        } else if (type instanceof Class<?> c) {
            // Scalars first: value types such as TagPattern are records written as one string.
            if (Scalars.supports(c)) return bindScalar(node, c, path);
            if (c.isRecord()) return bindRecord(node, c, path);
            if (c.isInterface() && c.isAnnotationPresent(Variants.class)) return bindVariant(node, c, path);
        }
        throw new IllegalStateException("unsupported plan type " + type.getTypeName() + " at " + path);
    }

    /** A list item or map value: an explicit null there is only fine where an empty value exists. */
    private Object bindEntry(Node node, Type type, String path) {
        if (!Nodes.isNull(node)) return bindValue(node, type, path);
        Object empty = absent(type);
        return empty != null ? empty : fail(node, path, "missing value");
    }

    private Object bindScalar(Node node, Class<?> type, String path) {
        if (!(node instanceof ScalarNode scalar)) {
            return fail(node, path, "expected " + Scalars.expected(type) + ", got " + Nodes.describe(node));
        }
        try {
            return Scalars.convert(scalar.getValue(), type);
        } catch (Scalars.Mismatch e) {
            return fail(node, path, e.getMessage());
        }
    }

    private List<Object> bindList(Node node, Type element, String path) {
        List<Node> items;
        if (node instanceof SequenceNode sequence) {
            items = sequence.getValue();
        } else if (node instanceof ScalarNode && element instanceof Class<?> c && Scalars.supports(c)) {
            // One value where a list is expected is a list of one: "dependsOn: db".
            items = List.of(node);
        } else {
            return fail(node, path, "expected a list, got " + Nodes.describe(node));
        }
        List<Object> values = new ArrayList<>(items.size());
        int before = errors.size();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = node instanceof SequenceNode ? path + "[" + i + "]" : path;
            values.add(bindEntry(items.get(i), element, itemPath));
        }
        if (errors.size() > before) return null;
        positions.record(values, position(node), path, Map.of());
        return values;
    }

    private Map<String, Object> bindMap(Node node, Type valueType, String path) {
        if (!(node instanceof MappingNode mapping)) {
            return fail(node, path, "expected a mapping, got " + Nodes.describe(node));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Position> keys = new HashMap<>();
        int before = errors.size();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyOf(tuple, path);
            if (key == null) continue;
            if (keys.containsKey(key)) {
                fail(tuple.getKeyNode(), join(path, key), "duplicate key " + Nodes.quote(key));
                continue;
            }
            keys.put(key, position(tuple.getValueNode()));
            values.put(key, bindEntry(tuple.getValueNode(), valueType, join(path, key)));
        }
        if (errors.size() > before) return null;
        positions.record(values, position(node), path, keys);
        return values;
    }

    private Object bindRecord(Node node, Class<?> type, String path) {
        if (!(node instanceof MappingNode mapping)) {
            return fail(node, path, "expected a mapping, got " + Nodes.describe(node));
        }
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Integer> indexByKey = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) indexByKey.put(keyName(components[i]), i);

        int before = errors.size();
        NodeTuple[] given = new NodeTuple[components.length];
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyOf(tuple, path);
            if (key == null) continue;
            Integer index = indexByKey.get(key);
            if (index == null) {
                fail(tuple.getKeyNode(), join(path, key), Suggestions.unknownKey(key, indexByKey.keySet()));
            } else if (given[index] != null) {
                fail(tuple.getKeyNode(), join(path, key), "duplicate key " + Nodes.quote(key));
            } else {
                given[index] = tuple;
            }
        }

        Object[] args = new Object[components.length];
        Map<String, Position> keys = new HashMap<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String key = keyName(component);
            Node value = given[i] == null ? null : given[i].getValueNode();
            if (value != null) keys.put(component.getName(), position(value));
            if (value instanceof SequenceNode items) {
                // A check made after binding can then name one item of a list of strings, which has no record.
                for (int j = 0; j < items.getValue().size(); j++) {
                    keys.put(
                            component.getName() + "[" + j + "]",
                            position(items.getValue().get(j)));
                }
            }
            if (value != null && !Nodes.isNull(value)) {
                args[i] = bindValue(value, component.getGenericType(), join(path, key));
            } else if (component.isAnnotationPresent(Required.class)) {
                if (value == null) fail(node, path, "missing required key " + Nodes.quote(key));
                else fail(given[i].getKeyNode(), join(path, key), "required key " + Nodes.quote(key) + " has no value");
            } else {
                args[i] = absent(component.getGenericType());
            }
        }
        if (errors.size() > before) return null;
        Map<String, Node> values = new HashMap<>();
        for (int i = 0; i < components.length; i++) {
            if (given[i] != null) values.put(components[i].getName(), given[i].getValueNode());
        }
        Object value = construct(type, components, args, node, path, values);
        if (value != null) positions.record(value, position(node), path, keys);
        return value;
    }

    /** A record chosen by its name under the variant key; the other keys are the record's. */
    private Object bindVariant(Node node, Class<?> type, String path) {
        Variants variants = type.getAnnotation(Variants.class);
        Map<String, Class<? extends Record>> choices = registries.variants(type);
        String names = String.join(", ", choices.keySet());
        if (!(node instanceof MappingNode mapping)) {
            return fail(
                    node,
                    path,
                    "expected a mapping with a \"" + variants.key() + "\" key, got " + Nodes.describe(node));
        }
        NodeTuple named = null;
        List<NodeTuple> rest = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (named == null
                    && tuple.getKeyNode() instanceof ScalarNode key
                    && key.getValue().equals(variants.key())) {
                named = tuple;
            } else {
                rest.add(tuple);
            }
        }
        if (named == null) {
            return fail(node, path, "missing required key " + Nodes.quote(variants.key()) + "; one of: " + names);
        }
        String keyPath = join(path, variants.key());
        if (!(named.getValueNode() instanceof ScalarNode chosen) || Nodes.isNull(chosen)) {
            return fail(
                    named.getValueNode(),
                    keyPath,
                    "expected one of " + names + ", got " + Nodes.describe(named.getValueNode()));
        }
        Class<? extends Record> record = choices.get(chosen.getValue());
        if (record == null) {
            String start = "unknown " + variants.key() + " " + Nodes.quote(chosen.getValue()) + "; ";
            return fail(
                    chosen,
                    keyPath,
                    Suggestions.closest(chosen.getValue(), choices.keySet())
                            .map(s -> start + "did you mean " + Nodes.quote(s) + "?")
                            .orElse(start + "expected one of: " + names));
        }
        MappingNode body = new MappingNode(
                mapping.getTag(), true, rest, mapping.getFlowStyle(), mapping.getStartMark(), mapping.getEndMark());
        return bindRecord(body, record, path);
    }

    private Object construct(
            Class<?> type,
            RecordComponent[] components,
            Object[] args,
            Node node,
            String path,
            Map<String, Node> values) {
        try {
            Class<?>[] types =
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidValue bad && values.containsKey(bad.component())) {
                RecordComponent component = Arrays.stream(components)
                        .filter(c -> c.getName().equals(bad.component()))
                        .findFirst()
                        .orElseThrow();
                return fail(values.get(bad.component()), join(path, keyName(component)), bad.getMessage());
            }
            if (e.getCause() instanceof IllegalArgumentException bad) {
                String message = bad.getMessage() != null ? bad.getMessage() : "invalid " + type.getSimpleName();
                return fail(node, path, message);
            }
            throw new IllegalStateException("building " + type.getSimpleName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    /** The value of a key that is absent or null: empty for containers, false or zero for primitives. */
    private static Object absent(Type type) {
        Type raw = type instanceof ParameterizedType generic ? generic.getRawType() : type;
        if (raw == List.class) return List.of();
        if (raw == Map.class) return Map.of();
        if (raw == Optional.class) return Optional.empty();
        if (raw == boolean.class) return false;
        if (raw == int.class) return 0;
        if (raw == long.class) return 0L;
        if (raw == double.class) return 0.0;
        return null;
    }

    private String keyOf(NodeTuple tuple, String path) {
        if (tuple.getKeyNode() instanceof ScalarNode scalar) return scalar.getValue();
        fail(tuple.getKeyNode(), path, "expected a plain key, got " + Nodes.describe(tuple.getKeyNode()));
        return null;
    }

    static String keyName(RecordComponent component) {
        Key key = component.getAnnotation(Key.class);
        return key != null ? key.value() : component.getName();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private <T> T fail(Node node, String path, String message) {
        errors.add(new PlanError(position(node), path, message));
        return null;
    }

    private Position position(Node node) {
        return node.getStartMark().map(this::position).orElse(fileStart);
    }

    private Position position(Mark mark) {
        return YamlText.position(file, mark);
    }
}
