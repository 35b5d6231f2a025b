package dev.pagelab.jupyter;

import com.google.gson.JsonParser;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;

/**
 * The pictures of a PageLab value as a MIME bundle (MIME type to content; images base64), from
 * {@code dev.pagelab.render.Display.mimeBundle}; {@code text/plain} of {@code toString()} when the jar has no
 * renderer. The one place the kernel and the extensions ask for pictures.
 */
final class MimeBundles {
    /** The MIME types PageLab renders, richest first; each kernel's renderer is told to ask for all of them. */
    static final List<String> TYPES = List.of("text/html", "image/svg+xml", "image/png", "application/json",
            "text/markdown", "text/latex", "text/plain");

    private static final MethodHandle MIME_BUNDLE = find();

    private MimeBundles() {
    }

    /** True for the classes PageLab draws: everything under {@code dev.pagelab} but this package. */
    static boolean covers(Class<?> type) {
        String name = type.getName();
        return name.startsWith("dev.pagelab.") && !name.startsWith("dev.pagelab.jupyter.");
    }

    /** The bundle of one value; never empty, always with {@code text/plain}. */
    @SuppressWarnings("unchecked")
    static Map<String, String> of(Object value) {
        if (MIME_BUNDLE != null) {
            try {
                Map<String, String> bundle = (Map<String, String>) MIME_BUNDLE.invoke(value);
                if (bundle != null && !bundle.isEmpty()) {
                    return bundle;
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot render " + value.getClass().getName(), e);
            }
        }
        return Map.of("text/plain", String.valueOf(value));
    }

    /** The value a kernel puts in its display data: JSON types as a JSON tree, the rest as the string. */
    static Object content(String mimeType, String content) {
        boolean json = mimeType.equals("application/json") || mimeType.endsWith("+json");
        return json ? JsonParser.parseString(content) : content;
    }

    private static MethodHandle find() {
        try {
            Class<?> display = Class.forName("dev.pagelab.render.Display", true, MimeBundles.class.getClassLoader());
            return MethodHandles.publicLookup().findStatic(display, "mimeBundle",
                    MethodType.methodType(Map.class, Object.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
