package dev.pagelab.cli;

import dev.pagelab.policy.Policy;
import dev.pagelab.trace.TraceFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parsing of the commands' options; every failure is a {@link UsageException} naming the option and the value. */
final class Args {
    private Args() {}

    static UsageException usage(String message) {
        return new UsageException(message, true);
    }

    /** The value after option {@code args[i - 1]}. */
    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw usage(option + " needs a value");
        }
        return args[i];
    }

    /**
     * A count: digits with optional {@code _} separators, a decimal exponent ({@code 1e9}) or a suffix {@code k},
     * {@code M}, {@code G} (thousands, millions, billions); it must be a whole number from {@code min} up.
     */
    static long count(String option, String text, long min) {
        String t = text.trim().replace("_", "");
        long scale = 1;
        if (t.endsWith("k") || t.endsWith("K")) {
            scale = 1_000;
        } else if (t.endsWith("M")) {
            scale = 1_000_000;
        } else if (t.endsWith("G")) {
            scale = 1_000_000_000;
        }
        if (scale != 1) {
            t = t.substring(0, t.length() - 1);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(t).multiply(BigDecimal.valueOf(scale));
        } catch (NumberFormatException e) {
            throw usage(option + " " + text + ": not a number");
        }
        try {
            long n = value.longValueExact();
            if (n < min) {
                throw usage(option + " " + text + ": at least " + min);
            }
            return n;
        } catch (ArithmeticException e) {
            throw usage(option + " " + text + ": not a whole number, or too large");
        }
    }

    /** A fraction in {@code (low, 1]} or {@code [0, 1]}. */
    static double fraction(String option, String text, boolean zeroAllowed) {
        double d;
        try {
            d = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw usage(option + " " + text + ": not a number");
        }
        if (!(zeroAllowed ? d >= 0 : d > 0) || !(d <= 1)) {
            throw usage(option + " " + text + ": a fraction " + (zeroAllowed ? "from 0" : "above 0") + " up to 1");
        }
        return d;
    }

    /** A page size in bytes, a power of two from 1 byte to 1 TiB, as its shift. */
    static int pageShift(String text) {
        long bytes;
        try {
            bytes = Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw usage("--page-size " + text + ": not a whole number of bytes");
        }
        if (bytes < 1 || Long.bitCount(bytes) != 1 || bytes > (1L << 40)) {
            throw usage("--page-size " + text + ": a power of two from 1 byte to 1 TiB");
        }
        return Long.numberOfTrailingZeros(bytes);
    }

    /** {@code FIFO,LRU,...}: each policy once, in the order given. */
    static List<Policy> policies(String text) {
        List<Policy> list = new ArrayList<>();
        for (String name : text.split(",")) {
            Policy p;
            try {
                p = Policy.named(name.trim());
            } catch (IllegalArgumentException e) {
                throw usage("--policy " + name.trim() + ": " + e.getMessage());
            }
            if (list.contains(p)) {
                throw usage("--policy " + text + ": " + p.name() + " is given twice");
            }
            list.add(p);
        }
        return list;
    }

    /** Memory sizes: a comma list of frame counts and ranges {@code A..B} (every size from A to B). */
    static int[] sizes(String text) {
        List<Integer> list = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int dots = p.indexOf("..");
            if (dots >= 0) {
                long from = count("--sizes", p.substring(0, dots), 1);
                long to = count("--sizes", p.substring(dots + 2), 1);
                if (to < from || to > Integer.MAX_VALUE || to - from >= 1_000_000) {
                    throw usage("--sizes " + p + ": a range from a smaller to a larger size, at most a million sizes");
                }
                for (long c = from; c <= to; c++) {
                    list.add((int) c);
                }
            } else {
                long c = count("--sizes", p, 1);
                if (c > Integer.MAX_VALUE) {
                    throw usage("--sizes " + p + ": at most " + Integer.MAX_VALUE + " frames");
                }
                list.add((int) c);
            }
        }
        return list.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }

    /** A trace format by name, any case: {@code binary}, {@code pages}, {@code rwx} or {@code lackey}. */
    static TraceFormat format(String option, String text) {
        for (TraceFormat f : TraceFormat.values()) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw usage(option + " " + text + ": one of binary, pages, rwx, lackey");
    }

    /** The format a file name suggests ({@code .gz} aside), or null. */
    static TraceFormat formatOfName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".trace") || n.endsWith(".bin") || n.endsWith(".pltrace")) {
            return TraceFormat.BINARY;
        }
        if (n.endsWith(".pages") || n.endsWith(".txt")) {
            return TraceFormat.PAGES;
        }
        if (n.endsWith(".rwx")) {
            return TraceFormat.RWX;
        }
        if (n.endsWith(".lackey")) {
            return TraceFormat.LACKEY;
        }
        return null;
    }
}
