package dev.pagelab.json;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The fields of one kind of JSON object, the one place their names are spelled. The table is an enum whose
 * constants are the fields in the order PageLab writes them; in files each is named by its constant in lower camel
 * case ({@code DEMAND_ZERO_FAULTS} is {@code "demandZeroFaults"}, {@code T} is {@code "t"}). Writers name fields
 * by constant ({@link Out#field(Enum, long)}); readers walk a streamed object through the table ({@link #read},
 * {@link #require}) or check a tree against it ({@link Node#only(Fields)}, {@link #require(Node)}), and the
 * unknown-field and missing-field messages list its names.
 *
 * <p>A document's table starts with {@code FORMAT} and {@code VERSION}: {@link #read} hands them to the
 * {@link Header}, which checks them with messages of its own, so {@link #require} leaves them out.
 *
 * @param <K> the enum of the object's fields
 */
final class Fields<K extends Enum<K>> {
    /** Reads the value of one field; the value's first token is current. */
    interface FieldReader<K> {
        void read(K key, String path);
    }

    private static final ClassValue<String[]> NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] keys = type.getEnumConstants();
            String[] names = new String[keys.length];
            for (int i = 0; i < keys.length; i++) {
                names[i] = camel(((Enum<?>) keys[i]).name());
            }
            return names;
        }
    };

    private final K[] keys;
    private final EnumSet<K> required;
    private final Map<String, K> byName = new HashMap<>();
    private final Set<String> names;
    private final String known;

    private Fields(Class<K> type, EnumSet<K> optional) {
        this.keys = type.getEnumConstants();
        this.required = EnumSet.complementOf(optional);
        List<String> list = new ArrayList<>();
        for (K k : keys) {
            byName.put(name(k), k);
            list.add(name(k));
            if (isHeader(k)) {
                required.remove(k);
            }
        }
        this.names = Set.copyOf(list);
        this.known = String.join(", ", list);
    }

    /** The table of {@code type}'s constants; every field is required but the {@code optional} ones. */
    @SafeVarargs
    static <K extends Enum<K>> Fields<K> of(Class<K> type, K... optional) {
        EnumSet<K> set = EnumSet.noneOf(type);
        set.addAll(List.of(optional));
        return new Fields<>(type, set);
    }

    /** The field's name in files: the constant's name in lower camel case. */
    static String name(Enum<?> key) {
        return NAMES.get(key.getDeclaringClass())[key.ordinal()];
    }

    private static String camel(String constant) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : constant.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return sb.toString();
    }

    private static boolean isHeader(Enum<?> key) {
        String name = name(key);
        return name.equals(Header.FORMAT) || name.equals(Header.VERSION);
    }

    /** The names of {@code keys}, for {@link Node#only(Set)} where which fields apply depends on another field. */
    static Set<String> names(Iterable<? extends Enum<?>> keys) {
        List<String> list = new ArrayList<>();
        for (Enum<?> k : keys) {
            list.add(name(k));
        }
        return Set.copyOf(list);
    }

    /**
     * For each constant of {@code kinds} (an event kind, an operation), the names of the fields an object of that
     * kind may have: {@code common} and {@code fields.apply(kind)}. For {@link Node#only(Set)}.
     */
    static <T extends Enum<T>, F extends Enum<F>> Map<T, Set<String>> byKind(Class<T> kinds, EnumSet<F> common,
            Function<T, EnumSet<F>> fields) {
        Map<T, Set<String>> map = new EnumMap<>(kinds);
        for (T kind : kinds.getEnumConstants()) {
            EnumSet<F> all = EnumSet.copyOf(common);
            all.addAll(fields.apply(kind));
            map.put(kind, names(all));
        }
        return map;
    }

    /** The names of the fields, for {@link Node#only(Fields)}. */
    Set<String> names() {
        return names;
    }

    /** The constant named {@code name} in files, or null when there is none. */
    K key(String name) {
        return byName.get(name);
    }

    /** The constants, in the order they are written. */
    K[] keys() {
        return keys.clone();
    }

    /**
     * Walks the streamed object whose '{' is current at {@code path}: {@code format} and {@code version} go to
     * {@code header} (null inside a document), any other field of the table to {@code reader}, which must read its
     * value; a field not in the table fails there, naming the known ones. Returns the fields seen; {@link #require}
     * checks them once the caller's own checks that come first are done.
     */
    EnumSet<K> read(In in, String path, Header header, FieldReader<K> reader) {
        EnumSet<K> seen = EnumSet.noneOf(keys[0].getDeclaringClass());
        in.object(path, (name, fieldPath) -> {
            K key = byName.get(name);
            if (key == null) {
                throw in.fail(fieldPath, "unknown field; known here: " + known);
            }
            seen.add(key);
            if (header == null || !header.take(in, name, fieldPath)) {
                reader.read(key, fieldPath);
            }
        });
        return seen;
    }

    /** Fails at {@code path} on the first required field, in table order, that is not among {@code seen}. */
    void require(In in, String path, EnumSet<K> seen) {
        for (K k : required) {
            if (!seen.contains(k)) {
                throw in.failAt(path, "missing field \"" + name(k) + "\"");
            }
        }
    }

    /** Fails at the object {@code n} on the first required field, in table order, that it lacks. */
    void require(Node n) {
        for (K k : required) {
            n.field(k);
        }
    }
}
