package dev.pagelab.jupyter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the kernel reads from its environment, after IJava's variables: {@code PAGELAB_CLASSPATH} (jars or
 * folders), {@code PAGELAB_STARTUP_SCRIPTS_PATH} (JShell scripts), both path lists whose relative entries
 * resolve against the kernel's folder and whose file names may be globs ({@code lib/*.jar});
 * {@code PAGELAB_STARTUP_SCRIPT} (code run after the scripts); {@code PAGELAB_COMPILER_OPTS} (javac options);
 * {@code PAGELAB_TIMEOUT} (per cell: {@code 30s}, {@code 2 min}, {@code 5000} milliseconds; empty or
 * {@code -1} for none). An entry left as an unexpanded {@code ${NAME}} by Jupyter counts as unset.
 */
record KernelConfig(Path kernelDir, List<Path> classpath, List<Path> startupScripts, String startupScript,
                    List<String> compilerOptions, Duration timeout) {
    static final String CLASSPATH = "PAGELAB_CLASSPATH";
    static final String STARTUP_SCRIPTS_PATH = "PAGELAB_STARTUP_SCRIPTS_PATH";
    static final String STARTUP_SCRIPT = "PAGELAB_STARTUP_SCRIPT";
    static final String COMPILER_OPTS = "PAGELAB_COMPILER_OPTS";
    static final String TIMEOUT = "PAGELAB_TIMEOUT";
    /** The system property that names the kernel's folder (kernel.json passes {@code {resource_dir}}). */
    static final String KERNEL_DIR_PROPERTY = "pagelab.kernel.dir";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");
    private static final Pattern DURATION = Pattern.compile("(-?\\d+)\\s*([A-Za-z]*)");

    /** Reads the variables from {@code env}, resolving paths against {@code kernelDir}. */
    static KernelConfig from(Map<String, String> env, Path kernelDir) {
        Path dir = kernelDir.toAbsolutePath().normalize();
        return new KernelConfig(dir,
                paths(value(env, CLASSPATH), dir),
                paths(value(env, STARTUP_SCRIPTS_PATH), dir),
                value(env, STARTUP_SCRIPT),
                options(value(env, COMPILER_OPTS)),
                duration(value(env, TIMEOUT)));
    }

    /** Reads the process environment and the kernel folder property (the working directory when absent). */
    static KernelConfig fromSystem() {
        String dir = System.getProperty(KERNEL_DIR_PROPERTY);
        return from(System.getenv(), Path.of(dir == null || dir.isBlank() ? "." : dir));
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null ? "" : PLACEHOLDER.matcher(v).replaceAll("").trim();
    }

    /** A path list: separated by the platform's path separator, relative entries against dir, globs in file names. */
    static List<Path> paths(String list, Path dir) {
        List<Path> out = new ArrayList<>();
        for (String entry : list.split(Pattern.quote(File.pathSeparator))) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = dir.resolve(entry.trim()).normalize();
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.contains("*") || name.contains("?") || name.contains("[") || name.contains("{")) {
                out.addAll(glob(p.getParent(), name));
            } else {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private static List<Path> glob(Path parent, String pattern) {
        if (parent == null || !Files.isDirectory(parent)) {
            return List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> files = Files.list(parent)) {
            return files.filter(f -> m.matches(f.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent, e);
        }
    }

    /** Splits javac options on blanks; double quotes keep blanks inside one option. */
    static List<String> options(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return List.copyOf(out);
    }

    /** {@code 5000} (milliseconds), {@code 30s}, {@code 2 min}, {@code 1 HOURS}; empty or negative for none (zero). */
    static Duration duration(String text) {
        if (text.isBlank()) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(TIMEOUT + " '" + text + "' is not a duration such as 30s, 2 min or 5000");
        }
        long n = Long.parseLong(m.group(1));
        if (n <= 0) {
            return Duration.ZERO;
        }
        return Duration.of(n, unit(m.group(2)).toChronoUnit());
    }

    private static TimeUnit unit(String u) {
        switch (u.toLowerCase(Locale.ROOT)) {
            case "": case "ms": case "milliseconds": return TimeUnit.MILLISECONDS;
            case "s": case "sec": case "secs": case "second": case "seconds": return TimeUnit.SECONDS;
            case "m": case "min": case "mins": case "minute": case "minutes": return TimeUnit.MINUTES;
            case "h": case "hour": case "hours": return TimeUnit.HOURS;
            default:
                throw new IllegalArgumentException(TIMEOUT + " unit '" + u + "' is none of ms, s, min, h");
        }
    }
}
