package dev.pagelab.trace;

import dev.pagelab.internal.SplitMix64;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Seeded synthetic page-number traces for tests, benchmarks and notebooks. Immutable; the same generator
 * always produces the same references, on any JVM (its random numbers come from SplitMix64, not from
 * {@code java.util.Random}).
 *
 * <pre>{@code
 * long[] pages = TraceGenerator.zipf(100_000, 0.99, 42).pages(1_000_000);
 * Trace big = TraceGenerator.loop(1_200).writes(0.3).trace(10_000_000);   // generated as it is read
 * TraceGenerator.uniform(5_000, 7).write(Path.of("u.trace"), TraceFormat.BINARY, 10_000_000);
 * }</pre>
 *
 * <p>Pages are numbered from 0 (see {@link #from}). Every reference is a {@link ReferenceReader#READ} unless
 * {@link #writes} makes a share of them writes; the writes are drawn from their own random stream, so adding
 * them does not change the pages.
 */
public final class TraceGenerator {
    private enum Shape { ZIPF, UNIFORM, LOOP, SCAN }

    private final Shape shape;
    private final long pages;
    private final double exponent;
    private final long seed;
    private final long first;
    private final double writes;

    private TraceGenerator(Shape shape, long pages, double exponent, long seed, long first, double writes) {
        this.shape = shape;
        this.pages = pages;
        this.exponent = exponent;
        this.seed = seed;
        this.first = first;
        this.writes = writes;
    }

    /**
     * Zipf's law over {@code pages} pages: page {@code k} (from 0) is referenced with probability proportional
     * to {@code 1 / (k + 1)^exponent}, so page 0 is the hottest. Sampled by rejection-inversion (Hörmann and
     * Derflinger, 1996): constant expected time and no table, for any number of pages.
     *
     * @param exponent {@code s >= 0}; 0 is uniform, 0.99 the usual skew of benchmarks
     */
    public static TraceGenerator zipf(long pages, double exponent, long seed) {
        checkPages(pages);
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("zipf exponent " + exponent + " must be a finite number >= 0");
        }
        return new TraceGenerator(Shape.ZIPF, pages, exponent, seed, 0, 0);
    }

    /** Every page of {@code pages} equally likely, independently each time. */
    public static TraceGenerator uniform(long pages, long seed) {
        checkPages(pages);
        return new TraceGenerator(Shape.UNIFORM, pages, 0, seed, 0, 0);
    }

    /** A loop: pages {@code 0, 1, ..., pages-1, 0, 1, ...}; LRU and FIFO fault on every reference with fewer frames. */
    public static TraceGenerator loop(long pages) {
        checkPages(pages);
        return new TraceGenerator(Shape.LOOP, pages, 0, 0, 0, 0);
    }

    /** A sequential scan that never comes back: pages {@code 0, 1, 2, ...}, each referenced once. */
    public static TraceGenerator scan() {
        return new TraceGenerator(Shape.SCAN, Long.MAX_VALUE, 0, 0, 0, 0);
    }

    private static void checkPages(long pages) {
        if (pages <= 0) {
            throw new IllegalArgumentException("a trace needs at least one page, not " + pages);
        }
    }

    /** The same references with page numbers starting at {@code firstPage} instead of 0. */
    public TraceGenerator from(long firstPage) {
        if (firstPage < 0 || (shape != Shape.SCAN && firstPage > Long.MAX_VALUE - pages)) {
            throw new IllegalArgumentException("first page " + firstPage + " puts page numbers out of range");
        }
        return new TraceGenerator(shape, pages, exponent, seed, firstPage, writes);
    }

    /** The same pages, with a share {@code fraction} (0 to 1) of the references made writes, at random. */
    public TraceGenerator writes(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("write fraction " + fraction + " is not between 0 and 1");
        }
        return new TraceGenerator(shape, pages, exponent, seed, first, fraction);
    }

    /** The same shape with another seed (the seed also draws {@link #writes}, for loops and scans too). */
    public TraceGenerator seed(long seed) {
        return new TraceGenerator(shape, pages, exponent, seed, first, writes);
    }

    /** {@code count} page numbers. */
    public long[] pages(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        long[] out = new long[count];
        new Source().next(out, null, 0, count);
        return out;
    }

    /**
     * A trace of {@code count} references generated as it is read (nothing is stored), re-readable: every
     * {@link Trace#open()} starts the same sequence again.
     */
    public Trace trace(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        return new Trace() {
            @Override
            public ReferenceReader open() {
                Source source = new Source();
                return new MemoryReader(this) {
                    private long left = count;

                    @Override
                    int fill(long[] values, byte[] kinds, int max) {
                        if (left == 0) {
                            return -1;
                        }
                        int n = (int) Math.min(max, left);
                        source.next(values, kinds, 0, n);
                        left -= n;
                        return n;
                    }
                };
            }

            @Override
            public boolean pageNumbers() {
                return true;
            }

            @Override
            public String describe() {
                return TraceGenerator.this.describe() + ", " + count + (count == 1 ? " reference" : " references");
            }

            @Override
            public String toString() {
                return describe();
            }
        };
    }

    /**
     * Writes {@code count} references to a file in a format that holds page numbers ({@link TraceFormat#PAGES},
     * which keeps no kinds, or {@link TraceFormat#BINARY}); gzip-compressed if the name ends in {@code .gz}.
     *
     * @return the number of references written
     */
    public long write(Path path, TraceFormat format, long count) throws IOException {
        return Traces.write(trace(count), path, format);
    }

    /** For example {@code zipf(0.99) over 100000 pages, seed 42, 30% writes}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        switch (shape) {
            case ZIPF:
                sb.append("zipf(").append(number(exponent)).append(") over ").append(pages).append(" pages, seed ")
                        .append(seed);
                break;
            case UNIFORM:
                sb.append("uniform over ").append(pages).append(" pages, seed ").append(seed);
                break;
            case LOOP:
                sb.append("loop over ").append(pages).append(" pages");
                break;
            default:
                sb.append("sequential scan");
                break;
        }
        if (first != 0) {
            sb.append(", from page ").append(first);
        }
        if (writes > 0) {
            sb.append(", ").append(number(writes * 100)).append("% writes");
            if (shape == Shape.LOOP || shape == Shape.SCAN) {
                sb.append(" (seed ").append(seed).append(')');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }

    /** One pass of the generator: its random streams and position. */
    private final class Source {
        private final SplitMix64 pageRandom = new SplitMix64(seed);
        private final SplitMix64 kindRandom = new SplitMix64(seed ^ 0x6A09E667F3BCC909L);
        private final Zipf zipf = shape == Shape.ZIPF && exponent > 0 ? Zipf.of(pages, exponent) : null;
        private long index;

        private void uniform(long[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                values[i] = first + pageRandom.nextLong(pages);
            }
        }

        void next(long[] values, byte[] kinds, int from, int to) {
            switch (shape) {
                case ZIPF:
                    if (zipf == null) { // exponent 0: uniform
                        uniform(values, from, to);
                        break;
                    }
                    for (int i = from; i < to; i++) {
                        values[i] = first + zipf.sample(pageRandom) - 1;
                    }
                    break;
                case UNIFORM:
                    uniform(values, from, to);
                    break;
                case LOOP: {
                    long at = index % pages;
                    for (int i = from; i < to; i++) {
                        values[i] = first + at;
                        if (++at == pages) {
                            at = 0;
                        }
                    }
                    break;
                }
                default:
                    for (int i = from; i < to; i++) {
                        values[i] = first + index + (i - from);
                    }
                    break;
            }
            index += to - from;
            if (kinds != null) {
                if (writes == 0) {
                    java.util.Arrays.fill(kinds, from, to, ReferenceReader.READ);
                } else {
                    for (int i = from; i < to; i++) {
                        kinds[i] = kindRandom.nextDouble() < writes ? ReferenceReader.WRITE : ReferenceReader.READ;
                    }
                }
            }
        }
    }

    /**
     * Zipf sampling by rejection-inversion: W. Hörmann and G. Derflinger, "Rejection-inversion to generate
     * variates from monotone discrete distributions", ACM TOMACS 6(3), 1996; the formulation of Apache
     * Commons RNG's {@code RejectionInversionZipfSampler}. Returns ranks 1..n. {@link StrictMath} keeps the
     * numbers the same on every JVM. Made by {@link #of}, which works out the constants the sampling uses.
     *
     * @param hIntegralX1 {@code H(1.5) - 1}
     * @param hIntegralN  {@code H(n + 0.5)}
     * @param s           {@code 2 - H^-1(H(2.5) - h(2))}: a rank this close to its draw is taken without the test
     */
    record Zipf(long n, double exponent, double hIntegralX1, double hIntegralN, double s) {
        /** The sampler of ranks 1..n with probabilities proportional to {@code 1 / k^exponent}. */
        static Zipf of(long n, double exponent) {
            return new Zipf(n, exponent, hIntegral(1.5, exponent) - 1, hIntegral(n + 0.5, exponent),
                    2 - hIntegralInverse(hIntegral(2.5, exponent) - h(2, exponent), exponent));
        }

        long sample(SplitMix64 random) {
            while (true) {
                double u = hIntegralN + random.nextDouble() * (hIntegralX1 - hIntegralN);
                double x = hIntegralInverse(u, exponent);
                long k = (long) (x + 0.5);
                if (k < 1) {
                    k = 1;
                } else if (k > n) {
                    k = n;
                }
                if (k - x <= s || u >= hIntegral(k + 0.5, exponent) - h(k, exponent)) {
                    return k;
                }
            }
        }

        /**
         * {@code H(x)}, an integral of {@code h}: {@code (x^(1-q) - 1) / (1 - q)} for the exponent {@code q}, or
         * {@code log x} when q = 1.
         */
        private static double hIntegral(double x, double exponent) {
            double logX = StrictMath.log(x);
            return helper2((1 - exponent) * logX) * logX;
        }

        /** {@code h(x) = 1 / x^q} for the exponent {@code q}. */
        private static double h(double x, double exponent) {
            return StrictMath.exp(-exponent * StrictMath.log(x));
        }

        private static double hIntegralInverse(double x, double exponent) {
            double t = x * (1 - exponent);
            if (t < -1) {
                t = -1; // rounding can push t just below -1
            }
            return StrictMath.exp(helper1(t) * x);
        }

        /** {@code log(1 + x) / x}, accurate near 0. */
        private static double helper1(double x) {
            return Math.abs(x) > 1e-8 ? StrictMath.log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
        }

        /** {@code (exp(x) - 1) / x}, accurate near 0. */
        private static double helper2(double x) {
            return Math.abs(x) > 1e-8 ? StrictMath.expm1(x) / x : 1 + x * 0.5 * (1 + x * (1.0 / 3) * (1 + 0.25 * x));
        }
    }
}
