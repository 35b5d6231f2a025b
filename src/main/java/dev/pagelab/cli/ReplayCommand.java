package dev.pagelab.cli;

import dev.pagelab.engine.Hex;
import dev.pagelab.engine.HostMemory;
import dev.pagelab.policy.Policy;
import dev.pagelab.replay.Replay;
import dev.pagelab.replay.ReplayResult;
import dev.pagelab.trace.TraceFile;
import dev.pagelab.trace.TraceFormat;
import dev.pagelab.trace.Traces;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./pagelab replay TRACE --frames N[,N...] [--policy P[,P...]] [--format F] [--page-size BYTES] [--time]}:
 * replays a trace file on the fast path, once per policy and memory size, and prints one line per replay, e.g.
 * {@code LRU, 1000 frames: 10000000 references, 5103648 faults (51.0%)}. The format is told from the file unless
 * given. {@code --time} adds each replay's elapsed time and rate on standard error (standard output stays the
 * same from run to run). Exits with 0, or 2 for bad arguments or a bad file (its message names the place).
 */
final class ReplayCommand {
    private ReplayCommand() {}

    static final String USAGE = "usage: pagelab replay TRACE|- --frames N[,N...] [--policy FIFO,LRU,CLOCK,OPT,...] "
            + "[--format PAGES|RWX|LACKEY|BINARY] [--page-size BYTES] [--time]";

    /** Runs the command, {@code -} reading the trace from standard input, and returns its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    /** Runs the command with {@code stdin} as its standard input and returns its exit code. */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Path file = null;
        List<Integer> frames = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        TraceFormat format = null;
        int pageShift = Replay.DEFAULT_PAGE_SHIFT;
        boolean time = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--frames" -> {
                        for (String n : Args.value(args, ++i, arg).split(",")) {
                            frames.add(frameCount(n));
                        }
                    }
                    case "--policy" -> {
                        for (String p : Args.value(args, ++i, arg).split(",")) {
                            policies.add(Policy.named(p));
                        }
                    }
                    case "--format" -> format = format(Args.value(args, ++i, arg));
                    case "--page-size" -> pageShift = Args.pageShift(Args.value(args, ++i, arg));
                    case "--time" -> time = true;
                    default -> {
                        if (file != null || arg.startsWith("--")) {
                            throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                        }
                        file = Path.of(arg);
                    }
                }
            }
            if (file == null || frames.isEmpty()) {
                throw new IllegalArgumentException(file == null ? "no trace file given" : "no --frames given");
            }
        } catch (IllegalArgumentException | UsageException e) {
            err.println("pagelab replay: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (policies.isEmpty()) {
            policies = List.of(Policy.FIFO, Policy.LRU, Policy.CLOCK, Policy.OPT);
        }
        Path copy = null;
        try {
            String source = file.toString().equals("-") ? "<standard input>" : file.toString();
            Path readable = file;
            if (file.toString().equals("-") || !Files.isRegularFile(file)) {
                // a pipe or standard input can be read once; each replay reads the trace from the start
                copy = TraceCopy.of(file.toString().equals("-") ? stdin : Files.newInputStream(file));
                readable = copy;
            }
            TraceFile trace = Traces.open(readable, format, source);
            Replay replay = Replay.of(trace).pageShift(pageShift);
            for (Policy policy : policies) {
                for (int n : frames) {
                    long start = System.nanoTime();
                    ReplayResult result = replay.run(n, policy);
                    long elapsed = System.nanoTime() - start;
                    out.println(result);
                    if (time) {
                        err.println(String.format(Locale.ROOT, "  %.3f s, %.1f million references per second",
                                elapsed / 1e9, result.references() / (elapsed / 1e3)));
                    }
                }
            }
            return 0;
        } catch (NoSuchFileException e) {
            err.println("pagelab replay: " + file + ": no such file");
            return 2;
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            err.println("pagelab replay: " + (message.contains(file.toString()) ? message : file + ": "
                    + (Files.isDirectory(file) ? "a folder, not a trace file" : message)));
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("pagelab replay: " + file + ": " + e.getMessage());
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("pagelab replay: " + file + ": out of heap (" + Hex.size(HostMemory.maxHeap())
                    + ", -Xmx); give the JVM more memory or replay fewer frames");
            return 2;
        } finally {
            TraceCopy.delete(copy);
        }
    }

    private static int frameCount(String text) {
        String digits = text.trim().replace("_", "");
        if (!digits.matches("[+-]?[0-9]+")) {
            throw new IllegalArgumentException("--frames " + text + ": not a whole number");
        }
        if (digits.startsWith("-") || digits.replaceAll("[+0]", "").isEmpty()) {
            throw new IllegalArgumentException("--frames " + text + ": a replay needs at least 1 frame");
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--frames " + text + ": too large (at most " + Integer.MAX_VALUE + ")");
        }
    }

    private static TraceFormat format(String text) {
        for (TraceFormat f : TraceFormat.values()) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("--format " + text + ": one of PAGES, RWX, LACKEY, BINARY");
    }
}
