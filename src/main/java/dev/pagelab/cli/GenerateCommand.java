package dev.pagelab.cli;

import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.TraceFormat;
import dev.pagelab.trace.TraceGenerator;
import dev.pagelab.trace.TraceWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * {@code ./pagelab generate OUT --references N [--shape zipf|uniform|loop|scan] [--pages P] [--exponent S]
 * [--seed S] [--writes F] [--to binary|pages]}: writes a seeded synthetic trace of page numbers (see
 * {@link TraceGenerator}) as it is generated, batch by batch, so a trace of a billion references takes no more memory
 * than one of a thousand. Defaults: zipf(0.99) over 1,000,000 pages, seed 42, no writes, the format {@code OUT}'s
 * name suggests or binary. The file is written whole or not at all.
 */
final class GenerateCommand {
    private GenerateCommand() {}

    static int generate(String[] args, InputStream stdin, PrintStream out, ProgressBar bar) {
        String file = null;
        long references = -1;
        String shape = "zipf";
        long pages = 1_000_000;
        double exponent = 0.99;
        long seed = 42;
        double writes = 0;
        TraceFormat to = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--references" -> references = Args.count(arg, Args.value(args, ++i, arg), 0);
                case "--shape" -> shape = Args.value(args, ++i, arg).trim().toLowerCase(java.util.Locale.ROOT);
                case "--pages" -> pages = Args.count(arg, Args.value(args, ++i, arg), 1);
                case "--exponent" -> {
                    String v = Args.value(args, ++i, arg);
                    try {
                        exponent = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw Args.usage("--exponent " + v + ": not a number");
                    }
                }
                case "--seed" -> {
                    String v = Args.value(args, ++i, arg);
                    try {
                        seed = Long.parseLong(v.trim());
                    } catch (NumberFormatException e) {
                        throw Args.usage("--seed " + v + ": not a whole number");
                    }
                }
                case "--writes" -> writes = Args.fraction(arg, Args.value(args, ++i, arg), true);
                case "--to" -> to = Args.format(arg, Args.value(args, ++i, arg));
                default -> {
                    if (file != null || arg.startsWith("--")) {
                        throw Args.usage("unexpected argument '" + arg + "'");
                    }
                    file = arg;
                }
            }
        }
        if (file == null || references < 0) {
            throw Args.usage(file == null ? "no output file given" : "no --references given");
        }
        if (to == null) {
            TraceFormat named = Args.formatOfName(file);
            to = named != null ? named : TraceFormat.BINARY;
        }
        if (to != TraceFormat.BINARY && to != TraceFormat.PAGES) {
            throw Args.usage("--to " + to.name().toLowerCase(java.util.Locale.ROOT)
                    + ": a generated trace holds page numbers; write it as binary or pages");
        }
        TraceGenerator generator;
        try {
            generator = switch (shape) {
                case "zipf" -> TraceGenerator.zipf(pages, exponent, seed);
                case "uniform" -> TraceGenerator.uniform(pages, seed);
                case "loop" -> TraceGenerator.loop(pages);
                case "scan" -> TraceGenerator.scan();
                default -> throw Args.usage("--shape " + shape + ": one of zipf, uniform, loop, scan");
            };
            generator = generator.seed(seed).writes(writes);
        } catch (IllegalArgumentException e) {
            throw Args.usage(e.getMessage());
        }
        Metered trace = new Metered(generator.trace(references));
        bar.stage("generate", trace.references::sum, references, trace.references::sum);
        TraceFormat format = to;
        boolean gzip = file.endsWith(".gz");
        try {
            AtomicFile.write(Path.of(file), stream -> {
                OutputStream o = gzip ? new GZIPOutputStream(stream, 1 << 16) : stream;
                long[] values = new long[4096];
                byte[] kinds = new byte[4096];
                try (TraceWriter writer = TraceWriter.create(o, format, true); ReferenceReader in = trace.open()) {
                    int n;
                    while ((n = in.read(values, kinds, values.length)) >= 0) {
                        writer.write(values, kinds, n);
                    }
                }
            });
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            throw new UsageException(message.contains(file) ? message : "cannot write " + file + ": " + message, false);
        }
        bar.close();
        out.println(file + ": " + references + (references == 1 ? " reference" : " references") + ", "
                + generator.describe() + ", as " + ConvertCommand.article(to.label()) + " " + to.label());
        return 0;
    }
}
