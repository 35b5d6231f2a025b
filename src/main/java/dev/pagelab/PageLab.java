package dev.pagelab;

import dev.pagelab.policy.Policy;
import dev.pagelab.replay.ReplaySteps;
import dev.pagelab.replay.StepsComparison;
import dev.pagelab.trace.PageTrace;
import dev.pagelab.trace.TraceFile;
import dev.pagelab.trace.Traces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one entry point, made for {@code import static dev.pagelab.PageLab.*}: spaces and machines, sizes and
 * protections.
 *
 * <pre>{@code
 * var s = space();
 * var r = s.reserve(kb(16));
 * r.commit(0, kb(4)).protect(READONLY);
 * r.write(kb(4), 42);     // ACCESS_VIOLATION: the page is reserved, not committed
 * }</pre>
 */
public final class PageLab {
    private PageLab() {}

    /** No access at all. */
    public static final Protection NOACCESS = Protection.NOACCESS;
    /** Reads only. */
    public static final Protection READONLY = Protection.READONLY;
    /** Reads and writes. */
    public static final Protection READWRITE = Protection.READWRITE;
    /** Execution (and, as on Windows, reads). */
    public static final Protection EXECUTE = Protection.EXECUTE;
    /** Execution and reads. */
    public static final Protection EXECUTE_READ = Protection.EXECUTE_READ;
    /** Execution, reads and writes. */
    public static final Protection EXECUTE_READWRITE = Protection.EXECUTE_READWRITE;
    /** Copy-on-write, for views of sections: {@code space.map(section, WRITECOPY)}. */
    public static final Protection WRITECOPY = Protection.WRITECOPY;

    /** First in, first out. */
    public static final Policy FIFO = Policy.FIFO;
    /** Least recently used. */
    public static final Policy LRU = Policy.LRU;
    /** Second chance: a reference bit per frame and a sweeping hand. */
    public static final Policy CLOCK = Policy.CLOCK;
    /** Not recently used: R/M classes, seeded tie-break. */
    public static final Policy NRU = Policy.NRU;
    /** A random victim, from a fixed seed. */
    public static final Policy RANDOM = Policy.RANDOM;
    /** Belady's optimal policy: evicts the page used farthest in the future (needs the whole trace). */
    public static final Policy OPT = Policy.OPT;
    /** Adaptive replacement cache. */
    public static final Policy ARC = Policy.ARC;

    /** RANDOM replacement with another seed. */
    public static Policy random(long seed) {
        return Policy.random(seed);
    }

    /** A trace of page numbers (none negative): {@code trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5)}. */
    public static PageTrace trace(long... pages) {
        if (pages == null) {
            throw new IllegalArgumentException("trace(pages): the pages are missing (null)");
        }
        for (int i = 0; i < pages.length; i++) {
            if (pages[i] < 0) {
                throw new IllegalArgumentException("trace(pages): page " + pages[i] + " at position " + i
                        + " is negative; page numbers start at 0");
            }
        }
        return PageTrace.of(pages);
    }

    /**
     * A trace file, its format detected: page numbers, {@code R|W|X 0xADDR} lines, Valgrind lackey output or
     * PageLab's binary form (gzip too). The file is read as it is replayed, never all at once.
     */
    public static TraceFile trace(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("trace(file): the file is missing (null)");
        }
        try {
            return Traces.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the trace " + file + ": " + e.getMessage(), e);
        }
    }

    /** A trace file by name; see {@link #trace(Path)}. */
    public static TraceFile trace(String file) {
        if (file == null) {
            throw new IllegalArgumentException("trace(file): the file name is missing (null)");
        }
        return trace(Path.of(file));
    }

    /** Step-by-step replays of one reference string side by side: their totals, then each frame table. */
    public static StepsComparison compare(ReplaySteps... replays) {
        return StepsComparison.of(replays);
    }

    /** A fresh address space on a fresh default machine (Windows x64: 4 KiB pages, 64 KiB granularity). */
    public static AddressSpace space() {
        return machine().space();
    }

    /**
     * A fresh address space on a freshly booted {@code machine}; for spaces that share memory, boot once:
     * {@code var c = machine.boot(); c.space(); c.space();}.
     */
    public static AddressSpace space(Machine machine) {
        return machine.space();
    }

    /** A default machine to configure: {@code machine().pageSize(kb(64)).space()}. */
    public static Machine machine() {
        return Machine.standard();
    }

    /** {@code n} bytes. */
    public static Size bytes(long n) {
        return Size.bytes(n);
    }

    /** {@code n} KiB. */
    public static Size kb(long n) {
        return Size.scaled(n, 1L << 10, "KiB");
    }

    /** {@code n} MiB. */
    public static Size mb(long n) {
        return Size.scaled(n, 1L << 20, "MiB");
    }

    /** {@code n} GiB. */
    public static Size gb(long n) {
        return Size.scaled(n, 1L << 30, "GiB");
    }

    /** {@code n} TiB. */
    public static Size tb(long n) {
        return Size.scaled(n, 1L << 40, "TiB");
    }

    /** A size of {@code n} pages, of whatever size the space uses: {@code s.allocate(sizeInPages(5))}. */
    public static Size sizeInPages(long n) {
        return Size.pages(n);
    }

    /** An address written the way the maps print it: {@code hex(0x10000)} is {@code "0x1_0000"}. */
    public static String hex(long address) {
        return dev.pagelab.engine.Hex.address(address);
    }
}
