package dev.pagelab.render;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.SpaceView;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.PageInfo;

import java.util.List;

/**
 * A linear stretch {@code [from, to)} of an address space folded into pixel columns: for each column, how much
 * of it is in each {@link Category}, whether a guard page is in it, and how many of its committed pages are
 * resident, dirty or in the page file. The scan walks VirtualQuery runs, so its cost grows with the number of
 * runs and of committed pages, not with the size of the range; what it produces grows with the width only.
 *
 * <p>Layout: {@code share[c * K + k]} is the fraction of column {@code c} (0..1) in category {@code k}.
 */
final class Columns {
    private static final int K = Category.VALUES.length;

    final long from;
    final long to;
    final int count;
    final double bytesPerColumn;
    final double[] share;
    final boolean[] guard;
    final int[] committed;
    final int[] resident;
    final int[] dirty;
    final int[] inFile;
    long runs;

    private Columns(long from, long to, int count) {
        this.from = from;
        this.to = to;
        this.count = count;
        this.bytesPerColumn = (double) (to - from) / count;
        this.share = new double[count * K];
        this.guard = new boolean[count];
        this.committed = new int[count];
        this.resident = new int[count];
        this.dirty = new int[count];
        this.inFile = new int[count];
    }

    /** Scans {@code [from, to)} of {@code vm} into {@code count} columns; the range lies in the user range. */
    static Columns scan(SpaceView vm, List<SpaceView.Reservation> allocations, long from, long to, int count) {
        return scan(vm, allocations, from, to, count, to);
    }

    /**
     * Scans {@code [from, limit)} into {@code count} columns laid over {@code [from, to)}; columns past
     * {@code limit} stay empty (so a grid whose cells hold several pages can end inside its last cell).
     */
    static Columns scan(SpaceView vm, List<SpaceView.Reservation> allocations, long from, long to, int count, long limit) {
        Columns c = new Columns(from, to, Math.max(1, count));
        long granularity = vm.layout().granularity();
        int pageSize = vm.layout().pageSize();
        long stop = Math.min(to, limit);
        long address = from;
        while (address < stop) {
            MemoryRegion r = vm.query(address);
            long end = Math.min(r.end(), stop);
            c.runs++;
            if (r.state() == MEM_FREE) {
                long tail = unusableEnd(allocations, address, granularity);
                if (tail > address) {
                    long cut = Math.min(tail, end);
                    c.add(address, cut, Category.UNUSABLE);
                    c.add(cut, end, Category.FREE);
                } else {
                    c.add(address, end, Category.FREE);
                }
            } else {
                c.add(address, end, Category.of(r.state(), r.protect()));
                if (r.state() == MEM_COMMIT) {
                    if ((r.protect() & PAGE_GUARD) != 0) {
                        c.markGuard(address, end);
                    }
                    for (long p = address; p < end; p += pageSize) {
                        c.page(p, p + pageSize, vm.page(p));
                    }
                }
            }
            address = end;
        }
        return c;
    }

    /**
     * Where the unusable stretch starting at free {@code address} ends: the next granule boundary when the
     * reservation below ends inside the same granule, else {@code address} itself.
     */
    private static long unusableEnd(List<SpaceView.Reservation> allocations, long address, long granularity) {
        long granule = address & -granularity;
        if (granule == address) {
            return address;
        }
        int lo = 0;
        int hi = allocations.size() - 1;
        SpaceView.Reservation below = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            SpaceView.Reservation a = allocations.get(mid);
            if (a.base() < address) {
                below = a;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return below != null && below.end() > granule ? granule + granularity : address;
    }

    private void add(long a, long b, Category category) {
        if (b <= a) {
            return;
        }
        double x0 = (a - from) / bytesPerColumn;
        double x1 = (b - from) / bytesPerColumn;
        int c0 = Math.min(count - 1, (int) Math.floor(x0));
        int c1 = Math.min(count - 1, (int) Math.ceil(x1) - 1);
        for (int c = c0; c <= c1; c++) {
            double overlap = Math.min(x1, c + 1) - Math.max(x0, c);
            if (overlap > 0) {
                share[c * K + category.ordinal()] += overlap;
            }
        }
    }

    private void markGuard(long a, long b) {
        int c0 = column(a);
        int c1 = column(b - 1);
        for (int c = c0; c <= c1; c++) {
            guard[c] = true;
        }
    }

    /** Counts a committed page in every column it overlaps (one, unless the map is zoomed in past a page per pixel). */
    private void page(long address, long end, PageInfo info) {
        int last = column(Math.min(end, to) - 1);
        for (int c = column(address); c <= last; c++) {
            committed[c]++;
            if (info.resident()) {
                resident[c]++;
            } else if (info.inPageFile()) {
                inFile[c]++;
            }
            if (info.dirty()) {
                dirty[c]++;
            }
        }
    }

    int column(long address) {
        int c = (int) ((address - from) / bytesPerColumn);
        return Math.max(0, Math.min(count - 1, c));
    }

    /**
     * The category a column shows: when any committed page is in it, the committed category with the largest
     * share; else reserved, unusable or free, the first present in that order. A sliver of state thus stays
     * visible at any zoom.
     */
    Category category(int c) {
        Category best = null;
        double most = 0;
        for (int k = Category.NOACCESS.ordinal(); k < K; k++) {
            double v = share[c * K + k];
            if (v > most + 1e-12) {
                most = v;
                best = Category.VALUES[k];
            }
        }
        if (best != null) {
            return best;
        }
        for (int k = Category.RESERVED.ordinal(); k > 0; k--) {
            if (share[c * K + k] > 1e-12) {
                return Category.VALUES[k];
            }
        }
        return Category.FREE;
    }

    /** The fraction of column {@code c} in {@code category}. */
    double share(int c, Category category) {
        return share[c * K + category.ordinal()];
    }

    /** The first address of column {@code c}. */
    long start(int c) {
        return from + (long) Math.floor(c * bytesPerColumn);
    }

    /** The first address past column {@code c}. */
    long end(int c) {
        return c == count - 1 ? to : from + (long) Math.floor((c + 1) * bytesPerColumn);
    }
}
