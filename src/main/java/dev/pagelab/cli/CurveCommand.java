package dev.pagelab.cli;

import dev.pagelab.policy.Policy;
import dev.pagelab.render.MissRatioChart;
import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.Replay;
import dev.pagelab.trace.TraceFile;
import dev.pagelab.trace.TraceFormat;
import dev.pagelab.trace.Traces;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./pagelab curve TRACE --policy LRU,OPT,... [--sizes N,A..B] [--sample RATE] [--png FILE] [--svg FILE]
 * [--csv FILE] [--format F] [--page-size BYTES]}: the miss-ratio curves of a trace, printed as a table of fault counts
 * and miss ratios at memory sizes, and drawn or written as CSV on request. LRU and OPT curves are exact at every
 * size from one pass over stack distances; other policies replay once per size. The sizes are {@code --sizes}, or
 * those of {@link MissRatioCurve#defaultSizes} for the trace's distinct pages. {@code --sample RATE} makes the LRU
 * curve an estimate from a spatial sample of the pages (SHARDS), in memory that follows the sampled pages.
 *
 * <p>Standard output is the same from run to run; a progress bar goes to standard error when it is a terminal.
 * Output files are written whole or not at all, never over the trace. Exits with 0, or 2 with one line naming the
 * problem and its place.
 */
final class CurveCommand {
    private CurveCommand() {}

    static int curve(String[] args, InputStream stdin, PrintStream out, ProgressBar bar) {
        String file = null;
        List<Policy> policies = null;
        int[] sizes = null;
        double sample = 0;
        Path png = null;
        Path svg = null;
        Path csv = null;
        TraceFormat format = null;
        int shift = Replay.DEFAULT_PAGE_SHIFT;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--policy" -> policies = Args.policies(Args.value(args, ++i, arg));
                case "--sizes" -> sizes = Args.sizes(Args.value(args, ++i, arg));
                case "--sample" -> sample = Args.fraction(arg, Args.value(args, ++i, arg), false);
                case "--png" -> png = Path.of(Args.value(args, ++i, arg));
                case "--svg" -> svg = Path.of(Args.value(args, ++i, arg));
                case "--csv" -> csv = Path.of(Args.value(args, ++i, arg));
                case "--format" -> format = Args.format(arg, Args.value(args, ++i, arg));
                case "--page-size" -> shift = Args.pageShift(Args.value(args, ++i, arg));
                default -> {
                    if (file != null || arg.startsWith("--")) {
                        throw Args.usage("unexpected argument '" + arg + "'");
                    }
                    file = arg;
                }
            }
        }
        if (file == null) {
            throw Args.usage("no trace file given");
        }
        if (policies == null) {
            policies = List.of(Policy.LRU);
        }
        if (sample > 0 && !policies.contains(Policy.LRU)) {
            throw Args.usage("--sample estimates the LRU curve; add LRU to --policy");
        }
        for (Path output : new Path[] {png, svg, csv}) {
            if (output != null && !file.equals("-") && AtomicFile.sameFile(Path.of(file), output)) {
                throw new UsageException(output + " is the trace file; write the curve to another file", false);
            }
        }
        String source = Command.source(file);
        Path copy = null;
        try {
            boolean stdinTrace = file.equals("-");
            Path readable = stdinTrace ? null : Path.of(file);
            if (stdinTrace || !Files.isRegularFile(readable)) {
                if (!stdinTrace && !Files.exists(readable)) {
                    throw new NoSuchFileException(file);
                }
                if (!stdinTrace && Files.isDirectory(readable)) {
                    throw new UsageException(file + ": a folder, not a trace file", false);
                }
                // a pipe or standard input can be read once; a curve may read the trace several times
                copy = TraceCopy.of(stdinTrace ? stdin : Files.newInputStream(readable));
                readable = copy;
            }
            TraceFile trace = Traces.open(readable, format, source);
            Metered metered = new Metered(trace);
            Replay replay = Replay.of(metered).pageShift(shift);
            long size = Math.max(1, trace.size());

            boolean replays = policies.stream().anyMatch(p -> !p.isStackAlgorithm());
            if (sizes == null && replays) {
                bar.stage("counting pages", metered.bytes::sum, size, metered.references::sum);
                sizes = MissRatioCurve.defaultSizes(replay.distinctPages());
            }
            List<MissRatioCurve> curves = new ArrayList<>();
            for (Policy policy : policies) {
                long base = metered.bytes.sum();
                long refs = metered.references.sum();
                // a stack curve reads the trace once (OPT then works from its own scratch file, which the bar does
                // not see); another policy counts the pages, then replays once per size
                long passes = policy.isStackAlgorithm() ? 1 : 1 + sizes.length;
                boolean sampled = policy == Policy.LRU && sample > 0;
                bar.stage(sampled ? "LRU curve (sampled)" : policy.name() + " curve", () -> metered.bytes.sum() - base,
                        size * passes, () -> metered.references.sum() - refs);
                MissRatioCurve c;
                if (sampled) {
                    c = sizes == null ? replay.sampledCurve(sample) : replay.sampledCurve(sample, sizes);
                } else {
                    c = sizes == null || policy.isStackAlgorithm() ? replay.curve(policy) : replay.curve(policy, sizes);
                }
                if (sizes == null) {
                    sizes = c.everySize() ? MissRatioCurve.defaultSizes(c.pages()) : c.sizes();
                }
                curves.add(c);
            }
            bar.close(); // before the table, so that the two never share a line of the terminal
            print(out, curves, sizes, trace.describe());
            if (csv != null) {
                String text = csv(curves, sizes);
                AtomicFile.write(csv, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
            }
            if (png != null || svg != null) {
                MissRatioChart chart = MissRatioChart.of(curves.toArray(new MissRatioCurve[0]));
                if (png != null) {
                    byte[] bytes = chart.png();
                    AtomicFile.write(png, o -> o.write(bytes));
                }
                if (svg != null) {
                    byte[] bytes = chart.svg().getBytes(StandardCharsets.UTF_8);
                    AtomicFile.write(svg, o -> o.write(bytes));
                }
            }
            return 0;
        } catch (IOException e) {
            throw Command.fileError(e, source);
        } catch (IllegalArgumentException e) {
            throw new UsageException(source + ": " + e.getMessage(), false);
        } finally {
            TraceCopy.delete(copy);
        }
    }

    /** The table: a title line, a header, then one row per size with each curve's faults and miss ratio. */
    static void print(PrintStream out, List<MissRatioCurve> curves, int[] sizes, String trace) {
        MissRatioCurve first = curves.get(0);
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < curves.size(); i++) {
            names.append(i == 0 ? "" : i == curves.size() - 1 ? " and " : ", ").append(curves.get(i).policy());
        }
        MissRatioCurve exact = curves.stream().filter(c -> !c.policy().contains("SHARDS")).findFirst().orElse(null);
        String pages = exact != null ? exact.pages() + " distinct pages" : "about " + first.pages() + " distinct pages";
        out.println(names + (curves.size() == 1 ? " miss-ratio curve of " : " miss-ratio curves of ")
                + trace.replaceFirst(", [0-9]+ references?$", "") + ", " + first.references() + " references, "
                + pages);
        int frameWidth = Math.max(6, Integer.toString(sizes.length == 0 ? 0 : sizes[sizes.length - 1]).length());
        StringBuilder header = new StringBuilder(pad("frames", frameWidth));
        int[] widths = new int[curves.size()];
        for (int i = 0; i < curves.size(); i++) {
            String name = curves.get(i).policy();
            widths[i] = Math.max(Long.toString(first.references()).length(), name.length() + 7);
            header.append("  ").append(pad(name + " faults", widths[i])).append("  ").append(pad("miss ratio", 10));
        }
        out.println(header);
        for (int size : sizes) {
            StringBuilder row = new StringBuilder(pad(Integer.toString(size), frameWidth));
            for (int i = 0; i < curves.size(); i++) {
                MissRatioCurve c = curves.get(i);
                row.append("  ").append(pad(Long.toString(c.faultsAt(size)), widths[i])).append("  ")
                        .append(pad(String.format(Locale.ROOT, "%.6f", c.missRatioAt(size)), 10));
            }
            out.println(row);
        }
    }

    /** {@code frames,LRU faults,LRU miss ratio,...}, one row per size; names with commas or quotes are quoted. */
    static String csv(List<MissRatioCurve> curves, int[] sizes) {
        StringBuilder sb = new StringBuilder("frames");
        for (MissRatioCurve c : curves) {
            sb.append(',').append(quote(c.policy() + " faults")).append(',').append(quote(c.policy() + " miss ratio"));
        }
        sb.append('\n');
        for (int size : sizes) {
            sb.append(size);
            for (MissRatioCurve c : curves) {
                sb.append(',').append(c.faultsAt(size)).append(',')
                        .append(String.format(Locale.ROOT, "%.6f", c.missRatioAt(size)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String quote(String field) {
        return field.contains(",") || field.contains("\"") ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
