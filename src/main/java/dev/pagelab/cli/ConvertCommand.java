package dev.pagelab.cli;

import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.Trace;
import dev.pagelab.trace.TraceFile;
import dev.pagelab.trace.TraceFormat;
import dev.pagelab.trace.TraceWriter;
import dev.pagelab.trace.Traces;
import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code ./pagelab convert IN OUT [--to binary|pages|rwx|lackey] [--page-size BYTES] [--format F]}: rewrites a
 * trace in another format. {@code IN} is any format PageLab reads (told from its first bytes unless {@code --format}
 * says), gzip-compressed or not, or {@code -} for standard input; {@code OUT} is a file (gzip-compressed when its name
 * ends in {@code .gz}) or {@code -} for standard output. The target format is {@code --to}, else the one
 * {@code OUT}'s name suggests ({@code .trace}/{@code .bin} binary, {@code .pages}/{@code .txt} page numbers,
 * {@code .rwx}, {@code .lackey}), else binary.
 *
 * <p>{@code --page-size} converts between byte addresses and page numbers: addresses become the numbers of their
 * pages, page numbers the first address of their page. Writing byte addresses as page numbers uses 4096-byte pages
 * unless told; page numbers are never written as addresses without {@code --page-size}.
 *
 * <p>The output is written to a temporary file renamed over {@code OUT} at the end, so a bad record leaves
 * {@code OUT} as it was, and {@code OUT} may not be {@code IN}. Exits with 0, or 2 with one line naming the problem
 * and its place.
 */
final class ConvertCommand {
    private ConvertCommand() {}

    static int convert(String[] args, InputStream stdin, PrintStream stdout, ProgressBar bar) {
        String in = null;
        String out = null;
        TraceFormat to = null;
        TraceFormat from = null;
        int shift = -1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--to" -> to = Args.format(arg, Args.value(args, ++i, arg));
                case "--format" -> from = Args.format(arg, Args.value(args, ++i, arg));
                case "--page-size" -> shift = Args.pageShift(Args.value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--") || out != null) {
                        throw Args.usage("unexpected argument '" + arg + "'");
                    }
                    if (in == null) {
                        in = arg;
                    } else {
                        out = arg;
                    }
                }
            }
        }
        if (in == null || out == null) {
            throw Args.usage(in == null ? "no input trace given" : "no output file given");
        }
        boolean toStdout = out.equals("-");
        if (!in.equals("-") && !toStdout && AtomicFile.sameFile(Path.of(in), Path.of(out))) {
            throw new UsageException(out + " is the input file; write the converted trace to another file", false);
        }
        if (to == null) {
            TraceFormat named = toStdout ? null : Args.formatOfName(out);
            to = named != null ? named : TraceFormat.BINARY;
        }
        String source = Command.source(in);
        try {
            Path inPath = in.equals("-") ? null : Path.of(in);
            // standard input, a pipe or a device is read once, as it comes; a file can be read again
            Trace input = inPath == null ? once(stdin, from)
                    : Files.exists(inPath) && !Files.isRegularFile(inPath) && !Files.isDirectory(inPath)
                    ? once(Files.newInputStream(inPath), from, source) : Traces.open(inPath, from);
            Metered trace = new Metered(input);
            // an empty file reads as page numbers, but holds no value of either kind: any conversion will do
            boolean inPages = input instanceof TraceFile file && isEmpty(file)
                    ? (to == TraceFormat.PAGES) == (shift < 0) || to == TraceFormat.BINARY
                    : input.pageNumbers();
            Plan plan = plan(source, inPages, to, shift);
            if (input instanceof TraceFile file) {
                bar.stage("convert", trace.bytes::sum, file.size(), trace.references::sum);
            } else {
                bar.stage("convert", trace.references::sum, -1, trace.references::sum);
            }
            long[] written = new long[1];
            if (toStdout) {
                OutputStream keepOpen = new FilterOutputStream(stdout) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        stdout.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                written[0] = copy(trace, source, keepOpen, to, plan);
                if (stdout.checkError()) {
                    throw new IOException("cannot write to standard output");
                }
            } else {
                Path target = Path.of(out);
                boolean gzip = out.endsWith(".gz");
                TraceFormat format = to;
                AtomicFile.write(target, stream -> written[0] = copy(trace, source,
                        gzip ? new GZIPOutputStream(stream, 1 << 16) : stream, format, plan));
                bar.close();
                stdout.println(out + ": " + written[0] + (written[0] == 1 ? " reference" : " references") + " as "
                        + article(to.label()) + " " + to.label() + ", from the "
                        + input.describe().replaceFirst(", [0-9]+ references?$", ""));
            }
            return 0;
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            throw Command.fileError(e, message.contains(source) ? source : message.contains(out) ? out
                    : source + " -> " + out);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), false);
        }
    }

    /** What happens to the values: their kind in the output, and the shift that converts them (-1 none). */
    private record Plan(boolean pageNumbers, int toPages, int toAddresses) {}

    private static boolean isEmpty(TraceFile file) throws IOException {
        try (ReferenceReader r = file.open()) {
            return r.read(new long[1], new byte[1], 1) < 0;
        }
    }

    private static Plan plan(String source, boolean inPages, TraceFormat to, int shift) {
        switch (to) {
            case PAGES:
                if (inPages) {
                    if (shift >= 0) {
                        throw new UsageException("--page-size: " + source + " already holds page numbers", false);
                    }
                    return new Plan(true, -1, -1);
                }
                return new Plan(true, shift >= 0 ? shift : 12, -1);
            case RWX:
            case LACKEY:
                if (!inPages) {
                    if (shift >= 0) {
                        throw new UsageException("--page-size: " + source + " holds byte addresses, as "
                                + article(to.label()) + " " + to.label() + " does; there is nothing to convert", false);
                    }
                    return new Plan(false, -1, -1);
                }
                if (shift < 0) {
                    throw new UsageException(source + " holds page numbers and " + article(to.label()) + " "
                            + to.label() + " holds byte addresses: give --page-size BYTES to write the first address of"
                            + " each page", false);
                }
                return new Plan(false, -1, shift);
            default:
                if (shift < 0) {
                    return new Plan(inPages, -1, -1);
                }
                return inPages ? new Plan(false, -1, shift) : new Plan(true, shift, -1);
        }
    }

    private static long copy(Trace trace, String source, OutputStream stream, TraceFormat to, Plan plan)
            throws IOException {
        long[] values = new long[4096];
        byte[] kinds = new byte[4096];
        long index = 0;
        try (TraceWriter writer = TraceWriter.create(stream, to, plan.pageNumbers());
             ReferenceReader reader = trace.open()) {
            int n;
            while ((n = reader.read(values, kinds, values.length)) >= 0) {
                if (plan.toPages() >= 0) {
                    for (int i = 0; i < n; i++) {
                        values[i] >>>= plan.toPages();
                    }
                } else if (plan.toAddresses() > 0) {
                    int s = plan.toAddresses();
                    for (int i = 0; i < n; i++) {
                        if (values[i] >>> (64 - s) != 0) {
                            throw new UsageException(source + ": reference " + (index + i + 1) + ": page " + values[i]
                                    + " of " + (1L << s) + " bytes lies past the 64-bit address space", false);
                        }
                        values[i] <<= s;
                    }
                }
                writer.write(values, kinds, n);
                index += n;
                if (Thread.interrupted()) {
                    throw new IOException("interrupted");
                }
            }
            return writer.count();
        }
    }

    /** {@code a} or {@code an} before a format's label ({@code an R/W/X address trace}). */
    static String article(String label) {
        return label.startsWith("R/") ? "an" : "a";
    }

    /** A trace read once from a stream (gzip-compressed or not). */
    private static Trace once(InputStream stdin, TraceFormat format) throws IOException {
        return once(stdin, format, Command.STDIN);
    }

    /** A trace read once from a stream (gzip-compressed or not) that {@code source} names. */
    private static Trace once(InputStream stdin, TraceFormat format, String source) throws IOException {
        ReferenceReader reader;
        if (format == null) {
            reader = Traces.reader(stdin, source);
        } else {
            BufferedInputStream in = new BufferedInputStream(stdin, 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            InputStream plain = b0 == 0x1F && b1 == 0x8B ? new GZIPInputStream(in, 1 << 16) : in;
            reader = Traces.reader(plain, source, format);
        }
        boolean[] opened = new boolean[1];
        return new Trace() {
            @Override
            public ReferenceReader open() throws IOException {
                if (opened[0]) {
                    throw new IOException(source + " can be read only once");
                }
                opened[0] = true;
                return reader;
            }

            @Override
            public boolean pageNumbers() {
                return reader.pageNumbers();
            }

            @Override
            public String describe() {
                return "trace on " + source;
            }
        };
    }
}
