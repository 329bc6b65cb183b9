package dev.gantry.plan.yaml;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Binds a YAML file to records, keeping every node's position. All errors of the file are collected;
 * a part that fails binds as null and its parent is not built, while its siblings are still checked.
 */
public final class YamlBinder {

    private final Path file;
    private final List<PlanError> errors = new ArrayList<>();
    private final Positions positions;

    private YamlBinder(Path file) {
        this.file = file;
        this.positions = new Positions(new Position(file, 1, 1));
    }

    public static <T extends Record> Bound<T> bind(Path file, Class<T> type) throws IOException, PlanException {
        return bind(file, Files.readString(file, StandardCharsets.UTF_8), type);
    }

    public static <T extends Record> Bound<T> bind(Path file, String content, Class<T> type) throws PlanException {
        YamlBinder binder = new YamlBinder(file);
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeString(content);
        } catch (MarkedYamlEngineException e) {
            Position at = e.getProblemMark().map(binder::position).orElse(new Position(file, 1, 1));
            throw new PlanException(List.of(new PlanError(at, "", "invalid YAML: " + e.getProblem())));
        } catch (YamlEngineException e) {
            throw new PlanException(
                    List.of(new PlanError(new Position(file, 1, 1), "", "invalid YAML: " + e.getMessage())));
        }
        Node node = root.filter(n -> !isNull(n)).orElseGet(() -> new MappingNode(Tag.MAP, List.of(), FlowStyle.BLOCK));
        Object value = binder.bindValue(node, type, "");
        if (!binder.errors.isEmpty()) throw new PlanException(binder.errors);
        return new Bound<>(type.cast(value), binder.positions);
    }

    private Object bindValue(Node node, Type type, String path) {
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            Type element = generic.getActualTypeArguments()[generic.getActualTypeArguments().length - 1];
            if (raw == List.class) return bindList(node, element, path);
            if (raw == Map.class) return bindMap(node, element, path);
            if (raw == Optional.class) return Optional.ofNullable(bindValue(node, element, path));
            throw new IllegalStateException("unsupported plan type " + type);
        }
        Class<?> c = (Class<?>) type;
        // Value types such as TagPattern are records too, but are written as one string and parsed.
        if (c.isRecord() && !Scalars.supports(c)) return bindRecord(node, c, path);
        if (!Scalars.supports(c)) throw new IllegalStateException("unsupported plan type " + c);
        if (!(node instanceof ScalarNode scalar)) {
            return fail(node, path, "expected a single value, got " + describe(node));
        }
        try {
            return Scalars.convert(scalar.getValue(), c);
        } catch (Scalars.Mismatch e) {
            return fail(node, path, e.getMessage());
        }
    }

    private List<Object> bindList(Node node, Type element, String path) {
        // A single value where a list is expected is a list of one: "dependsOn: db".
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        if (node instanceof MappingNode && !(element instanceof Class<?> c && c.isRecord())) {
            return fail(node, path, "expected a list, got a mapping");
        }
        List<Object> values = new ArrayList<>();
        int before = errors.size();
        for (int i = 0; i < items.size(); i++) {
            values.add(bindValue(items.get(i), element, path + "[" + i + "]"));
        }
        return errors.size() > before ? null : values;
    }

    private Map<String, Object> bindMap(Node node, Type element, String path) {
        if (!(node instanceof MappingNode mapping))
            return fail(node, path, "expected a mapping, got " + describe(node));
        Map<String, Object> values = new LinkedHashMap<>();
        int before = errors.size();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyOf(tuple, path);
            if (key == null) continue;
            if (values.containsKey(key)) {
                fail(tuple.getKeyNode(), join(path, key), "duplicate key \"" + key + "\"");
                continue;
            }
            values.put(
                    key,
                    isNull(tuple.getValueNode()) ? null : bindValue(tuple.getValueNode(), element, join(path, key)));
        }
        return errors.size() > before ? null : values;
    }

    private Object bindRecord(Node node, Class<?> type, String path) {
        if (!(node instanceof MappingNode mapping))
            return fail(node, path, "expected a mapping, got " + describe(node));
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Integer> indexByKey = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) indexByKey.put(keyName(components[i]), i);

        Object[] args = new Object[components.length];
        Map<String, Position> keyPositions = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int before = errors.size();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyOf(tuple, path);
            if (key == null) continue;
            Integer index = indexByKey.get(key);
            if (index == null) {
                fail(tuple.getKeyNode(), join(path, key), unknownKey(key, indexByKey.keySet()));
            } else if (!seen.add(key)) {
                fail(tuple.getKeyNode(), join(path, key), "duplicate key \"" + key + "\"");
            } else {
                keyPositions.put(components[index].getName(), position(tuple.getValueNode()));
                Node value = tuple.getValueNode();
                args[index] =
                        isNull(value) ? null : bindValue(value, components[index].getGenericType(), join(path, key));
            }
        }
        for (int i = 0; i < components.length; i++) {
            String key = keyName(components[i]);
            if (seen.contains(key) && args[i] != null) continue;
            if (components[i].isAnnotationPresent(Required.class)) {
                fail(node, path, "missing required key \"" + key + "\"");
            }
            args[i] = absent(components[i].getType());
        }
        if (errors.size() > before) return null;
        Object value = construct(type, components, args, node, path);
        if (value != null) positions.record(value, position(node), path, keyPositions);
        return value;
    }

    private Object construct(Class<?> type, RecordComponent[] components, Object[] args, Node node, String path) {
        try {
            Class<?>[] types =
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) return fail(node, path, bad.getMessage());
            throw new IllegalStateException("building " + type.getSimpleName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object absent(Class<?> type) {
        if (type == List.class) return List.of();
        if (type == Map.class) return Map.of();
        if (type == Optional.class) return Optional.empty();
        if (type == boolean.class) return false;
        if (type == int.class) return 0;
        if (type == long.class) return 0L;
        if (type == double.class) return 0.0;
        return null;
    }

    private String keyOf(NodeTuple tuple, String path) {
        if (tuple.getKeyNode() instanceof ScalarNode scalar) return scalar.getValue();
        fail(tuple.getKeyNode(), path, "expected a plain key, got " + describe(tuple.getKeyNode()));
        return null;
    }

    private static String keyName(RecordComponent component) {
        Key key = component.getAnnotation(Key.class);
        return key != null ? key.value() : component.getName();
    }

    private static String unknownKey(String key, Set<String> accepted) {
        return Suggestions.closest(key, accepted)
                .map(s -> "unknown key \"" + key + "\"; did you mean \"" + s + "\"?")
                .orElse("unknown key \"" + key + "\"; expected one of: " + String.join(", ", accepted));
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static String describe(Node node) {
        if (node instanceof SequenceNode) return "a list";
        if (node instanceof MappingNode) return "a mapping";
        return "\"" + ((ScalarNode) node).getValue() + "\"";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private <T> T fail(Node node, String path, String message) {
        errors.add(new PlanError(position(node), path, message));
        return null;
    }

    private Position position(Node node) {
        return node.getStartMark().map(this::position).orElse(new Position(file, 1, 1));
    }

    private Position position(Mark mark) {
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
