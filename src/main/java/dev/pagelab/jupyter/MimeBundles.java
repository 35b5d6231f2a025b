package dev.pagelab.jupyter;

import com.google.gson.JsonParser;
import dev.pagelab.render.Display;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The pictures of a PageLab value as a MIME bundle (MIME type to content; images base64), from
 * {@link Display#mimeBundle}: the one place the kernel and the extensions ask for pictures.
 */
final class MimeBundles {
    /** The MIME types PageLab renders, richest first; each kernel's renderer is told to ask for all of them. */
    static final List<String> TYPES = List.of(Display.HTML, Display.SVG, Display.PNG, Display.TEXT);

    private MimeBundles() {
    }

    /** True for the classes PageLab draws: everything under {@code dev.pagelab} but this package. */
    static boolean covers(Class<?> type) {
        String name = type.getName();
        return name.startsWith("dev.pagelab.") && !name.startsWith("dev.pagelab.jupyter.");
    }

    /** The bundle of one value; never empty, always with {@code text/plain}. */
    static Map<String, String> of(Object value) {
        return Display.mimeBundle(value);
    }

    /** The value a kernel puts in its display data: JSON types as a JSON tree, the rest as the string. */
    static Object content(String mimeType, String content) {
        boolean json = mimeType.equals("application/json") || mimeType.endsWith("+json");
        return json ? JsonParser.parseString(content) : content;
    }

    /** The classes that get a renderer of their own: those {@link Display} knows. */
    static List<Class<?>> displayableTypes() {
        return Display.displayableTypes();
    }

    /** How one kernel library's render context is handed a MIME type's content, made only if the front end asks. */
    interface Offer<C> {
        void offer(C context, String mimeType, Supplier<Object> content);
    }

    /**
     * Registers PageLab's drawings with one kernel library: one for each {@link #displayableTypes() displayable
     * type}, and one on {@code Object} that draws any other PageLab value and leaves every other value to the
     * kernel's plain text. {@code register} is the library's registration of a type, {@code offer} its render call.
     */
    static <C> void register(BiConsumer<Class<?>, BiConsumer<Object, C>> register, Offer<C> offer) {
        BiConsumer<Object, C> draw = (value, context) -> {
            for (Map.Entry<String, String> e : of(value).entrySet()) {
                offer.offer(context, e.getKey(), () -> content(e.getKey(), e.getValue()));
            }
        };
        for (Class<?> type : displayableTypes()) {
            register.accept(type, draw);
        }
        register.accept(Object.class, (value, context) -> {
            if (covers(value.getClass())) {
                draw.accept(value, context);
            }
        });
    }
}
